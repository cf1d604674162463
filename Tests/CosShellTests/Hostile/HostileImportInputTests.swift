import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 12, the import's points, each built from the sample data in a temporary directory and run
/// through the real executable: a FIFO or a device among the data files (8), signals at every stage
/// (8), an overflowing sum (9), a NUL byte (10) and a timestamp past the year 9999 in UTC (12).
final class HostileImportInputTests: HostileTestCase {
    func testAFIFOAmongTheDataFilesIsRefusedAtOnce() throws {
        let export = try sampleCopy()
        try FileManager.default.removeItem(atPath: export + "/charge_tickets.csv")
        XCTAssertEqual(mkfifo(export + "/charge_tickets.csv", 0o600), 0)
        let run = try cos(["import", export, "-o", directory + "/s.cos"], deadline: 20)
        XCTAssertFalse(run.hung, "the import waited for a writer of the FIFO")
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(
            run.stderr,
            "cos import: charge_tickets.csv: is a FIFO (named pipe), not a regular file: data files must be regular files\n")
        // Opening the directory (through the cache) says the same.
        let opened = try cos([export, "-c", "pwd"], deadline: 20)
        XCTAssertFalse(opened.hung)
        XCTAssertEqual(opened.status, 2)
        XCTAssertTrue(opened.stderr.contains("charge_tickets.csv: is a FIFO (named pipe)"), opened.stderr)
    }

    func testAnEndlessDeviceAmongTheDataFilesIsRefusedAtOnce() throws {
        let export = try sampleCopy()
        try FileManager.default.removeItem(atPath: export + "/usage_events.csv")
        try FileManager.default.createSymbolicLink(atPath: export + "/usage_events.csv", withDestinationPath: "/dev/zero")
        let run = try cos(["import", export, "-o", directory + "/s.cos"], deadline: 20)
        XCTAssertFalse(run.hung, "the import read /dev/zero for ever")
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(
            run.stderr,
            "cos import: usage_events.csv: is a character device, not a regular file: data files must be regular files\n")
    }

    /// A regular file of a terabyte (sparse: it takes no room) with no line break: one endless record.
    /// SIGTERM, SIGINT and SIGHUP each stop the import within seconds, nothing is written.
    func testSignalsStopTheImportInsideAnEndlessRecord() throws {
        let export = try sampleCopy()
        let path = export + "/charge_tickets.csv"
        try Data("id,contract_id,object_id,product_id,period_start,period_end,quantity,unit_price,amount,invoice_id\n1,".utf8)
            .write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(truncate(path, 1 << 40), 0)
        for signal in [SIGTERM, SIGINT, SIGHUP] {
            let store = directory + "/s.cos"
            let run = try cos(["import", export, "-o", store], deadline: 30) { process in
                usleep(1_500_000)
                kill(process.processIdentifier, signal)
            }
            XCTAssertFalse(run.hung, "signal \(signal) was not honoured")
            XCTAssertLessThan(run.seconds, 15)
            XCTAssertEqual(run.status, 2, run.stderr)
            let name = signal == SIGTERM ? "SIGTERM" : signal == SIGINT ? "SIGINT" : "SIGHUP"
            XCTAssertEqual(run.stderr, "cos import: import stopped by \(name): nothing was written\n")
            XCTAssertFalse(FileManager.default.fileExists(atPath: store))
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("cos-import") }, [])
        }
    }

    func testAnOverflowingTicketSumNamesFileLineOrganizationAndCurrency() throws {
        let export = try sampleCopy()
        // Ticket 1's twin (same contract, product, object, month, invoice) with the largest amount.
        let first = try line(export, "charge_tickets.csv", 2)
        var fields = first.components(separatedBy: ",")
        fields[0] = "twin"
        fields[8] = "9223372036854.775807"
        try append(export, "charge_tickets.csv", fields.joined(separator: ",") + "\n")
        let lines = try String(contentsOfFile: export + "/charge_tickets.csv", encoding: .utf8).split(separator: "\n").count
        let run = try cos(["import", export, "-o", directory + "/s.cos"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(
            run.stderr,
            "cos import: charge_tickets.csv:\(lines): column amount: value \"9223372036854.775807\": the amounts of "
                + "organization \"ORG-0001\" in SEK in 2026-06 add up to more than cos can hold exactly "
                + "(a sum's limit is 9223372036854.775807)\n")
    }

    func testANULByteIsAContractErrorWithFileLineAndColumn() throws {
        let export = try sampleCopy()
        try edit(export, "organizations.csv", replacing: "Müller GmbH", with: "Müller\u{0} GmbH")
        let run = try cos(["import", export, "-o", directory + "/s.cos"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(
            run.stderr,
            "cos import: organizations.csv:3: column name: value \"Müller\\u{0} GmbH\": a NUL byte (\\0) is not allowed in a value\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/s.cos"))
    }

    func testATimestampInTheYear10000InUTCIsRefusedWithItsLine() throws {
        let export = try sampleCopy()
        try edit(export, "usage_events.csv", replacing: "2024-11-19T00:01:14+01:00", with: "9999-12-31T23:30:00-01:00")
        let run = try cos(["import", export, "-o", directory + "/s.cos"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(
            run.stderr,
            "cos import: usage_events.csv:2: column occurred_at: value \"9999-12-31T23:30:00-01:00\": in UTC this is "
                + "10000-01-01T00:30:00Z, outside the years 0001 to 9999\n")
    }
}
