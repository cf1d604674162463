import CosPostgres
import CosStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension ImportRun {
    /// `cos import DIR --to URL` and `cos import --from-schema SCHEMA --to URL`: the checked import into a
    /// new PostgreSQL schema, swapped in atomically; progress bar and summary as for a store file. Bad
    /// data, an unreachable server or a refused login exit 2 with the message; nothing is swapped in.
    static func run(source: ProgramOptions.ImportSource, to conninfo: String, schema: String?, distributed: Bool) -> Int32 {
        let target: SchemaName
        do { target = try SchemaName(schema ?? "cos") } catch {
            StandardOutput.write("cos import: --schema: \(error)", to: STDERR_FILENO)
            return 2
        }
        let input: PostgresImport.Input
        switch source {
        case .directory(let directory): input = .directory(directory)
        case .schema(let name): input = .schema(name)
        }
        let bar = isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
        // COS_IMPORT_TIMINGS=1 (scripts/bench --postgres): each step's time on standard error.
        let timings = ProcessInfo.processInfo.environment["COS_IMPORT_TIMINGS"] == "1"
        var stepStarted = Date()
        var progress: ((ImportProgress) -> Void)? = bar.map { bar in { bar.update($0) } }
        if timings {
            let draw = progress
            progress = { report in
                draw?(report)
                if report.isStepDone {
                    let seconds = Date().timeIntervalSince(stepStarted)
                    StandardOutput.write(
                        "step \(report.step): \(Int(seconds * 10) / 10).\(Int(seconds * 10) % 10) s"
                            + (report.rows > 0 ? ", \(report.rows) rows" : ""), to: STDERR_FILENO)
                    stepStarted = Date()
                }
            }
        }
        // The loader reports from its thread and the PostgreSQL sink from the import's writer thread:
        // one report at a time.
        let lock = NSLock()
        let serialized = progress.map { report in
            { (progress: ImportProgress) in
                lock.lock()
                report(progress)
                lock.unlock()
            }
        }
        var importer = PostgresImport(input: input, conninfo: conninfo, target: target, progress: serialized)
        importer.distributed = distributed
        importer.notice = { message in
            bar?.finish()
            StandardOutput.write("cos import: \(message)", to: STDERR_FILENO)
        }
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
