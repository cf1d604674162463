import Foundation

/// Turns the import's row counting into `ImportProgress` reports (about ten a second) and checks, every
/// few thousand rows, whether a signal asked the import to stop.
final class ProgressReporter {
    private let callback: ((ImportProgress) -> Void)?
    private var step = ""
    @exclusivity(unchecked) private var rows = 0
    private var started = Date()
    private var lastReport = Date()
    private weak var reader: CSVReader?
    private var fileBytes = 0

    init(_ callback: ((ImportProgress) -> Void)?) { self.callback = callback }

    /// Starts a step: reading a file (`reader` gives the fraction read), or building indexes...
    func begin(_ step: String, reader: CSVReader? = nil) {
        self.step = step
        self.reader = reader
        self.fileBytes = reader?.fileSize ?? 0
        rows = 0
        started = Date()
        lastReport = started
        report(done: false)
    }

    @inline(__always)
    func row() throws {
        rows += 1
        if rows & 0x1FFF == 0 { try tick() }
    }

    private func tick() throws {
        try ImportSignals.check()
        let now = Date()
        if now.timeIntervalSince(lastReport) >= 0.1 {
            lastReport = now
            report(done: false)
        }
    }

    func end() { report(done: true) }

    /// A step made of parts (the indexes): `done` of `parts` finished.
    func advance(_ done: Int, of parts: Int) {
        guard let callback, parts > 0 else { return }
        callback(
            ImportProgress(
                step: step, rows: 0, rowsPerSecond: 0, fraction: Double(done) / Double(parts), isStepDone: false))
    }

    private func report(done: Bool) {
        guard let callback else { return }
        let elapsed = Date().timeIntervalSince(started)
        var fraction: Double?
        if let reader, fileBytes > 0 { fraction = min(1, Double(reader.bytesRead) / Double(fileBytes)) }
        if done { fraction = 1 }
        callback(
            ImportProgress(
                step: step, rows: rows, rowsPerSecond: elapsed > 0 ? Double(rows) / elapsed : 0, fraction: fraction,
                isStepDone: done))
    }
}
