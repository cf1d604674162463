/// The output formats of `--format` and `set format`.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Box tables and text charts for people at a terminal.
    case table
    /// RFC 4180 comma-separated values, one table at a time or each after a `# NAME` line.
    case csv
    /// One JSON object per command, on one line (see product.md, "Machine-readable output").
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

/// `--color auto|always|never`.
public enum ColorPolicy: String, Sendable, CaseIterable {
    /// Colour only on a terminal, and never when `NO_COLOR` is set.
    case auto
    /// Colour even when piped: an explicit request beats the environment.
    case always
    /// No colour.
    case never

    /// Parses a policy name (case-insensitive).
    public static func parse(_ text: String) throws(ColorPolicyError) -> ColorPolicy {
        guard let policy = ColorPolicy(rawValue: text.lowercased()) else { throw ColorPolicyError(text: text) }
        return policy
    }
}

/// A colour policy name that is not one of `auto`, `always`, `never`.
public struct ColorPolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the user typed.
    public let text: String

    public var description: String {
        "unknown colour setting \"\(text)\" (expected auto, always or never)"
    }
}

/// Why a view could not be rendered with the options given.
public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--table NAME` names no table of the view.
    case unknownTable(name: String, available: [String])

    public var description: String {
        switch self {
        case .unknownTable(let name, let available):
            if available.isEmpty { return "this view has no tables, so there is no table \"\(name)\"" }
            return "no table \"\(name)\" in this view (its tables: \(available.joined(separator: ", ")))"
        }
    }
}
