import CosRender
import Foundation
import XCTest

/// Issue 10, point 7, on the shipped sample data: the organization view of every sample organization
/// fits in 70 lines at 120 columns; each summary shows its largest groups and counts the rest, and
/// `show --full` (like JSON) has every group.
final class OrganizationOverviewTests: XCTestCase {
    static let organizations = (1...25).map { String(format: "ORG-%04d", $0) }

    func testEveryOrganizationFitsSeventyLinesAtOneHundredTwentyColumns() throws {
        var heights: [String: Int] = [:]
        for id in Self.organizations {
            let text = try ShellRun.last(["open id:\(id)"], width: 120)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            heights[id] = lines.count
            for line in lines { XCTAssertLessThanOrEqual(TextWidth.of(line), 120, "\(id): \(line)") }
        }
        for (id, height) in heights.sorted(by: { $0.key < $1.key }) {
            XCTAssertLessThanOrEqual(height, 70, "\(id) is \(height) lines at 120 columns")
        }
        // The largest organization used to take about 150 lines; it still shows every part of the view.
        let largest = try ShellRun.last(["open id:ORG-0014"], width: 120)
        for part in [
            "Total Invoicing · EUR", "Draft Invoices", "1,734.90 SEK · 1 invoice", "Sold Products", "Invoicing trend · SEK", "Usage events trend",
            "Object amount vs. charges · EUR", "Summary by product category · SEK", "Summary by object type · EUR",
            "Summary by object profile · SEK",
        ] {
            XCTAssertTrue(largest.contains(part), part)
        }
    }

    /// The shown groups and the "N more" line account for every group the JSON view has, per currency;
    /// the amount of the rest is what the JSON rows left out add up to.
    func testSummariesShowTheTopGroupsAndCountTheRest() throws {
        let text = try ShellRun.last(["open id:ORG-0014"], width: 120)
        let document = try ShellRun.json(try ShellRun.last(["open id:ORG-0014"], format: "json"))
        let lines = text.split(separator: "\n").map(String.init)
        for (table, title) in [
            ("by_category", "Summary by product category"), ("by_object_type", "Summary by object type"),
            ("by_object_profile", "Summary by object profile"),
        ] {
            let rows = try ShellRun.rows(document, table)
            for currency in ["EUR", "SEK"] {
                let groups = rows.filter { $0["currency"] as? String == currency }
                // Two currencies share six rows: three each.
                let shown = min(3, groups.count)
                let rest = groups.count - shown
                XCTAssertTrue(lines.contains { $0.contains("\(title) · \(currency)") }, "\(table) \(currency)")
                if rest > 0 {
                    // Exact decimals of the rows left out, added here.
                    let amounts = groups.suffix(rest).compactMap { $0["amount"] as? String }
                    let micros = amounts.map { amount -> Int64 in
                        let parts = amount.split(separator: ".", maxSplits: 1).map(String.init)
                        let negative = amount.hasPrefix("-")
                        let whole = Int64(parts[0].replacingOccurrences(of: "-", with: "")) ?? 0
                        var fraction = parts.count > 1 ? parts[1] : ""
                        while fraction.count < 6 { fraction += "0" }
                        let value = whole * 1_000_000 + (Int64(fraction) ?? 0)
                        return negative ? -value : value
                    }
                    let sum = micros.reduce(0, +)
                    let cents = (sum + (sum >= 0 ? 5_000 : -5_000)) / 10_000
                    let figure = String(format: "%@%@.%02lld", cents < 0 ? "-" : "", grouped(abs(cents) / 100), abs(cents) % 100)
                    let line = "... \(rest) more: \(figure) \(currency)"
                    XCTAssertTrue(lines.contains { $0.contains(line) && $0.contains("(show --full)") }, "\(table) \(currency): \(line)")
                }
            }
        }
    }

    func grouped(_ value: Int64) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return out
    }

    func testShowFullHasEveryGroup() throws {
        let document = try ShellRun.json(try ShellRun.last(["open id:ORG-0014"], format: "json"))
        let overview = try ShellRun.last(["open id:ORG-0014"], width: 120)
        let full = try ShellRun.last(["open id:ORG-0014", "show --full"], width: 120)
        XCTAssertGreaterThan(full.split(separator: "\n").count, 70)
        XCTAssertFalse(full.contains("(show --full)"), "nothing is left out")
        for row in try ShellRun.rows(document, "by_object_profile") {
            let name = try XCTUnwrap(row["object_profile"] as? String)
            XCTAssertTrue(full.contains(name), name)
        }
        // The overview leaves some of them out and says so.
        XCTAssertTrue(overview.contains("(show --full)"))
        XCTAssertFalse(overview.contains("Mobil 20 GB"), "a small group is counted, not shown")
        XCTAssertTrue(full.contains("Mobil 20 GB"))
        // Full-size charts: eight plot rows and the years under the months.
        XCTAssertTrue(full.contains("2025    2026"))
        XCTAssertFalse(overview.contains("2025    2026"))
    }
}

/// Issue 10, point 12: the start view is two compact tables and a hint, no chart repeating a table.
final class StartViewTests: XCTestCase {
    func testStartViewIsTwoCompactTablesAndAHint() throws {
        let fresh = try ShellRun.last(["show"], width: 120)
        XCTAssertTrue(fresh.contains("Recently opened: none yet"), fresh)
        let text = try ShellRun.last(["open id:ORG-0003", "open id:ORG-0002", "cd /"], width: 120)
        let lines = text.split(separator: "\n").map(String.init)
        // The hint names both ways in.
        XCTAssertTrue(lines.contains { $0.hasPrefix("open NAME") && $0.contains("find TEXT") }, text)
        // No bars and no boxes: tables with a rule under their heading.
        XCTAssertFalse(text.contains("█") || text.contains("│") || text.contains("┌"), text)
        let recent = try XCTUnwrap(lines.firstIndex(of: "Recently opened"))
        XCTAssertTrue(lines[recent + 1].hasPrefix("Organization"))
        XCTAssertTrue(lines[recent + 2].hasPrefix("────"))
        // Most recent first.
        XCTAssertTrue(lines[recent + 3].hasPrefix("Müller GmbH"), lines[recent + 3])
        XCTAssertTrue(lines[recent + 4].hasPrefix("Società Ñandú S.r.l."), lines[recent + 4])
        // Each organization of the top list once: the table is not repeated after a chart.
        let top = try XCTUnwrap(lines.firstIndex(of: "Top organizations by Total Invoicing"))
        XCTAssertEqual(lines.filter { $0.contains("Åkesson & Söner AB ") }.count, 1)
        XCTAssertTrue(lines[top + 1].contains("Organization") && lines[top + 1].contains("Amount"))
        // Ranked by Total Invoicing, as the JSON view has them.
        let document = try ShellRun.json(try ShellRun.last(["show"], format: "json"))
        let ranked = try ShellRun.rows(document, "top_organizations")
        XCTAssertEqual(lines.count - (top + 3), ranked.count, "one line per ranked organization")
    }
}
