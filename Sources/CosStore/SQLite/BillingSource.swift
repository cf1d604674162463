import CSQLite

/// One row of a query result, whatever database produced it.
public protocol ResultRow {
    func isNull(_ index: Int) -> Bool
    func int64(_ index: Int) -> Int64
    func int(_ index: Int) -> Int
    func text(_ index: Int) -> String?
    /// Whether the column holds exactly this text. A source can answer without making a `String`,
    /// which matters when a query hands over a hundred thousand rows with a repeated text.
    func text(_ index: Int, equals: String) -> Bool
}

extension ResultRow {
    public func text(_ index: Int, equals: String) -> Bool { text(index) == equals }
    public func optionalInt64(_ index: Int) -> Int64? { isNull(index) ? nil : int64(index) }
    public func optionalText(_ index: Int) -> String? { isNull(index) ? nil : text(index) }
}

extension Row: ResultRow {}

/// What the aggregation core queries: the store's tables (see `StoreSchema`) through portable SQL
/// with bound parameters.
///
/// The embedded SQLite store is one source; a live PostgreSQL database holding the same tables can be
/// another, serving the same views. Queries use `?` placeholders; a source for another database
/// rewrites them as it needs.
public protocol BillingSource: AnyObject {
    /// Runs a read-only query, calling `body` for each row.
    func query(_ sql: String, _ values: [SQLValue], _ body: (any ResultRow) throws -> Void) throws
    /// Cancels the query that is running (Ctrl-C); it then throws an error whose `isInterrupt` is true.
    func interrupt()
    /// What the store says about itself (`as_of`, `name`, `source`, ...), from its `meta` table.
    func metadata() throws -> [String: String]
    /// One command's reads begin: until `endReading()`, every statement must see the same data, even
    /// when another process replaces it meanwhile (a PostgreSQL schema re-imported while it is read).
    /// The SQLite store is never changed while open, so it needs nothing here.
    func beginReading()
    /// The command's reads are over (its output is about to be written; no data is held for the pager).
    func endReading()
    /// What identifies the data the current command reads (it changes when a re-import replaced it),
    /// so that what is kept in memory between commands (the organization search index) is read again.
    /// nil for a source that never changes while open.
    func dataVersion() throws -> String?
}

extension BillingSource {
    public func beginReading() {}
    public func endReading() {}
    public func dataVersion() throws -> String? { nil }
}

extension Database: BillingSource {
    public func query(_ sql: String, _ values: [SQLValue], _ body: (any ResultRow) throws -> Void) throws {
        try forEachRow(sql, values) { try body($0) }
    }

    public func metadata() throws -> [String: String] {
        var result: [String: String] = [:]
        try forEachRow("SELECT key, value FROM meta") { row in
            if let key = row.text(0), let value = row.text(1) { result[key] = value }
        }
        return result
    }
}

extension DatabaseError {
    /// An error of another source (PostgreSQL), in the form the query layer handles: `interrupted`
    /// when Ctrl-C cancelled the statement.
    public init(sourceMessage message: String, interrupted: Bool = false) {
        self.init(code: interrupted ? SQLITE_INTERRUPT : SQLITE_ERROR, message: message)
    }
}
