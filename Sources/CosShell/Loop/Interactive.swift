import CosLine
import CosRender
import CosStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The interactive prompt: libedit with history, Ctrl-R and completion; `~/.cosrc` first.
///
/// The loop is the same as for scripts (`Shell.execute`): only where lines come from differs, as in
/// psql's mainloop. A failed command prints its message and the prompt comes back.
enum Interactive {
    static func run(_ shell: Shell, options: ProgramOptions, opened: OpenedData?) -> Int32 {
        shell.interactive = true
        shell.interrupts.start()
        let historyPath = shell.environment["COS_HISTORY"].flatMap { $0.isEmpty ? nil : $0 } ?? HistoryFile.defaultPath
        let reader: LineReader
        if let editor = EditLineReader(historyPath: historyPath) {
            let provider = ShellCompletionProvider(shell: shell)
            // Candidates are listed on the terminal by the line reader: their display made safe here.
            editor.completion = { line, cursor in Interactive.safeListing(provider.complete(line: line, cursor: cursor)) }
            reader = editor
        } else {
            reader = PlainLineReader()
        }
        if !options.noRC { runStartupFile(shell) }
        shell.output.message(DataCheck.banner(shell, version: CosProgram.version))
        while true {
            // Standard output that cannot be written any more (the terminal is gone): leave.
            if shell.output.isBroken { return 0 }
            let width = shell.terminal.width
            switch reader.readLine(prompt: shell.prompt(width: width)) {
            case .endOfFile: return 0
            case .interrupted: continue
            case .line(let line):
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                shell.typed.append(line)
                switch shell.execute(line: line) {
                case .done: continue
                case .quit: return 0
                case .interrupted: shell.output.message("interrupted")
                case .failed(let error):
                    if !error.message.isEmpty { shell.output.writeMessage(shell.errorText(error.description)) }
                }
            }
        }
    }

    /// Completion candidates with their listed form made safe for the terminal (`TerminalSafeText`);
    /// what is inserted into the line stays the name itself (libedit shows control characters in the
    /// line it edits as `^[` and the like).
    static func safeListing(_ completion: LineCompletion) -> LineCompletion {
        var completion = completion
        completion.candidates = completion.candidates.map {
            LineCompletion.Candidate(insertion: $0.insertion, display: TerminalSafeText.escape($0.display))
        }
        return completion
    }

    /// Runs `~/.cosrc` (or `$COSRC`) if it exists; its errors are reported with file and line and do
    /// not stop the shell.
    static func runStartupFile(_ shell: Shell) {
        let path = shell.environment["COSRC"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (HistoryFile.defaultPath as NSString).deletingLastPathComponent + "/.cosrc"
        guard FileManager.default.fileExists(atPath: path), let script = try? Scripts.openScript(path, column: nil)
        else { return }
        _ = shell.run(script: script)
    }
}
