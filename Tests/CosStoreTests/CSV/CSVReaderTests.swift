import Foundation
import XCTest

@testable import CosStore

final class CSVReaderTests: XCTestCase {
    /// Writes bytes to a file and reads it whole: the header, then each record as (line, fields) or
    /// (line, problem).
    private func read(_ bytes: [UInt8], chunkSize: Int = 1 << 20) throws -> (header: [String], records: [String]) {
        let directory = try TestData.temporaryDirectory(self)
        let path = directory + "/t.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path, fileName: "t.csv", chunkSize: chunkSize)
        let header = try reader.readHeader()
        var records: [String] = []
        while try reader.next() {
            if let problem = reader.record.problem {
                records.append("\(problem.line): \(problem.message)")
            } else {
                records.append("\(reader.record.line): " + (0..<reader.record.count).map { "[" + reader.record.string($0) + "]" }.joined())
            }
        }
        return (header, records)
    }

    private func read(_ text: String, chunkSize: Int = 1 << 20) throws -> (header: [String], records: [String]) {
        try read(Array(text.utf8), chunkSize: chunkSize)
    }

    func testPlainLF() throws {
        let result = try read("a,b\n1,2\n3,4\n")
        XCTAssertEqual(result.header, ["a", "b"])
        XCTAssertEqual(result.records, ["2: [1][2]", "3: [3][4]"])
    }

    func testCRLFAndNoFinalLineEnd() throws {
        let result = try read("a,b\r\n1,2\r\n3,4")
        XCTAssertEqual(result.records, ["2: [1][2]", "3: [3][4]"])
    }

    func testByteOrderMark() throws {
        let result = try read([0xEF, 0xBB, 0xBF] + Array("Id,Name\n1,x\n".utf8))
        XCTAssertEqual(result.header, ["id", "name"])
        XCTAssertEqual(result.records, ["2: [1][x]"])
    }

    func testHeaderNamesAreTrimmedAndLowerCased() throws {
        let result = try read(" ID , Organization_Id\n1,2\n")
        XCTAssertEqual(result.header, ["id", "organization_id"])
    }

    func testQuotingCommasQuotesAndLineBreaks() throws {
        let result = try read("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"crlf\r\nkept\"\n5,\"\"\n")
        XCTAssertEqual(result.records, ["2: [x, y][say \"hi\"]", "3: [two\nlines][crlf\r\nkept]", "6: [5][]"])
    }

    func testQuotedLineBreakMovesLaterLines() throws {
        let result = try read("a\n\"1\n2\n3\"\nnext\n")
        XCTAssertEqual(result.records, ["2: [1\n2\n3]", "5: [next]"])
    }

    func testBlankLinesAreSkipped() throws {
        let result = try read("a,b\n\n1,2\r\n\r\n3,4\n\n")
        XCTAssertEqual(result.records, ["3: [1][2]", "5: [3][4]"])
    }

    func testQuoteInsideUnquotedFieldIsOrdinary() throws {
        let result = try read("a,b\nab\"c,d\n")
        XCTAssertEqual(result.records, ["2: [ab\"c][d]"])
    }

    func testRaggedRows() throws {
        let result = try read("a,b,c\n1,2\n1,2,3,4\n1,2,3\n")
        XCTAssertEqual(
            result.records,
            ["2: the row has 2 fields, the header has 3", "3: the row has 4 fields, the header has 3", "4: [1][2][3]"])
    }

    func testTextAfterClosingQuote() throws {
        let result = try read("a,b\n\"x\"y,2\n3,4\n")
        XCTAssertEqual(
            result.records,
            ["2: text after a closing quote (a quote inside a quoted field is written \"\")", "3: [3][4]"])
    }

    /// The record starts on line 2; its quoted field closes on line 4, where text follows the quote.
    func testTextAfterAClosingQuoteOnALaterLineNamesTheRecordsFirstLine() throws {
        let result = try read("a,b\n1,\"two\nthree\nfour\"x\n5,6\n")
        XCTAssertEqual(
            result.records,
            ["2: text after a closing quote (a quote inside a quoted field is written \"\")", "5: [5][6]"])
        for size in 1...5 { XCTAssertEqual(try read("a,b\n1,\"two\nthree\nfour\"x\n5,6\n", chunkSize: size).records, result.records) }
    }

    /// `columns`: only those may not repeat; other names may (the contract ignores them).
    func testOnlyTheNamedColumnsMayNotRepeat() throws {
        let directory = try TestData.temporaryDirectory(self)
        let path = directory + "/t.csv"
        try Data("id,notes,Notes,name\n1,a,b,c\n".utf8).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path, fileName: "t.csv")
        XCTAssertEqual(try reader.readHeader(columns: ["id", "name"]), ["id", "notes", "notes", "name"])
        XCTAssertEqual(reader.columnIndex("name"), 3)
        let again = try CSVReader(path: path, fileName: "t.csv")
        XCTAssertThrowsError(try again.readHeader(columns: ["id", "notes"])) { error in
            XCTAssertEqual("\(error)", "t.csv:1: the header names column \"notes\" twice")
        }
    }

    func testUnterminatedQuoteNamesTheLineWhereTheFieldStarts() throws {
        let result = try read("a,b\n1,2\n3,\"open\nmore\nstill\n")
        XCTAssertEqual(
            result.records,
            ["2: [1][2]", "3: unterminated quote: the quoted field that starts on this line never ends"])
    }

    func testInvalidUTF8NamesItsLine() throws {
        let bytes = Array("a,b\n1,2\n\"x\n".utf8) + [0xC3, 0x28] + Array("\",3\nok,4\n".utf8)
        let result = try read(bytes)
        XCTAssertEqual(result.records, ["2: [1][2]", "4: invalid UTF-8", "5: [ok][4]"])
    }

    func testValidMultibyteUTF8() throws {
        let result = try read("name\nÅkesson & Söner 😀\n")
        XCTAssertEqual(result.records, ["2: [Åkesson & Söner 😀]"])
    }

    func testOverlongAndSurrogateEncodingsAreInvalid() throws {
        XCTAssertEqual(try read(Array("a\n".utf8) + [0xC0, 0xAF, 10]).records, ["2: invalid UTF-8"])
        XCTAssertEqual(try read(Array("a\n".utf8) + [0xED, 0xA0, 0x80, 10]).records, ["2: invalid UTF-8"])
        XCTAssertEqual(try read(Array("a\n".utf8) + [0xFF, 10]).records, ["2: invalid UTF-8"])
    }

    /// Tiny chunks put every state change on a chunk boundary.
    func testChunkBoundariesDoNotMatter() throws {
        let text = "\u{FEFF}a,b\r\n\"x,\"\"y\"\"\r\nz\",2\r\n\r\n3,\"\"\r\nlast,\"q\""
        let whole = try read(text)
        for size in 1...7 {
            XCTAssertEqual(try read(text, chunkSize: size).records, whole.records, "chunk size \(size)")
        }
        XCTAssertEqual(whole.records, ["2: [x,\"y\"\r\nz][2]", "5: [3][]", "6: [last][q]"])
    }

    /// A huge record is reported, not held whole; an unterminated quote in a large file still names
    /// the line where it opened.
    func testOverlongRecords() throws {
        let big = String(repeating: "x", count: CSVRecord.maximumBytes + 10)
        XCTAssertEqual(
            try read("a,b\n1,\(big)\n2,3\n").records,
            ["2: the row is longer than 16 MB (a quote that is never closed?)", "3: [2][3]"])
        XCTAssertEqual(
            try read("a,b\n1,2\n3,\"\(big)\n").records,
            ["2: [1][2]", "3: unterminated quote: the quoted field that starts on this line never ends"])
    }

    func testMissingFile() {
        XCTAssertThrowsError(try CSVReader(path: "/nonexistent/x.csv", fileName: "x.csv")) { error in
            XCTAssertEqual("\(error)", "x.csv: the file is missing")
        }
    }

    func testEmptyFile() throws {
        for content in ["", "\u{FEFF}", "\n\n"] {
            XCTAssertThrowsError(try read(content)) { error in
                XCTAssertEqual("\(error)", "t.csv:1: the file is empty: there is no header row")
            }
        }
    }

    func testDuplicatedHeader() throws {
        XCTAssertThrowsError(try read("id,name, ID \n")) { error in
            XCTAssertEqual("\(error)", "t.csv:1: the header names column \"id\" twice")
        }
    }

    func testUnnamedColumnsAreNotDuplicates() throws {
        let result = try read("id,name,,\n1,a,,\n")
        XCTAssertEqual(result.header, ["id", "name", "", ""])
        XCTAssertEqual(result.records, ["2: [1][a][][]"])
    }

    func testHeaderWithInvalidUTF8() throws {
        XCTAssertThrowsError(try read([0x61, 0xFE, 10])) { error in
            XCTAssertEqual("\(error)", "t.csv:1: invalid UTF-8")
        }
    }

    /// Random bytes never crash the reader.
    func testArbitraryBytesNeverCrash() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [34, 44, 10, 13, 0x61, 0xC3, 0xA5, 0xFF, 0xEF, 0xBB, 0xBF, 0]
        for _ in 0..<200 {
            let count = Int.random(in: 0..<60, using: &generator)
            let bytes = (0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            _ = try? read(bytes, chunkSize: Int.random(in: 1...8, using: &generator))
        }
    }
}
