import CosView

/// Turns views into text. Every function here is a pure function of its arguments: no terminal, no
/// environment, no database (psql's `print.c`, SQLite's formatter). Terminal facts come in through
/// `RenderOptions`; `TerminalInfo` and `Pager` deal with the terminal itself.
public enum Renderer {
    /// The view in the format of `options`, ending with a newline.
    ///
    /// `table` shows at most `rowLimit` rows per table and says how many more there are and what
    /// shows them; `csv`, `json` and `markdown` carry every row of the view, and name the tables that
    /// are a page of a longer list (JSON `pages`, a closing comment line in CSV and Markdown).
    /// `tableName` keeps one table (any format).
    ///
    /// Text for a terminal (`table`, `markdown`) is made safe first (`TerminalSafeText`): a control
    /// character in a name is shown as a visible escape. JSON escapes them its own way; CSV keeps them.
    public static func render(_ view: View, options: RenderOptions) throws(RenderError) -> String {
        let view = options.format.isForTerminal ? TerminalSafeText.view(view) : view
        let options = options.format.isForTerminal ? TerminalSafeText.options(options) : options
        var tables = view.tables
        if let name = options.tableName {
            guard let table = view.table(name) else {
                throw RenderError.unknownTable(name: name, available: view.tables.map(\.name))
            }
            tables = [table]
        }
        switch options.format {
        case .table: return TextLayout.render(view, tables: tables, options: options)
        case .csv: return CSVFormat.render(tables, single: options.tableName != nil) + CSVFormat.pageLines(tables)
        case .json: return JSONFormat.render(view, tables: tables, command: options.command)
        case .markdown: return MarkdownFormat.render(view, tables: tables, options: options)
        }
    }

    /// A message that is not a view (`period set to 2026-01..2026-06`), ending with a newline. In JSON
    /// it is `{"command":...,"message":...}` so that a JSON stream stays one object per line.
    public static func renderMessage(_ message: String, options: RenderOptions) -> String {
        switch options.format {
        case .json:
            return "{\"command\":" + JSONFormat.string(options.command) + ",\"message\":" + JSONFormat.string(message)
                + "}\n"
        case .table, .csv, .markdown:
            return TerminalSafeText.message(message) + "\n"
        }
    }

    /// An error for the user (`error: no organization matches "acme"`), ending with a newline; the
    /// `error:` is bold red when colour is on. In JSON it is `{"command":...,"error":...}`.
    public static func renderError(_ message: String, options: RenderOptions) -> String {
        switch options.format {
        case .json:
            return "{\"command\":" + JSONFormat.string(options.command) + ",\"error\":" + JSONFormat.string(message)
                + "}\n"
        case .table, .csv, .markdown:
            return Style(options).boldRed("error:") + " " + TerminalSafeText.message(message) + "\n"
        }
    }

    /// A plain list of names (`ls`, candidates of an ambiguous `open`, `help`): in columns that fit the
    /// width, filled down then across like `ls`, in the `table` format; one per line (CSV field, Markdown
    /// item) or a JSON object `{"command":...,"items":[...]}` otherwise.
    public static func renderList(_ items: [String], title: String? = nil, options: RenderOptions) -> String {
        let style = Style(options)
        let (items, title) =
            options.format.isForTerminal ? (items.map(TerminalSafeText.escape), title.map(TerminalSafeText.escape)) : (items, title)
        switch options.format {
        case .json:
            return "{\"command\":" + JSONFormat.string(options.command) + ",\"items\":["
                + items.map(JSONFormat.string).joined(separator: ",") + "]}\n"
        case .csv:
            return items.map { CSVFormat.field($0) + "\r\n" }.joined()
        case .markdown:
            var lines = title.map { ["### " + MarkdownFormat.inline($0), ""] } ?? []
            lines += items.map { "- " + MarkdownFormat.inline($0) }
            return lines.joined(separator: "\n") + "\n"
        case .table:
            var lines = title.map { [style.bold($0)] } ?? []
            lines += columns(items, width: max(20, options.width), style: style)
            return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        }
    }

    /// Items in as many columns as fit, filled down each column first.
    static func columns(_ items: [String], width: Int, style: Style) -> [String] {
        guard !items.isEmpty else { return [] }
        let cut = items.map { TextWidth.truncate($0, to: width, ellipsis: style.ellipsis) }
        let gap = 2
        var columnCount = cut.count
        while columnCount > 1 {
            let rows = (cut.count + columnCount - 1) / columnCount
            let widths = stride(from: 0, to: cut.count, by: rows).map { start in
                cut[start..<min(cut.count, start + rows)].map(TextWidth.of).max() ?? 0
            }
            if widths.reduce(0, +) + gap * (widths.count - 1) <= width { break }
            columnCount -= 1
        }
        let rows = (cut.count + columnCount - 1) / columnCount
        let widths = stride(from: 0, to: cut.count, by: rows).map { start in
            cut[start..<min(cut.count, start + rows)].map(TextWidth.of).max() ?? 0
        }
        return (0..<rows).map { row in
            var parts: [String] = []
            for (column, columnWidth) in widths.enumerated() {
                let index = column * rows + row
                if index < cut.count { parts.append(TextWidth.pad(cut[index], to: columnWidth)) }
            }
            return ColumnChart.trimRight(parts.joined(separator: String(repeating: " ", count: gap)))
        }
    }

    /// `tickets: offset 0, shown 50, total 55` for each table that is a page of a longer list.
    static func pageFacts(_ tables: [ViewTable]) -> [String] {
        tables.compactMap { table in
            table.page.map { "\(table.name): offset \($0.offset), shown \($0.shown), total \($0.total)" }
        }
    }
}
