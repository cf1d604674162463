import CosLine
import CosStore

/// The interactive prompt (placeholder reader until the libedit reader lands).
enum Interactive {
    static func run(_ shell: Shell, options: ProgramOptions, opened: OpenedData) -> Int32 {
        let reader = StdinLines()
        shell.interactive = true
        while true {
            switch reader.readLine(prompt: shell.prompt(width: 80)) {
            case .endOfFile: return 0
            case .interrupted: continue
            case .line(let line):
                shell.typed.append(line)
                switch shell.execute(line: line) {
                case .done: continue
                case .quit: return 0
                case .interrupted: shell.output.message("interrupted")
                case .failed(let error): shell.output.message(shell.errorText(error.description))
                }
            }
        }
    }
}

/// Temporary: plain lines from standard input.
final class StdinLines {
    func readLine(prompt: String) -> LineEvent {
        StandardOutput.writeRaw(prompt, to: 1)
        guard let line = Swift.readLine() else { return .endOfFile }
        return .line(line)
    }
}
enum LineEvent { case line(String), interrupted, endOfFile }
