/// One table of the store, described as data so that every sink can create it in its own dialect:
/// the SQLite store derives `CREATE TABLE ... WITHOUT ROWID` from it, a PostgreSQL sink its own DDL.
///
/// Columns are listed primary-key columns first, in key order: rows (`RowRecord`) hold the values in
/// this order, and SQLite stores a `WITHOUT ROWID` table's columns in this order too.
public struct StoreTable: Sendable, Equatable, Hashable {
    /// Where a table's rows live: per organization (a Citus cluster distributes these tables by
    /// `organization_k`, co-located; every statement on them filters on it) or shared by all
    /// organizations (reference tables: small, replicated).
    public enum Placement: Sendable, Equatable, Hashable {
        case perOrganization
        case reference
        /// `meta`: the store's own description.
        case local
    }

    public let name: String
    public let columns: [StoreColumn]
    /// The primary key's columns (the first `primaryKey.count` columns), or empty for a table whose
    /// rows have no key of their own (`ticket_rollup`: SQLite gives it a rowid, in row order).
    public let primaryKey: [String]
    public let placement: Placement
    public let indexes: [StoreIndex]
    /// What a row is, for people reading the schema.
    public let summary: String

    public init(
        _ name: String, _ summary: String, placement: Placement, primaryKey: [String] = [],
        columns: [StoreColumn], indexes: [StoreIndex] = []
    ) {
        self.name = name
        self.summary = summary
        self.placement = placement
        self.primaryKey = primaryKey
        self.columns = columns
        self.indexes = indexes
    }

    /// The position of a column.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// `CREATE TABLE` in SQLite's dialect: a clustered `WITHOUT ROWID` table when it has a key.
    public var sqliteCreate: String {
        var lines = columns.map { "  \($0.name) \($0.type.sqliteName)\($0.nullable ? "" : " NOT NULL")" }
        if !primaryKey.isEmpty { lines.append("  PRIMARY KEY(\(primaryKey.joined(separator: ", ")))") }
        return "CREATE TABLE \(name)(\n" + lines.joined(separator: ",\n") + ")" + (primaryKey.isEmpty ? "" : " WITHOUT ROWID")
    }

    /// `CREATE INDEX` statements in SQLite's dialect (also valid PostgreSQL).
    public var sqliteIndexes: [String] { indexes.map { $0.create(on: name) } }
}

/// A column: its name, its type and whether it may be NULL.
public struct StoreColumn: Sendable, Equatable, Hashable {
    public enum ColumnType: Sendable, Equatable, Hashable {
        /// A 64-bit integer: keys, millionths, day and month numbers, counts.
        case integer
        /// UTF-8 text.
        case text

        var sqliteName: String {
            switch self {
            case .integer: "INTEGER"
            case .text: "TEXT"
            }
        }
    }

    public let name: String
    public let type: ColumnType
    public let nullable: Bool

    public static func int(_ name: String) -> StoreColumn { StoreColumn(name: name, type: .integer, nullable: false) }
    public static func optionalInt(_ name: String) -> StoreColumn { StoreColumn(name: name, type: .integer, nullable: true) }
    public static func text(_ name: String) -> StoreColumn { StoreColumn(name: name, type: .text, nullable: false) }
    public static func optionalText(_ name: String) -> StoreColumn { StoreColumn(name: name, type: .text, nullable: true) }
}

/// A secondary index: its columns, and optionally a condition (a partial index). The condition is
/// portable SQL over the table's columns.
public struct StoreIndex: Sendable, Equatable, Hashable {
    public let name: String
    public let columns: [String]
    public let unique: Bool
    public let condition: String?

    public init(_ name: String, _ columns: [String], unique: Bool = false, where condition: String? = nil) {
        self.name = name
        self.columns = columns
        self.unique = unique
        self.condition = condition
    }

    func create(on table: String) -> String {
        "CREATE \(unique ? "UNIQUE " : "")INDEX \(name) ON \(table)(\(columns.joined(separator: ", ")))"
            + (condition.map { " WHERE " + $0 } ?? "")
    }
}
