import CPostgres
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One libpq connection (`PGconn`), used from one thread at a time; only `cancel()` may be called from
/// another thread (it goes through libpq's thread-safe `PQcancel`).
///
/// Statements with parameters are prepared once per connection and cached by their text; every
/// parameter is sent as text and typed by the server from its context, so SQL never holds a value.
/// Results come back as text: integers (and the `numeric` of `sum(bigint)`) are read exactly from
/// their digits, never through floating point.
public final class PostgresConnection: @unchecked Sendable {
    let handle: OpaquePointer
    /// What `cos` shows of the connection: the connection string with its password masked.
    public let displayName: String
    private var prepared: [String: String] = [:]
    private var nextStatement = 0
    private let cancelLock = NSLock()
    private var cancelHandle: OpaquePointer?
    /// Set by `cancel()`; tells a cancelled statement (Ctrl-C) from one stopped by `statement_timeout`.
    private var cancelRequested = false

    /// Connects with a connection string as psql takes it (a `postgresql://` URL or `key=value` pairs;
    /// the `PG*` variables, service file and password file fill in the rest, all through libpq).
    public init(_ conninfo: String) throws {
        let display = ConnectionString.masked(conninfo)
        displayName = display
        var parseError: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(conninfo, &parseError) {
            PQconninfoFree(options)
        } else {
            let detail = parseError.map { String(cString: $0) } ?? "out of memory"
            PQfreemem(parseError)
            throw PostgresError(
                kind: .badConnectionString, sqlState: nil,
                message: "\(display): not a PostgreSQL connection string: \(PostgresError.clean(detail))")
        }
        guard let connection = PQconnectdb(conninfo) else {
            throw PostgresError(kind: .unreachable, sqlState: nil, message: "\(display): libpq is out of memory")
        }
        if PQstatus(connection) != CONNECTION_OK {
            let detail = PostgresError.clean(String(cString: PQerrorMessage(connection)))
            PQfinish(connection)
            throw PostgresError.connecting(display, detail)
        }
        handle = connection
        cancelHandle = PQgetCancel(connection)
        // Notices (NOTICE, WARNING) would go to standard error by default: cos has nothing to show there.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
    }

    deinit {
        cancelLock.lock()
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        cancelHandle = nil
        cancelLock.unlock()
        PQfinish(handle)
    }

    /// False once the server has gone (a restart, a dropped network): the connection must be reset.
    public var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    /// The server's version number (150004 for 15.4).
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// The backend's process id (`pg_backend_pid()`).
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Whether a transaction is open (`BEGIN` ... not yet ended), and whether it failed.
    public var transactionStatus: PGTransactionStatusType { PQtransactionStatus(handle) }

    /// Reconnects with the same parameters (`PQreset`); prepared statements are gone afterwards.
    public func reset() throws {
        pending = false
        PQreset(handle)
        prepared.removeAll()
        cancelLock.lock()
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        cancelHandle = PQgetCancel(handle)
        cancelLock.unlock()
        if PQstatus(handle) != CONNECTION_OK {
            throw PostgresError.connecting(displayName, PostgresError.clean(String(cString: PQerrorMessage(handle))))
        }
    }

    /// Asks the server to cancel the statement running on this connection. Safe from any thread.
    public func cancel() {
        cancelLock.lock()
        defer { cancelLock.unlock() }
        cancelRequested = true
        guard let cancelHandle else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
    }

    /// A cancel handle of its own (`PQgetCancel`) for a signal handler, which may call `PQcancel` on it;
    /// the caller frees it with `PQfreeCancel`.
    public func makeCancelHandle() -> OpaquePointer? { PQgetCancel(handle) }

    private func takeCancelRequest() -> Bool {
        cancelLock.lock()
        defer { cancelLock.unlock() }
        let requested = cancelRequested
        cancelRequested = false
        return requested
    }

    private func clearCancelRequest() {
        cancelLock.lock()
        cancelRequested = false
        cancelLock.unlock()
    }

    // MARK: - Statements

    /// Runs SQL without parameters (one or several statements separated by `;`), discarding rows.
    public func execute(_ sql: String) throws {
        drainPending()
        clearCancelRequest()
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
    }

    /// Runs SQL without parameters (several statements separated by `;` are one round trip) and returns
    /// the last statement's rows.
    public func executeReturningLast(_ sql: String) throws -> PostgresResult {
        drainPending()
        clearCancelRequest()
        let result = PQexec(handle, sql)
        return try rows(of: result, sql: sql)
    }

    /// Whether a statement was sent without waiting for its result (`sendWithoutWaiting`).
    private var pending = false

    /// Sends SQL and returns at once; its result is read (and dropped) before the next statement. For a
    /// `COMMIT` that nothing waits on: the server ends the transaction, and releases its locks, as soon
    /// as it reads it, and the client saves a round trip.
    public func sendWithoutWaiting(_ sql: String) {
        drainPending()
        if PQsendQuery(handle, sql) == 1 { pending = true }
    }

    private func drainPending() {
        guard pending else { return }
        pending = false
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    /// Runs a statement with parameters (`$1`, `$2`, ...; nil is NULL), prepared once per connection.
    public func query(_ sql: String, _ parameters: [String?]) throws -> PostgresResult {
        drainPending()
        let name = try preparedName(sql, parameterCount: parameters.count)
        clearCancelRequest()
        let result = Self.withCStrings(parameters) { pointers in
            PQexecPrepared(handle, name, Int32(parameters.count), pointers, nil, nil, 0)
        }
        return try rows(of: result, sql: sql)
    }

    /// Runs a statement with parameters once, without preparing it (statements run once per session).
    public func run(_ sql: String, _ parameters: [String?] = []) throws -> PostgresResult {
        drainPending()
        clearCancelRequest()
        let result = Self.withCStrings(parameters) { pointers in
            PQexecParams(handle, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        return try rows(of: result, sql: sql)
    }

    /// The first column of the first row as text, or nil (no row, or NULL).
    public func scalar(_ sql: String, _ parameters: [String?] = []) throws -> String? {
        let result = try run(sql, parameters)
        return result.rowCount > 0 ? result.text(0, 0) : nil
    }

    private func preparedName(_ sql: String, parameterCount: Int) throws -> String {
        if let name = prepared[sql] { return name }
        nextStatement += 1
        let name = "cos_\(nextStatement)"
        clearCancelRequest()
        let result = PQprepare(handle, name, sql, Int32(parameterCount), nil)
        defer { PQclear(result) }
        try check(result, sql: sql)
        prepared[sql] = name
        return name
    }

    /// Forgets the prepared statements (after the schema they were planned against was replaced, the
    /// server re-plans them anyway; this is for a new session).
    func forgetPrepared() {
        prepared.removeAll()
    }

    // MARK: - COPY

    /// Starts `COPY ... FROM STDIN`; then `putCopyData` and `endCopy`.
    public func beginCopy(_ sql: String) throws {
        drainPending()
        clearCancelRequest()
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COPY_IN else {
            try check(result, sql: sql)
            throw PostgresError(kind: .query, sqlState: nil, message: "\(sql): the server did not start a COPY")
        }
    }

    /// Sends a chunk of COPY data (whole rows or not: the server reassembles the stream).
    public func putCopyData(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let status = PQputCopyData(handle, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        if status != 1 {
            throw PostgresError(
                kind: isBroken ? .lostConnection : .query, sqlState: nil,
                message: "COPY: " + PostgresError.clean(String(cString: PQerrorMessage(handle))))
        }
    }

    /// Ends the COPY (or aborts it with `failure`) and returns its outcome.
    public func endCopy(failure: String? = nil) throws {
        let status = PQputCopyEnd(handle, failure)
        if status != 1 {
            throw PostgresError(
                kind: isBroken ? .lostConnection : .query, sqlState: nil,
                message: "COPY: " + PostgresError.clean(String(cString: PQerrorMessage(handle))))
        }
        var firstError: Error?
        while let result = PQgetResult(handle) {
            do { try check(result, sql: "COPY") } catch { if firstError == nil { firstError = error } }
            PQclear(result)
        }
        if let firstError { throw firstError }
    }

    // MARK: - Errors

    /// The rows of a statement's result, or its error (the result freed).
    private func rows(of result: OpaquePointer?, sql: String) throws -> PostgresResult {
        do {
            try check(result, sql: sql)
        } catch {
            PQclear(result)
            throw error
        }
        guard let result else { throw PostgresError(kind: .query, sqlState: nil, message: "libpq is out of memory") }
        return PostgresResult(result)
    }

    private func check(_ result: OpaquePointer?, sql: String) throws {
        let status = result.map { PQresultStatus($0) } ?? PGRES_FATAL_ERROR
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_EMPTY_QUERY:
            return
        default:
            let sqlState = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
            let primary = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "M"))) }.map { String(cString: $0) }
            let message = PostgresError.clean(primary ?? String(cString: PQerrorMessage(handle)))
            if isBroken {
                throw PostgresError(kind: .lostConnection, sqlState: sqlState, message: message)
            }
            let cancelled = takeCancelRequest()
            if sqlState == "57014" {
                throw PostgresError(kind: cancelled ? .cancelled : .timeout, sqlState: sqlState, message: message)
            }
            throw PostgresError(kind: .query, sqlState: sqlState, message: message, statement: sql)
        }
    }

    /// Calls `body` with the parameters as C strings (nil stays a NULL pointer).
    static func withCStrings<T>(_ values: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        if values.isEmpty { return body(nil) }
        var storage: [UnsafeMutablePointer<CChar>?] = values.map { value in value.map { strdup($0) } }
        defer { for pointer in storage { free(pointer) } }
        return storage.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return body(nil) }
            return base.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: values.count) { body($0) }
        }
    }
}
