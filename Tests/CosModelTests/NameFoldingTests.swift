import CosModel
import XCTest

/// The fast path of name keys gives exactly what `TextFolding.fold` gives.
final class NameFoldingTests: XCTestCase {
    /// Character by character over ASCII, Latin-1 and Latin Extended-A (which takes the fallback).
    func testAgreesWithTextFolding() {
        for value in UInt32(0x20)...UInt32(0x17F) {
            guard let scalar = Unicode.Scalar(value), value < 0x7F || value >= 0xA0 else { continue }
            let text = "X" + String(Character(scalar)) + "y"
            XCTAssertEqual(NameFolding.fold(text), TextFolding.fold(text), "U+\(String(value, radix: 16))")
        }
    }

    func testNamesAndFallback() {
        XCTAssertEqual(NameFolding.fold("Åkesson & Söner AB"), "akesson & soner ab")
        XCTAssertEqual(NameFolding.fold("Œuvre Łódź"), TextFolding.fold("Œuvre Łódź"))
        XCTAssertEqual(NameFolding.fold("e\u{301}te\u{301}"), TextFolding.fold("e\u{301}te\u{301}"), "combining accents")
    }

    /// The byte form appends to what is already there, also when it falls back.
    func testBytesAppend() {
        var output = Array("key:".utf8)
        var name = "Łódź AB"
        name.withUTF8 { NameFolding.fold($0, into: &output) }
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "key:" + TextFolding.fold("Łódź AB"))
    }
}
