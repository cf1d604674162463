import Foundation
import CosStore

/// The PostgreSQL form of the cos store, derived from `StoreSchema` (the SQLite layout) so that both
/// hold the same tables, columns, rows and keys, and the query layer's portable SQL reads either.
///
/// The derivation, statement by statement:
/// - `INTEGER` becomes `bigint` (SQLite's integers are 64 bits; money is in millionths), `TEXT` becomes
///   `text COLLATE "C"`: bytewise order, as SQLite's default collation, whatever the database's locale,
///   so `ORDER BY name` and range scans over `search_name` answer alike.
/// - Primary keys (a column's `PRIMARY KEY`, a table's `PRIMARY KEY(...)`) and `WITHOUT ROWID` are left
///   out of `CREATE TABLE` and added after the rows are in (`ALTER TABLE ... ADD PRIMARY KEY`), as the
///   SQLite import builds its indexes after the load.
/// - Indexes are SQLite's, unchanged (partial indexes included); a distributed (Citus) layout leads the
///   primary key and every unique index of a per-organization table with `organization_k`, which Citus
///   requires of the constraints of a table distributed by that column.
public struct PostgresLayout: Sendable {
    /// Bumped when the PostgreSQL form changes while `StoreSchema.formatVersion` does not.
    public static let layoutVersion = 1

    public struct Column: Sendable, Equatable {
        public let name: String
        /// `bigint`, `text`, ...
        public let type: String
        public let notNull: Bool

        /// The column in `CREATE TABLE`.
        var definition: String {
            let collation = type == "text" ? " COLLATE \"C\"" : ""
            return "\(name) \(type)\(collation)\(notNull ? " NOT NULL" : "")"
        }
    }

    public struct Table: Sendable {
        public let name: String
        public let columns: [Column]
        public let primaryKey: [String]
        /// Carries `organization_k`: distributed by it on Citus, and every statement on it filters on it.
        public var isPerOrganization: Bool { columns.contains { $0.name == "organization_k" } }
        public var columnNames: [String] { columns.map(\.name) }
    }

    public let tables: [Table]
    /// `CREATE [UNIQUE] INDEX` statements, unqualified (the build runs with the schema on its search path).
    public let indexes: [String]
    public let distributed: Bool

    /// The layout for `StoreSchema`'s tables and indexes.
    public init(distributed: Bool = false) throws {
        try self.init(
            tables: StoreSchema.tables.map(\.sqliteCreate), indexes: StoreSchema.tables.flatMap(\.sqliteIndexes),
            distributed: distributed)
    }

    init(tables createStatements: [String], indexes: [String], distributed: Bool) throws {
        let tables = try createStatements.map(Self.parseTable)
        self.distributed = distributed
        let perOrganization = Set(tables.filter(\.isPerOrganization).map(\.name))
        self.tables = tables.map { table in
            guard distributed, table.isPerOrganization, !table.primaryKey.isEmpty,
                !table.primaryKey.contains("organization_k")
            else { return table }
            return Table(name: table.name, columns: table.columns, primaryKey: ["organization_k"] + table.primaryKey)
        }
        self.indexes = try indexes.map { index in
            guard distributed, index.uppercased().hasPrefix("CREATE UNIQUE INDEX") else { return index }
            let parsed = try Self.parseIndex(index)
            guard perOrganization.contains(parsed.table), !parsed.columns.contains("organization_k") else { return index }
            return index.replacingFirst("\(parsed.table)(", with: "\(parsed.table)(organization_k, ")
        }
    }

    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    /// `CREATE TABLE` statements (no constraints: the rows go in first).
    public var createTables: [String] {
        tables.map { table in
            "CREATE TABLE \(table.name)(" + table.columns.map(\.definition).joined(separator: ", ") + ")"
        }
    }

    /// `StoreSchema`'s rollup statements (usage_rollup's included) for PostgreSQL: a condition in a select
    /// list (`invoice_k IS NOT NULL`, 1 or 0 in SQLite) is a boolean there, so it is cast to an integer.
    public static var rollups: [String] {
        var statements = StoreSchema.rollups
        if !statements.contains(StoreSchema.usageRollup) { statements.append(StoreSchema.usageRollup) }
        return statements.map { aliasedSubqueries(integerConditions($0)) }
    }

    /// `FROM (SELECT ...)` without an alias (SQLite and PostgreSQL 16 accept it, 15 does not) gets one.
    static func aliasedSubqueries(_ sql: String) -> String {
        var result = sql
        var searchFrom = result.startIndex
        var count = 0
        while let range = result.range(of: "FROM (", range: searchFrom..<result.endIndex) {
            let open = result.index(before: range.upperBound)
            guard let close = matchingParenthesis(result, open) else { break }
            let after = result[result.index(after: close)...].drop { $0 == " " || $0 == "\n" }
            let next = after.prefix { $0.isLetter || $0 == "_" }.uppercased()
            let keywords: Set<String> = ["", "WHERE", "GROUP", "ORDER", "LIMIT", "UNION", "JOIN", "LEFT", "CROSS", "HAVING", "ON"]
            if keywords.contains(next) {
                count += 1
                result.insert(contentsOf: " AS subquery\(count)", at: result.index(after: close))
            }
            searchFrom = range.upperBound
        }
        return result
    }

    static func integerConditions(_ sql: String) -> String {
        guard let select = sql.range(of: "SELECT "), let from = sql.range(of: "FROM ", range: select.upperBound..<sql.endIndex)
        else { return sql }
        let list = String(sql[select.upperBound..<from.lowerBound])
        var result = ""
        var rest = Substring(list)
        while let match = rest.range(of: " IS NOT NULL") {
            // The column name before it.
            var start = match.lowerBound
            while start > rest.startIndex {
                let previous = rest[rest.index(before: start)]
                guard previous.isLetter || previous.isNumber || previous == "_" || previous == "." else { break }
                start = rest.index(before: start)
            }
            result += rest[..<start] + "(" + rest[start..<match.upperBound] + ")::int"
            rest = rest[match.upperBound...]
        }
        result += rest
        return String(sql[..<select.upperBound]) + result + String(sql[from.lowerBound...])
    }

    /// The primary keys, added after the load.
    public var primaryKeys: [String] {
        tables.filter { !$0.primaryKey.isEmpty }.map { table in
            "ALTER TABLE \(table.name) ADD PRIMARY KEY (" + table.primaryKey.joined(separator: ", ") + ")"
        }
    }

    // MARK: - Reading SQLite's statements

    struct LayoutError: Error, CustomStringConvertible {
        let description: String
    }

    static func parseTable(_ sql: String) throws -> Table {
        let text = sql.trimmingSpacesAndNewlines
        guard text.uppercased().hasPrefix("CREATE TABLE"), let open = text.firstIndex(of: "(") else {
            throw LayoutError(description: "not a CREATE TABLE statement: \(sql)")
        }
        let name = text[text.index(text.startIndex, offsetBy: "CREATE TABLE".count)..<open].trimmingSpacesAndNewlines
        guard let close = matchingParenthesis(text, open) else {
            throw LayoutError(description: "unbalanced parentheses in: \(sql)")
        }
        let body = String(text[text.index(after: open)..<close])
        var columns: [Column] = []
        var primaryKey: [String] = []
        for part in splitTopLevel(body) {
            let words = part.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
            guard let first = words.first else { continue }
            let upper = part.uppercased()
            if upper.hasPrefix("PRIMARY KEY") {
                primaryKey = columnList(part)
                continue
            }
            if ["UNIQUE", "CHECK", "FOREIGN", "CONSTRAINT"].contains(first.uppercased()) {
                throw LayoutError(description: "table constraint not derived for PostgreSQL: \(part)")
            }
            guard words.count >= 2 else { throw LayoutError(description: "a column without a type: \(part)") }
            let type: String
            switch words[1].uppercased() {
            case "INTEGER", "INT", "BIGINT": type = "bigint"
            case "TEXT": type = "text"
            case "BLOB": type = "bytea"
            default: throw LayoutError(description: "no PostgreSQL type for \(words[1]) in: \(part)")
            }
            let constraints = words.dropFirst(2).joined(separator: " ").uppercased()
            if constraints.contains("PRIMARY KEY") { primaryKey = [first] }
            let known = constraints.replacingAll("PRIMARY KEY", with: "").replacingAll("NOT NULL", with: "")
                .trimmingSpacesAndNewlines
            if !known.isEmpty { throw LayoutError(description: "column constraint not derived for PostgreSQL: \(part)") }
            columns.append(Column(name: first, type: type, notNull: constraints.contains("NOT NULL") || constraints.contains("PRIMARY KEY")))
        }
        return Table(name: name, columns: columns, primaryKey: primaryKey)
    }

    static func parseIndex(_ sql: String) throws -> (name: String, table: String, columns: [String]) {
        let words = sql.split(separator: " ").map(String.init)
        guard let on = words.firstIndex(where: { $0.uppercased() == "ON" }), on >= 1, on + 1 < words.count,
            let open = sql.firstIndex(of: "(")
        else { throw LayoutError(description: "not a CREATE INDEX statement: \(sql)") }
        let table = words[on + 1].split(separator: "(").first.map(String.init) ?? ""
        return (words[on - 1], table, columnList(String(sql[open...])))
    }

    /// `(a, b DESC, c)` → `["a", "b", "c"]`.
    static func columnList(_ text: String) -> [String] {
        guard let open = text.firstIndex(of: "("), let close = matchingParenthesis(text, open) else { return [] }
        return splitTopLevel(String(text[text.index(after: open)..<close])).compactMap {
            $0.split(separator: " ").first.map(String.init)
        }
    }

    static func matchingParenthesis(_ text: String, _ open: String.Index) -> String.Index? {
        var depth = 0
        var index = open
        while index < text.endIndex {
            if text[index] == "(" { depth += 1 }
            if text[index] == ")" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// Splits on commas outside parentheses; parts are trimmed.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == "," && depth == 0 {
                parts.append(current.trimmingSpacesAndNewlines)
                current = ""
            } else {
                current.append(character)
            }
        }
        let last = current.trimmingSpacesAndNewlines
        if !last.isEmpty { parts.append(last) }
        return parts
    }
}

extension StringProtocol {
    var trimmingSpacesAndNewlines: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\n" || first == "\t" || first == "\r" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\n" || last == "\t" || last == "\r" { slice.removeLast() }
        return String(slice)
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
