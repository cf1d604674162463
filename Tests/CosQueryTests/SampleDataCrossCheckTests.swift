import CosModel
@testable import CosQuery
import CosStore
import CosView
import Foundation
import XCTest

/// The second, independent check: on the generated sample data (`sample-data/`), every organization's
/// figures from the core agree exactly with the same figures computed here by plain SQL over the base
/// tables only (no rollups, dates compared as text instead of month ordinals, groups taken from the
/// object rows rather than the tickets' copies).
final class SampleDataCrossCheckTests: SampleDataTestCase {
    private var firstDay: String { period.from.firstDay.description }
    private var lastDay: String { period.to.lastDay.description }

    private func strings(_ sql: String, _ values: [SQLValue], columns: Int, money: Set<Int> = []) throws -> [String] {
        try db.rows(sql, values) { row in
            (0..<columns).map { index -> String in
                if row.isNull(index) { return "" }
                if money.contains(index) { return ExactDecimal(micros: row.int64(index)).description }
                return row.text(index) ?? ""
            }.joined(separator: "|")
        }
    }

    func testEveryOrganizationAgreesWithPlainSQL() throws {
        let organizations = try db.rows("SELECT k FROM organization ORDER BY k") { $0.int64(0) }
        XCTAssertGreaterThan(organizations.count, 5)
        var checkedRows = 0
        for org in organizations {
            let view = try overview.organization(org, asOf: asOf, period: period)
            let o = SQLValue.integer(org)

            // Total Invoicing and drafts per currency.
            let final = try strings(
                """
                SELECT currency, count(*), sum(total_amount) FROM invoice
                WHERE organization_k = ? AND status = 'final' AND invoice_date >= ? AND invoice_date <= ?
                GROUP BY currency
                """, [o, .text(firstDay), .text(lastDay)], columns: 3, money: [2])
            let drafts = try strings(
                "SELECT currency, count(*), sum(total_amount) FROM invoice WHERE organization_k = ? AND status = 'draft' GROUP BY currency",
                [o], columns: 3, money: [2])
            let cards = try view.table(named: "cards")
            let coreFinal = cards.plainRows.filter { $0["card"] == "total_invoicing" && $0["count"] != "0" }
                .map { "\($0["currency"] ?? "")|\($0["count"] ?? "")|\($0["amount"] ?? "")" }
            let coreDrafts = cards.plainRows.filter { $0["card"] == "draft_invoices" && $0["count"] != "0" }
                .map { "\($0["currency"] ?? "")|\($0["count"] ?? "")|\($0["amount"] ?? "")" }
            XCTAssertEqual(Set(coreFinal), Set(final), "total invoicing of organization \(org)")
            XCTAssertEqual(Set(coreDrafts), Set(drafts), "drafts of organization \(org)")
            let sold = try strings(
                "SELECT count(DISTINCT product_k) FROM charge_ticket WHERE organization_k = ? AND period_start >= ? AND period_start <= ?",
                [o, .text(firstDay), .text(lastDay)], columns: 1)
            XCTAssertEqual(cards.plainRows.last?["count"], sold.first, "sold products of organization \(org)")

            // Trends: only the non-zero cells are computed here; the core's other cells must be zero.
            let invoicing = try strings(
                """
                SELECT substr(invoice_date, 1, 7), currency, sum(total_amount) FROM invoice
                WHERE organization_k = ? AND status = 'final' AND invoice_date >= ? AND invoice_date <= ?
                GROUP BY 1, 2
                """, [o, .text(firstDay), .text(lastDay)], columns: 3, money: [2])
            let coreInvoicing = try view.table(named: "invoicing_trend").lines("month", "currency", "amount")
            XCTAssertEqual(Set(coreInvoicing.filter { !$0.hasSuffix("|0") }), Set(invoicing.filter { !$0.hasSuffix("|0") }), "invoicing trend of \(org)")
            XCTAssertEqual(coreInvoicing.count, period.monthCount * Set(coreInvoicing.map { $0.split(separator: "|")[1] }).count)

            let usage = try strings(
                """
                SELECT substr(e.occurred_at, 1, 7), count(*), sum(e.quantity) FROM usage_event e
                JOIN object ob ON ob.k = e.object_k
                WHERE ob.organization_k = ? AND e.occurred_at >= ? AND e.occurred_at < ?
                GROUP BY 1
                """, [o, .text(firstDay), .text(period.to.advanced(by: 1).firstDay.description)], columns: 3, money: [2])
            let coreUsage = try view.table(named: "usage_trend").lines("month", "events", "quantity")
            XCTAssertEqual(coreUsage.count, period.monthCount)
            XCTAssertEqual(Set(coreUsage.filter { !$0.hasSuffix("|0|0") }), Set(usage), "usage trend of \(org)")

            // Objects active per month (dates compared as text) and charges per month and currency.
            let objectsVsCharges = try view.table(named: "objects_vs_charges").plainRows
            for month in period.months {
                let active = try strings(
                    """
                    SELECT count(*) FROM object WHERE organization_k = ? AND active_from <= ?
                    AND (active_to IS NULL OR active_to >= ?) AND (active_to IS NULL OR active_to >= active_from)
                    """, [o, .text(month.lastDay.description), .text(month.firstDay.description)], columns: 1)
                for row in objectsVsCharges where row["month"] == month.description {
                    XCTAssertEqual(row["objects"], active.first, "active objects of \(org) in \(month)")
                }
            }
            let charges = try strings(
                """
                SELECT substr(period_start, 1, 7), currency, sum(amount) FROM charge_ticket
                WHERE organization_k = ? AND period_start >= ? AND period_start <= ? GROUP BY 1, 2
                """, [o, .text(firstDay), .text(lastDay)], columns: 3, money: [2])
            let coreCharges = objectsVsCharges.map { "\($0["month"] ?? "")|\($0["currency"] ?? "")|\($0["charges"] ?? "")" }
            XCTAssertEqual(Set(coreCharges.filter { !$0.hasSuffix("|0") }), Set(charges.filter { !$0.hasSuffix("|0") }), "charges of \(org)")

            // Summaries, grouped by the object's own type and profile.
            let byCategory = try strings(
                """
                SELECT c.id, t.currency, sum(t.amount), count(*), count(DISTINCT t.object_k)
                FROM charge_ticket t JOIN product p ON p.k = t.product_k JOIN product_category c ON c.k = p.category_k
                WHERE t.organization_k = ? AND t.period_start >= ? AND t.period_start <= ? GROUP BY c.id, t.currency
                """, [o, .text(firstDay), .text(lastDay)], columns: 5, money: [2])
            XCTAssertEqual(
                Set(try view.table(named: "by_category").lines("category_id", "currency", "amount", "tickets", "objects")),
                Set(byCategory), "by category of \(org)")
            let byType = try strings(
                """
                SELECT ty.id, t.currency, sum(t.amount), count(*), count(DISTINCT t.object_k)
                FROM charge_ticket t LEFT JOIN object ob ON ob.k = t.object_k LEFT JOIN object_type ty ON ty.k = ob.object_type_k
                WHERE t.organization_k = ? AND t.period_start >= ? AND t.period_start <= ? GROUP BY ty.id, t.currency
                """, [o, .text(firstDay), .text(lastDay)], columns: 5, money: [2])
            XCTAssertEqual(
                Set(try view.table(named: "by_object_type").lines("object_type_id", "currency", "amount", "tickets", "objects")),
                Set(byType), "by object type of \(org)")
            let byProfile = try strings(
                """
                SELECT pr.id, ty.id, t.currency, sum(t.amount), count(*), count(DISTINCT t.object_k)
                FROM charge_ticket t LEFT JOIN object ob ON ob.k = t.object_k
                LEFT JOIN object_type ty ON ty.k = ob.object_type_k LEFT JOIN object_profile pr ON pr.k = ob.object_profile_k
                WHERE t.organization_k = ? AND t.period_start >= ? AND t.period_start <= ? GROUP BY pr.id, ty.id, t.currency
                """, [o, .text(firstDay), .text(lastDay)], columns: 6, money: [3])
            XCTAssertEqual(
                Set(try view.table(named: "by_object_profile").lines("object_profile_id", "object_type_id", "currency", "amount", "tickets", "objects")),
                Set(byProfile), "by object profile of \(org)")

            // Ticket counts behind "N more": any, uninvoiced, all time.
            for (filter, condition) in [(TicketFilter.any, ""), (.uninvoiced, " AND invoice_k IS NULL"), (.invoiced, " AND invoice_k IS NOT NULL")] {
                let count = try strings(
                    "SELECT count(*) FROM charge_ticket WHERE organization_k = ? AND period_start >= ? AND period_start <= ?" + condition,
                    [o, .text(firstDay), .text(lastDay)], columns: 1)
                let table = try overview.tickets(.organization(org), filter: filter, limit: 5, asOf: asOf, period: period).table(named: "tickets")
                XCTAssertEqual(table.totalRows.map(String.init), count.first, "\(filter) tickets of \(org)")
            }
            checkedRows += byCategory.count + byProfile.count + invoicing.count
        }
        XCTAssertGreaterThan(checkedRows, 50, "the sample data should exercise the figures")
    }

    func testCategoryTrendsAndContractTotalsAgreeWithPlainSQL() throws {
        let organizations = try db.rows("SELECT k FROM organization ORDER BY k") { $0.int64(0) }
        for org in organizations {
            for category in try overview.list(.categories, in: .organization(org)) {
                guard let key = category.key else { continue }
                let view = try overview.category(organization: org, category: key, asOf: asOf, period: period)
                let expected = try strings(
                    """
                    SELECT substr(t.period_start, 1, 7), t.currency, p.unit, sum(t.quantity), sum(t.amount) FROM charge_ticket t
                    JOIN product p ON p.k = t.product_k
                    WHERE t.organization_k = ? AND p.category_k = ? AND t.period_start >= ? AND t.period_start <= ? GROUP BY 1, 2, 3
                    """, [.integer(org), .integer(key), .text(firstDay), .text(lastDay)], columns: 5, money: [3, 4])
                let core = try view.table(named: "trend").lines("month", "currency", "unit", "quantity", "amount")
                XCTAssertEqual(Set(core.filter { !$0.hasSuffix("|0|0") }), Set(expected.filter { !$0.hasSuffix("|0|0") }), "trend of \(category.name) of \(org)")
            }
        }
        let contracts = try db.rows("SELECT k FROM contract ORDER BY k") { $0.int64(0) }
        for contract in contracts {
            let view = try overview.contract(contract, asOf: asOf, period: period)
            for (name, condition) in [("uninvoiced", "invoice_k IS NULL"), ("invoiced", "invoice_k IS NOT NULL")] {
                let expected = try strings(
                    "SELECT count(*), coalesce(sum(amount), 0), min(period_start), max(period_end) FROM charge_ticket WHERE contract_k = ? AND " + condition,
                    [.integer(contract)], columns: 4, money: [1])
                XCTAssertEqual(
                    try view.table(named: name).lines("tickets", "amount", "oldest_period_start", "newest_period_end"), expected,
                    "\(name) of contract \(contract)")
            }
        }
    }

    func testProductAndProfileObjectsAgreeWithPlainSQL() throws {
        let organizations = try db.rows("SELECT k FROM organization ORDER BY k") { $0.int64(0) }
        var checkedRows = 0
        for org in organizations {
            let products = try db.rows("SELECT DISTINCT product_k FROM charge_ticket WHERE organization_k = ?", [.integer(org)]) { $0.int64(0) }
            for product in products {
                let view = try overview.product(organization: org, product: product, asOf: asOf, period: period)
                let expected = try strings(
                    """
                    SELECT ob.id, coalesce(ob.name, '(no object)'), ob.active_from, ob.active_to, t.currency, sum(t.amount), count(*)
                    FROM charge_ticket t LEFT JOIN object ob ON ob.k = t.object_k
                    WHERE t.organization_k = ? AND t.product_k = ? AND t.period_start >= ? AND t.period_start <= ?
                    GROUP BY t.object_k, t.currency
                    """, [.integer(org), .integer(product), .text(firstDay), .text(lastDay)], columns: 7, money: [5])
                let core = try view.table(named: "objects").lines(
                    "object_id", "object", "active_from", "active_to", "currency", "amount", "tickets")
                XCTAssertEqual(core.count, expected.count, "objects of product \(product) of \(org)")
                XCTAssertEqual(Set(core), Set(expected), "objects of product \(product) of \(org)")
                checkedRows += expected.count
            }
            // A profile's charged objects: their sums per currency, by the tickets' own object.
            let profiles = try db.rows(
                "SELECT DISTINCT object_type_k, object_profile_k FROM object WHERE organization_k = ? AND object_profile_k IS NOT NULL",
                [.integer(org)]) { ($0.int64(0), $0.int64(1)) }
            for (type, profile) in profiles {
                let view = try overview.objectProfile(organization: org, objectType: type, profile: profile, asOf: asOf, period: period)
                let expected = try strings(
                    """
                    SELECT ob.id, t.currency, sum(t.amount), count(*)
                    FROM charge_ticket t JOIN object ob ON ob.k = t.object_k
                    WHERE t.organization_k = ? AND ob.object_type_k = ? AND ob.object_profile_k = ?
                      AND t.period_start >= ? AND t.period_start <= ?
                    GROUP BY t.object_k, t.currency
                    """, [.integer(org), .integer(type), .integer(profile), .text(firstDay), .text(lastDay)], columns: 4, money: [2])
                let core = try view.table(named: "objects").lines("object_id", "currency", "amount", "tickets")
                    .filter { !$0.hasSuffix("|0") }
                XCTAssertEqual(Set(core), Set(expected), "objects of profile \(profile) of \(org)")
                checkedRows += expected.count
            }
        }
        XCTAssertGreaterThan(checkedRows, 200, "the sample data should exercise the objects tables")
    }

    /// Object details are read in fixed-size batches of keys; a small batch crosses many batch edges
    /// (a partial last batch included) and must still find every object exactly once.
    func testObjectDetailsInBatchesAgreeWithPlainSQL() throws {
        let all = try db.rows("SELECT k, id, name FROM object ORDER BY k") { ($0.int64(0), $0.text(1) ?? "", $0.text(2) ?? "") }
        XCTAssertGreaterThan(all.count, 20)
        let keys = Set(all.map(\.0).filter { $0 % 3 != 0 })
        for batch in [1, 7, 256] {
            let details = try overview.objectDetails(keys.sorted(), batch: batch)
            XCTAssertEqual(Set(details.keys), keys, "batch \(batch)")
            for (key, id, name) in all where keys.contains(key) {
                XCTAssertEqual(details[key]?.id, id)
                XCTAssertEqual(details[key]?.name, name)
            }
        }
    }
}
