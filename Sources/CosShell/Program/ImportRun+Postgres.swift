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
        var importer = PostgresImport(
            input: input, conninfo: conninfo, target: target, progress: bar.map { bar in { bar.update($0) } })
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
