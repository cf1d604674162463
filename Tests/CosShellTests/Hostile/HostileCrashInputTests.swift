import Foundation
import XCTest

/// Issue 12, the crashes, through the real executable over the sample data: a far-past as-of date
/// (1) and an amount the contract allows (2).
final class HostileCrashInputTests: HostileTestCase {
    func testAFarPastAsOfWithLast14IsAClearError() throws {
        let run = try cos([SampleStore.sampleData, "--as-of", "0001-01-01", "--period", "last 14", "-c", "open id:ORG-0001"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(
            run.stderr,
            "cos: --period: last 14 would start before 0001-01, the first month a date can have: from the as-of month "
                + "0001-01 it can go back at most 1 month\ntry cos --help\n")
    }

    func testAFarPastAsOfWithTheDefaultPeriodIsAClearError() throws {
        let run = try cos([SampleStore.sampleData, "--as-of", "0001-01-01", "-c", "open id:ORG-0001"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(
            run.stderr,
            "cos: --as-of 0001-01-01: the default period, the 12 months to 0001-01, would start before 0001-01, the "
                + "first month a date can have; give a period too (--period 0001-01..0001-01)\ntry cos --help\n")
    }

    /// At the prompt's commands: the same refusals, the shell goes on, and no output ever names the
    /// impossible month 0000-00 (nor any month of the year 0).
    func testThePeriodCommandsStayInsideTheYears() throws {
        let script = [
            "open id:ORG-0001", "as-of 0001-01-01", "period 0001-01..0001-03", "as-of 0001-01-01", "period last 2",
            "period", "show", "tickets", "summary", "trend", "cards", "tree", "period default", "period 9999-12",
            "as-of 9999-12-31", "period default", "show", "period last 1200",
        ].joined(separator: "\n")
        for format in ["table", "json", "markdown", "csv"] {
            let run = try cos([SampleStore.sampleData, "--format", format, "--keep-going"], input: Data(script.utf8))
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertFalse(run.stdout.contains("0000-"), format)
            XCTAssertFalse(run.stderr.contains("Fatal") || run.stderr.contains("Swift runtime failure"), run.stderr)
            XCTAssertEqual(
                run.stderr,
                "<stdin>:2:7: as-of 0001-01-01: the default period, the 12 months to 0001-01, would start before "
                    + "0001-01, the first month a date can have; set a period first (period 0001-01..0001-01)\n"
                    + "<stdin>:5:8: period: last 2 would start before 0001-01, the first month a date can have: from the "
                    + "as-of month 0001-01 it can go back at most 1 month\n"
                    + "<stdin>:13:8: period default: the default period, the 12 months to 0001-01, would start before "
                    + "0001-01, the first month a date can have; keep a period inside 0001-01..9999-12\n",
                format)
        }
    }

    /// The case: one final invoice of -9223372036854.775807 in the previous period made `open`
    /// die on the percent change. The change is now (156555.94 + 9223372036854.775807) / ... = +100.0%.
    func testTheLargestNegativeInvoiceDoesNotCrashTheView() throws {
        let export = try sampleCopy()
        // INV-2025-000004 of ORG-0001 (final, 2025-01-31) falls in the previous period of the default.
        try setInvoiceTotal(export, "INV-2025-000004", "-9223372036854.775807")
        let run = try cos([export, "--period", "2025-11..2026-10", "--format", "json", "-c", "open id:ORG-0001"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("\"change_percent\":\"100\""), run.stdout)
    }

    func testASumTooLargeToAddUpIsOneClearMessage() throws {
        let export = try sampleCopy()
        // Two final invoices of ORG-0001 in the period, each of the largest total.
        try setInvoiceTotal(export, "INV-2026-000016", "9223372036854.775807")
        try setInvoiceTotal(export, "INV-2026-000017", "9223372036854.775807")
        let run = try cos([export, "-c", "open id:ORG-0001"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(
            run.stderr,
            "-c:1: open: a sum in this view (more than 9223372036854.775807 in size) is too large to add up exactly\n")
    }

    /// Sets the `total_amount` (the last column) of the invoice numbered `number` in an export copy.
    func setInvoiceTotal(_ export: String, _ number: String, _ total: String) throws {
        let path = export + "/invoices.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var found = false
        let lines = text.components(separatedBy: "\n").map { line -> String in
            guard line.contains("," + number + ",") else { return line }
            found = true
            var fields = line.components(separatedBy: ",")
            fields[fields.count - 1] = total
            return fields.joined(separator: ",")
        }
        XCTAssertTrue(found, number)
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
    }
}
