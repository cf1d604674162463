import CosModel
import CosPostgres
import CosQuery
import CosRender
import CosStore
import CosView
import Foundation

/// The in-process measurements: every figure is a query of the aggregation core plus its rendering to
/// text (what the shell prints on a 120-column UTF-8 terminal), timed over many repetitions.
final class Bench {
    let db: Database
    let overview: Overview
    let repetitions: Int
    let label: String
    let asOf: CivilDate
    let period: Period

    /// With `postgres` (a connection string), the measured views are answered from that database's
    /// `cos` schema, each repetition in a read transaction as the shell runs a command; the figures'
    /// organizations and keys are still picked from the store (one loader gave both the same keys).
    init(storePath: String, repetitions: Int, label: String, postgres: String? = nil) throws {
        db = try StoreFile.open(path: storePath)
        if let postgres {
            let source = try PostgresSource(conninfo: postgres)
            overview = Overview(source: source)
            measuredSource = source
        } else {
            overview = Overview(source: db)
        }
        self.repetitions = repetitions
        self.label = label
        let meta = try db.metadata()
        asOf = meta["as_of"].flatMap { CivilDate(parsing: $0) } ?? CivilDate(daysSinceEpoch: 20_757)
        period = Period.defaultPeriod(asOf: asOf)
    }

    /// Renders as the shell does on a terminal: a table, 120 columns, 50 rows per table.
    func render(_ view: View, _ command: String) throws -> Int {
        let options = RenderOptions(format: .table, width: 120, height: 40, unicode: true, color: false, rowLimit: 50, command: command)
        return try Renderer.render(view, options: options).utf8.count
    }

    /// The key with the most tickets of a grouping query `SELECT key, count ... ORDER BY 2 DESC`.
    func top(_ sql: String, _ values: [SQLValue]) throws -> (key: Int64, tickets: Int64)? {
        try db.rows(sql, values) { ($0.int64(0), $0.int64(1)) }.first.map { (key: $0.0, tickets: $0.1) }
    }

    func name(_ organization: Int64) throws -> String {
        try db.rows("SELECT name FROM organization WHERE k = ?", [.integer(organization)]) { $0.text(0) ?? "" }.first ?? ""
    }

    // MARK: - Views

    func views() throws {
        // Organizations ranked by their tickets of all time: the largest, the median, and a small one
        // (the 10th percentile from the bottom, among organizations with tickets).
        let ranked = try db.rows(
            "SELECT organization_k, sum(tickets) FROM ticket_rollup GROUP BY organization_k ORDER BY 2 DESC, 1"
        ) { ($0.int64(0), $0.int64(1)) }
        guard let largest = ranked.first else { throw BenchError("the store has no charge tickets") }
        let median = ranked[ranked.count / 2]
        let small = ranked[min(ranked.count - 1, ranked.count * 9 / 10)]
        let allTickets = ranked.reduce(Int64(0)) { $0 + $1.1 }
        for (size, org) in [("largest", largest), ("median", median), ("small", small)] {
            let share = String(format: "%.2f%%", 100 * Double(org.1) / Double(max(allTickets, 1)))
            _ = try measure("open \(size)", repetitions: repetitions, detail: "\(try name(org.0)): \(org.1) tickets (\(share))") {
                _ = try render(try overview.organization(org.0, asOf: asOf, period: period), "open")
            }
        }
        try drillDowns(largest.0)
        try answers(largest.0)
    }

    /// Every drill-down view of the organization, each on its biggest member, and the ticket pages.
    func drillDowns(_ org: Int64) throws {
        let o = SQLValue.integer(org)
        let count = "sum(tickets)"
        guard
            let category = try top("SELECT category_k, \(count) FROM ticket_rollup WHERE organization_k = ? GROUP BY 1 ORDER BY 2 DESC, 1", [o]),
            let type = try top(
                "SELECT object_type_k, \(count) FROM ticket_rollup WHERE organization_k = ? AND object_type_k IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1", [o]),
            let contract = try top("SELECT contract_k, \(count) FROM ticket_rollup WHERE organization_k = ? GROUP BY 1 ORDER BY 2 DESC, 1", [o]),
            let product = try top("SELECT product_k, \(count) FROM ticket_rollup WHERE organization_k = ? GROUP BY 1 ORDER BY 2 DESC, 1", [o]),
            let object = try top(
                "SELECT object_k, sum(tickets) FROM object_month WHERE organization_k = ? GROUP BY 1 ORDER BY 2 DESC, 1", [o]),
            let invoice = try top(
                """
                SELECT invoice_k, \(count) FROM ticket_rollup WHERE organization_k = ? AND contract_k = ? AND invoice_k IS NOT NULL
                GROUP BY 1 ORDER BY 2 DESC, 1
                """, [o, .integer(contract.key)])
        else { throw BenchError("the largest organization lacks a category, type, contract, object or invoice") }
        let profile = try top(
            """
            SELECT object_profile_k, \(count) FROM ticket_rollup
            WHERE organization_k = ? AND object_type_k = ? AND object_profile_k IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1
            """, [o, .integer(type.key)])
        let reps = repetitions
        _ = try measure("category (largest)", repetitions: reps, detail: "\(category.tickets) tickets") {
            _ = try render(try overview.category(organization: org, category: category.key, asOf: asOf, period: period), "cd")
        }
        _ = try measure("product (largest)", repetitions: reps, detail: "\(product.tickets) tickets") {
            _ = try render(try overview.product(organization: org, product: product.key, asOf: asOf, period: period), "cd")
        }
        _ = try measure("type (largest)", repetitions: reps, detail: "\(type.tickets) tickets") {
            _ = try render(try overview.objectType(organization: org, objectType: type.key, asOf: asOf, period: period), "cd")
        }
        _ = try measure("profile (largest)", repetitions: reps, detail: "\(profile?.tickets ?? 0) tickets") {
            _ = try render(
                try overview.objectProfile(organization: org, objectType: type.key, profile: profile?.key, asOf: asOf, period: period), "cd")
        }
        _ = try measure("object (largest)", repetitions: reps, detail: "\(object.tickets) tickets") {
            _ = try render(try overview.object(organization: org, object: object.key, asOf: asOf, period: period), "cd")
        }
        _ = try measure("contract (largest)", repetitions: reps, detail: "\(contract.tickets) tickets") {
            _ = try render(try overview.contract(organization: org, contract: contract.key, asOf: asOf, period: period), "cd")
        }
        _ = try measure("invoice (largest)", repetitions: reps, detail: "\(invoice.tickets) tickets") {
            _ = try render(try overview.invoice(organization: org, invoice: invoice.key, asOf: asOf, period: period), "cd")
        }
        _ = try measure("tickets page (largest org)", repetitions: reps) {
            _ = try render(try overview.tickets(.organization(org), asOf: asOf, period: period), "tickets")
        }
        _ = try measure("tickets page (largest contract)", repetitions: reps, detail: "\(contract.tickets) tickets") {
            _ = try render(try overview.tickets(.contract(organization: org, contract: contract.key), asOf: asOf, period: period), "tickets")
        }
        _ = try measure("tickets uninvoiced (largest org)", repetitions: reps) {
            _ = try render(try overview.tickets(.organization(org), filter: .uninvoiced, asOf: asOf, period: period), "tickets")
        }
        _ = try measure("tickets --all last page (largest contract)", repetitions: max(3, reps / 4)) {
            let last = max(0, Int(contract.tickets) - 50)
            _ = try render(try overview.tickets(.contract(organization: org, contract: contract.key), allTime: true, offset: last, asOf: asOf, period: period), "tickets")
        }
    }

    // MARK: - Search

    /// Search (`find`, `open NAME`) and completion as the user types: the texts are prefixes of real
    /// names (3 and 6 characters) and a word from the middle of a name, cycled over the repetitions.
    func search() throws {
        let organizations = try db.rows("SELECT count(*) FROM organization") { $0.int(0) }.first ?? 0
        let names = try db.rows("SELECT name FROM organization WHERE k % 997 = 1 ORDER BY k LIMIT 40") { $0.text(0) ?? "" }
        var texts: [String] = []
        for name in names where !name.isEmpty {
            texts.append(String(name.prefix(3)))
            texts.append(String(name.prefix(6)))
            if let word = name.split(separator: " ").dropFirst().first { texts.append(String(word.prefix(4))) }
        }
        guard !texts.isEmpty else { throw BenchError("the store has no organizations") }
        let tag = label.isEmpty ? "\(organizations / 1000)k" : label
        var turn = 0
        func next() -> String {
            turn += 1
            return texts[turn % texts.count]
        }
        _ = try measure("find (\(tag) orgs)", repetitions: repetitions, detail: "\(organizations) organizations") {
            _ = try render(try overview.find(next(), asOf: asOf, period: period), "find")
        }
        // Tab completion of `open TEXT`: the shell ranks names as `find` does, up to 200 candidates.
        _ = try measure("completion (\(tag) orgs)", repetitions: repetitions, detail: "\(organizations) organizations") {
            _ = try overview.searchOrganizations(next(), limit: 200)
        }
        // Suggestions as the user types: the prefix range scan.
        _ = try measure("suggestion (\(tag) orgs)", repetitions: repetitions, detail: "\(organizations) organizations") {
            _ = try overview.completeOrganizationNames(next(), limit: 20)
        }
        _ = try measure("open by name (\(tag) orgs)", repetitions: repetitions, detail: "\(organizations) organizations") {
            _ = try overview.resolveOrganization(next())
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
