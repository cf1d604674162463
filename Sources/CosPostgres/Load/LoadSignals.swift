import CPostgres
import CosStore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP while an import writes into PostgreSQL: the signal is recorded and the
/// running statement cancelled (`PQcancel` is safe in a signal handler); the import then fails, rolls
/// back and drops its half-built schema, and reports the signal.
///
/// A CSV import runs under the SQLite import's handlers (`ImportSignals`), which call `handler` through
/// `ImportInterrupt.hook`; `--from-schema` installs `handler` itself. SIGKILL cannot be caught: the
/// server rolls back the killed session's transaction and releases its locks; a schema it had
/// committed already (built, not yet swapped in) is removed by the next import.
enum LoadSignals {
    static let caught = Atomic<Int32>(0)
    nonisolated(unsafe) static var cancel: OpaquePointer?
    /// The second session's (which builds constraints while the next table loads), when there is one.
    nonisolated(unsafe) static var secondCancel: OpaquePointer?
    nonisolated(unsafe) static let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: 256)
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    static let handler: @convention(c) (Int32) -> Void = { number in
        LoadSignals.caught.store(number, ordering: .sequentiallyConsistent)
        if let cancel = LoadSignals.cancel { _ = PQcancel(cancel, LoadSignals.errorBuffer, 256) }
        if let cancel = LoadSignals.secondCancel { _ = PQcancel(cancel, LoadSignals.errorBuffer, 256) }
    }

    /// Makes a signal cancel a second session's statements too (until `detach`).
    static func attachSecond(_ connection: PostgresConnection) {
        if let old = secondCancel { PQfreeCancel(old) }
        secondCancel = connection.makeCancelHandle()
    }

    /// Makes a signal cancel `connection`'s statements (through the SQLite import's handlers).
    static func attach(_ connection: PostgresConnection) {
        caught.store(0, ordering: .sequentiallyConsistent)
        if let old = cancel { PQfreeCancel(old) }
        cancel = connection.makeCancelHandle()
        ImportInterrupt.hook = handler
    }

    static func detach() {
        ImportInterrupt.hook = nil
        if let handle = cancel { PQfreeCancel(handle) }
        cancel = nil
        if let handle = secondCancel { PQfreeCancel(handle) }
        secondCancel = nil
    }

    /// Installs `handler` for the three signals (when no SQLite import runs) and returns what to restore.
    static func install(cancelling connection: PostgresConnection) -> [(signal: Int32, action: sigaction)] {
        attach(connection)
        ImportInterrupt.hook = nil
        var previous: [(signal: Int32, action: sigaction)] = []
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = handler
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous.append((signal, old))
        }
        return previous
    }

    static func restore(_ previous: [(signal: Int32, action: sigaction)]) {
        for entry in previous {
            var action = entry.action
            sigaction(entry.signal, &action, nil)
        }
        detach()
    }

    /// Throws when a signal arrived.
    static func check() throws {
        let signal = caught.load(ordering: .relaxed)
        if signal != 0 { throw interruption(signal) }
    }

    static var interrupted: Bool { caught.load(ordering: .relaxed) != 0 }

    static func interruption(_ signal: Int32) -> ImportError {
        let name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : signal == SIGHUP ? "SIGHUP" : "signal \(signal)"
        return ImportError.stopped(
            signal: signal, "import stopped by \(name): nothing was swapped in; the schema in use is unchanged")
    }
}
