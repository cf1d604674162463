import CSQLite
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT, SIGTERM and SIGHUP during an import: the handler records the signal and interrupts the
/// running SQLite statement; the import notices, removes its temporary file and throws
/// `ImportError` of kind `.interrupted`. The previous handlers are restored when the import ends.
///
/// SIGKILL cannot be caught: its temporary file stays behind, named so that the next import into the
/// same directory recognizes and removes it (`TemporaryStore`).
enum ImportSignals {
    static let caught = Atomic<Int32>(0)
    /// The connection to interrupt; only touched while handlers are installed.
    nonisolated(unsafe) static var database: OpaquePointer?
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handlers and returns what to restore.
    static func install(database: Database) -> [Int32: sighandler_t?] {
        caught.store(0, ordering: .sequentiallyConsistent)
        self.database = database.handle
        var previous: [Int32: sighandler_t?] = [:]
        for signal in signals {
            previous[signal] = Glibc.signal(signal) { number in
                ImportSignals.caught.store(number, ordering: .sequentiallyConsistent)
                if let handle = ImportSignals.database { sqlite3_interrupt(handle) }
            }
        }
        return previous
    }

    static func restore(_ previous: [Int32: sighandler_t?]) {
        for (signal, handler) in previous {
            _ = Glibc.signal(signal, handler)
        }
        database = nil
    }

    /// Throws when a signal arrived.
    static func check() throws {
        let signal = caught.load(ordering: .relaxed)
        if signal != 0 { throw interruption(signal) }
    }

    static func interruption(_ signal: Int32) -> ImportError {
        let name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : signal == SIGHUP ? "SIGHUP" : "signal \(signal)"
        return ImportError(kind: .interrupted(signal: signal), lines: ["import stopped by \(name): nothing was written"], problemCount: 1)
    }
}
