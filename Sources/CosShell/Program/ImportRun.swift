import CosStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `cos import DIR -o FILE`: the checked, atomic import, with a progress bar on a terminal and a
/// summary at the end. Bad data exits 2 with the report; nothing is written.
enum ImportRun {
    static func run(directory: String, output: String, force: Bool = false) -> Int32 {
        let bar = isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
        var importer = Importer(directory: directory, destination: output, progress: bar.map { bar in { bar.update($0) } })
        importer.force = force
        do {
            let summary = try importer.run()
            bar?.finish()
            StandardOutput.write(summary.description, to: STDOUT_FILENO)
            return 0
        } catch {
            bar?.finish()
            StandardOutput.write("cos import: \(error)", to: STDERR_FILENO)
            return 2
        }
    }
}

/// A one-line progress bar on standard error: step, bar, rows and rows per second.
final class ProgressBar {
    private var lastStep = ""
    private var drawn = false

    func update(_ progress: ImportProgress) {
        if progress.step != lastStep, drawn {
            StandardOutput.writeRaw("\n", to: STDERR_FILENO)
        }
        lastStep = progress.step
        let width = 24
        let filled = Int((progress.fraction ?? 0) * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = progress.rowsPerSecond >= 1 ? " \(Int(progress.rowsPerSecond).formatted()) rows/s" : ""
        let rows = progress.rows > 0 ? " \(progress.rows.formatted()) rows" : ""
        let step = progress.step.padding(toLength: 22, withPad: " ", startingAt: 0)
        StandardOutput.writeRaw("\r\(step) [\(bar)]\(rows)\(rate)\u{1B}[K", to: STDERR_FILENO)
        drawn = true
    }

    func finish() {
        if drawn { StandardOutput.writeRaw("\n", to: STDERR_FILENO) }
        drawn = false
    }
}
