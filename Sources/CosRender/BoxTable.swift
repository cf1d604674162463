import CosModel
import CosView

/// A view table drawn as a box table that fits the width, or as records when it cannot.
///
/// Fitting follows psql's habit: text columns give up width first (the widest first, cut with an
/// ellipsis); numbers are never shortened. When even that is too wide, every row becomes a record
/// of `heading value` lines, psql's expanded mode.
enum BoxTable {
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

    /// `... 39 more rows (--limit none shows them all, --offset 20 the next page)`: how many rows are
    /// not shown and what shows them (the table's `rest`, else `show --full`).
    static func moreRowsLine(_ more: Int, _ table: ViewTable) -> String {
        "... \(more) more row\(more == 1 ? "" : "s") (\(table.rest ?? "show --full shows them"))"
    }

    /// `moreRowsLine` wrapped to the width; nothing when no row is left out.
    static func moreRowsLines(_ more: Int, _ table: ViewTable, options: RenderOptions) -> [String] {
        guard more > 0 else { return [] }
        let style = Style(options)
        return TextWidth.wrap(moreRowsLine(more, table), to: max(20, options.width), ellipsis: style.ellipsis)
    }

    /// A table's heading; a page of a longer list says how much of it is shown (`20 of 59`).
    static func title(of table: ViewTable, shown: Int) -> String {
        guard let total = table.page?.total, total > shown else { return table.title }
        return "\(table.title) (\(shown) of \(CellText.grouped(String(total), negative: false)))"
    }

    /// A row is a total when its first text cell says so; totals are drawn bold.
    static func isTotal(_ row: [Cell]) -> Bool {
        for cell in row {
            if case .text(let text) = cell { return text.lowercased().hasPrefix("total") }
        }
        return false
    }

    /// The table with its title, fitted to `width`; `compact` draws it without the box (the start
    /// view's short lists), as a table too wide for a box is drawn anyway.
    static func render(_ table: ViewTable, options: RenderOptions, showTitle: Bool = true, compact: Bool = false)
        -> [String]
    {
        let style = Style(options)
        let width = max(20, options.width)
        var lines: [String] = []
        let columns = visibleColumns(of: table)
        let (rows, more) = shownRows(of: table, limit: options.rowLimit)
        if showTitle {
            // Wrapped, not cut: a page's count ends the title.
            lines += TextWidth.wrap(title(of: table, shown: rows.count), to: width, ellipsis: style.ellipsis).map(style.bold)
        }
        if rows.isEmpty {
            lines.append(more > 0 ? "(no rows shown)" : "(no rows)")
            return lines + moreRowsLines(more, table, options: options)
        }
        let grid = TableGrid(table, rows: rows, columns: columns, style: style)
        // 1. A box table, the main name column kept at a useful width.
        if !compact, let widths = grid.widths(
            fitting: width, overhead: TableGrid.boxOverhead(columns.count), mainBelowUseful: false)
        {
            return lines + grid.boxLines(widths, style: style) + moreRowsLines(more, table, options: options)
        }
        // 2. A compact table: no vertical rules, text columns down to their minimum, whole-month
        //    periods in one column, and columns that hold one value for every row said once above the
        //    table (a ticket list of one contract in one currency).
        let (merged, mergedRows) = mergingMonthPeriods(table, rows: rows, columns: columns)
        var folded = TableGrid(merged, rows: mergedRows, columns: Array(merged.columns.indices), style: style)
        // The merged table has no id columns left to tell which text column names the row.
        if let main = grid.main, let same = merged.columnIndex(table.columns[columns[main]].name) { folded.main = same }
        let constants = rows.count > 1 ? constantColumns(folded) : []
        let caption = constants.sorted().map { position -> String in
            // A column empty in every row reads `no invoice` (uninvoiced tickets).
            folded.cells[0][position] == style.null
                ? "no " + folded.headings[position].lowercased() : "\(folded.headings[position]) \(folded.cells[0][position])"
        }
        folded.remove(Set(constants), merged: merged, rows: mergedRows)
        if let widths = folded.widths(
            fitting: width, overhead: TableGrid.compactOverhead(folded.headings.count), mainBelowUseful: true,
            wrapHeadings: true)
        {
            let captionLines = caption.isEmpty
                ? [] : TextWidth.wrap(caption.joined(separator: " \(style.dot) "), to: width, ellipsis: style.ellipsis).map(style.dim)
            return lines + captionLines + folded.compactLines(widths, style: style) + moreRowsLines(more, table, options: options)
        }
        // 3. Records, psql's expanded display.
        return lines + records(table, rows: rows, columns: columns, options: options) + moreRowsLines(more, table, options: options)
    }

    /// Positions of text, id and currency columns whose cells all read the same, empty ones included
    /// (the invoice column of uninvoiced tickets).
    static func constantColumns(_ grid: TableGrid) -> [Int] {
        guard let first = grid.cells.first else { return [] }
        return grid.headings.indices.filter { position in
            !grid.numeric[position] && grid.cells.allSatisfy { $0[position] == first[position] }
        }
    }

    /// The shown columns of `table` as a table of their own, where a `X_start` date column followed by
    /// its `X_end` becomes one month column when every row covers exactly one calendar month (charge
    /// tickets billed per month): `2025-11` reads at a glance where two full dates take 22 columns.
    static func mergingMonthPeriods(_ table: ViewTable, rows: [[Cell]], columns: [Int]) -> (ViewTable, [[Cell]]) {
        var newColumns: [ViewColumn] = []
        var sources: [[Int]] = []  // one or two table columns behind each new column
        var position = 0
        while position < columns.count {
            let index = columns[position]
            let column = table.columns[index]
            if column.kind == .date, column.name.hasSuffix("_start"), position + 1 < columns.count {
                let next = table.columns[columns[position + 1]]
                let stem = String(column.name.dropLast("_start".count))
                if next.kind == .date, next.name == stem + "_end",
                    rows.allSatisfy({ wholeMonth($0, index, columns[position + 1]) != nil })
                {
                    var heading = column.heading
                    if heading.lowercased().hasSuffix(" start") { heading = String(heading.dropLast(" start".count)) }
                    else { heading = "Period" }
                    newColumns.append(ViewColumn(stem, heading, .month))
                    sources.append([index, columns[position + 1]])
                    position += 2
                    continue
                }
            }
            newColumns.append(column)
            sources.append([index])
            position += 1
        }
        let newRows = rows.map { row in
            sources.map { source -> Cell in
                if source.count == 2 { return wholeMonth(row, source[0], source[1]).map { Cell.month($0) } ?? .null }
                return source[0] < row.count ? row[source[0]] : .null
            }
        }
        let merged = ViewTable(
            name: table.name, title: table.title, columns: newColumns, rows: newRows, presentation: table.presentation)
        return (merged, newRows)
    }

    /// The month a row's period covers exactly (first day to last day), or nil.
    static func wholeMonth(_ row: [Cell], _ start: Int, _ end: Int) -> Month? {
        guard start < row.count, end < row.count, case .date(let first) = row[start], case .date(let last) = row[end],
            first == first.monthValue.firstDay, last == first.monthValue.lastDay
        else { return nil }
        return first.monthValue
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
