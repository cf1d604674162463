import CosModel
import CosView

/// Charts for `trend` and `dualAxis` tables: one chart per value of the split column (the currency),
/// so money in different currencies never shares an axis.
enum MonthlyCharts {
    /// Charts are not drawn narrower than this; below it the table is shown instead.
    static let minimumWidth = 40

    /// Rows of the plot: 8, or less on a short terminal; `compactHeight` in the one-screen
    /// organization view.
    static func plotHeight(_ options: RenderOptions, compact: Bool = false) -> Int {
        var rows = 8
        if let height = options.height, height < 30 { rows = max(4, height / 3) }
        return compact ? min(rows, compactHeight) : rows
    }

    /// Plot rows of the charts of the organization view on a terminal (not `show --full`): five
    /// charts of a two-currency organization must leave room for its summaries in one screenful.
    static let compactHeight = 5

    /// The distinct values of the split column, in the order rows have them (one group when nil).
    static func groups(of table: ViewTable, split: String?) -> [(key: String?, rows: [[Cell]])] {
        guard let split, let index = table.columnIndex(split) else { return [(nil, table.rows)] }
        var order: [String] = []
        var rows: [String: [[Cell]]] = [:]
        for row in table.rows {
            let key = index < row.count ? row[index].plainText : ""
            if rows[key] == nil { order.append(key) }
            rows[key, default: []].append(row)
        }
        return order.map { ($0, rows[$0] ?? []) }
    }

    /// A series from a value column of some rows.
    static func series(_ column: String, table: ViewTable, rows: [[Cell]]) -> ChartSeries? {
        guard let index = table.columnIndex(column) else { return nil }
        let definition = table.columns[index]
        let values = rows.map { index < $0.count ? ($0[index].decimalValue ?? .zero) : .zero }
        var unit = definition.heading.lowercased()
        var digits = 2
        switch definition.kind {
        case .money(let currencyColumn):
            let currency = rows.lazy.compactMap { CellText.currency(in: $0, column: currencyColumn, table: table) }.first
            unit = currency ?? unit
            digits = currency.map { CurrencyCode.minorUnits(of: $0) } ?? 2
        case .count: digits = 0
        case .percent: unit = "%"
        default: break
        }
        return ChartSeries(name: definition.heading, unit: unit, values: values, fractionDigits: digits)
    }

    /// The text of a figure in a legend or total line: money in its currency, counts grouped.
    static func figure(_ value: ExactDecimal, column: ViewColumn, rows: [[Cell]], table: ViewTable) -> String {
        switch column.kind {
        case .money(let currencyColumn):
            let currency = rows.lazy.compactMap { CellText.currency(in: $0, column: currencyColumn, table: table) }.first
            return CellText.money(value, currency: currency) + (currency.map { " " + $0 } ?? "")
        case .percent: return CellText.percent(value)
        default: return CellText.quantity(value)
        }
    }

    /// The chart blocks of a `trend` or `dualAxis` table at `width`, or nil when it cannot be drawn
    /// (too narrow, no month column): the caller shows the table instead.
    ///
    /// `rows` draws the charts of some rows of the table only (one unit's rows of a usage-vs-price
    /// trend that holds several units); nil draws all of them. `compact` makes them shorter: five plot
    /// rows, month labels on one line, the totals on one line (the organization view on a terminal).
    static func blocks(
        _ table: ViewTable, options: RenderOptions, width: Int, rows selected: [[Cell]]? = nil, compact: Bool = false
    ) -> [[String]]? {
        guard width >= minimumWidth else { return nil }
        // A trend by unit charts each currency's largest unit (quantities of different units are never
        // added; CosView's UnitTrend picks it) and lists the other units under the charts.
        if let byUnit = UnitTrend(table) {
            guard var drawn = blocks(byUnit.chart, options: options, width: width) else { return nil }
            if !byUnit.others.isEmpty { drawn.append(unitLines(byUnit, width: width, style: Style(options))) }
            return drawn
        }
        let style = Style(options)
        let month: String
        var pairs: [(left: String, right: String?)] = []
        let split: String?
        var dual = false
        switch table.presentation {
        case .trend(let monthColumn, let values, let splitColumn):
            month = monthColumn
            split = splitColumn
            if values.count == 2 {
                pairs = [(values[0], values[1])]
            } else {
                pairs = values.map { ($0, nil) }
            }
        case .dualAxis(let monthColumn, let left, let right, let splitColumn):
            month = monthColumn
            split = splitColumn
            pairs = [(left, right)]
            dual = true
        default:
            return nil
        }
        guard let monthIndex = table.columnIndex(month), !pairs.isEmpty else { return nil }
        var blocks: [[String]] = []
        var source = table
        if let selected { source.rows = selected }
        for group in groups(of: source, split: split) {
            let rows = group.rows.sorted { monthOf($0, monthIndex) < monthOf($1, monthIndex) }
            let months = rows.compactMap { row -> Month? in
                if monthIndex < row.count, case .month(let month) = row[monthIndex] { return month }
                return nil
            }
            guard months.count == rows.count, !months.isEmpty else { return nil }
            let title = table.title + (group.key.map { " " + style.dot + " " + $0 } ?? "")
            let height = plotHeight(options, compact: compact)
            for pair in pairs {
                guard let left = series(pair.left, table: table, rows: rows) else { return nil }
                let right = pair.right.flatMap { series($0, table: table, rows: rows) }
                var chart = ColumnChart(months: months, left: left, right: right, height: height, style: style)
                chart.compactLabels = compact
                if chart.fits(width: width) {
                    blocks.append(
                        chartBlock(chart, title: title, table: table, rows: rows, columns: pair, dual: dual, width: width,
                            compact: compact, style: style))
                    continue
                }
                // Too narrow for both axes: each series gets a chart of its own, still one per axis.
                for (name, series) in [(pair.left, left)] + (right.map { [(pair.right ?? "", $0)] } ?? []) {
                    var single = ColumnChart(months: months, left: series, right: nil, height: height, style: style)
                    single.compactLabels = compact
                    guard single.fits(width: width) else { return nil }
                    let named = right == nil ? title : title + " " + style.dot + " " + series.name
                    blocks.append(
                        chartBlock(single, title: named, table: table, rows: rows, columns: (name, nil),
                            dual: dual && name == pair.left, width: width, compact: compact, style: style))
                }
            }
        }
        return blocks
    }

    /// `SEK: charted in h; also 1,234 GB (567.00 SEK), 12 min (30.00 SEK)`, one line per currency.
    static func unitLines(_ byUnit: UnitTrend, width: Int, style: Style) -> [String] {
        var lines: [String] = []
        var order: [String] = []
        for other in byUnit.others where !order.contains(other.currency) { order.append(other.currency) }
        for currency in order {
            let charted = (byUnit.charted[currency] ?? nil) ?? "no unit"
            let also = byUnit.others.filter { $0.currency == currency }.map { other in
                CellText.quantity(other.quantity) + " " + (other.unit ?? "(no unit)") + " ("
                    + CellText.money(other.amount, currency: currency) + " " + currency + ")"
            }
            let line = "\(currency): charted in \(charted); also " + also.joined(separator: ", ")
            lines.append(TextWidth.truncate(line, to: width, ellipsis: style.ellipsis))
        }
        return lines
    }

    private static func monthOf(_ row: [Cell], _ index: Int) -> Int {
        if index < row.count, case .month(let month) = row[index] { return month.ordinal }
        return Int.min
    }

    private static func chartBlock(
        _ chart: ColumnChart, title: String, table: ViewTable, rows: [[Cell]], columns: (left: String, right: String?),
        dual: Bool, width: Int, compact: Bool, style: Style
    ) -> [String] {
        var lines = [style.bold(TextWidth.truncate(title, to: width, ellipsis: style.ellipsis))]
        // The legend (both series) or the unit is the chart's first line.
        var drawn = chart.render(width: width).lines
        var totals: [String] = []
        for (position, name) in ([columns.left] + (columns.right.map { [$0] } ?? [])).enumerated() {
            guard let index = table.columnIndex(name) else { continue }
            let column = table.columns[index]
            let values = rows.map { index < $0.count ? ($0[index].decimalValue ?? .zero) : .zero }
            if dual && position == 0 {
                // Active objects per month do not add up over months: the peak and the last month say more.
                let peak = figure(values.max() ?? .zero, column: column, rows: rows, table: table)
                let last = figure(values.last ?? .zero, column: column, rows: rows, table: table)
                let name = column.heading.lowercased()
                totals.append(
                    compact ? "\(column.heading): peak \(peak), last \(last)" : "Peak \(name): \(peak) (last month \(last))")
                continue
            }
            guard let total = try? values.checkedSum() else {
                totals.append("Total \(column.heading.lowercased()): too large to add up")
                continue
            }
            totals.append("Total \(column.heading.lowercased()): \(figure(total, column: column, rows: rows, table: table))")
        }
        let totalLines = joinOrStack(totals, width: width, style: style).map(style.bold)
        if compact, chart.right == nil, totalLines.count == 1, !drawn.isEmpty {
            // Short: a single series' total takes the place of its unit (the title names it).
            drawn[0] = totalLines[0]
            return lines + drawn
        }
        return lines + drawn + totalLines
    }

    /// Parts on one line when they fit, otherwise one per line (cut to the width).
    static func joinOrStack(_ parts: [String], width: Int, style: Style) -> [String] {
        let joined = parts.joined(separator: "   ")
        if TextWidth.of(joined) <= width { return [joined] }
        return parts.map { TextWidth.truncate($0, to: width, ellipsis: style.ellipsis) }
    }
}
