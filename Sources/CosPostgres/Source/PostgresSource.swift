import CosStore
import Foundation
import Synchronization

/// A cos store held in a PostgreSQL schema, read through libpq: the same tables as the SQLite store,
/// answering the query layer's portable SQL (its `?` placeholders become `$1..$n`).
///
/// The session is read-only (`default_transaction_read_only`), has a statement timeout (`set timeout`),
/// and resolves table names through its `search_path`, which holds only the cos schema.
///
/// **Reads during a re-import.** `cos import --to` swaps a new schema in by renaming (see
/// `PostgresImport`), and PostgreSQL resolves names at every statement: a view that ran one statement
/// before the swap and the next after would mix old and new data. So each command's reads
/// (`beginReading()` ... `endReading()`) run in one read-only transaction that first takes the
/// schema's swap lock in shared mode (`pg_advisory_xact_lock_shared`); the swap takes it exclusively, so
/// it waits for the views being answered and the views that start meanwhile wait for it. A statement
/// outside a command (completion) runs alone, and a single statement never sees a mixture.
///
/// **A lost connection** (a server restart) fails the statement that found it with a clear message;
/// the next command reconnects once before it reads (and says so through `notice`).
public final class PostgresSource: BillingSource, @unchecked Sendable {
    public let schema: SchemaName
    /// The connection string with the password masked, and the schema: what cos shows of the source.
    public let displayName: String
    let connection: PostgresConnection
    /// Called with a message for the user that is not an error (a reconnection); the shell prints it.
    public var notice: ((String) -> Void)?
    /// Called with every statement the query layer sends and its values (a test records a full pass).
    public var recorder: ((_ sql: String, _ values: [SQLValue]) -> Void)?
    /// The statement timeout in milliseconds (0: none).
    public private(set) var timeoutMilliseconds: Int
    /// `load_id` of the data the last command read: changes when a re-import swapped new data in.
    public private(set) var loadID: String?
    /// A test hook (`COS_TEST_SLOW_QUERIES`): every query first sleeps this long on the server, so that
    /// a terminal test can cancel a running statement with Ctrl-C.
    public var slowQueriesMilliseconds = 0

    private var numbered: [String: (sql: String, count: Int)] = [:]
    /// `BEGIN` and the shared swap lock in one round trip; made of integers only (the lock's second key
    /// is `hashtext(schema name)`, asked of the server once).
    private var beginStatement = ""
    /// The oid of the schema's namespace when the current command began (`dataVersion()`).
    private var namespace: String?
    /// Results of statements that read only reference tables, for the data of `cacheNamespace`.
    private var cache = ReferenceCache()
    private var readingWanted = false
    private var inTransaction = false
    private var needsReconnect = false
    private var lostDetail: String?

    /// Opens the schema of a database as a cos source. Throws `PostgresError`: unreachable server,
    /// refused login, no such database, no cos schema of that name, or a store of another format.
    public init(conninfo: String, schema: SchemaName = .standard, timeoutMilliseconds: Int = 30_000) throws {
        self.schema = schema
        connection = try PostgresConnection(conninfo)
        displayName = connection.displayName + (schema == .standard ? "" : " (schema \(schema.name))")
        self.timeoutMilliseconds = timeoutMilliseconds
        try startSession()
        try checkStore()
        let key = try connection.scalar("SELECT hashtext($1)", [schema.name]) ?? "0"
        guard Int32(key) != nil else { throw PostgresError(kind: .query, sqlState: nil, message: "hashtext gave \(key)") }
        // After the lock, the schema's namespace: a swap gives the name to another namespace, so its oid
        // identifies the load being read (current_schema() is the search path's schema, by name).
        beginStatement = "BEGIN READ ONLY; SELECT pg_advisory_xact_lock_shared(\(AdvisoryLock.readers), \(key)); "
            + "SELECT oid FROM pg_namespace WHERE nspname = current_schema()"
    }

    /// The settings every session of a reader gets (again after a reconnection). JIT compilation is
    /// off: the views are many short statements, and compiling one costs more than running it.
    ///
    /// The planner is told what is true of a cos schema whatever the server's defaults: every table
    /// is stored in its primary key's order (`random_page_cost = 1.1`: an index scan reads the heap
    /// nearly in sequence), and a view's sort of an organization's rows fits in memory
    /// (`work_mem = 64MB`). With the defaults (4 and 4 MB) compare's read of the largest organization's
    /// `product_object` rows of the quick set was a bitmap scan and a sort spilled to disk (34 ms); it
    /// is the primary key's index scan, already in the order asked (9 ms).
    private func startSession() throws {
        try connection.execute(
            "SET default_transaction_read_only = on; SET client_min_messages = warning; "
                + "SET idle_in_transaction_session_timeout = '10min'; SET jit = off; "
                + "SET random_page_cost = 1.1; SET work_mem = '64MB'")
        _ = try connection.run("SELECT set_config('search_path', $1, false)", [schema.quoted])
        _ = try connection.run("SELECT set_config('application_name', 'cos', false)", [])
        try applyTimeout()
    }

    private func applyTimeout() throws {
        _ = try connection.run("SELECT set_config('statement_timeout', $1, false)", [String(timeoutMilliseconds)])
    }

    /// The schema exists and holds a cos store of the format this cos reads.
    private func checkStore() throws {
        let exists = try connection.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [schema.name])
        let database = (try? connection.scalar("SELECT current_database()")) ?? "?"
        guard exists == "1" else {
            throw PostgresError(
                kind: .noStore, sqlState: nil,
                message: "\(connection.displayName): database \(database) has no cos schema \"\(schema.name)\": "
                    + "load one with cos import DIR --to URL" + (schema == .standard ? "" : " --schema \(schema.name)")
                    + ", or name another with --schema")
        }
        // A role without the grants sees the schema in the catalog but may not read it.
        let readable = try connection.scalar(
            """
            SELECT has_schema_privilege($1, 'USAGE') AND coalesce(has_table_privilege(to_regclass($2), 'SELECT'), true)
            """, [schema.name, schema.quoted + ".meta"])
        guard readable == "t" else {
            let role = (try? connection.scalar("SELECT quote_ident(current_user)")).flatMap { $0 } ?? "?"
            throw PostgresError(
                kind: .authentication, sqlState: "42501",
                message: "\(connection.displayName): role \(role) may not read the cos schema \"\(schema.name)\" of database "
                    + "\(database): its owner grants it with GRANT USAGE ON SCHEMA \(schema.quoted) TO \(role); "
                    + "GRANT SELECT ON ALL TABLES IN SCHEMA \(schema.quoted) TO \(role) (once: re-imports keep the grants)")
        }
        let meta: [String: String]
        do { meta = try metadata() } catch {
            throw PostgresError(
                kind: .noStore, sqlState: nil,
                message: "\(connection.displayName): schema \"\(schema.name)\" of database \(database) is not a cos "
                    + "store (it has no readable meta table)")
        }
        guard meta["format"] == StoreSchema.formatName else {
            throw PostgresError(
                kind: .noStore, sqlState: nil,
                message: "\(connection.displayName): schema \"\(schema.name)\" of database \(database) is not a cos store")
        }
        let version = meta["format_version"] ?? "?"
        let layout = meta["postgres_layout"] ?? "?"
        guard version == String(StoreSchema.formatVersion), layout == String(PostgresLayout.layoutVersion) else {
            throw PostgresError(
                kind: .otherFormat, sqlState: nil,
                message: "\(connection.displayName): schema \"\(schema.name)\" holds a cos store of format version "
                    + "\(version) (PostgreSQL layout \(layout)); this cos reads version \(StoreSchema.formatVersion) "
                    + "(layout \(PostgresLayout.layoutVersion)): import the data again with cos import DIR --to URL")
        }
        loadID = meta["load_id"]
    }

    // MARK: - BillingSource

    public func query(_ sql: String, _ values: [SQLValue], _ body: (any ResultRow) throws -> Void) throws {
        recorder?(sql, values)
        // A Ctrl-C that came between two statements cancels the rest of the command too.
        if interruptRequested.load(ordering: .relaxed) { throw DatabaseError(sourceMessage: "cancelled", interrupted: true) }
        try prepareToRead()
        let statement: (sql: String, count: Int)
        if let cached = numbered[sql] {
            statement = cached
        } else {
            statement = Placeholders.numbered(sql)
            numbered[sql] = statement
        }
        guard statement.count == values.count else {
            throw DatabaseError(
                sourceMessage: "\(statement.count) parameters in the statement, \(values.count) values given: \(sql)")
        }
        let cacheable = inTransaction && cache.isCacheable(sql)
        if cacheable, let rows = cache.rows(sql, values) {
            for row in rows { try body(CachedRow(values: row)) }
            return
        }
        let result: PostgresResult
        do {
            if slowQueriesMilliseconds > 0 {
                _ = try connection.query("SELECT pg_sleep($1)", [String(Double(slowQueriesMilliseconds) / 1000)])
            }
            // A long IN list is planned for its values each time (not prepared): the generic plan of
            // `k IN ($2, ..., $257)` scans the organization's whole index (16 ms against 0.4 ms on the
            // quick set). The others are prepared, and PostgreSQL keeps a generic plan when it costs no
            // more than planning each time (their indexes decide the plans: the same for the largest
            // organization as for a small one; faster than force_custom_plan on 15 of the bench's 16 views).
            result = values.count > Self.preparedParameterLimit
                ? try connection.run(statement.sql, values.map(Self.parameter))
                : try connection.query(statement.sql, values.map(Self.parameter))
        } catch let error as PostgresError {
            throw failure(error)
        }
        if cacheable { cache.store(sql, values, result) }
        var overflow = false
        try withUnsafeMutablePointer(to: &overflow) { flag in
            for row in 0..<result.rowCount {
                try body(PostgresRow(result: result, row: Int32(row), overflow: flag))
                if flag.pointee {
                    throw DatabaseError(sourceMessage: "integer overflow: a value does not fit in 64 bits in: \(sql)")
                }
            }
        }
    }

    /// Cancels the running statement (PQcancel) and every later one of the same command, until
    /// `endReading()` or `beginReading()`: a cancel that reaches the server between two statements
    /// cancels nothing there.
    public func interrupt() {
        interruptRequested.store(true, ordering: .relaxed)
        connection.cancel()
    }

    /// Set by `interrupt()`, cleared when a command's reads begin or end.
    private let interruptRequested = Atomic<Bool>(false)

    public func metadata() throws -> [String: String] {
        var result: [String: String] = [:]
        do {
            for row in try connection.query("SELECT key, value FROM meta", []).allText {
                if let key = row[0], let value = row[1] { result[key] = value }
            }
        } catch let error as PostgresError {
            throw failure(error)
        }
        return result
    }

    /// What identifies the data this command reads: the oid of the namespace the schema's name stands
    /// for (each load is a namespace of its own), read with the command's swap lock, in the same round
    /// trip. Outside a command it is read alone.
    public func dataVersion() throws -> String? {
        try prepareToRead()
        if !inTransaction {
            do {
                namespace = try connection.query("SELECT oid FROM pg_namespace WHERE nspname = current_schema()", [])
                    .allText.first?.first ?? nil
            } catch let error as PostgresError {
                throw failure(error)
            }
        }
        return namespace
    }

    public func beginReading() {
        interruptRequested.store(false, ordering: .relaxed)
        readingWanted = true
    }

    public func endReading() {
        interruptRequested.store(false, ordering: .relaxed)
        readingWanted = false
        guard inTransaction else { return }
        inTransaction = false
        // COMMIT ends a failed transaction too (as a rollback); a broken connection is found next time.
        // Sent without waiting: the server releases the swap lock when it reads it.
        connection.sendWithoutWaiting("COMMIT")
    }

    // MARK: - Settings

    /// `set timeout`: the statement timeout from now on (0: none).
    public func setTimeout(milliseconds: Int) throws {
        let previous = timeoutMilliseconds
        timeoutMilliseconds = max(0, milliseconds)
        do { try applyTimeout() } catch let error as PostgresError {
            timeoutMilliseconds = previous
            throw failure(error)
        }
    }

    // MARK: - Reads, transactions and reconnecting

    /// Reconnects when the last command lost the connection, and opens the command's read transaction.
    private func prepareToRead() throws {
        if needsReconnect || connection.isBroken { try reconnect() }
        guard readingWanted, !inTransaction else { return }
        do {
            try beginTransaction()
        } catch let error as PostgresError where error.kind == .lostConnection {
            // Lost while idle (a server restart between commands): nothing of this command was read yet,
            // so one reconnection and the command goes on.
            lostDetail = error.message
            try reconnect()
            do { try beginTransaction() } catch let error as PostgresError { throw failure(error) }
        } catch let error as PostgresError {
            throw failure(error)
        }
    }

    private func beginTransaction() throws {
        // The lock is taken alone in its statement: a statement that also read a table would resolve
        // that table's name before waiting for the lock, and could wait on the swap that drops it.
        inTransaction = true
        let result = try connection.executeReturningLast(beginStatement)
        namespace = result.rowCount > 0 ? result.text(0, 0) : nil
        cache.use(namespace)
    }

    private func reconnect() throws {
        inTransaction = false
        cache.use(nil)
        let detail = lostDetail.map { " (\($0))" } ?? ""
        do {
            try connection.reset()
            try startSession()
        } catch let error as PostgresError {
            needsReconnect = true
            throw DatabaseError(
                sourceMessage: "the connection to \(displayName) was lost\(detail) and reconnecting failed: "
                    + "\(error.message); cos tries again at the next command")
        }
        needsReconnect = false
        lostDetail = nil
        numbered.removeAll()
        notice?("the connection to \(displayName) was lost\(detail); reconnected")
    }

    /// The error the query layer gets for a failed statement.
    private func failure(_ error: PostgresError) -> DatabaseError {
        switch error.kind {
        case .cancelled:
            return DatabaseError(sourceMessage: "cancelled", interrupted: true)
        case .timeout:
            return DatabaseError(
                sourceMessage: "the statement ran longer than the timeout (\(TimeoutText.describe(milliseconds: timeoutMilliseconds))"
                    + ", see set timeout) and was stopped")
        case .lostConnection:
            inTransaction = false
            needsReconnect = true
            lostDetail = error.message
            return DatabaseError(
                sourceMessage: "the connection to \(displayName) was lost (\(error.message)); cos reconnects for the next command")
        default:
            return DatabaseError(sourceMessage: error.message)
        }
    }

    /// Statements with more parameters than this are not prepared (see `query`).
    static let preparedParameterLimit = 16

    static func parameter(_ value: SQLValue) -> String? {
        switch value {
        case .null: return nil
        case .integer(let v): return String(v)
        case .text(let v): return v
        case .real(let v): return "\(v)"
        }
    }
}

/// The advisory locks cos takes (two 32-bit keys: the kind here, `hashtext(schema name)` second).
enum AdvisoryLock {
    /// Shared by each command's reads, exclusive by the swap of a re-import.
    static let readers: Int32 = 0x636F_7301
    /// Held (session level) by the import into a schema for as long as it runs: it tells a live import
    /// from the leftovers of a killed one, and keeps two imports into one schema apart.
    static let loader: Int32 = 0x636F_7302
}

/// Durations as `set timeout` takes and shows them: `30s`, `500ms`, `2min`, `off`.
public enum TimeoutText {
    /// Milliseconds for `500ms`, `30s`, `30` (seconds), `2min`, `1h`, `off`/`none`/`0` (no timeout), or nil.
    public static func parse(_ text: String) -> Int? {
        let lower = text.lowercased().trimmingSpacesAndNewlines
        if ["off", "none", "0"].contains(lower) { return 0 }
        let units: [(String, Int)] = [("ms", 1), ("min", 60_000), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (unit, factor) in units where lower.hasSuffix(unit) {
            let number = lower.dropLast(unit.count).trimmingSpacesAndNewlines
            guard let value = Int(number), value >= 0, value <= 86_400_000 / factor else { return nil }
            return value * factor
        }
        guard let seconds = Int(lower), seconds >= 0, seconds <= 86_400 else { return nil }
        return seconds * 1000
    }

    public static func describe(milliseconds: Int) -> String {
        if milliseconds == 0 { return "off" }
        if milliseconds % 60_000 == 0 && milliseconds >= 60_000 { return "\(milliseconds / 60_000)min" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds)ms"
    }
}
