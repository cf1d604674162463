import CosStore
import Foundation
import XCTest

@testable import CosShell

/// Issue 10, points 1, 2 and 5 on the shipped sample data: the machine formats carry every row unless
/// the command asks for a page, and say so when it does; the "more rows" line names what shows the
/// rest; a contract leads with its uninvoiced tickets. Counts and orders are checked against plain SQL
/// over the base table, written here.
final class PagingTests: XCTestCase {
    func run(_ commands: [String], format: String = "json", width: Int = 100) throws -> String {
        try ShellRun.last(commands, format: format, width: width)
    }

    func json(_ text: String) throws -> [String: Any] { try ShellRun.json(text) }

    func rows(_ document: [String: Any], _ table: String) throws -> [[String: Any]] { try ShellRun.rows(document, table) }

    /// Plain SQL: the ids of a contract's tickets, uninvoiced or invoiced, in period-then-id order.
    func contractTicketIDs(_ contract: String, invoiced: Bool) throws -> [String] {
        try SampleStore.shared().rows(
            """
            SELECT t.id FROM charge_ticket t JOIN contract c ON c.k = t.contract_k
            WHERE c.number = ? AND t.invoice_k IS \(invoiced ? "NOT NULL" : "NULL")
            ORDER BY t.period_start_day, t.id
            """, [.text(contract)]
        ) { $0.text(0) ?? "" }
    }

    func testJSONTicketsCarryEveryRowUnlessPaged() throws {
        let all = try SampleStore.shared().rows(
            "SELECT count(*) FROM charge_ticket t JOIN organization o ON o.k = t.organization_k WHERE o.id = 'ORG-0001'", []
        ) { $0.int(0) }
        XCTAssertGreaterThan(all[0], 50, "the list must be longer than the limit setting's 50")
        let whole = try json(try run(["open id:ORG-0001", "tickets --all"]))
        XCTAssertEqual(try rows(whole, "tickets").count, all[0])
        XCTAssertNil(whole["pages"], "a complete document has no pages")

        let page = try json(try run(["open id:ORG-0001", "tickets --all --limit 50 --offset 10"]))
        XCTAssertEqual(try rows(page, "tickets").count, 50)
        let pages = try XCTUnwrap(page["pages"] as? [String: [String: Int]])
        XCTAssertEqual(pages["tickets"], ["offset": 10, "shown": 50, "total": all[0]])
    }

    func testContractViewInJSONHoldsEveryTicketUninvoicedFirst() throws {
        let document = try json(try run(["open id:ORG-0001", "cd contracts/K-2024-00001"]))
        let uninvoiced = try rows(document, "uninvoiced_tickets").map { $0["id"] as? String ?? "" }
        let invoiced = try rows(document, "invoiced_tickets").map { $0["id"] as? String ?? "" }
        let expectedUninvoiced = try contractTicketIDs("K-2024-00001", invoiced: false)
        let expectedInvoiced = try contractTicketIDs("K-2024-00001", invoiced: true)
        XCTAssertGreaterThan(expectedInvoiced.count, 20, "the old view held 20 tickets")
        // Leftovers oldest first; invoiced ones newest first.
        XCTAssertEqual(uninvoiced, expectedUninvoiced)
        XCTAssertEqual(invoiced, Array(expectedInvoiced.reversed()))
        XCTAssertNil(document["pages"])
        // The first table after the totals is the uninvoiced one.
        let text = try run(["open id:ORG-0001", "cd contracts/K-2024-00001"])
        let names = ["\"uninvoiced_tickets\"", "\"invoiced_tickets\""].map { text.range(of: $0)?.lowerBound }
        XCTAssertLessThan(try XCTUnwrap(names[0]), try XCTUnwrap(names[1]))
    }

    func testInvoiceAndObjectViewsInJSONHoldEveryTicket() throws {
        let invoice = try json(try run(["open id:ORG-0001", "cd invoices/INV-2026-000024"]))
        let onInvoice = try SampleStore.shared().rows(
            "SELECT count(*) FROM charge_ticket t JOIN invoice i ON i.k = t.invoice_k WHERE i.number = 'INV-2026-000024'", []
        ) { $0.int(0) }
        XCTAssertGreaterThan(onInvoice[0], 20, "more than a terminal's page")
        XCTAssertEqual(try rows(invoice, "tickets").count, onInvoice[0])
        XCTAssertNil(invoice["pages"])
        // On a terminal the same view pages and counts the rest.
        let text = try run(["open id:ORG-0001", "cd invoices/INV-2026-000024"], format: "table")
        XCTAssertTrue(text.contains("Charge tickets (20 of \(onInvoice[0]))"), text)
        XCTAssertTrue(text.contains("... \(onInvoice[0] - 20) more rows (tickets --all lists them)"))
    }

    func testContractViewOnATerminalCountsBothLists() throws {
        let text = try run(["open id:ORG-0001", "cd contracts/K-2024-00001"], format: "table", width: 120)
        let invoicedCount = try contractTicketIDs("K-2024-00001", invoiced: true).count
        let lines = text.split(separator: "\n").map(String.init)
        let uninvoicedAt = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Uninvoiced tickets, oldest first") })
        let invoicedAt = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Latest invoiced tickets, newest first") })
        XCTAssertLessThan(uninvoicedAt, invoicedAt)
        XCTAssertEqual(lines[invoicedAt], "Latest invoiced tickets, newest first (10 of \(invoicedCount))")
        XCTAssertTrue(lines.contains("... \(invoicedCount - 10) more rows (tickets --invoiced --all lists them)"))
    }

    func testCSVAndMarkdownEndWithThePage() throws {
        let csv = try run(["open id:ORG-0001", "tickets --all --limit 5"], format: "csv")
        let csvLines = csv.components(separatedBy: .newlines).filter { !$0.isEmpty }
        XCTAssertEqual(csvLines.count, 1 + 1 + 5 + 1, "the table's name, a header, five rows and the page line")
        XCTAssertTrue(try XCTUnwrap(csvLines.last).hasPrefix("# page tickets: offset 0, shown 5, total "))

        let markdown = try run(["open id:ORG-0001", "tickets --all --limit 5 --offset 5"], format: "markdown")
        XCTAssertTrue(try XCTUnwrap(markdown.split(separator: "\n").last).hasPrefix("_page tickets: offset 5, shown 5, total "))
        // Unpaged Markdown carries every row and no page line.
        let whole = try run(["open id:ORG-0001", "cd contracts/K-2024-00001"], format: "markdown")
        let invoiced = try contractTicketIDs("K-2024-00001", invoiced: true)
        for id in invoiced { XCTAssertTrue(whole.contains("| \(id) |"), "ticket \(id) in the Markdown") }
        XCTAssertFalse(whole.contains("_page "))
        XCTAssertFalse(whole.contains("more row"))
    }

    func testMoreRowsLineNamesWhatShowsTheRest() throws {
        let text = try run(["open id:ORG-0001", "tickets --limit 20"], format: "table")
        let more = try XCTUnwrap(text.split(separator: "\n").last)
        XCTAssertTrue(more.hasSuffix("more rows (--limit none shows them all, --offset 20 the next page)"), String(more))
        let next = try run(["open id:ORG-0001", "tickets --limit 20 --offset 20"], format: "table")
        XCTAssertTrue(next.contains("--offset 40 the next page"))
        XCTAssertFalse(text.contains("--all"), "--all means every period, not every row")
    }

    func testFindInJSONKeepsEveryMatch() throws {
        let names = try SampleStore.shared().rows(
            "SELECT count(*) FROM organization WHERE search_name LIKE '%a%'", []) { $0.int(0) }
        XCTAssertGreaterThan(names[0], 20, "more matches than find's default 20")
        let document = try json(try run(["find a"]))
        XCTAssertEqual(try rows(document, "organizations").count, names[0])
        XCTAssertNil(document["pages"])
        let page = try json(try run(["find a --limit 3"]))
        XCTAssertEqual((page["pages"] as? [String: [String: Int]])?["organizations"], ["offset": 0, "shown": 3, "total": names[0]])
    }
}
