import CosCommand
import CosModel
import CosQuery
import CosRender
import CosStore
import CosView

/// The shell: one loop for the terminal and for scripts alike (only the input changes), over a context
/// stack, the settings and an opened billing source.
///
/// `execute(line:at:)` parses a line and runs its commands through the command table; `run(script:)`
/// runs a script (`-f`, `-c`, piped input, `source`), re-entrantly with a depth limit; `runInteractive`
/// reads lines from a line reader with a prompt.
public final class Shell {
    /// The billing data the shell reads.
    let source: any BillingSource
    /// What the data says about itself (`as_of`, `name`).
    let metadata: [String: String]
    /// The data's name and export fingerprint.
    let data: DataIdentity
    /// `--strict`: `expect-data` fails instead of warning.
    let strict: Bool
    /// The script line running now (nil at the prompt), for warnings that name it.
    var location: SourceLocation?
    /// The aggregation core over `source`.
    let overview: Overview
    let output: ShellOutput
    /// The process environment (tests pass their own).
    let environment: [String: String]
    var settings: Settings
    var stack = ContextStack()
    /// The source's data version at the last command (`followReimport`).
    var dataVersionSeen: String?
    /// Organizations opened in this session, most recent first (the start view lists them).
    var recentOrganizations: [Entity] = []
    /// Script variables (`--var`, `let`).
    var variables: [String: String]
    /// The commands that succeeded, for `save`.
    var journal: [String] = []
    /// What `save` writes for the command running now, when not its text (a move is written as `cd`
    /// to the place's id path); reset before each command.
    var journalText: String?
    /// Everything typed at the prompt or run, for `history`.
    var typed: [String] = []
    /// The settings in force when the session started: `save` pins them at the top of the script.
    let startSettings: Settings
    let echo: Bool
    let keepGoing: Bool
    let csvTable: String?
    /// True while reading from a terminal: prompts, pager and colour may apply.
    var interactive = false
    /// `show --full` is running: every row, every group, full-size charts.
    var everyRow = false
    /// Where the running command's output goes instead of the screen (`> FILE`), if anywhere.
    var redirect: RedirectTarget?
    /// The running command's output, piece by piece.
    var currentOutput: [OutputPiece] = []
    /// The output of the last command that showed something: what `last` and `copy` use.
    var lastOutput: [OutputPiece] = []
    /// `last` is showing the last output again (it is not kept a second time).
    var replaying = false
    /// Nesting of `source`; bounded by `Shell.sourceDepthLimit`.
    var sourceDepth = 0
    static let sourceDepthLimit = 16
    let interrupts: InterruptWatcher
    /// When set, a command it refuses is not run (`ShellDriver` keeps the fuzzer away from files).
    var commandFilter: ((ParsedCommand) -> Bool)?

    /// Opens a shell on a source. Settings come from the options, then the data's manifest, then today.
    public init(
        source: any BillingSource, options: ProgramOptions, output: ShellOutput, today: CivilDate,
        environment: [String: String]
    ) throws {
        self.source = source
        self.overview = Overview(source: source)
        self.output = output
        self.environment = environment
        let metadata = (try? source.metadata()) ?? [:]
        self.metadata = metadata
        self.data = DataIdentity(metadata: metadata)
        self.strict = options.strict
        var asOf = today
        if let text = metadata["as_of"], let date = CivilDate(parsing: text) { asOf = date }
        var settings = Settings(asOf: asOf)
        // The command line's settings, in the table's order (the as-of date before a relative period).
        let order = Dictionary(SettingsTable.all.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let given = options.settings.enumerated().sorted {
            (order[$0.element.name] ?? 0, $0.offset) < (order[$1.element.name] ?? 0, $1.offset)
        }
        for (_, assignment) in given {
            do {
                guard let entry = SettingsTable.entry(named: assignment.name) else {
                    try settings.set(assignment.name, to: assignment.value)  // the unknown-setting message
                    continue
                }
                try entry.assign(&settings, assignment.value)
            } catch let error as SettingError {
                throw UsageError("--" + error.message)
            }
        }
        // Checked once all are given: a far-past as-of date is fine with a period beside it.
        if let text = options.asOf, settings.explicitPeriod == nil, let problem = Period.defaultPeriodProblem(asOf: settings.asOf) {
            throw UsageError("--as-of \(text): \(problem); give a period too (--period \(Month.earliest)..\(settings.asOf.monthValue))")
        }
        self.settings = settings
        self.startSettings = settings
        self.variables = options.variables
        self.echo = options.echo
        self.keepGoing = options.keepGoing
        self.csvTable = options.table
        self.interrupts = InterruptWatcher(source: source)
    }

    /// Runs every command of a script. Returns `.quit` when a `quit` ended it, `.failed` when a
    /// command failed (after printing `NAME:LINE:COLUMN: message`), `.done` otherwise. With
    /// `keepGoing`, failures are reported and the script goes on, ending `.failed`.
    func run(script: ScriptInput) -> CommandOutcome {
        var failed = false
        let outer = self.location
        defer { self.location = outer }
        var index = 0
        while true {
            // Results that cannot be written any more (a full disk, a closed pipe): stop reading.
            if output.isBroken { return .quit }
            let outcome: CommandOutcome
            let location: SourceLocation
            switch script.next(after: &index) {
            case .end: return failed ? .failed(.reported) : .done
            case .interrupted:
                output.message("\(script.name): interrupted")
                return .failed(.reported)
            case .bad(let number, let message):
                location = SourceLocation(name: script.name, line: number)
                outcome = .failed(ShellError(message))
            case .line(let number, let line):
                location = SourceLocation(name: script.name, line: number)
                self.location = location
                outcome = execute(line: line)
            }
            switch outcome {
            case .done: continue
            case .quit: return .quit
            case .interrupted:
                output.message(location.prefix(column: nil) + "interrupted")
                return .failed(.reported)
            case .failed(let error):
                if !error.message.isEmpty {
                    output.message(location.prefix(column: error.column) + error.message)
                }
                failed = true
                if !keepGoing { return .failed(.reported) }
            }
        }
    }

    /// Parses one line and runs its commands in order; stops at the first that fails. Each command is
    /// parsed just before it runs, so `let org X; open $org` works on one line.
    func execute(line: String) -> CommandOutcome {
        let trimmed = line.trimmingSpaces
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return .done }
        if echo { echoLine(line) }
        var outcome = CommandOutcome.done
        do {
            try CommandParser.forEachCommand(in: line, specs: CommandTable.specs, variables: { self.variables }) { parsed in
                guard let command = CommandTable.command(named: parsed.spec.name) else { return }
                if let allowed = commandFilter, !allowed(parsed) {
                    outcome = .failed(ShellError("\(parsed.spec.name) is not run here"))
                    throw StopLine()
                }
                outcome = run(Invocation(command: command, parsed: parsed))
                if outcome != .done { throw StopLine() }
            }
        } catch is StopLine {
            return outcome
        } catch let error as CommandError {
            return .failed(ShellError(error.messageWithoutColumn, column: error.column, interactiveMessage: error.description))
        } catch {
            return .failed(ShellError("\(error)"))
        }
        return outcome
    }

    /// Runs one command with Ctrl-C armed to cancel it.
    func run(_ invocation: Invocation) -> CommandOutcome {
        interrupts.arm()
        // One command's reads see one state of the data (a PostgreSQL source re-imported meanwhile).
        source.beginReading()
        defer {
            source.endReading()
            interrupts.disarm()
        }
        journalText = nil
        let outer = (redirect, currentOutput)
        defer { (redirect, currentOutput) = outer }
        currentOutput = []
        do {
            try followReimport()
            if let target = invocation.parsed.redirect {
                redirect = try Shell.redirectTarget(target, for: invocation)
            }
            try invocation.command.run(self, invocation)
            if let redirect, let file = invocation.parsed.redirect {
                do { try redirect.write() } catch let error as ShellError {
                    throw ShellError(error.message, column: file.file.column)
                }
                if interactive, outer.0 == nil {
                    output.message("wrote \((redirect.format ?? settings.format).rawValue) to \(redirect.path)")
                }
            }
            if !currentOutput.isEmpty { lastOutput = currentOutput }
            if invocation.command.journaled {
                // A move is written by its ids; a command with `> FILE` as it was given, with its file.
                journal.append(invocation.parsed.redirect.map { invocation.text + " " + $0.text } ?? journalText ?? invocation.text)
            }
            return .done
        } catch is QuitRequest {
            return .quit
        } catch let error as ShellError {
            if error == .reported { return .failed(error) }
            if error.column == nil {
                // Point at what the command was about: its first argument, else the command itself.
                let column = invocation.parsed.positionals.first?.column ?? invocation.parsed.column
                return .failed(ShellError(error.message, column: column, interactiveMessage: error.interactiveMessage))
            }
            return .failed(error)
        } catch let error as DatabaseError where error.isInterrupt || interrupts.fired {
            return .interrupted
        } catch let error as QueryError where error.isInterrupt || interrupts.fired {
            return .interrupted
        } catch let error as InterruptedError {
            _ = error
            return .interrupted
        } catch {
            if interrupts.fired { return .interrupted }
            return .failed(ShellError("\(invocation.command.spec.name): \(error)"))
        }
    }

    /// `cos:/Acme AB/categories/Cloud> `: where the shell is, shortened to fit a narrow terminal.
    func prompt(width: Int) -> String {
        var path = stack.current.path
        let budget = max(12, width / 2)
        if path.count > budget {
            path = "…" + String(path.suffix(budget - 1))
        }
        return "cos:\(TerminalSafeText.escape(path))> "
    }

    /// The file a command's `> FILE` names, checked before the command runs (a directory, device,
    /// FIFO or link is refused and nothing runs).
    static func redirectTarget(_ redirect: Redirect, for invocation: Invocation) throws -> RedirectTarget {
        let path = redirect.file.text
        let column = redirect.file.column
        guard invocation.command.spec.name != "copy" else {
            throw ShellError("copy writes to the clipboard, not to a file (last > FILE writes the last output to one)", column: redirect.column)
        }
        guard !path.isEmpty else { throw ShellError("> needs a FILE after it", column: column) }
        do { try OutputFile.checkTarget(Scripts.expandHome(path)) } catch let error as ShellError {
            throw ShellError(error.message, column: column)
        }
        return RedirectTarget(path: path, append: redirect.append)
    }

    func echoLine(_ line: String) {
        output.result(prompt(width: 1000) + TerminalSafeText.escape(line))
    }
}

/// Stops the commands of a line after one that did not succeed.
struct StopLine: Error {}

/// Thrown by `quit`: ends the loop or the script.
struct QuitRequest: Error {}

/// Thrown when Ctrl-C cancelled a command outside a database query.
struct InterruptedError: Error {}

extension ShellError {
    /// A failure whose message was printed already (by an inner `source` line): nothing more to say.
    static let reported = ShellError("")
}
