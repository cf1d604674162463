/// Everything rendering depends on besides the view. Rendering is a pure function of the two.
public struct RenderOptions: Sendable, Equatable {
    public var format: OutputFormat
    /// Columns available; charts need at least 40 and fall back to tables below that.
    public var width: Int
    /// Terminal rows, or nil when the output is not a terminal (sizes charts; never cuts output).
    public var height: Int?
    /// Box-drawing and block characters; plain ASCII when false.
    public var unicode: Bool
    /// ANSI styles: bold headers and totals, red negatives.
    public var color: Bool
    /// Rows shown per table in the `table` format; the rest are counted in a `... N more rows` line.
    /// CSV, JSON and Markdown always carry every row of the view.
    public var rowLimit: Int?
    /// Only this table (`--table NAME`); nil for all of them.
    public var tableName: String?
    /// The command line that produced the view, for JSON's `command`.
    public var command: String
    /// What the data is (its name) and its fingerprint: Markdown output starts with a line naming them,
    /// so a pasted answer says what it was computed from. Nil: no such line.
    public var data: DataLabel?
    /// `show --full`: the `table` format draws every group of the organization's summaries and
    /// full-size charts instead of the one-screen overview. The other formats always carry everything.
    public var full: Bool

    /// Defaults: a table, 80 columns, height unknown, Unicode, no colour, every row, all tables.
    public init(
        format: OutputFormat = .table, width: Int = 80, height: Int? = nil, unicode: Bool = true, color: Bool = false,
        rowLimit: Int? = nil, tableName: String? = nil, command: String = "", data: DataLabel? = nil, full: Bool = false
    ) {
        self.full = full
        self.format = format
        self.width = width
        self.height = height
        self.unicode = unicode
        self.color = color
        self.rowLimit = rowLimit
        self.tableName = tableName
        self.command = command
        self.data = data
    }
}

extension RenderOptions {
    /// Options for output going to `terminal`: its width and (on a terminal) height, Unicode from the
    /// locale unless `ascii` forces plain characters (`set ascii on`), colour by `colorPolicy` and
    /// `NO_COLOR`. `width` (from `--width`) overrides the terminal's.
    public static func forOutput(
        _ terminal: TerminalInfo, format: OutputFormat, colorPolicy: ColorPolicy, environment: [String: String],
        width: Int? = nil, ascii: Bool = false, rowLimit: Int? = nil, command: String = ""
    ) -> RenderOptions {
        RenderOptions(
            format: format, width: width ?? terminal.width, height: terminal.isTerminal ? terminal.height : nil,
            unicode: terminal.unicode && !ascii,
            color: format == .table
                && TerminalInfo.useColor(policy: colorPolicy, isTerminal: terminal.isTerminal, environment: environment),
            rowLimit: rowLimit, command: command)
    }
}

/// The data a view was computed from, as Markdown output names it: the data's name and its export
/// fingerprint (SHA-256, nil when the store has none).
public struct DataLabel: Sendable, Equatable {
    public var name: String
    public var fingerprint: String?

    public init(name: String, fingerprint: String?) {
        self.name = name
        self.fingerprint = fingerprint
    }
}
