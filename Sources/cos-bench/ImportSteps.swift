import CosStore
import Foundation

/// `cos-bench import DIR STORE`: runs the importer in this process and prints how long each step took
/// (the files, the indexes, the rollups, the statistics), one JSON line per step.
func importSteps(directory: String, destination: String) throws {
    let started = DispatchTime.now().uptimeNanoseconds
    var lastDone = started
    // Steps run one after the other, so a step lasts from the end of the previous one to its own end.
    let importer = Importer(directory: directory, destination: destination) { progress in
        guard progress.isStepDone else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let line =
            "{\"step\": \"\(progress.step)\", \"seconds\": \(Double(now - lastDone) / 1e9), \"rows\": \(progress.rows), "
            + "\"peak_rss_mb\": \(peakRSSMegabytes())}\n"
        FileHandle.standardOutput.write(line.data(using: .utf8) ?? Data())
        lastDone = now
    }
    let summary = try importer.run()
    let elapsedSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    FileHandle.standardOutput.write(
        "{\"step\": \"total\", \"seconds\": \(elapsedSeconds), \"rows\": \(summary.rowCount)}\n".data(using: .utf8) ?? Data())
}

/// The process's peak resident set so far, in MB (`getrusage`'s `ru_maxrss`, in kB on Linux).
func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return (Double(usage.ru_maxrss) / 1024 * 10).rounded() / 10
}
