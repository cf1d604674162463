/// What reading a line gave.
public enum LineEvent: Equatable, Sendable {
    /// A line, without its line ending.
    case line(String)
    /// Ctrl-C (SIGINT) while reading: the line was abandoned; the caller prints a fresh prompt.
    case interrupted
    /// The end of the input (Ctrl-D on an empty line, or the end of a file or pipe).
    case endOfFile
}

/// Where the shell's lines come from: a terminal with line editing, or plain lines from a file or
/// pipe. The shell's loop only asks for lines, so scripts and the prompt share it.
public protocol LineReader: AnyObject {
    /// The next line. `prompt` is shown only by readers on a terminal.
    func readLine(prompt: String) -> LineEvent
}
