import CosModel
import CosStore
import CosView
import Foundation
import XCTest

@testable import CosQuery

/// A source that records every statement it runs.
final class RecordingSource: BillingSource {
    let database: Database
    var statements: [(sql: String, values: [SQLValue])] = []

    init(_ database: Database) { self.database = database }

    func query(_ sql: String, _ values: [SQLValue], _ body: (any ResultRow) throws -> Void) throws {
        statements.append((sql, values))
        try database.query(sql, values, body)
    }

    func interrupt() { database.interrupt() }
    func metadata() throws -> [String: String] { try database.metadata() }
}

/// Every statement the core sends to a per-organization table filters on `organization_k` with a
/// bound parameter (a Citus cluster then answers each view from the one shard of its organization);
/// the start view's ranking of every organization is the one statement that reads them all.
final class OrganizationFilterTests: XCTestCase {
    func testEveryStatementOnAPerOrganizationTableFiltersOnItsOrganization() throws {
        let source = RecordingSource(try FixtureStore.importing(TinyBillingData.files))
        let overview = Overview(source: source)
        let asOf = CivilDate(year: 2026, month: 6, day: 15) ?? CivilDate(daysSinceEpoch: 0)
        let period = try Period.last(12, asOf: asOf)
        let db = source.database
        let orgs = try db.rows("SELECT k FROM organization ORDER BY k") { $0.int64(0) }
        for org in orgs {
            _ = try overview.organization(org, asOf: asOf, period: period)
            _ = try overview.tree(org, asOf: asOf, period: period)
            for collection in ListCollection.allCases { _ = try overview.listView(collection, in: .organization(org), asOf: asOf, period: period) }
            for filter in TicketFilter.allCases {
                _ = try overview.tickets(.organization(org), filter: filter, asOf: asOf, period: period)
                _ = try overview.tickets(.organization(org), filter: filter, allTime: true, asOf: asOf, period: period)
            }
            for item in try overview.list(.categories, in: .organization(org)) {
                guard let k = item.key else { continue }
                _ = try overview.category(organization: org, category: k, asOf: asOf, period: period)
                _ = try overview.tickets(.category(organization: org, category: k), asOf: asOf, period: period)
            }
            for item in try overview.list(.products, in: .organization(org)) {
                guard let k = item.key else { continue }
                _ = try overview.product(organization: org, product: k, asOf: asOf, period: period)
                _ = try overview.list(.objects, in: .product(organization: org, product: k))
            }
            for item in try overview.list(.types, in: .organization(org)) {
                guard let k = item.key else { continue }
                _ = try overview.objectType(organization: org, objectType: k, asOf: asOf, period: period)
            }
            for item in try overview.list(.profiles, in: .organization(org)) {
                guard let type = item.parentKey else { continue }
                _ = try overview.objectProfile(organization: org, objectType: type, profile: item.key, asOf: asOf, period: period)
            }
            for item in try overview.list(.objects, in: .organization(org)) {
                guard let k = item.key else { continue }
                _ = try overview.object(organization: org, object: k, asOf: asOf, period: period)
            }
            for item in try overview.list(.contracts, in: .organization(org)) {
                guard let k = item.key else { continue }
                _ = try overview.contract(organization: org, contract: k, asOf: asOf, period: period)
                _ = try overview.list(.invoices, in: .contract(organization: org, contract: k))
            }
            for item in try overview.list(.invoices, in: .organization(org)) {
                guard let k = item.key else { continue }
                _ = try overview.invoice(organization: org, invoice: k, asOf: asOf, period: period)
            }
        }
        _ = try overview.start(recent: orgs, asOf: asOf, period: period)
        XCTAssertGreaterThan(source.statements.count, 200)
        let perOrganization = StoreSchema.tables.filter { $0.placement == .perOrganization }.map(\.name)
        var ranking = 0
        for (sql, values) in source.statements {
            let words = Set(sql.split { !($0.isLetter || $0 == "_") }.map(String.init))
            let touched = perOrganization.filter { words.contains($0) }
            guard !touched.isEmpty else { continue }
            if sql.contains("FROM invoice_rollup"), sql.contains("GROUP BY organization_k, currency"), !sql.contains("organization_k = ?") {
                ranking += 1
                continue
            }
            XCTAssertTrue(sql.contains("organization_k = ?"), "no organization filter: \(sql)")
            // The filter is bound: the first value is an organization's key.
            if case .integer(let first)? = values.first { XCTAssertTrue(orgs.contains(first), sql) }
            // Joins between per-organization tables join on the organization too.
            for join in sql.components(separatedBy: "JOIN ").dropFirst() {
                let table = String(join.prefix { $0.isLetter || $0 == "_" })
                guard perOrganization.contains(table), let on = join.components(separatedBy: " ON ").dropFirst().first else { continue }
                XCTAssertTrue(on.contains("organization_k = "), "join of \(table) without its organization: \(sql)")
            }
        }
        XCTAssertEqual(ranking, 1, "the start view's ranking")
    }
}
