import CosModel
@testable import CosQuery
import CosStore
import CosView
import Foundation
import XCTest

/// The second, independent check: on the generated sample data (`sample-data/`), every organization's
/// figures from the core agree exactly with the same figures computed here by plain SQL over the base
/// tables only (no rollups, dates compared as day numbers instead of month ordinals, groups taken from
/// the object rows rather than the tickets' copies), and usage figures from `usage_events.csv` itself.
final class SampleDataCrossCheckTests: SampleDataTestCase {
    private var firstDay: Int64 { Int64(period.from.firstDay.daysSinceEpoch) }
    private var lastDay: Int64 { Int64(period.to.lastDay.daysSinceEpoch) }
    /// SQL (SQLite) for the `YYYY-MM` of a day number, and its `YYYY-MM-DD`.
    private func month(_ column: String) -> String { "strftime('%Y-%m', \(column) * 86400, 'unixepoch')" }
    private func date(_ column: String) -> String { "date(\(column) * 86400, 'unixepoch')" }

    /// Usage events per organization (the object's) and UTC month, read from the CSV files.
    private func usageFromFiles() throws -> [Key: [String: (events: Int, quantity: ExactDecimal)]] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sample-data").path
        func rows(_ name: String, _ body: ([String: String]) throws -> Void) throws {
            let csv = try CSVReader(path: root + "/" + name, fileName: name)
            let header = try csv.readHeader()
            while try csv.next() {
                var row: [String: String] = [:]
                for (i, column) in header.enumerated() { row[column] = csv.record.string(i) }
                try body(row)
            }
        }
        var orgOfObject: [String: String] = [:]
        try rows("objects.csv") { orgOfObject[$0["id"] ?? ""] = $0["organization_id"] }
        let orgKeys = Dictionary(uniqueKeysWithValues: try db.rows("SELECT id, k FROM organization") { ($0.text(0) ?? "", $0.int64(1)) })
        var result: [Key: [String: (events: Int, quantity: ExactDecimal)]] = [:]
        try rows("usage_events.csv") { row in
            guard let stamp = Timestamp(parsing: row["occurred_at"] ?? ""), let org = orgOfObject[row["object_id"] ?? ""].flatMap({ orgKeys[$0] }) else {
                XCTFail("unreadable event \(row)")
                return
            }
            let quantity = try ExactDecimal(parsing: row["quantity"] ?? "")
            let month = stamp.utcMonth.description
            let old = result[org, default: [:]][month] ?? (0, ExactDecimal(micros: 0))
            result[org, default: [:]][month] = (old.events + 1, ExactDecimal(micros: old.quantity.micros + quantity.micros))
        }
        return result
    }

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
        let usageByOrganization = try usageFromFiles()
        XCTAssertGreaterThan(organizations.count, 5)
        var checkedRows = 0
        for org in organizations {
            let view = try overview.organization(org, asOf: asOf, period: period)
            let o = SQLValue.integer(org)

            // Total Invoicing and drafts per currency.
            let final = try strings(
                """
                SELECT currency, count(*), sum(total_amount) FROM invoice
                WHERE organization_k = ? AND status = 'final' AND invoice_day >= ? AND invoice_day <= ?
                GROUP BY currency
                """, [o, .integer(firstDay), .integer(lastDay)], columns: 3, money: [2])
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
                "SELECT count(DISTINCT product_k) FROM charge_ticket WHERE organization_k = ? AND period_start_day >= ? AND period_start_day <= ?",
                [o, .integer(firstDay), .integer(lastDay)], columns: 1)
            XCTAssertEqual(cards.plainRows.last?["count"], sold.first, "sold products of organization \(org)")

            // Trends: only the non-zero cells are computed here; the core's other cells must be zero.
            let invoicing = try strings(
                """
                SELECT \(month("invoice_day")), currency, sum(total_amount) FROM invoice
                WHERE organization_k = ? AND status = 'final' AND invoice_day >= ? AND invoice_day <= ?
                GROUP BY 1, 2
                """, [o, .integer(firstDay), .integer(lastDay)], columns: 3, money: [2])
            let coreInvoicing = try view.table(named: "invoicing_trend").lines("month", "currency", "amount")
            XCTAssertEqual(Set(coreInvoicing.filter { !$0.hasSuffix("|0") }), Set(invoicing.filter { !$0.hasSuffix("|0") }), "invoicing trend of \(org)")
            XCTAssertEqual(coreInvoicing.count, period.monthCount * Set(coreInvoicing.map { $0.split(separator: "|")[1] }).count)

            let inPeriod = Set(period.months.map(\.description))
            let usage = (usageByOrganization[org] ?? [:]).filter { inPeriod.contains($0.key) }
                .map { "\($0.key)|\($0.value.events)|\($0.value.quantity)" }
            let coreUsage = try view.table(named: "usage_trend").lines("month", "events", "quantity")
            XCTAssertEqual(coreUsage.count, period.monthCount)
            XCTAssertEqual(Set(coreUsage.filter { !$0.hasSuffix("|0|0") }), Set(usage), "usage trend of \(org)")

            // Objects active per month (dates compared as text) and charges per month and currency.
            let objectsVsCharges = try view.table(named: "objects_vs_charges").plainRows
            for month in period.months {
                let active = try strings(
                    """
                    SELECT count(*) FROM object WHERE organization_k = ? AND active_from_day <= ?
                    AND (active_to_day IS NULL OR active_to_day >= ?) AND (active_to_day IS NULL OR active_to_day >= active_from_day)
                    """, [o, .integer(Int64(month.lastDay.daysSinceEpoch)), .integer(Int64(month.firstDay.daysSinceEpoch))], columns: 1)
                for row in objectsVsCharges where row["month"] == month.description {
                    XCTAssertEqual(row["objects"], active.first, "active objects of \(org) in \(month)")
                }
            }
            let charges = try strings(
                """
                SELECT \(month("period_start_day")), currency, sum(amount) FROM charge_ticket
                WHERE organization_k = ? AND period_start_day >= ? AND period_start_day <= ? GROUP BY 1, 2
                """, [o, .integer(firstDay), .integer(lastDay)], columns: 3, money: [2])
            let coreCharges = objectsVsCharges.map { "\($0["month"] ?? "")|\($0["currency"] ?? "")|\($0["charges"] ?? "")" }
            XCTAssertEqual(Set(coreCharges.filter { !$0.hasSuffix("|0") }), Set(charges.filter { !$0.hasSuffix("|0") }), "charges of \(org)")

            // Summaries, grouped by the object's own type and profile.
            let byCategory = try strings(
                """
                SELECT c.id, t.currency, sum(t.amount), count(*), count(DISTINCT t.object_k)
                FROM charge_ticket t JOIN product p ON p.k = t.product_k JOIN product_category c ON c.k = p.category_k
                WHERE t.organization_k = ? AND t.period_start_day >= ? AND t.period_start_day <= ? GROUP BY c.id, t.currency
                """, [o, .integer(firstDay), .integer(lastDay)], columns: 5, money: [2])
            XCTAssertEqual(
                Set(try view.table(named: "by_category").lines("category_id", "currency", "amount", "tickets", "objects")),
                Set(byCategory), "by category of \(org)")
            let byType = try strings(
                """
                SELECT ty.id, t.currency, sum(t.amount), count(*), count(DISTINCT t.object_k)
                FROM charge_ticket t LEFT JOIN object ob ON ob.k = t.object_k LEFT JOIN object_type ty ON ty.k = ob.object_type_k
                WHERE t.organization_k = ? AND t.period_start_day >= ? AND t.period_start_day <= ? GROUP BY ty.id, t.currency
                """, [o, .integer(firstDay), .integer(lastDay)], columns: 5, money: [2])
            XCTAssertEqual(
                Set(try view.table(named: "by_object_type").lines("object_type_id", "currency", "amount", "tickets", "objects")),
                Set(byType), "by object type of \(org)")
            let byProfile = try strings(
                """
                SELECT pr.id, ty.id, t.currency, sum(t.amount), count(*), count(DISTINCT t.object_k)
                FROM charge_ticket t LEFT JOIN object ob ON ob.k = t.object_k
                LEFT JOIN object_type ty ON ty.k = ob.object_type_k LEFT JOIN object_profile pr ON pr.k = ob.object_profile_k
                WHERE t.organization_k = ? AND t.period_start_day >= ? AND t.period_start_day <= ? GROUP BY pr.id, ty.id, t.currency
                """, [o, .integer(firstDay), .integer(lastDay)], columns: 6, money: [3])
            XCTAssertEqual(
                Set(try view.table(named: "by_object_profile").lines("object_profile_id", "object_type_id", "currency", "amount", "tickets", "objects")),
                Set(byProfile), "by object profile of \(org)")

            // Ticket counts behind "N more": any, uninvoiced, all time.
            for (filter, condition) in [(TicketFilter.any, ""), (.uninvoiced, " AND invoice_k IS NULL"), (.invoiced, " AND invoice_k IS NOT NULL")] {
                let count = try strings(
                    "SELECT count(*) FROM charge_ticket WHERE organization_k = ? AND period_start_day >= ? AND period_start_day <= ?" + condition,
                    [o, .integer(firstDay), .integer(lastDay)], columns: 1)
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
                    SELECT \(month("t.period_start_day")), t.currency, p.unit, sum(t.quantity), sum(t.amount) FROM charge_ticket t
                    JOIN product p ON p.k = t.product_k
                    WHERE t.organization_k = ? AND p.category_k = ? AND t.period_start_day >= ? AND t.period_start_day <= ? GROUP BY 1, 2, 3
                    """, [.integer(org), .integer(key), .integer(firstDay), .integer(lastDay)], columns: 5, money: [3, 4])
                let core = try view.table(named: "trend").lines("month", "currency", "unit", "quantity", "amount")
                XCTAssertEqual(Set(core.filter { !$0.hasSuffix("|0|0") }), Set(expected.filter { !$0.hasSuffix("|0|0") }), "trend of \(category.name) of \(org)")
            }
        }
        let contracts = try db.rows("SELECT organization_k, k FROM contract ORDER BY k") { ($0.int64(0), $0.int64(1)) }
        for (organization, contract) in contracts {
            let view = try overview.contract(organization: organization, contract: contract, asOf: asOf, period: period)
            for (name, condition) in [("uninvoiced", "invoice_k IS NULL"), ("invoiced", "invoice_k IS NOT NULL")] {
                let expected = try strings(
                    "SELECT count(*), coalesce(sum(amount), 0), \(date("min(period_start_day)")), \(date("max(period_end_day)")) FROM charge_ticket WHERE contract_k = ? AND " + condition,
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
                    SELECT ob.id, coalesce(ob.name, '(no object)'), \(date("ob.active_from_day")), \(date("ob.active_to_day")), t.currency, sum(t.amount), count(*)
                    FROM charge_ticket t LEFT JOIN object ob ON ob.k = t.object_k
                    WHERE t.organization_k = ? AND t.product_k = ? AND t.period_start_day >= ? AND t.period_start_day <= ?
                    GROUP BY t.object_k, t.currency
                    """, [.integer(org), .integer(product), .integer(firstDay), .integer(lastDay)], columns: 7, money: [5])
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
                      AND t.period_start_day >= ? AND t.period_start_day <= ?
                    GROUP BY t.object_k, t.currency
                    """, [.integer(org), .integer(type), .integer(profile), .integer(firstDay), .integer(lastDay)], columns: 4, money: [2])
                let core = try view.table(named: "objects").lines("object_id", "currency", "amount", "tickets")
                    .filter { !$0.hasSuffix("|0") }
                XCTAssertEqual(Set(core), Set(expected), "objects of profile \(profile) of \(org)")
                checkedRows += expected.count
            }
        }
        XCTAssertGreaterThan(checkedRows, 200, "the sample data should exercise the objects tables")
    }

    /// A profile's objects read in one pass over the organization's objects (a large group) are the
    /// objects read through the object_group index (a small one), line for line (in another order: the
    /// objects table sorts them by currency, amount, name and id).
    func testProfileObjectsByPassAndByIndexAgree() throws {
        var groups = 0
        for org in try db.rows("SELECT k FROM organization ORDER BY k", [], { $0.int64(0) }) {
            let currencies = try overview.currencies(organization: org)
            let profiles = try db.rows(
                "SELECT DISTINCT object_type_k, object_profile_k FROM object WHERE organization_k = ?", [.integer(org)]
            ) { ($0.int64(0), $0.optionalInt64(1)) }
            for (type, profile) in profiles {
                let filter = GroupFilter.objectProfile(objectType: type, profile: profile)
                let byPass = try overview.profileObjects(org, filter, currencies: currencies, period: period, passFrom: 0)
                let byIndex = try overview.profileObjects(org, filter, currencies: currencies, period: period, passFrom: .max)
                func text(_ lines: [ObjectLine]) -> [String] {
                    lines.map { "\($0.id ?? "-")|\($0.name)|\($0.currency ?? "-")|\($0.amount)|\($0.tickets)|\($0.activeFrom ?? -1)|\($0.activeTo ?? -1)" }.sorted()
                }
                XCTAssertEqual(text(byPass), text(byIndex), "profile \(profile.map(String.init) ?? "none") of type \(type) of \(org)")
                groups += byIndex.isEmpty ? 0 : 1
            }
        }
        XCTAssertGreaterThan(groups, 10)
    }

    /// Object details are read in fixed-size batches of keys; a small batch crosses many batch edges
    /// (a partial last batch included) and must still find every object exactly once.
    func testObjectDetailsInBatchesAgreeWithPlainSQL() throws {
        let all = try db.rows("SELECT organization_k, k, id, name FROM object ORDER BY k") {
            ($0.int64(0), $0.int64(1), $0.text(2) ?? "", $0.text(3) ?? "")
        }
        XCTAssertGreaterThan(all.count, 20)
        for organization in Set(all.map(\.0)).sorted() {
            let mine = all.filter { $0.0 == organization }
            let keys = Set(mine.map(\.1).filter { $0 % 3 != 0 })
            // Batches of searches, and one pass over the keys' range (rangeFrom 1: keys with gaps between
            // them, the organization's first and last included or not).
            for (batch, rangeFrom) in [(1, Int.max), (7, Int.max), (256, Int.max), (256, 1)] {
                let details = try overview.objectDetails(organization: organization, keys.sorted(), batch: batch, rangeFrom: rangeFrom)
                XCTAssertEqual(Set(details.keys), keys, "batch \(batch), range from \(rangeFrom)")
                for (_, key, id, name) in mine where keys.contains(key) {
                    XCTAssertEqual(details[key]?.id, id)
                    XCTAssertEqual(details[key]?.name, name)
                }
            }
        }
    }
}
