import CosView

/// Text bound for a terminal, made safe: control characters are shown as visible escapes, so that a
/// name in the data (or a line someone typed) can never clear the screen, set the window title, move
/// the cursor or ring the bell.
///
/// The convention, one for all of cos's terminal output (tables, charts, Markdown, lists, messages,
/// errors, the prompt, completion candidates, the banner):
///
/// | character | shown as |
/// | --- | --- |
/// | ESC (U+001B) | `\e` |
/// | tab, line feed, carriage return | `\t`, `\n`, `\r` |
/// | any other C0 control (U+0000–U+001F) and DEL (U+007F) | `\xHH` (`\x07` for BEL) |
/// | C1 controls (U+0080–U+009F) | `\u{HH}` (`\u{85}`, `\u{9b}`) |
/// | bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) | `\u{HHHH}` (`\u{202e}`) |
///
/// The bidirectional controls cannot talk to the terminal, but they reorder what a line shows (a
/// right-to-left override makes `Corp Evil` of `Evil Corp` and can turn the columns of a table
/// around), so a name could show other figures than it holds. Right-to-left letters themselves, and
/// the plain marks U+200E/U+200F, are shown as they are.
///
/// A backslash is left as it is: the escapes are for reading, not for parsing back. Messages keep
/// their line breaks and tabs (`message`); cells, names and titles escape them too (`escape`), since a
/// line break inside a table cell would break the table. JSON escapes control characters the JSON
/// way instead, and CSV keeps the bytes as they are (both are data for programs).
///
/// `Renderer` applies it where text becomes terminal output (`view`, and the message, error and list
/// functions); the shell applies `message` to everything it writes on standard error.
public enum TerminalSafeText {
    /// True when `text` holds a character `escape` changes. A scan of the UTF-8 bytes: C1 controls
    /// are the two-byte sequences C2 80...C2 9F, the bidirectional controls E2 80 AA...AE and
    /// E2 81 A6...A9.
    @inline(__always)
    public static func needsEscaping(_ text: String, keepingLineBreaks: Bool = false) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 {
                if keepingLineBreaks && (byte == 0x0A || byte == 0x09) { continue }
                return true
            }
            if byte == 0x7F { return true }
            if previous == 0xC2 && byte >= 0x80 && byte <= 0x9F { return true }
            if beforePrevious == 0xE2
                && ((previous == 0x80 && byte >= 0xAA && byte <= 0xAE) || (previous == 0x81 && byte >= 0xA6 && byte <= 0xA9))
            {
                return true
            }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// True for the bidirectional embeddings, overrides and isolates.
    @inline(__always)
    static func isBidiControl(_ value: UInt32) -> Bool { (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) }

    /// `text` with every control character (C0, DEL, C1) shown as a visible escape.
    public static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        return escaped(text, keepingLineBreaks: false)
    }

    /// The same for a message of one or more lines: line feeds and tabs are kept as they are.
    public static func message(_ text: String) -> String {
        guard needsEscaping(text, keepingLineBreaks: true) else { return text }
        return escaped(text, keepingLineBreaks: true)
    }

    private static func escaped(_ text: String, keepingLineBreaks: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x0A where keepingLineBreaks, 0x09 where keepingLineBreaks: out.unicodeScalars.append(scalar)
            case 0x1B: out += "\\e"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x00..<0x20, 0x7F: out += "\\x" + hex(value)
            case 0x80...0x9F: out += "\\u{" + String(value, radix: 16) + "}"
            case _ where isBidiControl(value): out += "\\u{" + String(value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }

    /// Every text of a view that a renderer may write, escaped: the title, the context, the notes, each
    /// table's title, headings, text cells and the "how to see the rest" hint. Column names are the
    /// program's own identifiers and stay as they are. A view with nothing to escape is returned as it
    /// is, without copying its rows.
    public static func view(_ view: View) -> View {
        guard viewNeedsEscaping(view) else { return view }
        var safe = view
        safe.title = escape(view.title)
        safe.context = ContextPath(view.context.segments.map(escape))  // each name; the path writer quotes them
        safe.notes = view.notes.map(escape)
        safe.tables = view.tables.map(table)
        return safe
    }

    /// The texts of render options that reach the output (the data's name in the Markdown header).
    public static func options(_ options: RenderOptions) -> RenderOptions {
        guard let data = options.data, needsEscaping(data.name) else { return options }
        var safe = options
        safe.data = DataLabel(name: escape(data.name), fingerprint: data.fingerprint.map(escape))
        return safe
    }

    /// One table, escaped as `view` escapes it.
    public static func table(_ table: ViewTable) -> ViewTable {
        guard tableNeedsEscaping(table) else { return table }
        var safe = table
        safe.title = escape(table.title)
        safe.columns = table.columns.map { column in
            var column = column
            column.heading = escape(column.heading)
            return column
        }
        safe.rows = table.rows.map { row in row.map(cell) }
        safe.rest = table.rest.map(escape)
        return safe
    }

    /// A cell: text escaped; numbers, months and dates hold no text of their own.
    public static func cell(_ cell: Cell) -> Cell {
        if case .text(let text) = cell, needsEscaping(text) { return .text(escaped(text, keepingLineBreaks: false)) }
        return cell
    }

    private static func viewNeedsEscaping(_ view: View) -> Bool {
        needsEscaping(view.title) || view.context.segments.contains { needsEscaping($0) } || view.notes.contains { needsEscaping($0) }
            || view.tables.contains(where: tableNeedsEscaping)
    }

    private static func tableNeedsEscaping(_ table: ViewTable) -> Bool {
        if needsEscaping(table.title) || table.columns.contains(where: { needsEscaping($0.heading) }) { return true }
        if let rest = table.rest, needsEscaping(rest) { return true }
        for row in table.rows {
            for cell in row {
                if case .text(let text) = cell, needsEscaping(text) { return true }
            }
        }
        return false
    }
}

extension OutputFormat {
    /// The formats people read at a terminal, whose text `TerminalSafeText` escapes. JSON escapes
    /// control characters as JSON does; CSV keeps the bytes of the data as they are.
    var isForTerminal: Bool { self == .table || self == .markdown }
}
