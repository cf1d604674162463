import Foundation
import XCTest

@testable import CosGenerate

/// The byte writer behind every file: numbers, dates and quoting, checked on a tiny buffer so that
/// flushing in the middle of a row is exercised too.
final class CSVOutputTests: XCTestCase {
    private func written(capacity: Int = 1 << 20, _ body: (CSVOutput) -> Void) throws -> String {
        let path = GeneratedExport.scratchDirectory("csv-output") + ".csv"
        let output = try CSVOutput(path: path, header: ["a", "b"], capacity: capacity)
        body(output)
        try output.finish()
        XCTAssertEqual(output.bytes, FileManager.default.contents(atPath: path)?.count)
        return String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    func testDecimalsKeepTheirDigitsExactly() throws {
        let text = try written { out in
            for (micros, minimum) in [(-1_500_000, 2), (0, 2), (0, 0), (4_200, 0), (12_000_000, 0), (-10_000, 2), (123_456_789, 2), (1, 0)] {
                out.decimal(micros: Int64(micros), minimumFractionDigits: minimum)
                out.comma()
            }
            out.endRow()
        }
        XCTAssertEqual(text, "a,b\n-1.50,0.00,0,0.0042,12,-0.01,123.456789,0.000001,\n")
    }

    func testFieldsAreQuotedOnlyWhenTheyMustBe() throws {
        let text = try written { out in
            out.field("plain Åkesson")
            out.comma()
            out.field("Nordic \"Cloud\", Ltd")
            out.endRow()
            out.field("two\nlines")
            out.comma()
            out.int(-42)
            out.comma()
            out.padded(7, width: 4)
            out.comma()
            out.date(2026, 3, 9)
            out.endRow()
        }
        XCTAssertEqual(text, "a,b\nplain Åkesson,\"Nordic \"\"Cloud\"\", Ltd\"\n\"two\nlines\",-42,0007,2026-03-09\n")
    }

    func testASmallBufferFlushesWithoutLosingBytes() throws {
        let long = String(repeating: "x", count: 100)
        let text = try written(capacity: 70_000) { out in
            for row in 0..<2_000 {
                out.int(row)
                out.comma()
                out.text(long)
                out.endRow()
            }
        }
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 2_001)
        XCTAssertEqual(lines[1_500], "1499," + long)
    }
}
