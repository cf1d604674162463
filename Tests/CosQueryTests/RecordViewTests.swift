import CosModel
import CosQuery
import CosView
import XCTest

final class RecordViewTests: TinyStoreTestCase {
    func testObjectView() throws {
        let view = try overview.object(organization: try owner("object", "OB1"), object: try key("object", "OB1"), asOf: asOf, period: P)
        let details = try view.table(named: "details")
        XCTAssertEqual(details.presentation, .record)
        XCTAssertEqual(
            details.lines("object_id", "object", "object_type", "object_profile", "contract", "active_from", "active_to", "status"),
            ["OB1|vm-alpha|Virtual server|Large|C-1001|2025-06-01||active"])
        // Per unit: Jan TK1 10 h / 15, TK2 100 GB / 25; Apr TK5 10 h / 15, TK9 1 GB / 22.5.
        XCTAssertEqual(
            try view.table(named: "trend").lines("month", "currency", "unit", "quantity", "amount").filter { $0.contains("SEK") },
            [
                "2026-01|SEK|GB|100|25", "2026-01|SEK|h|10|15", "2026-02|SEK|GB|0|0", "2026-02|SEK|h|0|0",
                "2026-03|SEK|GB|0|0", "2026-03|SEK|h|0|0", "2026-04|SEK|GB|1|22.5", "2026-04|SEK|h|10|15",
            ])
        // Compute TK1 + TK5: 20 / 30, 2; Storage TK2 100 / 25; Data plan TK9 1 / 22.5.
        XCTAssertEqual(
            try view.table(named: "products").lines("product", "quantity", "amount", "tickets"),
            ["Compute|20|30|2", "Storage|100|25|1", "Data plan|1|22.5|1"])
        // U1 4 + U2 6 in January (UTC); U4 falls in May.
        XCTAssertEqual(
            try view.table(named: "usage").lines("month", "events", "quantity"),
            ["2026-01|2|10", "2026-02|0|0", "2026-03|0|0", "2026-04|0|0"])
        let tickets = try view.table(named: "tickets")
        XCTAssertEqual(tickets.lines("id"), ["TK1", "TK2", "TK5", "TK9"])
        XCTAssertEqual(tickets.totalRows, 4)
    }

    func testObjectActivePartOfAMonthHasEndedStatus() throws {
        let view = try overview.object(organization: try owner("object", "OB2"), object: try key("object", "OB2"), asOf: asOf, period: P)
        XCTAssertEqual(try view.table(named: "details").lines("object_profile", "status"), ["(no profile)|ended"])
    }

    func testContractView() throws {
        let view = try overview.contract(organization: try owner("contract", "C1"), contract: try key("contract", "C1"), asOf: asOf, period: P)
        XCTAssertEqual(
            try view.table(named: "details").lines("contract_id", "contract", "name", "currency", "start_date", "end_date", "status"),
            ["C1|C-1001|Main|SEK|2025-01-01||active"])
        // Uninvoiced (all time): TK3 7.5 + TK4 -5 + TK5 15 + TK9 22.5 = 40, 4 tickets,
        // oldest start TK4 2026-02-01, newest end TK5/TK9 2026-04-30.
        XCTAssertEqual(
            try view.table(named: "uninvoiced").lines("currency", "tickets", "amount", "oldest_period_start", "newest_period_end"),
            ["SEK|4|40|2026-02-01|2026-04-30"])
        // Invoiced: TK6 15 + TK1 15 + TK2 25 = 55, 3 tickets, 2025-12-01..2026-01-31.
        XCTAssertEqual(
            try view.table(named: "invoiced").lines("currency", "tickets", "amount", "oldest_period_start", "newest_period_end"),
            ["SEK|3|55|2025-12-01|2026-01-31"])
        // Leftovers first, oldest first (by period start, then id): TK4 02-01, TK3 02-20, TK5 and TK9 04-01.
        let uninvoiced = try view.table(named: "uninvoiced_tickets")
        XCTAssertEqual(uninvoiced.lines("id"), ["TK4", "TK3", "TK5", "TK9"])
        XCTAssertEqual(uninvoiced.totalRows, 4)
        // Then the invoiced ones, newest first: TK2 and TK1 of 2026-01 (ids descending), TK6 of 2025-12.
        let invoiced = try view.table(named: "invoiced_tickets")
        XCTAssertEqual(invoiced.lines("id"), ["TK2", "TK1", "TK6"])
        XCTAssertEqual(invoiced.totalRows, 3)
        XCTAssertEqual(view.tables.map(\.name), ["details", "uninvoiced", "invoiced", "uninvoiced_tickets", "invoiced_tickets"])
    }

    /// A terminal's contract view holds a page of each list: the oldest leftovers, and the latest
    /// invoiced tickets (half as many); with no limit (JSON, `show --full`) every ticket.
    func testContractViewPagesEachList() throws {
        overview.embeddedTicketLimit = 4
        let paged = try overview.contract(organization: try owner("contract", "C1"), contract: try key("contract", "C1"), asOf: asOf, period: P)
        let invoiced = try paged.table(named: "invoiced_tickets")
        XCTAssertEqual(invoiced.lines("id"), ["TK2", "TK1"])
        XCTAssertEqual(invoiced.page?.offset, 0)
        XCTAssertEqual(invoiced.page?.total, 3)
        XCTAssertEqual(try paged.table(named: "uninvoiced_tickets").lines("id"), ["TK4", "TK3", "TK5", "TK9"])
        overview.embeddedTicketLimit = nil
        let whole = try overview.contract(organization: try owner("contract", "C1"), contract: try key("contract", "C1"), asOf: asOf, period: P)
        XCTAssertNil(try whole.table(named: "invoiced_tickets").page)
        XCTAssertEqual(try whole.table(named: "invoiced_tickets").lines("id"), ["TK2", "TK1", "TK6"])
    }

    func testEndedContractAndNotStartedStatus() throws {
        let view = try overview.contract(organization: try owner("contract", "C2"), contract: try key("contract", "C2"), asOf: asOf, period: P)
        // C2 ends 2026-03-31, before the as-of date 2026-06-15.
        XCTAssertEqual(try view.table(named: "details").lines("status"), ["ended"])
        let early = try overview.contract(organization: try owner("contract", "C2"), contract: try key("contract", "C2"), asOf: CivilDate(year: 2025, month: 5, day: 1) ?? asOf, period: P)
        XCTAssertEqual(try early.table(named: "details").lines("status"), ["not started"])
        // C2 has no uninvoiced... TK8 12.5 is uninvoiced; TK7 25 invoiced.
        XCTAssertEqual(try view.table(named: "uninvoiced").lines("tickets", "amount"), ["1|12.5"])
    }

    func testInvoiceViewWithDifference() throws {
        let view = try overview.invoice(organization: try owner("invoice", "INV3"), invoice: try key("invoice", "INV3"), asOf: asOf, period: P)
        XCTAssertEqual(
            try view.table(named: "details").lines("invoice", "invoice_date", "status", "currency", "total_amount"),
            ["I-103|2026-02-05|final|EUR|30"])
        // TK7 25 against 30: 25 - 30 = -5.
        XCTAssertEqual(
            try view.table(named: "reconciliation").lines("currency", "tickets", "tickets_amount", "invoice_total", "difference"),
            ["EUR|1|25|30|-5"])
        XCTAssertEqual(try view.table(named: "tickets").lines("id", "invoice"), ["TK7|I-103"])
        // INV1: TK1 15 + TK2 25 = 40 = total.
        let balanced = try overview.invoice(organization: try owner("invoice", "INV1"), invoice: try key("invoice", "INV1"), asOf: asOf, period: P)
        XCTAssertEqual(try balanced.table(named: "reconciliation").lines("tickets", "tickets_amount", "difference"), ["2|40|0"])
        // The void invoice has no tickets: 0 - 99 = -99.
        let void = try overview.invoice(organization: try owner("invoice", "INV2"), invoice: try key("invoice", "INV2"), asOf: asOf, period: P)
        XCTAssertEqual(try void.table(named: "reconciliation").lines("tickets", "difference"), ["0|-99"])
    }
}
