import CosCommand
import CosModel
import CosStore

/// A shell driven one line at a time with its output kept in memory: what the fuzz target for the
/// command language runs (and what a test or a tool can use to run the language without a terminal).
///
/// Lines that would touch files (a command with a `FILE` argument, such as `save` and `source`, or a
/// line with a `>` redirection) are only lexed and parsed, never run: a fuzzer must not write files
/// where random text points (it runs as root here).
public final class ShellDriver {
    private let shell: Shell
    private let captured: CapturedOutput

    /// What a line did.
    public enum Outcome: Equatable, Sendable {
        case done
        case quit
        case interrupted
        /// Failed, with its message (never empty).
        case failed(String)
        /// Parsed but not run: it would touch a file.
        case notRun
    }

    /// A shell over `source` with default settings, colour off, as of `today`.
    public init(source: any BillingSource, today: CivilDate) throws {
        var options = ProgramOptions()
        options.color = "never"
        captured = CapturedOutput()
        shell = try Shell(source: source, options: options, output: captured, today: today, environment: ["LANG": "C.UTF-8"])
        // Checked again as each command runs, with its variables expanded (`let c save; $c x`).
        shell.commandFilter = { parsed in parsed.redirect == nil && !parsed.spec.arguments.contains { $0.kind == .file } }
    }

    /// Everything the shell wrote, results and messages interleaved.
    public var output: String { captured.text }

    /// The output format in force (`table`, `csv`, `json`, `markdown`).
    public var format: String { shell.settings.format.rawValue }

    /// Runs one line (several commands separated by `;` run in order).
    public func run(_ line: String) -> Outcome {
        if touchesFiles(line) { return .notRun }
        switch shell.execute(line: line) {
        case .done: return .done
        case .quit: return .quit
        case .interrupted: return .interrupted
        case .failed(let error): return .failed(error.message.isEmpty ? "(reported)" : error.description)
        }
    }

    /// True when a command of the line takes a file argument, or the line holds `>`; a line that does
    /// not parse touches nothing.
    func touchesFiles(_ line: String) -> Bool {
        if line.contains(">") { return true }
        var found = false
        do {
            try CommandParser.forEachCommand(in: line, specs: CommandTable.specs, variables: { self.shell.variables }) { parsed in
                if parsed.spec.arguments.contains(where: { $0.kind == .file }) { found = true }
            }
        } catch {
            return found
        }
        return found
    }
}
