import CosCommand
import CosLine

/// A named source of command lines: a script file, the `-c` commands, piped standard input or the
/// terminal. Errors name it: `question.cos:12:6: unknown command "opne"`.
///
/// Lines are given whole (a file, `-c`) or read one at a time as they arrive (piped standard input:
/// `yes pwd | cos` answers at once, in flat memory). A line read from a stream that is not UTF-8, or
/// that is longer than `CommandLimits.lineBytes`, is a failed line with its number; the script goes on
/// by the script rules (it stops, unless `--keep-going`).
public struct ScriptInput {
    /// The name used in messages: a file path, `-c` or `<stdin>`.
    public let name: String
    private let source: Source

    private enum Source {
        case lines([String])
        case stream(PlainLineReader)
    }

    /// What the script gives next.
    enum Next {
        case line(number: Int, text: String)
        /// A line that cannot be run, with the message for it.
        case bad(number: Int, message: String)
        case interrupted
        case end
    }

    public init(name: String, lines: [String]) {
        self.name = name
        self.source = .lines(lines)
    }

    /// Splits text into lines (LF or CRLF); a final newline does not add an empty line. A `#!` first
    /// line is kept (it is a comment to the parser).
    public init(name: String, text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        self.init(name: name, lines: lines)
    }

    /// Lines read from `descriptor` as they arrive (piped standard input, a script file, a pipe
    /// named by `-f <(...)`); with `closing`, the descriptor is closed when the input goes.
    public init(name: String, readingFrom descriptor: Int32, closing: Bool = false) {
        self.name = name
        let reader = PlainLineReader(fileDescriptor: descriptor, closing: closing)
        reader.maximumLineBytes = CommandLimits.lineBytes
        self.source = .stream(reader)
    }

    /// The lines of a script given whole, in order (empty for a stream).
    public var lines: [String] {
        if case .lines(let lines) = source { return lines }
        return []
    }

    /// An iterator over the script's lines; `index` counts lines given whole.
    func next(after index: inout Int) -> Next {
        switch source {
        case .lines(let lines):
            guard index < lines.count else { return .end }
            index += 1
            return .line(number: index, text: lines[index - 1])
        case .stream(let reader):
            switch reader.readLine(prompt: "") {
            case .endOfFile: return .end
            case .interrupted: return .interrupted
            case .line(let text):
                switch reader.lastLineProblem {
                case nil: return .line(number: reader.lineNumber, text: text)
                case .invalidUTF8(let offset)?:
                    return .bad(
                        number: reader.lineNumber,
                        message: "the line is not UTF-8 text (byte \(offset + 1) is not UTF-8); it was not run")
                case .tooLong(let bytes)?:
                    return .bad(
                        number: reader.lineNumber,
                        message: "the line is \(bytes) bytes long, longer than the limit of \(CommandLimits.lineBytes) "
                            + "bytes; it was not run")
                }
            }
        }
    }
}

/// Where a command came from, for messages.
public struct SourceLocation: Equatable, Sendable {
    public let name: String
    public let line: Int

    /// `FILE:LINE:COLUMN: ` (or `FILE:LINE: ` without a column).
    public func prefix(column: Int?) -> String {
        if let column { return "\(name):\(line):\(column): " }
        return "\(name):\(line): "
    }
}
