import CosModel
@testable import CosQuery
import CosStore
import CosView
import Foundation
import XCTest

/// `trace` of every object of the sample data against a separate computation: tickets grouped by the
/// month of `period_start` in plain SQL, usage events read from `usage_events.csv` itself (the store
/// keeps them summed per object, month and product) by the UTC month of `occurred_at`, invoices
/// joined by key.
final class SampleDataTraceCrossCheckTests: SampleDataTestCase {
    /// Per object id: per `YYYY-MM|product id` the events and their summed quantity, from the CSV file.
    private func usageFromFile() throws -> [String: [String: (events: Int64, quantity: Int64)]] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sample-data").path
        let csv = try CSVReader(path: root + "/usage_events.csv", fileName: "usage_events.csv")
        let header = try csv.readHeader()
        guard let objectColumn = header.firstIndex(of: "object_id"), let productColumn = header.firstIndex(of: "product_id"),
            let stampColumn = header.firstIndex(of: "occurred_at"), let quantityColumn = header.firstIndex(of: "quantity")
        else { throw FixtureStore.FixtureError(description: "usage_events.csv lacks a column") }
        var result: [String: [String: (events: Int64, quantity: Int64)]] = [:]
        while try csv.next() {
            guard let stamp = Timestamp(parsing: csv.record.string(stampColumn)) else {
                throw FixtureStore.FixtureError(description: "unreadable occurred_at")
            }
            let quantity = try ExactDecimal(parsing: csv.record.string(quantityColumn)).micros
            let key = stamp.utcMonth.description + "|" + csv.record.string(productColumn)
            let old = result[csv.record.string(objectColumn), default: [:]][key] ?? (0, 0)
            result[csv.record.string(objectColumn), default: [:]][key] = (old.events + 1, old.quantity + quantity)
        }
        return result
    }

    func testEveryObjectsTraceAgreesWithPlainSQL() throws {
        let first = period.from.description, last = period.to.description
        let usageByObject = try usageFromFile()
        let month = { (column: String) in "strftime('%Y-%m', \(column) * 86400, 'unixepoch')" }
        var flagged = Set<String>()
        var rows = 0
        for (object, organization, objectID) in try db.rows(
            "SELECT o.k, o.organization_k, o.id FROM object o ORDER BY o.k", [], { ($0.int64(0), $0.int64(1), $0.text(2) ?? "") })
        {
            let o = SQLValue.integer(object), org = SQLValue.integer(organization)
            // month|product id -> events, usage quantity; tickets, quantity, amount, currency, invoices.
            var expected: [String: (events: Int64, usage: Int64, tickets: Int64, quantity: Int64, amount: Int64, currency: String, invoices: String)] = [:]
            let usage = usageByObject[objectID] ?? [:]
            for (key, sums) in usage {
                let month = String(key.prefix(7))
                guard month >= first, month <= last else { continue }
                expected[key] = (sums.events, sums.quantity, 0, 0, 0, "", "")
            }
            for (key, tickets, quantity, amount, currency, invoices) in try db.rows(
                """
                SELECT \(month("t.period_start_day")) || '|' || p.id, count(*), sum(t.quantity), sum(t.amount), c.currency,
                       (SELECT group_concat(n, ', ') FROM (
                          SELECT DISTINCT i.number || ' (' || i.status || ')' AS n FROM charge_ticket x
                          JOIN invoice i ON i.k = x.invoice_k
                          WHERE x.object_k = t.object_k AND x.product_k = t.product_k
                            AND \(month("x.period_start_day")) = \(month("t.period_start_day")) ORDER BY n))
                FROM charge_ticket t JOIN product p ON p.k = t.product_k JOIN contract c ON c.k = t.contract_k
                WHERE t.object_k = ? AND c.organization_k = ? AND \(month("t.period_start_day")) >= ? AND \(month("t.period_start_day")) <= ?
                GROUP BY 1, c.currency
                """, [o, org, .text(first), .text(last)],
                { ($0.text(0) ?? "", $0.int64(1), $0.int64(2), $0.int64(3), $0.text(4) ?? "", $0.optionalText(5) ?? "") })
            {
                var entry = expected[key] ?? (0, 0, 0, 0, 0, "", "")
                (entry.tickets, entry.quantity, entry.amount, entry.currency, entry.invoices) = (tickets, quantity, amount, currency, invoices)
                expected[key] = entry
            }
            let used = Set(usage.keys.map { String($0.split(separator: "|").last ?? "") })
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
            let trace = try overview.trace(organization: organization, object: object, asOf: asOf, period: period).table(named: "trace")
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
