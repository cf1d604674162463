import CosModel
import XCTest
@testable import CosCommand

final class NameKeyTests: XCTestCase {
    /// The fast path must give exactly what TextFolding gives, character by character.
    func testAgreesWithTextFoldingOnLatin1AndASCII() {
        for value in UInt32(0x20)...UInt32(0xFF) {
            guard let scalar = Unicode.Scalar(value), value < 0x7F || value >= 0xA0 else { continue }
            let text = "X" + String(Character(scalar)) + "y"
            XCTAssertEqual(NameKey.of(text), TextFolding.fold(text), "U+\(String(value, radix: 16))")
        }
    }

    func testNamesAndFallback() {
        XCTAssertEqual(NameKey.of("Åkesson & Söner AB"), "akesson & soner ab")
        XCTAssertEqual(NameKey.of("Œuvre Łódź"), TextFolding.fold("Œuvre Łódź"))
        XCTAssertEqual(NameKey.of("e\u{301}te\u{301}"), TextFolding.fold("e\u{301}te\u{301}"), "combining accents")
    }
}
