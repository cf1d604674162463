import Foundation
import Synchronization

/// The import's second thread: it runs the jobs the loader hands it (sorting runs out, draining the
/// sorters and aggregators of a file into the sink, building the sink's pages and indexes) in the order
/// they were handed over, while the loader reads and checks the next file. Every call to the sink is
/// made from this thread.
///
/// At most `depth` jobs wait; `submit` blocks beyond that (so memory held by waiting jobs stays
/// bounded). The first job that throws stops the thread: later jobs are skipped, and `submit` and
/// `finish` throw its error. `cancel` makes the running job stop at its next check.
final class WriterThread: @unchecked Sendable {
    /// A unit of work; it runs on the writer thread.
    struct Job: @unchecked Sendable {
        let run: () throws -> Void
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var busy = false
    private var closed = false
    private var failure: Error?
    private let depth: Int
    private var thread: Thread?
    /// Set by `cancel`; long jobs call `checkCancelled` now and then.
    let cancelled = Atomic<Bool>(false)

    init(depth: Int = 64) {
        self.depth = depth
        // The thread holds the writer until `close` ends its loop.
        let thread = Thread { self.loop() }
        thread.name = "cos import writer"
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    private func loop() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty && closed {
                condition.unlock()
                return
            }
            let job = queue.removeFirst()
            let skip = failure != nil
            busy = true
            condition.broadcast()
            condition.unlock()
            var error: Error?
            if !skip {
                do { try job.run() } catch let e { error = e }
            }
            condition.lock()
            if let error, failure == nil { failure = error }
            busy = false
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Hands over a job; throws the error of a job that failed before.
    func submit(_ run: @escaping () throws -> Void) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= depth && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(Job(run: run))
        condition.broadcast()
    }

    /// The error of a failed job, if any (without waiting).
    var error: Error? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    /// Waits until every job has run; throws the first job's error.
    func finish() throws {
        condition.lock()
        while (!queue.isEmpty || busy) && failure == nil { condition.wait() }
        let failure = self.failure
        condition.unlock()
        if let failure { throw failure }
    }

    /// Stops: the running job stops at its next check, waiting jobs are dropped, and this returns once
    /// the thread is idle (so that nothing writes after it returns).
    func cancel() {
        cancelled.store(true, ordering: .sequentiallyConsistent)
        condition.lock()
        queue.removeAll()
        if failure == nil { failure = CancellationError() }
        while busy { condition.wait() }
        condition.unlock()
    }

    /// Ends the thread once its jobs are done or dropped.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Throws when the import was cancelled.
    func checkCancelled() throws {
        if cancelled.load(ordering: .relaxed) { throw CancellationError() }
    }
}
