import CSQLite
import Synchronization

import Glibc

/// SIGINT, SIGTERM and SIGHUP during an import: the handler records the signal and interrupts the
/// running SQLite statement; the import notices, removes its temporary file and throws
/// `ImportError` of kind `.interrupted`. The previous handlers are restored when the import ends.
///
/// SIGKILL cannot be caught: its temporary file stays behind, named so that the next import into the
/// same directory recognizes and removes it (`TemporaryStore`).
/// What else a signal during an import cancels: a sink writing into another database sets a function
/// here (it must be async-signal-safe: a PostgreSQL sink calls `PQcancel`), and clears it at the end.
public enum ImportInterrupt {
    nonisolated(unsafe) public static var hook: (@convention(c) (Int32) -> Void)?
}

enum ImportSignals {
    static let caught = Atomic<Int32>(0)
    /// The connection to interrupt; only touched while handlers are installed.
    nonisolated(unsafe) static var database: OpaquePointer?
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handlers and returns what to restore.
    ///
    /// The previous handlers are kept as whole `sigaction` structs: `SIG_IGN` is the pointer value 1,
    /// which Swift would read as `nil` inside an optional function pointer (an array of them even stops
    /// iterating there), so they never pass through Swift's function-pointer types.
    static func install() -> [(signal: Int32, action: sigaction)] {
        caught.store(0, ordering: .sequentiallyConsistent)
        var previous: [(signal: Int32, action: sigaction)] = []
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                ImportSignals.caught.store(number, ordering: .sequentiallyConsistent)
                if let handle = ImportSignals.database { sqlite3_interrupt(handle) }
                ImportInterrupt.hook?(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous.append((signal, old))
        }
        return previous
    }

    /// Restores the handlers and forgets the signal caught, so that a CSV file read after the import
    /// (the readers check `caught` once per chunk) is not stopped by it.
    static func restore(_ previous: [(signal: Int32, action: sigaction)]) {
        for entry in previous {
            var action = entry.action
            sigaction(entry.signal, &action, nil)
        }
        caught.store(0, ordering: .sequentiallyConsistent)
    }

    /// Runs `body` with `database` as the connection a signal interrupts. The connection is kept
    /// alive until it is no longer reachable from the handler.
    static func interrupting<T>(_ database: Database, _ body: () throws -> T) rethrows -> T {
        self.database = database.handle
        defer {
            self.database = nil
            withExtendedLifetime(database) {}
        }
        return try body()
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
