import CosGenerate
import CosModel
import CosPostgres
import CosStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The program: parses the command line and hands over to the importer, the generator or the shell.
/// Exit status: 0 success, 1 a command failed, 2 bad usage or unreadable data.
public enum CosProgram {
    public static let version = "0.1.0"

    /// `cos --version`: the version and the data it reads (the store format of `cos import`, the
    /// layout of a PostgreSQL source).
    public static var versionText: String {
        "cos \(version)\nreads store format \(StoreSchema.formatVersion) (\(StoreSchema.formatName)), "
            + "PostgreSQL layout \(PostgresLayout.layoutVersion)"
    }

    /// Runs the program and exits with its status.
    public static func main() {
        exit(run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
    }

    /// Runs the program with these arguments; returns the exit status.
    /// Every path ends through `StandardOutput.finalStatus`: a result that could not be written (a
    /// full disk) is one message and exit status 1.
    public static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        StandardOutput.finalStatus(runUnchecked(arguments, environment: environment))
    }

    static func runUnchecked(_ arguments: [String], environment: [String: String]) -> Int32 {
        let options: ProgramOptions
        do {
            options = try ProgramOptions.parse(arguments)
        } catch {
            StandardOutput.write("cos: \(error)\ntry cos --help", to: STDERR_FILENO)
            return 2
        }
        switch options.mode {
        case .help:
            StandardOutput.write(ProgramOptions.usage, to: STDOUT_FILENO)
            return 0
        case .version:
            StandardOutput.write(versionText, to: STDOUT_FILENO)
            return 0
        case .manual:
            StandardOutput.write(ManualPage.roff(), to: STDOUT_FILENO)
            return 0
        case .completion(let shell):
            StandardOutput.write(CompletionScripts.script(for: shell), to: STDOUT_FILENO)
            return 0
        case .generate(let arguments):
            return GenerateCommand.run(arguments: arguments)
        case .importData(let directory, let output):
            return ImportRun.run(directory: directory, output: output, force: options.force)
        case .importPostgres(let source, let target, let schema, let distributed):
            return ImportRun.run(source: source, to: target, schema: schema, distributed: distributed)
        case .shell:
            return runShell(options, environment: environment)
        }
    }

    /// Opens the data and runs the shell: the -f script, then the -c commands, else piped standard
    /// input, else the interactive prompt.
    static func runShell(_ options: ProgramOptions, environment: [String: String]) -> Int32 {
        guard let path = options.data ?? environment["COS_DATA"].flatMap({ $0.isEmpty ? nil : $0 }) ?? SampleData.locate(environment: environment) else {
            StandardOutput.write("cos: no DATA given, COS_DATA is not set and the sample data was not found\ntry cos --help", to: STDERR_FILENO)
            return 2
        }
        let source: any BillingSource
        var opened: OpenedData?
        let slowQueries = environment["COS_TEST_SLOW_QUERIES"].flatMap { Int($0) }
        if ConnectionString.isConnectionString(path) && !FileManager.default.fileExists(atPath: path) {
            do {
                let postgres = try PostgresSource(conninfo: path, schema: try SchemaName(options.schema ?? "cos"))
                postgres.notice = { StandardOutput.write("cos: \($0)", to: STDERR_FILENO) }
                if let slowQueries { postgres.slowQueriesMilliseconds = slowQueries }
                source = postgres
            } catch {
                StandardOutput.write("cos: \(error)", to: STDERR_FILENO)
                return 2
            }
        } else {
            if options.schema != nil {
                StandardOutput.write("cos: --schema names a schema of a PostgreSQL DATA (postgresql://...), not of \(path)", to: STDERR_FILENO)
                return 2
            }
            do {
                let progress = isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
                let data = try DataOpener.open(path: path, progress: progress.map { bar in { bar.update($0) } })
                progress?.finish()
                for warning in data.warnings { StandardOutput.write("cos: warning: \(warning)", to: STDERR_FILENO) }
                if let slowQueries { data.database.slowDownForTesting(milliseconds: slowQueries) }
                opened = data
                source = data.database
            } catch {
                StandardOutput.write("cos: \(error)", to: STDERR_FILENO)
                return 2
            }
        }
        let output = StandardOutput()
        let shell: Shell
        do {
            shell = try Shell(source: source, options: options, output: output, today: Today.utc(), environment: environment)
            // `--timeout` reaches the PostgreSQL source as `set timeout` does.
            if options[setting: SettingsTable.timeout.name] != nil { try shell.applyTimeout() }
        } catch {
            StandardOutput.write("cos: \(error)\ntry cos --help", to: STDERR_FILENO)
            return 2
        }
        var failed = false
        if let file = options.scriptFile {
            let script: ScriptInput
            do { script = try Scripts.openScript(file, column: nil) } catch {
                StandardOutput.write("cos: \(error)", to: STDERR_FILENO)
                return 2
            }
            switch shell.run(script: script) {
            case .done: break
            case .quit: return 0
            case .failed, .interrupted:
                failed = true
                if !options.keepGoing { return 1 }
            }
        }
        if !options.commands.isEmpty {
            switch shell.run(script: ScriptInput(name: "-c", lines: options.commands)) {
            case .done: break
            case .quit: return failed ? 1 : 0
            case .failed, .interrupted: return 1
            }
        }
        if options.scriptFile != nil || !options.commands.isEmpty { return failed ? 1 : 0 }
        if isatty(STDIN_FILENO) != 1 {
            // Line by line as the lines arrive: `yes pwd | cos` answers at once, in flat memory.
            switch shell.run(script: ScriptInput(name: "<stdin>", readingFrom: STDIN_FILENO)) {
            case .done, .quit: return 0
            case .failed, .interrupted: return 1
            }
        }
        return Interactive.run(shell, options: options, opened: opened)
    }
}

/// Today's date in UTC: the as-of date when neither `--as-of` nor the data's manifest gives one.
enum Today {
    static func utc() -> CivilDate {
        let seconds = Int64(Date().timeIntervalSince1970)
        return Timestamp(secondsSinceEpoch: seconds).utcDate
    }
}

/// Where the sample data shipped with cos is: `$COS_SAMPLE_DATA`, else `sample-data/` beside the
/// package the executable was built in, or `share/cos/sample-data/` of the prefix `scripts/install`
/// put it in (walking up from the executable), else the working directory's.
enum SampleData {
    static func locate(environment: [String: String]) -> String? {
        if let path = environment["COS_SAMPLE_DATA"], !path.isEmpty { return path }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            directory = executable.deletingLastPathComponent()
        }
        for _ in 0..<6 {
            for candidate in [directory.appendingPathComponent("sample-data"), directory.appendingPathComponent("share/cos/sample-data")]
            where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("organizations.csv").path) {
                return candidate.path
            }
            directory = directory.deletingLastPathComponent()
        }
        let local = FileManager.default.currentDirectoryPath + "/sample-data"
        return FileManager.default.fileExists(atPath: local + "/organizations.csv") ? local : nil
    }
}
