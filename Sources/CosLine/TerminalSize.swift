import CEditLine

/// The size of a terminal in characters.
public struct TerminalSize: Equatable, Sendable {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    /// The size of the terminal on `fileDescriptor` (standard output by default); nil when it is not
    /// a terminal.
    public static func current(fileDescriptor: Int32 = 1) -> TerminalSize? {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard cos_terminal_size(fileDescriptor, &rows, &columns) == 0 else { return nil }
        return TerminalSize(rows: Int(rows), columns: Int(columns))
    }
}
