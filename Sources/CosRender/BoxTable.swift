import CosView

/// A view table drawn as a box table that fits the width, or as records when it cannot.
///
/// Fitting follows psql's habit: text columns give up width first (the widest first, cut with an
/// ellipsis); numbers are never shortened. When even that is too wide, every row becomes a record
/// of `heading value` lines, psql's expanded mode.
enum BoxTable {
    /// Text columns are never narrowed below this many columns (ellipsis included).
    static let minimumTextWidth = 6

    /// Columns shown at a terminal: an `X_id` column beside its `X` name column is left out (ids are
    /// for machines and `cd id:ID`; JSON, CSV and Markdown keep them).
    static func visibleColumns(of table: ViewTable) -> [Int] {
        let names = Set(table.columns.map(\.name))
        return table.columns.indices.filter { index in
            let name = table.columns[index].name
            guard name.hasSuffix("_id") else { return true }
            return !names.contains(String(name.dropLast(3)))
        }
    }

    /// Rows shown under the row limit, and how many are not shown (cut here or paged by the query).
    static func shownRows(of table: ViewTable, limit: Int?) -> (rows: [[Cell]], more: Int) {
        var rows = table.rows
        if let limit, limit >= 0, rows.count > limit { rows = Array(rows.prefix(limit)) }
        return (rows, table.rows.count - rows.count + table.hiddenRows)
    }

    static func moreRowsLine(_ more: Int) -> String {
        "... \(more) more row\(more == 1 ? "" : "s") (use --all or --limit)"
    }

    /// A row is a total when its first text cell says so; totals are drawn bold.
    static func isTotal(_ row: [Cell]) -> Bool {
        for cell in row {
            if case .text(let text) = cell { return text.lowercased().hasPrefix("total") }
        }
        return false
    }

    /// The table with its title, fitted to `width`.
    static func render(_ table: ViewTable, options: RenderOptions, showTitle: Bool = true) -> [String] {
        let style = Style(options)
        let width = max(20, options.width)
        var lines: [String] = []
        if showTitle { lines.append(style.bold(TextWidth.truncate(table.title, to: width, ellipsis: style.ellipsis))) }
        let columns = visibleColumns(of: table)
        let (rows, more) = shownRows(of: table, limit: options.rowLimit)
        if rows.isEmpty {
            lines.append(more > 0 ? "(no rows shown)" : "(no rows)")
            if more > 0 { lines.append(moreRowsLine(more)) }
            return lines
        }
        let headings = columns.map { table.columns[$0].heading }
        var cells = rows.map { row in
            columns.map { index in
                index < row.count
                    ? CellText.text(row[index], kind: table.columns[index].kind, row: row, table: table, style: style)
                    : style.null
            }
        }
        for position in columns.indices {
            switch table.columns[columns[position]].kind {
            case .money(let currencyColumn):
                // Within one currency: a JPY amount has no decimals to line up with SEK's.
                let currencies = rows.map { CellText.currency(in: $0, column: currencyColumn, table: table) ?? "" }
                for currency in Set(currencies) {
                    alignDecimalPoints(&cells, position, rows: cells.indices.filter { currencies[$0] == currency })
                }
            case .quantity: alignDecimalPoints(&cells, position, rows: Array(cells.indices))
            default: break
            }
        }
        let numeric = columns.map { CellText.isNumeric(table.columns[$0].kind) }
        var widths = columns.indices.map { position in
            cells.reduce(TextWidth.of(headings[position])) { max($0, TextWidth.of($1[position])) }
        }
        // Border: "│ " + cells joined by " │ " + " │".
        func total() -> Int { widths.reduce(0, +) + 3 * widths.count + 1 }
        while total() > width {
            var widest: Int?
            for position in widths.indices where !numeric[position] && widths[position] > minimumTextWidth {
                if widest.map({ widths[position] > widths[$0] }) ?? true { widest = position }
            }
            guard let position = widest else { break }
            widths[position] -= 1
        }
        if total() > width {
            return lines + records(table, rows: rows, columns: columns, options: options) + moreLines(more)
        }

        func border(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { style.line($0 + 2) }.joined(separator: middle) + right
        }
        func fit(_ text: String, _ position: Int) -> String {
            let cut = TextWidth.truncate(text, to: widths[position], ellipsis: style.ellipsis)
            return TextWidth.pad(cut, to: widths[position], right: numeric[position])
        }
        lines.append(border(style.topLeft, style.topMiddle, style.topRight))
        let header = widths.indices.map { style.bold(fit(headings[$0], $0)) }
        lines.append(style.vertical + " " + header.joined(separator: " " + style.vertical + " ") + " " + style.vertical)
        lines.append(border(style.middleLeft, style.cross, style.middleRight))
        for (rowIndex, row) in rows.enumerated() {
            let bold = isTotal(row)
            let parts = widths.indices.map { position -> String in
                let text = fit(cells[rowIndex][position], position)
                let cell = columns[position] < row.count ? row[columns[position]] : .null
                if CellText.isNegative(cell) { return bold ? style.boldRed(text) : style.red(text) }
                return bold ? style.bold(text) : text
            }
            lines.append(style.vertical + " " + parts.joined(separator: " " + style.vertical + " ") + " " + style.vertical)
        }
        lines.append(border(style.bottomLeft, style.bottomMiddle, style.bottomRight))
        return lines + moreLines(more)
    }

    /// Pads the numbers of one column on the right so that their decimal points line up
    /// (`12.50` over `0.0425`, `43,800` over `120,500.125`).
    static func alignDecimalPoints(_ cells: inout [[String]], _ position: Int, rows: [Int]) {
        func fraction(_ text: String) -> Int? {
            guard let dot = text.lastIndex(of: ".") else { return nil }
            return text.distance(from: dot, to: text.endIndex)  // the point and the digits after it
        }
        let widest = rows.compactMap { fraction(cells[$0][position]) }.max() ?? 0
        guard widest > 0 else { return }
        for row in rows {
            let text = cells[row][position]
            guard text.first.map({ $0.isNumber || $0 == "-" }) ?? false else { continue }
            let missing = widest - (fraction(text) ?? 0)
            if missing > 0 { cells[row][position] = text + String(repeating: " ", count: missing) }
        }
    }

    private static func moreLines(_ count: Int) -> [String] { count > 0 ? [moreRowsLine(count)] : [] }

    /// Every row as `heading  value` lines under a `-[ N ]-` rule (psql's expanded display). With one
    /// row and `numbered` false it is a plain record (contract, invoice and object details).
    static func records(
        _ table: ViewTable, rows: [[Cell]], columns: [Int], options: RenderOptions, numbered: Bool = true
    ) -> [String] {
        let style = Style(options)
        let width = max(20, options.width)
        let headingWidth = min(
            columns.map { TextWidth.of(table.columns[$0].heading) }.max() ?? 0, max(8, width / 3))
        let valueWidth = max(1, width - headingWidth - 2)
        var lines: [String] = []
        for (number, row) in rows.enumerated() {
            if numbered {
                let label = "\(style.horizontal)[ \(number + 1) ]"
                lines.append(label + style.line(min(width, 40) - TextWidth.of(label)))
            }
            for index in columns {
                let column = table.columns[index]
                let heading = TextWidth.truncate(column.heading, to: headingWidth, ellipsis: style.ellipsis)
                let cell = index < row.count ? row[index] : .null
                let value = CellText.text(cell, kind: column.kind, row: row, table: table, style: style)
                // Long text wraps onto more lines under itself rather than losing its end.
                let parts = TextWidth.wrap(value, to: valueWidth, ellipsis: style.ellipsis)
                for (number, part) in parts.enumerated() {
                    let label = number == 0 ? style.bold(TextWidth.pad(heading, to: headingWidth)) : String(repeating: " ", count: headingWidth)
                    lines.append(label + "  " + (CellText.isNegative(cell) ? style.red(part) : part))
                }
            }
        }
        return lines
    }
}
