import CosModel
import CosQuery
import CosStore
import CosView
import XCTest

/// `trace` on CompareBillingData: vm-1 (V1) has tickets T1..T7 (and T19 in December 2025) and usage
/// U1..U5, listed in CompareBillingData.swift.
final class TraceTests: FixtureStoreTestCase {
    override class var files: [String: String] { CompareBillingData.files }

    static let columns = ["month", "product_id", "events", "usage_quantity", "tickets", "quantity", "amount", "currency", "invoices", "flag"]

    func lines(_ table: ViewTable) -> [String] {
        table.plainRows.map { row in Self.columns.map { row[$0] ?? "<no \($0)>" }.joined(separator: "|") }
    }

    func testAnObjectMonthByMonth() throws {
        let view = try overview.trace(organization: try key("organization", "X1"), object: try key("object", "V1"), asOf: asOf, period: period("2026-01", "2026-04"))
        XCTAssertEqual(view.kind, "trace")
        // January: Compute T1 (10, 100, on INV-1) with U1 (10); Storage T6 (100, 50, INV-1) without usage
        //   in January, while V1 has Storage usage (U2, February): flagged.
        // February: Compute T2 (no invoice) without usage: flagged; Storage U2 (80) without a ticket: flagged.
        // March: Compute T3 4 + T4 6 = 10, 48 + 72 = 120, on INV-2 (draft) and INV-3 (void), with U3 4 and
        //   U4 6 (2026-04-01T00:30+02:00 is March 31 in UTC); Storage T7 (60, 30, INV-2) without usage.
        // April: Compute T5 (on contract K3, no invoice) without usage. U5 (May) and T19 (December) are
        //   outside the period.
        XCTAssertEqual(
            lines(try view.table(named: "trace")),
            [
                "2026-01|P1|1|10|1|10|100|SEK|INV-1 (final)|",
                "2026-01|P2|0|0|1|100|50|SEK|INV-1 (final)|ticket, no usage",
                "2026-02|P1|0|0|1|10|100|SEK||ticket, no usage",
                "2026-02|P2|1|80|0|0||||usage, no ticket",
                "2026-03|P1|2|10|2|10|120|SEK|INV-2 (draft), INV-3 (void)|",
                "2026-03|P2|0|0|1|60|30|SEK|INV-2 (draft)|ticket, no usage",
                "2026-04|P1|0|0|1|10|120|SEK||ticket, no usage",
            ])
        // The invoices with V1's tickets on them: INV-1 T1 100 + T6 50; INV-2 T3 48 + T7 30 = 78 of its
        // 133; INV-3 T4 72 of 120.
        XCTAssertEqual(
            try view.table(named: "invoices").lines("invoice_id", "invoice", "invoice_date", "status", "tickets", "amount", "total_amount"),
            ["I1|INV-1|2026-01-31|final|2|150|150", "I2|INV-2|2026-03-31|draft|2|78|133", "I3|INV-3|2026-03-31|void|1|72|120"])
    }

    func testATicketAnywhereInItsOrganization() throws {
        let x1 = try key("organization", "X1")
        let P = period("2026-03", "2026-04")
        // T5 is in April, inside the period: V1's March and April.
        let t5 = try overview.trace(ticketID: "T5", organization: x1, asOf: asOf, period: P)
        XCTAssertEqual(try t5.table(named: "ticket").lines("id", "contract", "object_id", "product_id", "amount", "invoice"), ["T5|K-3|V1|P1|120|"])
        XCTAssertEqual(lines(try t5.table(named: "trace")).map { String($0.prefix(7)) }, ["2026-03", "2026-03", "2026-04"])
        XCTAssertEqual(t5.period, P)
        // T19 (December 2025) widens the months to include its own.
        let t19 = try overview.trace(ticketID: "T19", organization: x1, asOf: asOf, period: P)
        XCTAssertEqual(t19.period, period("2025-12", "2026-04"))
        XCTAssertEqual(lines(try t19.table(named: "trace")).first, "2025-12|P1|0|0|1|10|100|SEK||ticket, no usage")
        // T12 has no object: the trace of Support without an object, February (widened) to April.
        let t12 = try overview.trace(ticketID: "T12", organization: x1, asOf: asOf, period: P)
        XCTAssertEqual(
            lines(try t12.table(named: "trace")),
            ["2026-02|P3|0|0|1|0|15|SEK||", "2026-04|P3|0|0|1|2|20|SEK||"])
        // Another organization's ticket, or no such ticket.
        XCTAssertThrowsError(try overview.trace(ticketID: "T20", organization: x1, asOf: asOf, period: P))
        XCTAssertThrowsError(try overview.trace(ticketID: "nope", organization: x1, asOf: asOf, period: P))
    }
}
