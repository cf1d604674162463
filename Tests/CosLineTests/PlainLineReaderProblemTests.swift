import Foundation
import XCTest

@testable import CosLine

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 12, point 7: a line that is not UTF-8 or is past the length limit is flagged on its own line
/// (the shell reports it with its number); a line past the limit is never held whole.
final class PlainLineReaderProblemTests: XCTestCase {
    func reader(_ bytes: [UInt8], limit: Int = Int.max) throws -> PlainLineReader {
        let path = NSTemporaryDirectory() + "cos-line-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        let reader = try PlainLineReader(path: path)
        reader.maximumLineBytes = limit
        return reader
    }

    func testABadLineIsFlaggedWithItsOffsetAndTheNextIsNot() throws {
        let r = try reader(Array("ok\n".utf8) + [0x61, 0xC3, 0x28, 0x0A] + Array("Åke\n".utf8))
        XCTAssertEqual(r.readLine(prompt: ""), .line("ok"))
        XCTAssertNil(r.lastLineProblem)
        XCTAssertEqual(r.readLine(prompt: ""), .line("a\u{FFFD}("))
        XCTAssertEqual(r.lastLineProblem, .invalidUTF8(offset: 1))
        XCTAssertEqual(r.lineNumber, 2)
        XCTAssertEqual(r.readLine(prompt: ""), .line("Åke"))
        XCTAssertNil(r.lastLineProblem)
    }

    func testALongLineIsCutAtTheLimitAndFlagged() throws {
        let long = [UInt8](repeating: 0x78, count: 300_000)
        let r = try reader(long + [0x0A] + Array("next\n".utf8), limit: 1000)
        guard case .line(let text) = r.readLine(prompt: "") else { return XCTFail("no line") }
        XCTAssertEqual(text.utf8.count, 1000)
        XCTAssertEqual(r.lastLineProblem, .tooLong(bytes: 300_000))
        XCTAssertEqual(r.readLine(prompt: ""), .line("next"))
        XCTAssertNil(r.lastLineProblem)
        XCTAssertEqual(r.lineNumber, 2)
        XCTAssertEqual(r.readLine(prompt: ""), .endOfFile)
    }

    func testALineAtTheLimitIsFine() throws {
        let r = try reader([UInt8](repeating: 0x79, count: 1000) + [0x0D, 0x0A], limit: 1000)
        XCTAssertEqual(r.readLine(prompt: ""), .line(String(repeating: "y", count: 1000)))
        XCTAssertNil(r.lastLineProblem)
    }
}
