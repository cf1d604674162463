import CosModel
@testable import CosQuery
import CosStore
import CosView
import Foundation
import XCTest

/// `audit` on the sample data against SQL written separately: contracts give a ticket's organization
/// and currency (not the ticket's copies), duplicates come from a window function, ages from
/// `julianday`, object-months from `NOT EXISTS`. Every organization; and the sample data must hold
/// planted rows of every kind.
final class SampleDataAuditCrossCheckTests: SampleDataTestCase {
    /// `kind|currency|count|amount|oldest` lines from rows of (currency, count, sum in millionths, oldest).
    func lines(_ kind: String, _ rows: [(String, Int64, Int64?, String)]) -> [String] {
        if rows.isEmpty { return ["\(kind)||0||"] }
        return rows.sorted { $0.0 < $1.0 }.map { currency, count, sum, oldest in
            "\(kind)|\(currency)|\(count)|\(sum.map { ExactDecimal(micros: $0).description } ?? "")|\(oldest)"
        }
    }

    func grouped(_ sql: String, _ values: [SQLValue]) throws -> [(String, Int64, Int64?, String)] {
        try db.rows(sql, values) { ($0.text(0) ?? "", $0.int64(1), $0.optionalInt64(2), $0.text(3) ?? "") }
    }

    func testEveryOrganizationsFindingsAgreeWithPlainSQL() throws {
        let day = SQLValue.integer(Int64(asOf.daysSinceEpoch))
        // Dates are days since 1970-01-01 in the store; the oldest is shown as YYYY-MM-DD.
        func date(_ sql: String) -> String { "date(\(sql) * 86400, 'unixepoch')" }
        var kindsFound = Set<String>()
        for org in try db.rows("SELECT k FROM organization ORDER BY k", [], { $0.int64(0) }) {
            let o = SQLValue.integer(org)
            var expected: [String] = []
            expected += lines("left_behind", try grouped(
                """
                SELECT c.currency, count(*), sum(t.amount), \(date("min(t.period_start_day)")) FROM charge_ticket t
                JOIN contract c ON c.k = t.contract_k
                WHERE c.organization_k = ? AND t.invoice_k IS NULL AND t.period_start_day <= ?
                  AND t.period_end_day < (SELECT max(i.invoice_day) FROM invoice i WHERE i.organization_k = c.organization_k
                                      AND i.status = 'final' AND i.currency = c.currency AND i.invoice_day <= ?)
                GROUP BY c.currency
                """, [o, day, day]))
            expected += lines("on_void_invoice", try grouped(
                """
                SELECT i.currency, count(*), sum(t.amount), \(date("min(t.period_start_day)")) FROM charge_ticket t
                JOIN invoice i ON i.k = t.invoice_k WHERE i.organization_k = ? AND i.status = 'void' AND t.period_start_day <= ?
                GROUP BY i.currency
                """, [o, day]))
            var objectMonths: Int64 = 0
            var firstMonth = ""
            for month in period.months where month.lastDay < asOf {
                let first = SQLValue.integer(Int64(month.firstDay.daysSinceEpoch)), last = SQLValue.integer(Int64(month.lastDay.daysSinceEpoch))
                let count = try db.rows(
                    """
                    SELECT count(*) FROM object o WHERE o.organization_k = ? AND o.active_from_day <= ?
                      AND (o.active_to_day IS NULL OR o.active_to_day >= ?)
                      AND NOT EXISTS (SELECT 1 FROM charge_ticket t JOIN contract c ON c.k = t.contract_k
                                      WHERE t.object_k = o.k AND c.organization_k = o.organization_k
                                        AND t.period_start_day >= ? AND t.period_start_day <= ?)
                    """, [o, first, last, first, last]) { $0.int64(0) }.first ?? 0
                if count > 0 && firstMonth.isEmpty { firstMonth = month.description }
                objectMonths += count
            }
            expected += objectMonths == 0 ? ["unbilled_object_month||0||"] : ["unbilled_object_month||\(objectMonths)||\(firstMonth)"]
            expected += lines("outside_object_life", try grouped(
                """
                SELECT c.currency, count(*), sum(t.amount), \(date("min(t.period_start_day)")) FROM charge_ticket t
                JOIN contract c ON c.k = t.contract_k JOIN object o ON o.k = t.object_k
                WHERE c.organization_k = ? AND o.organization_k = c.organization_k AND t.period_start_day <= ?
                  AND (t.period_end_day < o.active_from_day OR (o.active_to_day IS NOT NULL AND t.period_start_day > o.active_to_day))
                GROUP BY c.currency
                """, [o, day]))
            expected += lines("outside_contract", try grouped(
                """
                SELECT c.currency, count(*), sum(t.amount), \(date("min(t.period_start_day)")) FROM charge_ticket t
                JOIN contract c ON c.k = t.contract_k
                WHERE c.organization_k = ? AND t.period_start_day <= ?
                  AND (t.period_end_day < c.start_day OR (c.end_day IS NOT NULL AND t.period_start_day > c.end_day))
                GROUP BY c.currency
                """, [o, day]))
            var mismatches: [String: (Int64, Int64, String)] = [:]
            for (currency, date, total, sum) in try db.rows(
                """
                SELECT i.currency, \(date("i.invoice_day")), i.total_amount,
                       (SELECT coalesce(sum(t.amount), 0) FROM charge_ticket t WHERE t.invoice_k = i.k)
                FROM invoice i WHERE i.organization_k = ? AND i.status = 'final' AND i.invoice_day <= ?
                """, [o, day], { ($0.text(0) ?? "", $0.text(1) ?? "", $0.int64(2), $0.int64(3)) }) where sum != total
            {
                var entry = mismatches[currency] ?? (0, 0, date)
                entry.0 += 1
                entry.1 += sum - total
                entry.2 = min(entry.2, date)
                mismatches[currency] = entry
            }
            expected += lines("invoice_mismatch", mismatches.map { ($0.key, $0.value.0, $0.value.1, $0.value.2) })
            expected += lines("duplicate", try grouped(
                """
                SELECT currency, count(*), sum(amount), \(date("min(period_start_day)")) FROM (
                  SELECT t.currency, t.amount, t.period_start_day,
                         row_number() OVER (PARTITION BY t.contract_k, coalesce(t.object_k, -1), t.product_k, t.period_start_day,
                                                         t.period_end_day, t.amount ORDER BY t.k) AS n
                  FROM charge_ticket t JOIN contract c ON c.k = t.contract_k
                  WHERE c.organization_k = ? AND t.period_start_day <= ?)
                WHERE n > 1 GROUP BY currency
                """, [o, day]))
            expected += lines("stale_draft", try grouped(
                """
                SELECT currency, count(*), sum(total_amount), \(date("min(invoice_day)")) FROM invoice
                WHERE organization_k = ? AND status = 'draft' AND ? - invoice_day > 30
                GROUP BY currency
                """, [o, day]))
            let core = try overview.audit(.organization(org), asOf: asOf, period: period).table(named: "findings")
                .lines("kind", "currency", "count", "amount", "oldest")
            XCTAssertEqual(core, expected, "organization \(org)")
            for line in core where !line.contains("||0||") { kindsFound.insert(String(line.prefix { $0 != "|" })) }
        }
        XCTAssertEqual(kindsFound, Set(AuditKind.allCases.map(\.rawValue)), "the sample data lacks planted rows of some kind")
    }
}
