import CosModel
import CosView

/// Horizontal bars for a `bars` table (the summaries): one chart per currency, each line a name, a
/// bar scaled to the largest amount, the amount and its share of the currency's total.
enum BarChart {
    static func blocks(_ table: ViewTable, options: RenderOptions, width: Int) -> [[String]]? {
        guard case .bars(let labelColumn, let valueColumn, let split) = table.presentation,
            let labelIndex = table.columnIndex(labelColumn), let valueIndex = table.columnIndex(valueColumn),
            width >= MonthlyCharts.minimumWidth
        else { return nil }
        let style = Style(options)
        let column = table.columns[valueIndex]
        var blocks: [[String]] = []
        for group in MonthlyCharts.groups(of: table, split: split) where !group.rows.isEmpty {
            let labels = qualifiedLabels(group.rows, table: table, labelIndex: labelIndex, style: style)
            let values = group.rows.map { valueIndex < $0.count ? ($0[valueIndex].decimalValue ?? .zero) : .zero }
            let total = try? values.checkedSum()
            let amounts = zip(group.rows, values).map { row, value in
                MonthlyCharts.figure(value, column: column, rows: [row], table: table)
            }
            let shares = values.map { value -> String in
                guard let total, total.micros > 0, let share = ExactDecimal.percent(value, of: total) else {
                    return style.null
                }
                return CellText.percent(share)
            }
            let totalText = total.map { MonthlyCharts.figure($0, column: column, rows: group.rows, table: table) }
                ?? "too large to add up"
            let amountWidth = (amounts + [totalText]).map(TextWidth.of).max() ?? 0
            let shareWidth = shares.map(TextWidth.of).max() ?? 0
            // Up to two fifths of the width: long names (and names told apart by a second column) stay
            // readable while the bar keeps at least a fifth of the width.
            let labelWidth = min(labels.map(TextWidth.of).max() ?? 0, max(8, width * 2 / 5))
            // Bars longer than 60 columns add nothing but distance between a name and its amount.
            let barWidth = min(60, width - labelWidth - amountWidth - shareWidth - 6)
            guard barWidth >= 4 else { return nil }
            let largest = values.map { $0.micros.magnitude }.max() ?? 0

            var lines = [
                style.bold(
                    TextWidth.truncate(
                        table.title + (group.key.map { " " + style.dot + " " + $0 } ?? ""), to: width,
                        ellipsis: style.ellipsis))
            ]
            for (index, value) in values.enumerated() {
                let bar = self.bar(value, largest: largest, width: barWidth, style: style)
                var amount = TextWidth.pad(amounts[index], to: amountWidth, right: true)
                if value.isNegative { amount = style.red(amount) }
                lines.append(
                    TextWidth.pad(TextWidth.truncate(labels[index], to: labelWidth, ellipsis: style.ellipsis), to: labelWidth)
                        + "  " + TextWidth.pad(bar, to: barWidth) + "  " + amount + "  "
                        + TextWidth.pad(shares[index], to: shareWidth, right: true))
            }
            let totalLine =
                TextWidth.pad("Total", to: labelWidth) + "  " + String(repeating: " ", count: barWidth) + "  "
                + TextWidth.pad(totalText, to: amountWidth, right: true)
            lines.append(style.bold(ColumnChart.trimRight(totalLine)))
            blocks.append(lines.map(ColumnChart.trimRight))
        }
        return blocks
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
