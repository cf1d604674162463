import CSQLite
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A value bound to, or read from, an SQL statement.
public enum SQLValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case real(Double)
}

/// An error from SQLite, with the statement it came from.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public var description: String { message }
    /// SQLITE_INTERRUPT: the statement was cancelled by `Database.interrupt()` (Ctrl-C).
    public var isInterrupt: Bool { code == SQLITE_INTERRUPT }
}

/// A thin handle on one SQLite connection. Statements are prepared once and cached by their text.
///
/// Every value from the user is bound as a parameter; SQL text is only ever built from constants.
public final class Database: @unchecked Sendable {
    let handle: OpaquePointer
    private var cache: [String: Statement] = [:]

    /// Opens (or with `create`, creates) a database file. `readOnly` opens with SQLITE_OPEN_READONLY.
    public init(path: String, readOnly: Bool, create: Bool = false) throws {
        var db: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw DatabaseError(code: rc, message: "\(path): \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 0)
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs SQL that returns no rows (one or several statements separated by `;`).
    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(error)
            throw DatabaseError(code: rc, message: message)
        }
    }

    /// A prepared statement for this SQL, cached: preparing is done once per connection. After
    /// `interrupt()`, and until the command's reads end, every statement fails at once as interrupted:
    /// SQLite forgets an interrupt that lands between two statements, and a command would then run to
    /// its end (and change the context) though Ctrl-C was pressed.
    public func statement(_ sql: String) throws -> Statement {
        if interruptRequested.load(ordering: .relaxed) {
            throw DatabaseError(code: SQLITE_INTERRUPT, message: "interrupted")
        }
        if let cached = cache[sql] {
            cached.reset()
            return cached
        }
        let statement = try Statement(database: self, sql: sql)
        cache[sql] = statement
        return statement
    }

    /// Runs a query with bound values, calling `body` for each row.
    public func forEachRow(_ sql: String, _ values: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        let statement = try statement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {
            try body(Row(statement: statement))
        }
    }

    /// All rows of a query, mapped.
    public func rows<T>(_ sql: String, _ values: [SQLValue] = [], _ map: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEachRow(sql, values) { result.append(try map($0)) }
        return result
    }

    /// The first column of the first row, or nil when there is no row.
    public func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> SQLValue? {
        var value: SQLValue?
        try forEachRow(sql, values) { row in
            if value == nil { value = row.value(0) }
        }
        return value
    }

    /// Runs one statement with bound values and no result rows.
    public func run(_ sql: String, _ values: [SQLValue] = []) throws {
        let statement = try statement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {}
    }

    /// Cancels the statement running on this connection and every later one of the same command,
    /// until `endReading()` or `beginReading()` (safe to call from a signal-watching thread).
    public func interrupt() {
        interruptRequested.store(true, ordering: .relaxed)
        sqlite3_interrupt(handle)
    }

    /// A command begins: an interrupt of the one before no longer applies.
    public func beginReading() { interruptRequested.store(false, ordering: .relaxed) }

    /// The command is over: completion and the prompt read again.
    public func endReading() { interruptRequested.store(false, ordering: .relaxed) }

    /// Set by `interrupt()`, cleared by `beginReading()` and `endReading()`.
    private let interruptRequested = Atomic<Bool>(false)

    /// A test hook: makes every query sleep `milliseconds` per thousand virtual-machine steps, so that
    /// a real query runs long enough for a terminal test to cancel it with Ctrl-C. The shell turns it
    /// on only when `COS_TEST_SLOW_QUERIES=MILLISECONDS` is set.
    public func slowDownForTesting(milliseconds: Int) {
        let pause = UnsafeMutableRawPointer(bitPattern: max(1, min(milliseconds, 1000)))
        sqlite3_progress_handler(handle, 1000, { pause in
            usleep(UInt32(Int(bitPattern: pause)) * 1000)
            return 0
        }, pause)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    func error(_ rc: Int32) -> DatabaseError {
        DatabaseError(code: rc, message: String(cString: sqlite3_errmsg(handle)))
    }
}

/// A prepared statement. Reused through `Database.statement(_:)`; not shared between threads.
public final class Statement {
    // Unowned: the database owns its statement cache, so a strong reference would be a cycle and the
    // connection would never close.
    unowned let database: Database
    let pointer: OpaquePointer

    init(database: Database, sql: String) throws {
        self.database = database
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw DatabaseError(
                code: rc, message: String(cString: sqlite3_errmsg(database.handle)) + " in: " + sql)
        }
        pointer = statement
    }

    deinit { sqlite3_finalize(pointer) }

    func reset() {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
    }

    /// Binds values to parameters 1...n.
    public func bind(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    public func bind(_ value: SQLValue, at index: Int32) throws {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(pointer, index)
        case .integer(let v): rc = sqlite3_bind_int64(pointer, index, v)
        case .real(let v): rc = sqlite3_bind_double(pointer, index, v)
        case .text(let v): rc = sqlite3_bind_text(pointer, index, v, -1, SQLITE_TRANSIENT)
        }
        if rc != SQLITE_OK { throw database.error(rc) }
    }

    /// Binds an integer without boxing (the import's hot path).
    public func bind(int value: Int64, at index: Int32) {
        sqlite3_bind_int64(pointer, index, value)
    }

    /// Binds text without boxing (the import's hot path).
    public func bind(text value: String, at index: Int32) {
        sqlite3_bind_text(pointer, index, value, -1, SQLITE_TRANSIENT)
    }

    public func bindNull(at index: Int32) { sqlite3_bind_null(pointer, index) }

    /// Steps once: true when a row is ready, false when done.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(pointer)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.error(rc)
            sqlite3_reset(pointer)
            throw error
        }
    }

    /// Runs an INSERT or similar to completion and resets for the next use (bindings kept until rebound).
    public func runAndReset() throws {
        let rc = sqlite3_step(pointer)
        sqlite3_reset(pointer)
        if rc != SQLITE_DONE && rc != SQLITE_ROW { throw database.error(rc) }
    }
}

/// The current row of a statement; valid only inside the row callback.
public struct Row {
    let statement: Statement

    public var columnCount: Int { Int(sqlite3_column_count(statement.pointer)) }

    public func value(_ index: Int) -> SQLValue {
        let i = Int32(index)
        switch sqlite3_column_type(statement.pointer, i) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement.pointer, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement.pointer, i))
        default: return .text(text(index) ?? "")
        }
    }

    public func isNull(_ index: Int) -> Bool { sqlite3_column_type(statement.pointer, Int32(index)) == SQLITE_NULL }

    public func int64(_ index: Int) -> Int64 { sqlite3_column_int64(statement.pointer, Int32(index)) }
    public func int(_ index: Int) -> Int { Int(sqlite3_column_int64(statement.pointer, Int32(index))) }
    public func optionalInt64(_ index: Int) -> Int64? { isNull(index) ? nil : int64(index) }

    public func text(_ index: Int) -> String? {
        guard let pointer = sqlite3_column_text(statement.pointer, Int32(index)) else { return nil }
        return String(cString: pointer)
    }

    /// Compares the column's UTF-8 bytes in place (no `String` is made). NULL equals nothing.
    public func text(_ index: Int, equals expected: String) -> Bool {
        let i = Int32(index)
        guard let pointer = sqlite3_column_text(statement.pointer, i) else { return false }
        let count = Int(sqlite3_column_bytes(statement.pointer, i))
        var expected = expected
        return expected.withUTF8 { utf8 in
            guard utf8.count == count else { return false }
            guard count > 0, let base = utf8.baseAddress else { return true }
            return memcmp(pointer, base, count) == 0
        }
    }
}

/// SQLite's "copy this text now" destructor, which Swift cannot import as a constant.
let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
