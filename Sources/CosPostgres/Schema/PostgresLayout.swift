import CosStore
import Foundation

/// The PostgreSQL form of the cos store, derived from `StoreSchema`'s table descriptions
/// (`StoreTable`), so that both hold the same tables, columns, rows and keys and the query layer's
/// portable SQL reads either:
/// - an integer column is `bigint` (64 bits, as SQLite's; money is in millionths), a text column
///   `text COLLATE "C"`: bytewise order, as SQLite's default collation, whatever the database's locale,
///   so `ORDER BY name` and range scans over folded names answer alike;
/// - the primary key (SQLite clusters the table by it: `WITHOUT ROWID`) and the indexes are added after
///   the rows are in, which arrive in primary-key order, so the heap is in that order too;
/// - a distributed (Citus) layout leads every primary key and unique index of a per-organization table
///   with `organization_k` (the store's already do), which Citus requires of a table distributed by it.
public struct PostgresLayout: Sendable {
    /// Bumped when the PostgreSQL form changes while `StoreSchema.formatVersion` does not.
    public static let layoutVersion = 2

    public let tables: [StoreTable]
    public let distributed: Bool

    public init(distributed: Bool = false) {
        tables = StoreSchema.tables
        self.distributed = distributed
    }

    public func table(_ name: String) -> StoreTable? { tables.first { $0.name == name } }

    /// `CREATE TABLE`, without constraints (the rows go in first).
    public static func create(_ table: StoreTable) -> String {
        let columns = table.columns.map { column in
            let type = column.type == .text ? "text COLLATE \"C\"" : "bigint"
            return "\(column.name) \(type)\(column.nullable ? "" : " NOT NULL")"
        }
        return "CREATE TABLE \(table.name)(" + columns.joined(separator: ", ") + ")"
    }

    /// The primary key and the indexes, built once the table's rows are in.
    public func constraints(_ table: StoreTable) -> [String] {
        let perOrganization = distributed && table.placement == .perOrganization
        func lead(_ columns: [String]) -> [String] {
            perOrganization && !columns.contains("organization_k") ? ["organization_k"] + columns : columns
        }
        var statements: [String] = []
        if !table.primaryKey.isEmpty {
            statements.append("ALTER TABLE \(table.name) ADD PRIMARY KEY (" + lead(table.primaryKey).joined(separator: ", ") + ")")
        }
        for index in table.indexes {
            let columns = index.unique ? lead(index.columns) : index.columns
            statements.append(
                "CREATE \(index.unique ? "UNIQUE " : "")INDEX \(index.name) ON \(table.name)(\(columns.joined(separator: ", ")))"
                    + (index.condition.map { " WHERE " + $0 } ?? ""))
        }
        return statements
    }
}

extension StoreTable {
    public var columnNames: [String] { columns.map(\.name) }
    /// Carries `organization_k`: distributed by it on Citus, and every statement on it filters on it.
    public var isPerOrganization: Bool { placement == .perOrganization }
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
}
