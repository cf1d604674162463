import CosLine
import CosStore
import Foundation

/// Cancels the running command on Ctrl-C, never the shell.
///
/// At the prompt, libedit turns Ctrl-C into a cleared line. While a command runs, the SIGINT handler
/// only sets a flag and wakes this watcher's thread, which interrupts the store's query
/// (`sqlite3_interrupt`); the query then fails with an interrupt error that the loop reports as
/// "interrupted". Only interactive sessions start the thread: a script killed by Ctrl-C just stops.
final class InterruptWatcher: @unchecked Sendable {
    private let source: any BillingSource
    private let lock = NSLock()
    private var armed = false
    private var started = false
    private var firedFlag = false

    init(source: any BillingSource) {
        self.source = source
    }

    /// Whether Ctrl-C cancelled the command that ran last.
    var fired: Bool {
        lock.lock()
        defer { lock.unlock() }
        return firedFlag
    }

    /// Installs the signal handler and starts the watcher thread (once).
    func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !started else { return }
        started = true
        InterruptFlag.install()
        let thread = Thread { [self] in
            while true {
                guard InterruptFlag.wait() else { continue }
                lock.lock()
                if armed {
                    firedFlag = true
                    source.interrupt()
                }
                lock.unlock()
            }
        }
        thread.name = "cos-interrupt"
        thread.start()
    }

    /// Ctrl-C from now on cancels the command that is about to run.
    func arm() {
        lock.lock()
        InterruptFlag.clear()
        firedFlag = false
        armed = true
        lock.unlock()
    }

    /// The command is over.
    func disarm() {
        lock.lock()
        armed = false
        lock.unlock()
    }
}
