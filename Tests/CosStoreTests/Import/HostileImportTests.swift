import Foundation
import XCTest

@testable import CosStore

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 12, the import's side: data files that are not regular files (8), signals inside one endless
/// record (8), sums that overflow named by file, line, organization and currency (9), NUL bytes (10)
/// and timestamps that land outside the years 0001..9999 in UTC (12). Each with its exact message.
final class HostileImportTests: ImportTestCase {
    static let max = "9223372036854.775807"

    // MARK: 8. Data files must be regular files

    func testADeviceAmongTheDataFilesIsRefused() throws {
        let directory = try TestData.write(self)
        let path = directory + "/usage_events.csv"
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/null")
        XCTAssertThrowsError(try Importer(directory: directory, destination: directory + "/s.cos").run()) { error in
            XCTAssertEqual(
                "\(error)", "usage_events.csv: is a character device, not a regular file: data files must be regular files")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/s.cos"))
    }

    func testAFIFOAmongTheDataFilesIsRefusedWithoutWaitingForAWriter() throws {
        let directory = try TestData.write(self)
        for name in ["charge_tickets.csv", "manifest.json"] {
            let path = directory + "/" + name
            try FileManager.default.removeItem(atPath: path)
            XCTAssertEqual(mkfifo(path, 0o600), 0)
        }
        // Nobody ever opens the FIFOs for writing: a blocking open would hang here for ever.
        XCTAssertThrowsError(try Importer(directory: directory, destination: directory + "/s.cos").run()) { error in
            XCTAssertEqual(
                (error as? ImportError)?.lines,
                [
                    "manifest.json: is a FIFO (named pipe), not a regular file: data files must be regular files",
                    "charge_tickets.csv: is a FIFO (named pipe), not a regular file: data files must be regular files",
                ])
        }
    }

    func testASymbolicLinkToARegularFileIsFine() throws {
        let directory = try TestData.write(self)
        let elsewhere = try TestData.temporaryDirectory(self) + "/types.csv"
        try FileManager.default.moveItem(atPath: directory + "/object_types.csv", toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: directory + "/object_types.csv", withDestinationPath: elsewhere)
        _ = try Importer(directory: directory, destination: directory + "/s.cos").run()
    }

    /// A record that never ends (no line break in a huge file) is read chunk by chunk, and each chunk
    /// checks for a signal: the import stops although no row is ever finished.
    func testASignalStopsTheReaderInsideOneEndlessRecord() throws {
        let path = try TestData.temporaryDirectory(self) + "/endless.csv"
        try Data(repeating: UInt8(ascii: "x"), count: 4096).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path, fileName: "endless.csv", chunkSize: 16)
        ImportSignals.caught.store(SIGTERM, ordering: .sequentiallyConsistent)
        defer { ImportSignals.caught.store(0, ordering: .sequentiallyConsistent) }
        XCTAssertThrowsError(try reader.readHeader()) { error in
            XCTAssertEqual((error as? ImportError)?.kind, .interrupted(signal: SIGTERM), "\(error)")
        }
    }

    func testTheSignalOfAnInterruptedImportIsForgottenAfterIt() throws {
        let directory = try TestData.write(self)
        XCTAssertThrowsError(
            try Importer(directory: directory, destination: directory + "/s.cos") { _ in raise(SIGINT) }.run())
        XCTAssertEqual(ImportSignals.caught.load(ordering: .sequentiallyConsistent), 0)
        let reader = try CSVReader(path: directory + "/object_types.csv", fileName: "object_types.csv")
        XCTAssertEqual(try reader.readHeader(), ["id", "name"])
    }

    // MARK: 9. Overflowing sums name their place

    /// T1 and T6 fall in one rollup group (ORG-1, SEK, 2025-01, C1, P1, O1's type and profile,
    /// invoiced): 1000.25 + 9223372036854.775807 is past the limit at T6, line 7.
    func testAnAmountSumThatOverflowsNamesFileLineOrganizationAndCurrency() throws {
        let lines = try problems(
            TestData.appending("charge_tickets.csv", "T6,C1,O1,P1,2025-01-05,2025-01-31,1,,\(Self.max),I1"))
        XCTAssertEqual(
            lines,
            [
                "charge_tickets.csv:7: column amount: value \"\(Self.max)\": the amounts of organization \"ORG-1\" "
                    + "in SEK in 2025-01 add up to more than cos can hold exactly (a sum's limit is \(Self.max))"
            ])
    }

    /// Two products on one object in one month: only the object's month (object_month) overflows, and
    /// its place is named from that table's key (month, then object and currency).
    func testAnObjectMonthSumThatOverflowsNamesItsCurrencyAndMonth() throws {
        let lines = try problems(
            TestData.appending("charge_tickets.csv", "T6,C1,O1,P2,2025-01-05,2025-01-31,1,,\(Self.max),I1"))
        XCTAssertEqual(
            lines,
            [
                "charge_tickets.csv:7: column amount: value \"\(Self.max)\": the amounts of organization \"ORG-1\" "
                    + "in SEK in 2025-01 add up to more than cos can hold exactly (a sum's limit is \(Self.max))"
            ])
    }

    func testANegativeSumThatOverflowsIsNamedToo() throws {
        let tickets = (TestData.valid["charge_tickets.csv"] ?? "").replacingOccurrences(
            of: "T1,C1,O1,P1,2025-01-01,2025-01-31,1,1000.25,1000.25,I1",
            with: "T1,C1,O1,P1,2025-01-01,2025-01-31,1,1000.25,-1000.25,I1")
        let changes = ["charge_tickets.csv": tickets + "T6,C1,O1,P1,2025-01-05,2025-01-31,1,,-\(Self.max),I1\n"]
        XCTAssertEqual(
            try problems(changes),
            [
                "charge_tickets.csv:7: column amount: value \"-\(Self.max)\": the amounts of organization \"ORG-1\" "
                    + "in SEK in 2025-01 add up to more than cos can hold exactly (a sum's limit is \(Self.max))"
            ])
    }

    func testAQuantitySumThatOverflowsNamesItsProduct() throws {
        XCTAssertEqual(
            try problems(TestData.appending("charge_tickets.csv", "T6,C1,O1,P1,2025-01-05,2025-01-31,\(Self.max),,1,I1")),
            [
                "charge_tickets.csv:7: column quantity: value \"\(Self.max)\": the quantities of organization \"ORG-1\" "
                    + "in SEK in 2025-01 for product \"P1\" add up to more than cos can hold exactly "
                    + "(a sum's limit is \(Self.max))"
            ])
    }

    /// E1 (2025-01-31T23:30:00-01:00) is in 2025-02 in UTC, as is E4.
    func testAUsageQuantitySumThatOverflowsNamesFileLineOrganizationAndMonth() throws {
        XCTAssertEqual(
            try problems(TestData.appending("usage_events.csv", "E4,O1,P1,2025-02-15T10:00:00Z,\(Self.max)")),
            [
                "usage_events.csv:5: column quantity: value \"\(Self.max)\": the usage quantities of organization "
                    + "\"ORG-1\" in 2025-02 add up to more than cos can hold exactly (a sum's limit is \(Self.max))"
            ])
    }

    func testSumsAtTheLimitLoad() throws {
        // T6 alone in its group (another month): exactly the limit is a sum the store holds.
        let db = try importStore(TestData.appending("charge_tickets.csv", "T6,C1,O1,P1,2025-04-05,2025-04-30,1,,\(Self.max),"))
        XCTAssertEqual(try int(db, "SELECT amount FROM ticket_rollup WHERE tickets = 1 AND amount > 0 ORDER BY amount DESC LIMIT 1"), Int64.max)
    }

    // MARK: 10. NUL bytes

    func testANULByteIsAContractErrorWithFileLineAndColumn() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("organizations.csv", line: 3, with: "ORG-2,Åkesson\u{0} & Söner AB,1002,ORG-1")),
            ["organizations.csv:3: column name: value \"Åkesson\\u{0} & Söner AB\": a NUL byte (\\0) is not allowed in a value"])
    }

    func testTwoIDsThatDifferOnlyAfterANULAreBothReported() throws {
        let lines = try problems(
            TestData.appending(
                "charge_tickets.csv",
                "T9\u{0}a,C1,O1,P1,2025-01-01,2025-01-31,1,,1,I1\nT9\u{0}b,C1,O1,P1,2025-01-01,2025-01-31,1,,1,I1"))
        XCTAssertEqual(
            lines,
            [
                "charge_tickets.csv:7: column id: value \"T9\\u{0}a\": a NUL byte (\\0) is not allowed in a value",
                "charge_tickets.csv:8: column id: value \"T9\\u{0}b\": a NUL byte (\\0) is not allowed in a value",
            ])
    }

    func testANULInsideAQuotedLineBreakNamesItsOwnLine() throws {
        XCTAssertEqual(
            try problems(TestData.appending("product_categories.csv", "CAT-X,\"first line\nsecond\u{0}line\"")),
            [
                "product_categories.csv:5: column name: value \"first line\\nsecond\\u{0}line\": "
                    + "a NUL byte (\\0) is not allowed in a value"
            ])
    }

    func testANULInTheHeaderNamesTheColumnByPosition() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("object_types.csv", line: 1, with: "id,na\u{0}me")),
            ["object_types.csv:1: column 2: value \"na\\u{0}me\": a NUL byte (\\0) is not allowed in a value"])
    }

    /// Fuzz finding (csv 1): the NUL message named its column by the header's text as it was, control
    /// characters and all. It is escaped like a value.
    func testANULInAColumnWhoseNameHoldsControlCharactersNamesItEscaped() throws {
        XCTAssertEqual(
            try problems(["object_types.csv": "id,name,par\u{1E}\u{1B}\nT-VM,Virtual server,a\u{0}b\nT-MOB,Mobile,\n"]),
            ["object_types.csv:2: column par\\u{1e}\\u{1b}: value \"a\\u{0}b\": a NUL byte (\\0) is not allowed in a value"])
    }

    func testANULInALaterChunkIsFound() throws {
        let path = try TestData.temporaryDirectory(self) + "/x.csv"
        let text = "id,name\n" + (1...200).map { "K\($0),name \($0)" }.joined(separator: "\n") + "\nK201,bad\u{0}\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path, fileName: "x.csv", chunkSize: 64)
        try reader.readHeader()
        var problems: [CSVProblem] = []
        while try reader.next() { if let problem = reader.record.problem { problems.append(problem) } }
        XCTAssertEqual(
            problems, [CSVProblem(line: 202, message: "column name: value \"bad\\u{0}\": a NUL byte (\\0) is not allowed in a value")])
    }

    // MARK: 12. Timestamps outside 0001..9999 in UTC

    func testATimestampThatLandsInTheYear10000InUTCIsRefused() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("usage_events.csv", line: 2, with: "E1,O1,P1,9999-12-31T23:30:00-01:00,1.5")),
            [
                "usage_events.csv:2: column occurred_at: value \"9999-12-31T23:30:00-01:00\": in UTC this is "
                    + "10000-01-01T00:30:00Z, outside the years 0001 to 9999"
            ])
    }

    func testATimestampThatLandsInTheYear0InUTCIsRefused() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("usage_events.csv", line: 3, with: "E2,O1,P1,0001-01-01T00:30:00+01:00,2")),
            [
                "usage_events.csv:3: column occurred_at: value \"0001-01-01T00:30:00+01:00\": in UTC this is "
                    + "0000-12-31T23:30:00Z, outside the years 0001 to 9999"
            ])
    }

    func testTimestampsAtTheEdgesOfTheRangeLoad() throws {
        var changes = TestData.replacing("usage_events.csv", line: 2, with: "E1,O1,P1,9999-12-31T23:59:59Z,1.5")
        changes["usage_events.csv"] = (changes["usage_events.csv"] ?? "")?.replacingOccurrences(
            of: "2025-02-01T00:30:00+01:00", with: "0001-01-01T00:30:00-01:00")
        let db = try importStore(changes)
        // In UTC: 9999-12 (month 9999 * 12 + 11), 0001-01 (month 12) and E3's 2025-02.
        XCTAssertEqual(
            try db.rows("SELECT month FROM object_usage ORDER BY month") { $0.int(0) },
            [12, 2025 * 12 + 1, 9999 * 12 + 11])
    }
}
