import CosPostgres
import CosStore
import Foundation
import XCTest

/// Ready for Citus: every statement a full pass over all views sends to a per-organization table
/// filters on `organization_k` with a bound parameter (so a cluster distributing those tables by it
/// answers each view from one shard), and `--distributed` refuses clearly without the extension.
final class CitusTests: XCTestCase {
    /// The per-organization tables: those with an `organization_k` column.
    static func perOrganizationTables() throws -> Set<String> {
        Set(PostgresLayout().tables.filter(\.isPerOrganization).map(\.name))
    }

    /// The references to per-organization tables in a statement that lack an `organization_k = ?`
    /// filter of their own (or a join on `organization_k` to a reference that has one).
    static func unfiltered(_ sql: String, perOrganization: Set<String>) -> [String] {
        let words = sql.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "(", with: " ( ")
            .replacingOccurrences(of: ")", with: " ) ").replacingOccurrences(of: ",", with: " , ")
            .split(separator: " ").map(String.init)
        var references: [(table: String, alias: String)] = []
        for (index, word) in words.enumerated() where ["FROM", "JOIN"].contains(word.uppercased()) {
            guard index + 1 < words.count, perOrganization.contains(words[index + 1]) else { continue }
            var alias = words[index + 1]
            var next = index + 2
            if next < words.count, words[next].uppercased() == "AS" { next += 1 }
            let keywords: Set<String> = ["WHERE", "JOIN", "LEFT", "INNER", "CROSS", "ON", "GROUP", "ORDER", "LIMIT", "UNION", ")", ",", "USING"]
            if next < words.count, !keywords.contains(words[next].uppercased()) { alias = words[next] }
            references.append((words[index + 1], alias))
        }
        let text = sql.replacingOccurrences(of: "\n", with: " ")
        func bound(_ alias: String, qualified: Bool) -> Bool {
            let prefix = qualified ? NSRegularExpression.escapedPattern(for: alias) + "\\." : "(?<![.\\w])"
            return text.range(of: prefix + "organization_k\\s*=\\s*\\?", options: .regularExpression) != nil
        }
        func joined(_ alias: String) -> Bool {
            for other in references where other.alias != alias && bound(other.alias, qualified: true) {
                let a = NSRegularExpression.escapedPattern(for: alias)
                let b = NSRegularExpression.escapedPattern(for: other.alias)
                if text.range(of: "\(a)\\.organization_k\\s*=\\s*\(b)\\.organization_k", options: .regularExpression) != nil
                    || text.range(of: "\(b)\\.organization_k\\s*=\\s*\(a)\\.organization_k", options: .regularExpression) != nil
                {
                    return true
                }
            }
            return false
        }
        return references.filter { reference in
            !(bound(reference.alias, qualified: true) || (reference.alias == reference.table && bound(reference.alias, qualified: false))
                || joined(reference.alias))
        }.map { "\($0.table) \($0.alias)" }
    }

    /// Every per-organization table carries `organization_k` (Citus distributes by it) and leads its
    /// primary key (when it has one) with it; the others are small reference tables without it (organization: its key).
    func testEveryPerOrganizationTableCarriesTheOrganizationAndTheOthersAreReferenceTables() throws {
        for table in PostgresLayout().tables {
            let carries = table.columns.contains { $0.name == "organization_k" }
            if table.isPerOrganization {
                XCTAssertTrue(carries, "\(table.name) is per organization without organization_k")
                // (A table without a primary key, a rollup read by its indexes, needs none on Citus.)
                if !table.primaryKey.isEmpty { XCTAssertEqual(table.primaryKey.first, "organization_k", table.name) }
            } else {
                XCTAssertFalse(carries, "\(table.name) carries organization_k but is a reference table")
            }
        }
        XCTAssertEqual(
            Set(PostgresLayout().tables.filter { !$0.isPerOrganization }.map(\.name)),
            ["organization", "product_category", "product", "object_type", "object_profile", "meta"])
    }

    func testTheCheckerFindsAMissingFilter() throws {
        let tables: Set<String> = ["charge_ticket", "object"]
        XCTAssertEqual(Self.unfiltered("SELECT * FROM charge_ticket WHERE organization_k = ? AND k = ?", perOrganization: tables), [])
        XCTAssertEqual(Self.unfiltered("SELECT * FROM object o WHERE o.k = ?", perOrganization: tables), ["object o"])
        XCTAssertEqual(
            Self.unfiltered(
                "SELECT * FROM charge_ticket t JOIN object o ON o.organization_k = t.organization_k AND o.k = t.object_k WHERE t.organization_k = ?",
                perOrganization: tables), [])
        XCTAssertEqual(Self.unfiltered("SELECT * FROM product p WHERE p.k = ?", perOrganization: tables), [])
    }

    func testEveryStatementOfAFullPassFiltersPerOrganizationTablesOnABoundOrganization() throws {
        let statements = try FullPass.postgresPass(try TestServer.sampleStore(), try TestServer.sample()).statements
        XCTAssertGreaterThan(statements.count, 30, "the pass should send many kinds of statement")
        let perOrganization = try Self.perOrganizationTables()
        var offenders: [String] = []
        for sql in statements.sorted() {
            let missing = Self.unfiltered(sql, perOrganization: perOrganization)
            // The start view ranks every organization: the one statement that reads them all.
            if !missing.isEmpty && !Self.readsEveryOrganization(sql) {
                offenders.append("\(missing.joined(separator: ", ")) in: \(sql.replacingOccurrences(of: "\n", with: " "))")
            }
        }
        XCTAssertEqual(offenders, [], "statements on per-organization tables without organization_k = ?")
    }

    /// The start view's ranking of organizations by Total Invoicing reads every organization.
    static func readsEveryOrganization(_ sql: String) -> Bool {
        sql.contains("status = 'final'") && sql.contains("GROUP BY organization_k") && !sql.contains("organization_k = ?")
    }

    func testDistributedWithoutCitusIsRefusedBeforeAnythingIsLoaded() throws {
        let conninfo = try TestServer.conninfo()
        let schema = TestServer.schema("citus")
        defer { TestServer.drop(schema) }
        let result = try CosRun.run(["import", TestServer.sampleData, "--to", conninfo, "--schema", schema.name, "--distributed"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(
            result.stderr.contains("--distributed needs the citus extension, which this database does not have"), result.stderr)
        XCTAssertEqual(try TestServer.admin().scalar("SELECT count(*) FROM pg_namespace WHERE starts_with(nspname, $1)", [schema.name]), "0")
    }
}
