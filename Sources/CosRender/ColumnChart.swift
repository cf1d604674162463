import CosModel
import CosView

/// One series of a monthly chart: a name for the legend, its unit (axis caption) and one exact value
/// per month.
struct ChartSeries: Sendable {
    var name: String
    /// `SEK`, `objects`, `events`: written above the axis the series is read on.
    var unit: String
    var values: [ExactDecimal]
    /// Fraction digits worth showing in axis labels (the currency's minor units, 0 for counts).
    var fractionDigits: Int
}

/// A monthly column chart with a y axis on the left and, for a second series, its own axis on the
/// right (usage vs. price, objects vs. charges).
///
/// The left series is drawn as columns (Unicode eighth blocks, or `#`), the right series as one marker
/// per month (`●`, or `o`), so the two read apart without colour; a legend names both. Geometry: the
/// plot has `height` rows; the left scale puts its largest value at the top of row 0 and zero on the
/// x axis; the right scale puts its largest value on row 0 and its smallest (zero, or the most
/// negative value) on the last row. Scales are computed in exact integers (millionths).
struct ColumnChart {
    var months: [Month]
    var left: ChartSeries
    var right: ChartSeries?
    var height: Int
    var style: Style

    /// What the rendering found: the plot rows, for tests that check geometry.
    struct Layout {
        var lines: [String]
        /// Index in `lines` of the first plot row.
        var firstPlotLine: Int
        /// Column (in display columns) where month `i`'s slot starts, and its bar width.
        var slotStart: [Int]
        var barWidth: Int
        var markerOffset: Int
        var rightLabels: [Int: String]
        var leftLabels: [Int: String]
    }

    /// The smallest width at which all months get a column of their own.
    /// With a second series every month needs two columns, so that its marker has a bar to sit on
    /// and a gap beside it; a single series needs one.
    func fits(width: Int) -> Bool { plotWidth(width) >= months.count * (right == nil ? 1 : 2) }

    private var leftLabelValues: (labels: [Int: Int128], positiveRows: Int, step: Int128) {
        let values = left.values.map { Int128($0.micros) }
        var high = max(0, values.max() ?? 0)
        let low = min(0, values.min() ?? 0)
        if high == 0 && low == 0 { high = Int128(ExactDecimal.unit) }
        var negativeRows = 0
        if low < 0 {
            negativeRows = high == 0 ? height : max(1, min(height - 1, Int((Int128(height) * -low + (high - low) / 2) / (high - low))))
        }
        let positiveRows = height - negativeRows
        let upStep = positiveRows > 0 ? (high + Int128(positiveRows) - 1) / Int128(positiveRows) : 0
        let downStep = negativeRows > 0 ? (-low + Int128(negativeRows) - 1) / Int128(negativeRows) : 0
        let step = max(1, max(upStep, downStep))
        // Row r's top edge is worth step × (positiveRows − r); the x axis line is row `height`.
        var labels: [Int: Int128] = [0: step * Int128(positiveRows), height: -step * Int128(negativeRows)]
        if positiveRows > 0, positiveRows < height { labels[positiveRows] = 0 }
        if height >= 6, negativeRows == 0 { labels[height / 2] = step * Int128(positiveRows - height / 2) }
        // The top label is the exact maximum when it binds, so the chart says what its peak is.
        if upStep >= downStep, positiveRows > 0, let maximum = values.max(), maximum > 0 { labels[0] = maximum }
        return (labels, positiveRows, step)
    }

    private var rightRange: (low: Int128, high: Int128) {
        guard let right else { return (0, 1) }
        let values = right.values.map { Int128($0.micros) }
        var high = max(0, values.max() ?? 0)
        let low = min(0, values.min() ?? 0)
        if high == low { high = low + Int128(ExactDecimal.unit) }
        return (low, high)
    }

    private func rightLabelValues() -> [Int: Int128] {
        let (low, high) = rightRange
        var labels: [Int: Int128] = [0: high, height - 1: low]
        if height >= 6 {
            let middle = (height - 1) / 2
            labels[middle] = high - (high - low) * Int128(middle) / Int128(height - 1)
        }
        return labels
    }

    private func labelTexts(_ values: [Int: Int128], digits: Int) -> [Int: String] {
        values.mapValues { CellText.compact(micros: $0, fractionDigits: digits) }
    }

    private var leftLabelWidth: Int {
        let texts = labelTexts(leftLabelValues.labels, digits: left.fractionDigits).values.map(TextWidth.of)
        return max(texts.max() ?? 1, TextWidth.of(left.unit))
    }

    private var rightLabelWidth: Int {
        guard let right else { return 0 }
        let texts = labelTexts(rightLabelValues(), digits: right.fractionDigits).values.map(TextWidth.of)
        return max(texts.max() ?? 1, TextWidth.of(right.unit))
    }

    private func plotWidth(_ width: Int) -> Int {
        width - leftLabelWidth - 2 - (right == nil ? 0 : rightLabelWidth + 2)
    }

    /// The chart lines for `width` columns (callers check `fits(width:)` first).
    func render(width: Int) -> Layout {
        let months = months.count
        let slot = max(1, min(12, plotWidth(width) / max(1, months)))
        let barWidth = slot == 1 ? 1 : max(1, slot - max(1, slot / 4))
        let plot = slot * months
        let leftWidth = leftLabelWidth
        let (leftValues, positiveRows, step) = leftLabelValues
        let leftLabels = labelTexts(leftValues, digits: left.fractionDigits)
        let rightLabels = right.map { labelTexts(rightLabelValues(), digits: $0.fractionDigits) } ?? [:]

        var grid = Array(repeating: Array(repeating: " ", count: plot), count: height)
        let eighths = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        for (index, value) in left.values.enumerated() where index < months {
            let micros = Int128(value.micros)
            var column: [String] = Array(repeating: " ", count: height)
            if micros > 0 {
                // Eighths of a row above the zero line; a value that is not zero always shows.
                let filled = min(Int128(positiveRows * 8), max(1, (micros * 8 + step / 2) / step))
                for level in 0..<positiveRows {
                    let fill = Int(max(0, min(8, filled - Int128(level * 8))))
                    guard fill > 0 else { break }
                    let glyph = style.unicode ? eighths[fill - 1] : (fill >= 4 || level == 0 ? "#" : " ")
                    column[positiveRows - 1 - level] = glyph
                }
            } else if micros < 0 {
                // Below zero whole rows only (no block character grows downwards), shaded to tell
                // a credit from a charge without colour.
                let rows = min(Int128(height - positiveRows), max(1, (-micros + step / 2) / step))
                for level in 0..<Int(rows) { column[positiveRows + level] = style.unicode ? "▒" : "=" }
            }
            for row in 0..<height {
                for offset in 0..<barWidth { grid[row][index * slot + offset] = column[row] }
            }
        }
        let markerOffset = barWidth / 2
        if let right {
            let (low, high) = rightRange
            for (index, value) in right.values.enumerated() where index < months {
                let row = Int((high - Int128(value.micros)) * Int128(height - 1) * 2 / (high - low) + 1) / 2
                grid[max(0, min(height - 1, row))][index * slot + markerOffset] = style.unicode ? "●" : "o"
            }
        }

        var lines: [String] = []
        // Units above the axes.
        var caption = TextWidth.pad(left.unit, to: leftWidth, right: true)
        if let right {
            caption += String(repeating: " ", count: plot + 2) + " " + right.unit
        }
        lines.append(caption)
        let firstPlotLine = lines.count
        for row in 0..<height {
            let label = leftLabels[row] ?? ""
            let tick = leftLabels[row] == nil ? style.vertical : (style.unicode ? "┤" : "+")
            var line = TextWidth.pad(label, to: leftWidth, right: true) + " " + tick + grid[row].joined()
            if right != nil {
                let rightLabel = rightLabels[row] ?? ""
                line += (rightLabels[row] == nil ? style.vertical : (style.unicode ? "├" : "+")) + " " + rightLabel
            }
            lines.append(line)
        }
        var axis = TextWidth.pad(leftLabels[height] ?? "", to: leftWidth, right: true) + " "
        axis += (style.unicode ? "└" : "+") + style.line(plot) + (right == nil ? "" : (style.unicode ? "┘" : "+"))
        lines.append(axis)
        let indent = leftWidth + 2
        lines += monthLabels(slot: slot, barWidth: barWidth).map { String(repeating: " ", count: indent) + $0 }
        return Layout(
            lines: lines.map(Self.trimRight), firstPlotLine: firstPlotLine,
            slotStart: (0..<months).map { indent + $0 * slot }, barWidth: barWidth, markerOffset: markerOffset,
            rightLabels: rightLabels, leftLabels: leftLabels)
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Month names under their columns, as many as fit with a space between them, and the year under
    /// the first month and every January.
    private func monthLabels(slot: Int, barWidth: Int) -> [String] {
        var names: [Character] = []
        var years: [Character] = []
        var namesEnd = -1
        var yearsEnd = -1
        // Labels may run past the last column into the right axis' labels, never past the chart.
        let limit = slot * months.count + (right == nil ? 0 : rightLabelWidth + 2)
        for (index, month) in months.enumerated() {
            let start = index * slot
            let name = Self.monthNames[month.month - 1]
            if start > namesEnd, start + name.count <= limit {
                names += Array(repeating: " ", count: start - names.count) + Array(name)
                namesEnd = start + name.count
            }
            if index == 0 || month.month == 1 {
                let year = String(month.year)
                if start > yearsEnd, start + year.count <= limit {
                    years += Array(repeating: " ", count: start - years.count) + Array(year)
                    yearsEnd = start + year.count
                }
            }
        }
        return [String(names), String(years)]
    }

    static func trimRight(_ line: String) -> String {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }
}
