import CosView

/// The cells of a table as they read on a terminal, with what fitting needs to know about each
/// column, and the two ways of drawing them: a box table, or a compact table without vertical rules.
///
/// Fitting is psql's habit with one refinement: the main name column (the first text column, or the
/// label a chart names) keeps a useful width while secondary text columns (numbers of registers,
/// relations, units) still have room to give; numbers never shrink.
struct TableGrid {
    /// Text columns are never narrowed below this many columns (ellipsis included).
    static let minimumTextWidth = 6
    /// The main name column is not cut below this width (or its full width when shorter) while
    /// another text column can still give up room.
    static let usefulNameWidth = 24
    /// Secondary text columns give up room down to this width before the main column gives any.
    static let comfortableTextWidth = 10

    var headings: [String]
    /// One row of shown cell texts per row, one per column.
    var cells: [[String]]
    /// Right-aligned and never shortened.
    var numeric: [Bool]
    /// The narrowest each column may become: numbers their full width; dates, months, currency codes
    /// and ids the width of their values; free text `minimumTextWidth`.
    var minimums: [Int]
    /// The position of the main name column, if the table has one.
    var main: Int?
    /// Rows drawn bold (totals).
    var bold: [Bool]
    /// Cells drawn red (negative amounts).
    var negative: [[Bool]]

    /// The width each column needs to show everything.
    var natural: [Int] { natural(wrapHeadings: false) }

    /// The width each column needs to show everything, its heading on two lines if `wrapHeadings`.
    func natural(wrapHeadings: Bool) -> [Int] {
        headings.indices.map { position in
            let heading = wrapHeadings ? Self.headingLines(headings[position]).map(TextWidth.of).max() ?? 0
                : TextWidth.of(headings[position])
            return cells.reduce(heading) { max($0, TextWidth.of($1[position])) }
        }
    }

    /// A heading on at most two lines, broken at the space that makes the wider line narrowest
    /// (`Own Total` over `Invoicing`); a heading of one word stays on one line.
    static func headingLines(_ heading: String) -> [String] {
        var best = [heading]
        var bestWidth = TextWidth.of(heading)
        for index in heading.indices where heading[index] == " " {
            let first = String(heading[..<index])
            let second = String(heading[heading.index(after: index)...])
            let width = max(TextWidth.of(first), TextWidth.of(second))
            if !first.isEmpty, !second.isEmpty, width < bestWidth {
                best = [first, second]
                bestWidth = width
            }
        }
        return best
    }

    /// The grid of `rows` of `table`, showing the columns at `columns` (indices into the table).
    init(_ table: ViewTable, rows: [[Cell]], columns: [Int], style: Style) {
        let headings = columns.map { table.columns[$0].heading }
        self.headings = headings
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
                    BoxTable.alignDecimalPoints(&cells, position, rows: cells.indices.filter { currencies[$0] == currency })
                }
            case .quantity: BoxTable.alignDecimalPoints(&cells, position, rows: Array(cells.indices))
            default: break
            }
        }
        self.cells = cells
        let finalCells = cells
        numeric = columns.map { CellText.isNumeric(table.columns[$0].kind) }
        bold = rows.map(BoxTable.isTotal)
        negative = rows.map { row in columns.map { $0 < row.count && CellText.isNegative(row[$0]) } }
        let natural = columns.indices.map { position in
            finalCells.reduce(TextWidth.of(headings[position])) { max($0, TextWidth.of($1[position])) }
        }
        minimums = columns.indices.map { position in
            let kind = table.columns[columns[position]].kind
            if CellText.isNumeric(kind) { return natural[position] }
            switch kind {
            case .date, .month, .currency, .id:
                // Values of a fixed shape, and ids and numbers (`K-2024-00012`), are never cut: two
                // contracts must never read the same. A longer heading may be, down to the text minimum.
                let values = finalCells.map { TextWidth.of($0[position]) }.max() ?? 0
                return min(natural[position], max(values, Self.minimumTextWidth))
            default:
                return min(natural[position], Self.minimumTextWidth)
            }
        }
        main = Self.mainColumn(of: table, columns: columns, rows: rows)
    }

    /// The label a chart or tree names, when shown; otherwise the first name of a thing (a text
    /// column `X` beside an id column `X_id`: organization, object); otherwise the first free-text
    /// column whose values tell rows apart (a ticket list of one contract is about its objects), or
    /// the first free-text column.
    static func mainColumn(of table: ViewTable, columns: [Int], rows: [[Cell]]) -> Int? {
        var label: String?
        switch table.presentation {
        case .bars(let name, _, _), .tree(_, let name, _): label = name
        default: label = nil
        }
        if let label, let index = table.columnIndex(label), let position = columns.firstIndex(of: index) {
            return position
        }
        let text = columns.indices.filter { table.columns[columns[$0]].kind == .text }
        func varies(_ position: Int) -> Bool {
            let index = columns[position]
            let values = rows.map { index < $0.count ? $0[index] : .null }
            return values.contains { $0 != values.first }
        }
        let names = Set(table.columns.map(\.name))
        if let named = text.first(where: { names.contains(table.columns[columns[$0]].name + "_id") }) { return named }
        return text.first(where: varies) ?? text.first
    }

    /// Removes the columns at `positions` of this grid of `rows` of `table` (all its columns); when
    /// the main column goes, picks one again among those left.
    mutating func remove(_ positions: Set<Int>, merged table: ViewTable, rows: [[Cell]]) {
        let keep = headings.indices.filter { !positions.contains($0) }
        if let current = main, !positions.contains(current) {
            main = keep.firstIndex(of: current)
        } else {
            main = Self.mainColumn(of: table, columns: keep, rows: rows)
        }
        headings = keep.map { headings[$0] }
        cells = cells.map { row in keep.map { row[$0] } }
        numeric = keep.map { numeric[$0] }
        minimums = keep.map { minimums[$0] }
        negative = negative.map { row in keep.map { row[$0] } }
    }

    /// Column widths that fit `width` when drawing adds `overhead` columns, or nil when none do.
    ///
    /// Text columns give up room in stages, the widest first within each: secondary columns down to
    /// `comfortableTextWidth`; then the main column down to `usefulNameWidth`; then secondary columns
    /// down to their minimum; and last, if `mainBelowUseful`, the main column down to its minimum.
    /// With `wrapHeadings` a heading may take two lines when the table does not fit otherwise.
    func widths(fitting width: Int, overhead: Int, mainBelowUseful: Bool, wrapHeadings: Bool = false) -> [Int]? {
        // Headings take two lines only when giving up a little comfortable room does not do.
        if wrapHeadings, let oneLine = widths(fitting: width, overhead: overhead, wrap: false, stages: 2) {
            return oneLine
        }
        return widths(fitting: width, overhead: overhead, wrap: wrapHeadings, stages: mainBelowUseful ? 4 : 3)
    }

    private func widths(fitting width: Int, overhead: Int, wrap: Bool, stages stageCount: Int) -> [Int]? {
        let natural = natural(wrapHeadings: wrap)
        var widths = natural
        func excess() -> Int { widths.reduce(0, +) + overhead - width }
        // Each stage: (floor of secondary text columns, floor of the main column), never below minimums.
        let stages: [(secondary: Int, main: Int)] = [
            (Self.comfortableTextWidth, Int.max), (Self.comfortableTextWidth, Self.usefulNameWidth),
            (0, Self.usefulNameWidth), (0, 0),
        ]
        for stage in stages.prefix(stageCount) {
            let floors = widths.indices.map { position -> Int in
                // A number keeps its width (a two-line heading may leave it narrower than one line).
                if numeric[position] { return natural[position] }
                let minimum = min(minimums[position], natural[position])
                let floor = position == main ? stage.main : stage.secondary
                return max(minimum, min(natural[position], floor))
            }
            while excess() > 0 {
                var widest: Int?
                for position in widths.indices where widths[position] > floors[position] {
                    // On a tie a secondary column gives way before the main one.
                    guard let current = widest else {
                        widest = position
                        continue
                    }
                    if widths[position] > widths[current] || (widths[position] == widths[current] && current == main) {
                        widest = position
                    }
                }
                guard let position = widest else { break }
                widths[position] -= 1
            }
        }
        return excess() > 0 ? nil : widths
    }

    /// Columns a box table adds around `count` cells: `│ ` + cells joined by ` │ ` + ` │`.
    static func boxOverhead(_ count: Int) -> Int { 3 * count + 1 }
    /// Columns a compact table adds between `count` cells: two spaces each.
    static func compactOverhead(_ count: Int) -> Int { 2 * max(0, count - 1) }

    private func fit(_ text: String, _ position: Int, _ widths: [Int], _ style: Style) -> String {
        let cut = TextWidth.truncate(text, to: widths[position], ellipsis: style.ellipsis)
        return TextWidth.pad(cut, to: widths[position], right: numeric[position])
    }

    private func styledRow(_ row: Int, _ widths: [Int], _ style: Style) -> [String] {
        widths.indices.map { position -> String in
            let text = fit(cells[row][position], position, widths, style)
            if negative[row][position] { return bold[row] ? style.boldRed(text) : style.red(text) }
            return bold[row] ? style.bold(text) : text
        }
    }

    /// The grid in a box of rules.
    func boxLines(_ widths: [Int], style: Style) -> [String] {
        func border(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { style.line($0 + 2) }.joined(separator: middle) + right
        }
        func line(_ parts: [String]) -> String {
            style.vertical + " " + parts.joined(separator: " " + style.vertical + " ") + " " + style.vertical
        }
        var lines = [border(style.topLeft, style.topMiddle, style.topRight)]
        lines.append(line(widths.indices.map { style.bold(fit(headings[$0], $0, widths, style)) }))
        lines.append(border(style.middleLeft, style.cross, style.middleRight))
        lines += cells.indices.map { line(styledRow($0, widths, style)) }
        lines.append(border(style.bottomLeft, style.bottomMiddle, style.bottomRight))
        return lines
    }

    /// The grid without vertical rules: two spaces between columns and a rule under the header.
    /// Headings wider than their column go on two lines when that lets them show whole.
    func compactLines(_ widths: [Int], style: Style) -> [String] {
        // When one heading needs two lines, every heading of several words that fits its column on
        // two takes them, so that `Period start` and `Period end` read alike.
        let wraps = widths.indices.contains { position in
            TextWidth.of(headings[position]) > widths[position] && Self.headingLines(headings[position]).count == 2
        }
        let headingLines = widths.indices.map { position -> [String] in
            let lines = Self.headingLines(headings[position])
            guard wraps, lines.count == 2, lines.allSatisfy({ TextWidth.of($0) <= widths[position] }) else {
                return [headings[position]]
            }
            return lines
        }
        let headerHeight = headingLines.map(\.count).max() ?? 1
        var lines: [String] = []
        for line in 0..<headerHeight {
            // One-line headings sit on the last line, right above the rule.
            let parts = widths.indices.map { position -> String in
                let own = headingLines[position]
                let index = line - (headerHeight - own.count)
                return style.bold(fit(index >= 0 ? own[index] : "", position, widths, style))
            }
            lines.append(parts.joined(separator: "  "))
        }
        lines.append(widths.map { style.line($0) }.joined(separator: "  "))
        lines += cells.indices.map { styledRow($0, widths, style).joined(separator: "  ") }
        return lines
    }
}
