/// A named source of command lines: a script file, the `-c` commands, piped standard input or the
/// terminal. Errors name it: `question.cos:12:6: unknown command "opne"`.
public struct ScriptInput {
    /// The name used in messages: a file path, `-c` or `<stdin>`.
    public let name: String
    /// Lines, numbered from 1.
    public let lines: [String]

    public init(name: String, lines: [String]) {
        self.name = name
        self.lines = lines
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
