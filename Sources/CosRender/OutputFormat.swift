/// The output formats of `--format` and `set format`.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Box tables and text charts for people at a terminal.
    case table
    /// RFC 4180 comma-separated values, one table at a time or each after a `# NAME` line.
    case csv
    /// One JSON object per command, on one line (see the README, "Machine-readable output").
    case json
    /// GitHub tables with charts in fenced code blocks, for support tickets.
    case markdown

    /// Parses a format name as typed by the user (case-insensitive, `md` for markdown).
    public static func parse(_ text: String) throws(OutputFormatError) -> OutputFormat {
        let name = text.lowercased()
        if let format = OutputFormat(rawValue: name) { return format }
        if name == "md" { return .markdown }
        throw OutputFormatError(text: text)
    }
}

/// A format name that is not one of `table`, `csv`, `json`, `markdown`.
public struct OutputFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the user typed.
    public let text: String

    public var description: String {
        "unknown format \"\(text)\" (expected table, csv, json or markdown)"
    }
}
