import CosView

/// GitHub-flavoured Markdown, ready to paste into a support ticket: a heading, where and when, notes
/// as quotes, and per table its heading, its chart in a fenced block, and its rows as a table.
enum MarkdownFormat {
    static func render(_ view: View, tables: [ViewTable], options: RenderOptions) -> String {
        let style = Style(unicode: options.unicode, color: false)
        var plain = options
        plain.color = false
        var lines: [String] = []
        if let data = options.data {
            // The first line says what the answer was computed from (issue 11, point 4).
            let fingerprint = data.fingerprint.map { "fingerprint `\($0)`" } ?? "no fingerprint"
            lines += [
                "Data: \(inline(data.name)) \(style.dot) \(fingerprint) \(style.dot) as of \(view.asOf) "
                    + "\(style.dot) period \(view.period)", "",
            ]
        }
        lines += ["## " + inline(view.title), ""]
        lines.append("`\(view.context)` \(style.dot) as of \(view.asOf) \(style.dot) period \(view.period)")
        for note in view.notes {
            lines += ["", "> " + inline(note)]
        }
        let ordered = view.kind == "organization" ? TextLayout.organizationOrder(tables) : tables
        for table in ordered {
            lines += ["", "### " + inline(table.title), ""]
            var chart: [[String]]? = nil
            switch table.presentation {
            case .trend, .dualAxis:
                chart = table.rows.isEmpty ? nil : MonthlyCharts.blocks(table, options: plain, width: options.width)
            case .cards, .record, .table, .tree, .bars:
                // A summary is its table: the shares are a column of it, not a chart beside it.
                break
            }
            if let chart, !chart.isEmpty {
                lines.append("```text")
                for (index, block) in chart.enumerated() {
                    if index > 0 { lines.append("") }
                    lines += block
                }
                lines += ["```", ""]
            }
            if case .record = table.presentation, table.rows.count == 1 {
                lines += record(table, style: style)
            } else {
                lines += grid(table, options: plain, style: style)
            }
        }
        let pages = Renderer.pageFacts(tables)
        if !pages.isEmpty { lines += [""] + pages.map { "_page " + inline($0) + "_" } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A cell for a Markdown table: pipes escaped, line breaks as spaces.
    static func inline(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    private static func grid(_ table: ViewTable, options: RenderOptions, style: Style) -> [String] {
        let rows = table.rows
        var lines = [
            "| " + table.columns.map { inline($0.heading) }.joined(separator: " | ") + " |",
            "| " + table.columns.map { CellText.isNumeric($0.kind) ? "---:" : "---" }.joined(separator: " | ") + " |",
        ]
        let isCards = table.presentation == .cards
        for row in rows {
            let cells = table.columns.indices.map { index -> String in
                guard index < row.count else { return "" }
                // Cards read as the web page names them (Total Invoicing), not by their machine names.
                if isCards, table.columns[index].name == "card", case .text(let card) = row[index] {
                    return inline(Cards.title(card))
                }
                return inline(CellText.text(row[index], kind: table.columns[index].kind, row: row, table: table, style: style))
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if rows.isEmpty { lines.append("| " + table.columns.map { _ in "" }.joined(separator: " | ") + " |") }
        return lines
    }

    private static func record(_ table: ViewTable, style: Style) -> [String] {
        var lines = ["| Field | Value |", "| --- | --- |"]
        guard let row = table.rows.first else { return lines }
        for (index, column) in table.columns.enumerated() {
            let value = index < row.count
                ? CellText.text(row[index], kind: column.kind, row: row, table: table, style: style) : ""
            lines.append("| " + inline(column.heading) + " | " + inline(value) + " |")
        }
        return lines
    }
}
