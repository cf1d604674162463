import CosPostgres
import Foundation
import XCTest

/// `COPY` in both formats against the server: every value comes back as it was written (integers at
/// their limits, NULLs, text with tabs, newlines, backslashes, quotes and characters outside ASCII,
/// values longer than the buffer), and a value that does not fit its column is refused.
final class CopyWriterTests: XCTestCase {
    static let texts = ["plain", "tab\there", "new\nline\r\n", "back\\slash \\N", "quote ' \" ", "Åkesson & Söner", "", "😀"]
        + [String(repeating: "long ", count: 30_000)]

    func roundTrip(binary: Bool) throws {
        let connection = try TestServer.admin()
        try connection.execute("BEGIN")
        defer { try? connection.execute("ROLLBACK") }
        try connection.execute("CREATE TEMP TABLE copy_test(n integer, b bigint, t text COLLATE \"C\", seq integer)")
        let writer = try CopyWriter(
            connection: connection, table: "copy_test", columns: ["n", "b", "t", "seq"], freeze: false,
            columnTypes: binary ? [.int4, .int8, .text, .int4] : nil, capacity: 4096)
        let integers: [(Int64, Int64)] = [(0, 0), (-1, 1), (Int64(Int32.max), .max), (Int64(Int32.min), .min), (42, -9_000_000_000_000)]
        var expected: [[String?]] = []
        var seq: Int64 = 0
        for (n, b) in integers {
            for text in Self.texts {
                try writer.integer(n)
                try writer.integer(b)
                try writer.text(text)
                try writer.integer(seq)
                try writer.endRow()
                expected.append([String(n), String(b), text, String(seq)])
                seq += 1
            }
        }
        try writer.null()
        try writer.null()
        try writer.null()
        try writer.integer(seq)
        try writer.endRow()
        expected.append([nil, nil, nil, String(seq)])
        try writer.finish()
        let rows = try connection.run("SELECT n::text, b::text, t, seq::text FROM copy_test ORDER BY copy_test.seq").allText
        XCTAssertEqual(rows.count, expected.count)
        for (row, want) in zip(rows, expected) where row != want {
            XCTFail("\(binary ? "binary" : "text"): \(row.map { $0?.prefix(40) }) instead of \(want.map { $0?.prefix(40) })")
            break
        }
    }

    func testTheBinaryFormatCarriesEveryValue() throws { try roundTrip(binary: true) }

    func testTheTextFormatCarriesEveryValue() throws { try roundTrip(binary: false) }

    func testAValueOutsideItsColumnIsRefused() throws {
        let connection = try TestServer.admin()
        try connection.execute("BEGIN")
        defer { try? connection.execute("ROLLBACK") }
        try connection.execute("CREATE TEMP TABLE copy_narrow(n integer, t text)")
        let writer = try CopyWriter(connection: connection, table: "copy_narrow", columns: ["n", "t"], freeze: false, columnTypes: [.int4, .text])
        XCTAssertThrowsError(try writer.integer(Int64(Int32.max) + 1)) { error in
            XCTAssertTrue("\(error)".contains("value 2147483648 of column n is out of range for type integer"), "\(error)")
        }
        writer.abort("test")
        try connection.execute("ROLLBACK")
        try connection.execute("BEGIN")
        try connection.execute("CREATE TEMP TABLE copy_narrow(n integer, t text)")
        let second = try CopyWriter(connection: connection, table: "copy_narrow", columns: ["n", "t"], freeze: false, columnTypes: [.int4, .text])
        XCTAssertThrowsError(try second.text("not a number")) { error in
            XCTAssertTrue("\(error)".contains("a text value for the integer column n"), "\(error)")
        }
        second.abort("test")
    }
}
