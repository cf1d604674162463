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
    public static let layoutVersion = 3

    public let tables: [StoreTable]
    public let distributed: Bool

    public init(distributed: Bool = false) {
        tables = StoreSchema.tables
        self.distributed = distributed
    }

    public func table(_ name: String) -> StoreTable? { tables.first { $0.name == name } }

    /// `CREATE TABLE`, without constraints (the rows go in first). The columns are stored widest
    /// first (8-byte integers, then 4-byte ones, then text), so that no row pads between them; `COPY`
    /// and every statement name their columns.
    public static func create(_ table: StoreTable) -> String {
        let ordered = table.columns.enumerated().sorted { a, b in
            let (x, y) = (width(a.element), width(b.element))
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        let columns = ordered.map { column in
            "\(column.name) \(type(column))\(column.nullable ? "" : " NOT NULL")"
        }
        return "CREATE TABLE \(table.name)(" + columns.joined(separator: ", ") + ")"
    }

    /// `bigint` for money and quantities (millionths need 64 bits), `integer` for keys, days, months
    /// and counts (a quarter less to write and read per row), `text COLLATE "C"` for text.
    public static func type(_ column: StoreColumn) -> String {
        switch column.type {
        case .text: return "text COLLATE \"C\""
        case .integer: return isNarrow(column.name) ? "integer" : "bigint"
        }
    }

    /// The column's type in `COPY`'s binary format (the same choice as `type`).
    public static func copyType(_ column: StoreColumn) -> CopyWriter.ColumnType {
        switch column.type {
        case .text: return .text
        case .integer: return isNarrow(column.name) ? .int4 : .int8
        }
    }

    /// Keys (`k`, `*_k`), day and month numbers (`*_day`, `month`, `*_month`) and counts fit in 32 bits;
    /// any other integer column (money, quantities, and any column added later) is 64 bits.
    static func isNarrow(_ name: String) -> Bool {
        name == "k" || name.hasSuffix("_k") || name.hasSuffix("_day") || name == "month" || name.hasSuffix("_month")
            || ["tickets", "events", "invoices", "objects", "kind", "delta", "invoiced", "months"].contains(name)
    }

    private static func width(_ column: StoreColumn) -> Int {
        switch column.type {
        case .text: return 0
        case .integer: return isNarrow(column.name) ? 4 : 8
        }
    }

    /// `INSERT ... SELECT` of each derived table (`StoreSchema.derivations`: portable SQL over the base
    /// tables, which the tests check against the streamed tables row for row), by table name.
    public static var derivations: [String: String] {
        var result: [String: String] = [:]
        for derivation in StoreSchema.derivations { result[derivation.table.name] = StoreSchema.insert(derivation) }
        return result
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
