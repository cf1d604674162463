import CosModel
import CosView

/// A `bars` table (the summaries, a group's products) as one table per currency with the share drawn
/// inline: each row a name, a bar scaled to the largest amount beside its share of the currency's
/// total, the amount and the other figures. One table, never a chart followed by the same numbers.
///
/// With `top` (the organization view on a terminal) each currency's table keeps its largest groups,
/// a repeated name told apart by the next text column (`(no profile) · Router`), and ends with a line
/// counting the rest and what they add up to; `show --full`, JSON, CSV and Markdown keep every row.
enum ShareTable {
    /// Rows the organization view shows of each summary, shared by its currencies (at least two each).
    static let overviewRows = 6

    /// The rows a summary of `currencies` currencies shows of each currency in the overview.
    static func topRows(currencies: Int) -> Int { max(2, overviewRows / max(1, currencies)) }

    /// The bar never grows beyond this many columns: longer bars only push the figures away.
    static let widestBar = 20
    static let narrowestBar = 5

    /// One block per value of the split column (the currency), or nil when the table is not a `bars`
    /// table or cannot be drawn in `width` (the caller shows the plain table).
    static func blocks(_ table: ViewTable, options: RenderOptions, width: Int, top: Int? = nil) -> [[String]]? {
        guard case .bars(let labelColumn, let valueColumn, let split) = table.presentation,
            let labelIndex = table.columnIndex(labelColumn), let valueIndex = table.columnIndex(valueColumn),
            width >= MonthlyCharts.minimumWidth
        else { return nil }
        let style = Style(options)
        var blocks: [[String]] = []
        let groups = MonthlyCharts.groups(of: table, split: split).filter { !$0.rows.isEmpty }
        for group in groups {
            guard let block = block(
                table, rows: group.rows, key: group.key, labelIndex: labelIndex, valueIndex: valueIndex, split: split,
                top: top, width: width, style: style)
            else { return nil }
            blocks.append(block)
        }
        return blocks
    }

    private static func block(
        _ table: ViewTable, rows allRows: [[Cell]], key: String?, labelIndex: Int, valueIndex: Int, split: String?,
        top: Int?, width: Int, style: Style
    ) -> [String]? {
        let valueColumn = table.columns[valueIndex]
        let values = allRows.map { valueIndex < $0.count ? ($0[valueIndex].decimalValue ?? .zero) : .zero }
        let total = try? values.checkedSum()
        let largest = values.map { $0.micros.magnitude }.max() ?? 0
        let shownCount = top.map { min($0, allRows.count) } ?? allRows.count
        let rows = Array(allRows.prefix(shownCount))

        // The columns drawn: names (one qualified name in the overview), the share, then the figures.
        // The split column is said in the title and the share column is the bar's figure.
        let splitIndex = split.flatMap { table.columnIndex($0) }
        let shareIndex = table.columnIndex("share")
        let visible = BoxTable.visibleColumns(of: table).filter { $0 != splitIndex && $0 != shareIndex }
        var names = visible.filter { !CellText.isNumeric(table.columns[$0].kind) }
        var figures = visible.filter { CellText.isNumeric(table.columns[$0].kind) }
        // The overview's summaries show the change against the base period, not its amount as well
        // (`show --full`, JSON, CSV and Markdown have both).
        if top != nil { figures.removeAll { table.columns[$0].name == "previous_amount" } }
        // Told apart among all the groups, not only the shown ones: `(no profile)` alone says no type.
        let qualified = Array(qualifiedLabels(allRows, table: table, labelIndex: labelIndex, style: style).prefix(rows.count))
        if top != nil { names = [labelIndex] }

        let shares = rows.indices.map { index -> String in
            guard let total, total.micros > 0, let share = ExactDecimal.percent(values[index], of: total) else {
                return style.null
            }
            return CellText.percent(share)
        }
        let shareWidth = max(5, shares.map(TextWidth.of).max() ?? 0)

        // The table behind the drawing: the chosen columns, a `Share` column of bar and percentage
        // (right-aligned and never cut, like a number), and the split column kept for money formatting.
        var columns = names.map { table.columns[$0] }
        let shareColumn = ViewColumn("share_bar", "Share", .percent)
        columns.append(shareColumn)
        columns += figures.map { table.columns[$0] }
        var sourceIndices: [Int?] = names.map { $0 } + [nil] + figures.map { $0 }
        if let splitIndex {
            columns.append(table.columns[splitIndex])
            sourceIndices.append(splitIndex)
        }
        let shown = Array(0..<(names.count + 1 + figures.count))

        func cells(barWidth: Int) -> [[Cell]] {
            rows.indices.map { index in
                sourceIndices.map { source -> Cell in
                    guard let source else {
                        let bar = bar(values[index], largest: largest, width: barWidth, style: style)
                        return .text(
                            TextWidth.pad(bar, to: barWidth) + " " + TextWidth.pad(shares[index], to: shareWidth, right: true))
                    }
                    if top != nil, source == labelIndex { return .text(qualified[index]) }
                    return source < rows[index].count ? rows[index][source] : .null
                }
            }
        }
        // The bar takes the room the other columns leave, within its bounds; names shrink after that.
        let probe = ViewTable(name: table.name, title: table.title, columns: columns, rows: cells(barWidth: narrowestBar),
            presentation: table.presentation)
        let probeGrid = TableGrid(probe, rows: probe.rows, columns: shown, style: style)
        let others = probeGrid.natural.reduce(0, +) - (narrowestBar + 1 + shareWidth)
        let room = width - TableGrid.compactOverhead(shown.count) - others - 1 - shareWidth
        let barWidth = max(narrowestBar, min(widestBar, room))
        let drawn = ViewTable(name: table.name, title: table.title, columns: columns, rows: cells(barWidth: barWidth),
            presentation: table.presentation)
        var grid = TableGrid(drawn, rows: drawn.rows, columns: shown, style: style)
        if let main = names.firstIndex(of: labelIndex) { grid.main = main }
        let title = table.title + (key.map { " " + style.dot + " " + $0 } ?? "")
        var lines = TextWidth.wrap(title, to: width, ellipsis: style.ellipsis).map(style.bold)
        if rows.isEmpty { lines.append("(no rows)") }
        if let widths = grid.widths(
            fitting: width, overhead: TableGrid.compactOverhead(shown.count), mainBelowUseful: true, wrapHeadings: true)
        {
            lines += grid.compactLines(widths, style: style)
        } else {
            // Too narrow even for names at their minimum: the shown rows as records.
            let options = RenderOptions(width: width, unicode: style.unicode, color: style.color)
            lines += BoxTable.records(drawn, rows: drawn.rows, columns: shown, options: options)
        }
        let rest = allRows.count - rows.count
        if rest > 0 {
            // What the groups left out add up to, so the shown ones and the rest make the total.
            var text = "... \(rest) more"
            if let sum = try? values.suffix(rest).checkedSum() {
                text += ": " + MonthlyCharts.figure(sum, column: valueColumn, rows: allRows, table: table)
                if let total, total.micros > 0, let share = ExactDecimal.percent(sum, of: total) {
                    text += ", " + CellText.percent(share)
                }
            }
            text += " (show --full)"
            lines += TextWidth.wrap(text, to: width, ellipsis: style.ellipsis)
        }
        return lines.map(ColumnChart.trimRight)
    }

    /// The label of each row; a label that more than one row of the chart has is told apart by the
    /// next text column (`(no profile) · Router` and `(no profile) · Firewall`).
    static func qualifiedLabels(_ rows: [[Cell]], table: ViewTable, labelIndex: Int, style: Style) -> [String] {
        let labels = rows.map { row in
            labelIndex < row.count ? CellText.text(row[labelIndex], kind: .text, row: row, table: table, style: style) : ""
        }
        var counts: [String: Int] = [:]
        for label in labels { counts[label, default: 0] += 1 }
        guard counts.values.contains(where: { $0 > 1 }),
            let qualifier = table.columns.indices.first(where: { $0 > labelIndex && table.columns[$0].kind == .text })
        else { return labels }
        return zip(rows, labels).map { row, label in
            guard (counts[label] ?? 0) > 1, qualifier < row.count, !row[qualifier].isNull else { return label }
            let detail = CellText.text(row[qualifier], kind: .text, row: row, table: table, style: style)
            return detail.isEmpty || detail == label ? label : label + " " + style.dot + " " + detail
        }
    }

    /// A bar of `value` against the largest magnitude, in eighths of a column (Unicode) or whole `#`.
    /// Credits (negative amounts) are shaded `░` or `=`, so they read apart without colour; any
    /// amount that is not zero shows at least a sliver.
    static func bar(_ value: ExactDecimal, largest: UInt64, width: Int, style: Style) -> String {
        guard largest > 0, value.micros != 0 else { return "" }
        let magnitude = UInt128(value.micros.magnitude)
        let eighths = max(1, Int((magnitude * UInt128(width) * 8 + UInt128(largest) / 2) / UInt128(largest)))
        if value.isNegative {
            return String(repeating: style.unicode ? "░" : "=", count: max(1, (eighths + 4) / 8))
        }
        guard style.unicode else { return String(repeating: "#", count: max(1, (eighths + 4) / 8)) }
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }
}
