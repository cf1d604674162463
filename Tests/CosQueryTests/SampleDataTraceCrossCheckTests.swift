import CosModel
@testable import CosQuery
import CosStore
import CosView
import Foundation
import XCTest

/// `trace` of every object of the sample data against SQL written separately: tickets grouped by the
/// text month of `period_start`, usage events by the month of `occurred_at` (stored in UTC), products
/// with usage by a separate query, invoices joined by key.
final class SampleDataTraceCrossCheckTests: SampleDataTestCase {
    func testEveryObjectsTraceAgreesWithPlainSQL() throws {
        let first = SQLValue.text(period.from.description), last = SQLValue.text(period.to.description)
        var flagged = Set<String>()
        var rows = 0
        for (object, organization) in try db.rows(
            "SELECT o.k, o.organization_k FROM object o ORDER BY o.k", [], { ($0.int64(0), $0.int64(1)) })
        {
            let o = SQLValue.integer(object), org = SQLValue.integer(organization)
            // month|product id -> events, usage quantity; tickets, quantity, amount, currency, invoices.
            var expected: [String: (events: Int64, usage: Int64, tickets: Int64, quantity: Int64, amount: Int64, currency: String, invoices: String)] = [:]
            for (key, events, usage) in try db.rows(
                """
                SELECT substr(e.occurred_at, 1, 7) || '|' || p.id, count(*), sum(e.quantity) FROM usage_event e
                JOIN product p ON p.k = e.product_k JOIN object ob ON ob.k = e.object_k
                WHERE e.object_k = ? AND ob.organization_k = ? AND substr(e.occurred_at, 1, 7) >= ? AND substr(e.occurred_at, 1, 7) <= ?
                GROUP BY 1
                """, [o, org, first, last], { ($0.text(0) ?? "", $0.int64(1), $0.int64(2)) })
            {
                expected[key] = (events, usage, 0, 0, 0, "", "")
            }
            for (key, tickets, quantity, amount, currency, invoices) in try db.rows(
                """
                SELECT substr(t.period_start, 1, 7) || '|' || p.id, count(*), sum(t.quantity), sum(t.amount), c.currency,
                       (SELECT group_concat(n, ', ') FROM (
                          SELECT DISTINCT i.number || ' (' || i.status || ')' AS n FROM charge_ticket x
                          JOIN invoice i ON i.k = x.invoice_k
                          WHERE x.object_k = t.object_k AND x.product_k = t.product_k
                            AND substr(x.period_start, 1, 7) = substr(t.period_start, 1, 7) ORDER BY n))
                FROM charge_ticket t JOIN product p ON p.k = t.product_k JOIN contract c ON c.k = t.contract_k
                WHERE t.object_k = ? AND c.organization_k = ? AND substr(t.period_start, 1, 7) >= ? AND substr(t.period_start, 1, 7) <= ?
                GROUP BY 1, c.currency
                """, [o, org, first, last],
                { ($0.text(0) ?? "", $0.int64(1), $0.int64(2), $0.int64(3), $0.text(4) ?? "", $0.optionalText(5) ?? "") })
            {
                var entry = expected[key] ?? (0, 0, 0, 0, 0, "", "")
                (entry.tickets, entry.quantity, entry.amount, entry.currency, entry.invoices) = (tickets, quantity, amount, currency, invoices)
                expected[key] = entry
            }
            let used = Set(try db.rows(
                "SELECT DISTINCT p.id FROM usage_event e JOIN product p ON p.k = e.product_k WHERE e.object_k = ?", [o],
                { $0.text(0) ?? "" }))
            let lines = expected.map { key, e -> String in
                let product = String(key.split(separator: "|").last ?? "")
                var flag = ""
                if e.events > 0 && e.tickets == 0 { flag = "usage, no ticket" }
                if e.tickets > 0 && e.events == 0 && used.contains(product) { flag = "ticket, no usage" }
                let money = e.tickets > 0 ? ExactDecimal(micros: e.amount).description : ""
                return [
                    key, String(e.events), ExactDecimal(micros: e.usage).description, String(e.tickets),
                    ExactDecimal(micros: e.quantity).description, money, e.currency, e.invoices, flag,
                ].joined(separator: "|")
            }
            let trace = try overview.trace(object: object, asOf: asOf, period: period).table(named: "trace")
            let core = trace.lines("month", "product_id", "events", "usage_quantity", "tickets", "quantity", "amount", "currency", "invoices", "flag")
            XCTAssertEqual(Set(core), Set(lines), "trace of object \(object)")
            XCTAssertEqual(core.count, lines.count, "trace of object \(object)")
            for line in core { flagged.insert(String(line.split(separator: "|", omittingEmptySubsequences: false).last ?? "")) }
            rows += core.count
        }
        XCTAssertGreaterThan(rows, 3000)
        XCTAssertEqual(flagged, ["", "usage, no ticket", "ticket, no usage"], "the sample data should show both flags")
    }
}
