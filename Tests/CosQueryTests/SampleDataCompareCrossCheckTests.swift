import CosModel
@testable import CosQuery
import CosStore
import CosView
import Foundation
import XCTest

/// `compare` on the sample data against an independent computation: items summed by plain SQL over
/// the base table (dates compared as text, groups taken from the product and object rows, not the
/// tickets' copies), split by arithmetic written here, for every organization and every grouping.
final class SampleDataCompareCrossCheckTests: SampleDataTestCase {
    struct Item {
        var group: String
        var currency: String
        var object: String?
        var n0: Int64, q0: Int64, a0: Int64, n1: Int64, q1: Int64, a1: Int64
    }

    /// Rounds n / d half to even (d > 0), written apart from the core's.
    static func roundedQuotient(_ n: Int128, _ d: Int128) -> Int128 {
        let floor = n >= 0 ? n / d : -((-n + d - 1) / d)
        let rest = n - floor * d  // 0 <= rest < d
        if rest * 2 < d { return floor }
        if rest * 2 > d { return floor + 1 }
        return floor % 2 == 0 ? floor : floor + 1
    }

    func testEveryOrganizationAndGroupingAgreesWithPlainSQL() throws {
        let base = try XCTUnwrap(period.previous)
        let days = [base.from.firstDay, base.to.lastDay, period.from.firstDay, period.to.lastDay].map { SQLValue.integer(Int64($0.daysSinceEpoch)) }
        let organizations = try db.rows("SELECT k FROM organization ORDER BY k") { $0.int64(0) }
        var compared = 0
        let groupings: [(CompareGroup, String, String)] = [
            (.category, "c.id", "category_id"), (.product, "p.id", "product_id"), (.type, "ty.id", "object_type_id"),
            (.profile, "coalesce(pr.id, '') || '/' || coalesce(ty.id, '')", "object_profile_id"), (.object, "ob.id", "object_id"),
        ]
        for org in organizations {
            for (group, groupSQL, idColumn) in groupings {
                let items = try db.rows(
                    """
                    SELECT \(groupSQL), t.currency, ob.id,
                           sum(CASE WHEN t.period_start_day >= ? AND t.period_start_day <= ? THEN 1 ELSE 0 END),
                           sum(CASE WHEN t.period_start_day >= ? AND t.period_start_day <= ? THEN t.quantity ELSE 0 END),
                           sum(CASE WHEN t.period_start_day >= ? AND t.period_start_day <= ? THEN t.amount ELSE 0 END),
                           sum(CASE WHEN t.period_start_day >= ? AND t.period_start_day <= ? THEN 1 ELSE 0 END),
                           sum(CASE WHEN t.period_start_day >= ? AND t.period_start_day <= ? THEN t.quantity ELSE 0 END),
                           sum(CASE WHEN t.period_start_day >= ? AND t.period_start_day <= ? THEN t.amount ELSE 0 END)
                    FROM charge_ticket t JOIN product p ON p.k = t.product_k JOIN product_category c ON c.k = p.category_k
                    LEFT JOIN object ob ON ob.k = t.object_k LEFT JOIN object_type ty ON ty.k = ob.object_type_k
                    LEFT JOIN object_profile pr ON pr.k = ob.object_profile_k
                    WHERE t.organization_k = ? GROUP BY t.product_k, t.object_k, t.currency
                    """,
                    [days[0], days[1], days[0], days[1], days[0], days[1], days[2], days[3], days[2], days[3], days[2], days[3], .integer(org)]
                ) { row in
                    Item(
                        group: row.text(0) ?? "", currency: row.text(1) ?? "", object: row.optionalText(2),
                        n0: row.int64(3), q0: row.int64(4), a0: row.int64(5), n1: row.int64(6), q1: row.int64(7), a1: row.int64(8))
                }
                // Per group and currency: before, after, volume, price, new, gone, objects before and after.
                var expected: [String: (sums: [Int128], before: Set<String>, after: Set<String>)] = [:]
                for item in items where item.n0 > 0 || item.n1 > 0 {
                    var volume: Int128 = 0, price: Int128 = 0, new: Int128 = 0, gone: Int128 = 0
                    if item.n0 > 0 && item.n1 > 0 {
                        if item.q0 != 0 {
                            var n = (Int128(item.q1) - Int128(item.q0)) * Int128(item.a0)
                            var d = Int128(item.q0)
                            if d < 0 { n = -n; d = -d }
                            volume = Self.roundedQuotient(n, d)
                        }
                        price = Int128(item.a1) - Int128(item.a0) - volume
                    } else if item.n1 > 0 {
                        new = Int128(item.a1)
                    } else {
                        gone = -Int128(item.a0)
                    }
                    let key = item.group + "|" + item.currency
                    var entry = expected[key] ?? ([0, 0, 0, 0, 0, 0], [], [])
                    let add: [Int128] = [item.n0 > 0 ? Int128(item.a0) : 0, item.n1 > 0 ? Int128(item.a1) : 0, volume, price, new, gone]
                    entry.sums = zip(entry.sums, add).map { $0 + $1 }
                    if let object = item.object {
                        if item.n0 > 0 { entry.before.insert(object) }
                        if item.n1 > 0 { entry.after.insert(object) }
                    }
                    expected[key] = entry
                }
                let expectedLines = Set(expected.map { key, entry in
                    ([key] + entry.sums.map { ExactDecimal(micros: Int64($0)).description }
                        + [String(entry.before.count), String(entry.after.count)]).joined(separator: "|")
                })
                let view = try overview.compare(.organization(org), by: group, asOf: asOf, period: period)
                let changes = try view.table(named: "changes")
                let core = Set(changes.plainRows.map { row -> String in
                    var id = row[idColumn] ?? ""
                    if group == .profile { id += "/" + (row["object_type_id"] ?? "") }
                    return ([id] + ["currency", "before", "after", "volume", "price", "new", "gone", "objects_before", "objects_after"]
                        .map { row[$0] ?? "" }).joined(separator: "|")
                })
                XCTAssertEqual(core, expectedLines, "organization \(org) by \(group)")
                compared += changes.rows.count
            }
        }
        XCTAssertGreaterThan(compared, 500, "the sample data should hold many groups to compare")
    }

    /// The summaries' base period amounts against the same sums over the base period by plain SQL.
    func testSummaryBaseAmountsAgreeWithPlainSQL() throws {
        let base = try XCTUnwrap(period.previous)
        let days = [SQLValue.integer(Int64(base.from.firstDay.daysSinceEpoch)), .integer(Int64(base.to.lastDay.daysSinceEpoch))]
        var checked = 0
        for org in try db.rows("SELECT k FROM organization ORDER BY k", [], { $0.int64(0) }) {
            let view = try overview.organization(org, asOf: asOf, period: period)
            for (table, idColumn, groupSQL) in [
                ("by_category", "category_id", "c.id"), ("by_object_type", "object_type_id", "ty.id"),
                ("by_object_profile", "object_profile_id", "coalesce(pr.id, '') || '/' || coalesce(ty.id, '')"),
            ] {
                var expected: [String: Int64] = [:]
                for (group, currency, amount) in try db.rows(
                    """
                    SELECT \(groupSQL), t.currency, sum(t.amount)
                    FROM charge_ticket t JOIN product p ON p.k = t.product_k JOIN product_category c ON c.k = p.category_k
                    LEFT JOIN object ob ON ob.k = t.object_k LEFT JOIN object_type ty ON ty.k = ob.object_type_k
                    LEFT JOIN object_profile pr ON pr.k = ob.object_profile_k
                    WHERE t.organization_k = ? AND t.period_start_day >= ? AND t.period_start_day <= ? GROUP BY 1, 2
                    """, [.integer(org)] + days, { ($0.text(0) ?? "", $0.text(1) ?? "", $0.int64(2)) })
                {
                    expected[group + "|" + currency] = amount
                }
                for row in try view.table(named: table).plainRows {
                    var id = row[idColumn] ?? ""
                    if table == "by_object_profile" { id += "/" + (row["object_type_id"] ?? "") }
                    let previous = expected[id + "|" + (row["currency"] ?? "")] ?? 0
                    XCTAssertEqual(row["previous_amount"], ExactDecimal(micros: previous).description, "\(table) \(id) of \(org)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 200)
    }
}
