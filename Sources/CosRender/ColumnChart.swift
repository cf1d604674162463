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

    /// How the legend names the series: `Charges (SEK)`, or `Objects` when the unit is the name.
    var legendName: String { unit == name.lowercased() ? name : name + " (" + unit + ")" }
}

/// A monthly column chart with a y axis on the left and, for a second series, its own axis on the
/// right (usage vs. price, objects vs. charges).
///
/// The left series is drawn as columns (Unicode eighth blocks, or `#`); the right series as a line
/// over them, box-drawing characters (`─╮│╰`, or `-.|'` in ASCII) in their own colour when colour is
/// on, so the two read apart with and without colour. A legend names both.
///
/// Geometry: the plot has `height` rows; both axes share it. The rows above the zero line are
/// `positiveRows`, the ones below it hold negative values (credits); each series has its own step
/// (value per row), chosen so that its largest value reaches the top of row 0 and its most negative
/// one the bottom row. Labels on the left and on the right stand on the same rows (the top, the middle,
/// zero and the bottom edge), each in its series' step. Scales are exact integers (millionths).
struct ColumnChart {
    var months: [Month]
    var left: ChartSeries
    var right: ChartSeries?
    var height: Int
    var style: Style
    /// Month labels on one line (the year written into the first month's and each January's label,
    /// `Nov'25`), for the one-screen organization view; else two lines, months over years.
    var compactLabels = false

    /// What the rendering found: the plot rows, for tests that check geometry.
    struct Layout {
        var lines: [String]
        /// Index in `lines` of the first plot row.
        var firstPlotLine: Int
        /// Column (in display columns) where month `i`'s slot starts, and its bar width.
        var slotStart: [Int]
        var barWidth: Int
        /// The plot row the right series' line runs along in each month (nil without a right series).
        var lineRows: [Int]?
        /// The column of the line's step between month `i` and `i + 1` (in the gap after bar `i`).
        var stepColumns: [Int]
        var rightLabels: [Int: String]
        var leftLabels: [Int: String]
    }

    /// The smallest width at which all months get a column of their own.
    /// With a second series every month needs two columns, so that its line can step between the
    /// columns; a single series needs one.
    func fits(width: Int) -> Bool { plotWidth(width) >= months.count * (right == nil ? 1 : 2) }

    // MARK: - Scales

    /// Rows below the zero line: enough for the most negative value of either series.
    private var negativeRows: Int {
        var rows = 0
        for series in [left] + (right.map { [$0] } ?? []) {
            let values = series.values.map { Int128($0.micros) }
            let high = max(0, values.max() ?? 0)
            let low = min(0, values.min() ?? 0)
            guard low < 0 else { continue }
            let needed = high == 0 ? height : max(1, min(height - 1, Int((Int128(height) * -low + (high - low) / 2) / (high - low))))
            rows = max(rows, needed)
        }
        return rows
    }

    private var positiveRows: Int { height - negativeRows }

    /// A series' value per row: its largest value fills the positive rows, its most negative the
    /// negative ones; never zero.
    private func step(_ series: ChartSeries) -> Int128 {
        let values = series.values.map { Int128($0.micros) }
        var high = max(0, values.max() ?? 0)
        let low = min(0, values.min() ?? 0)
        if high == 0 && low == 0 { high = Int128(ExactDecimal.unit) }
        let positive = positiveRows, negative = negativeRows
        let up = positive > 0 ? (high + Int128(positive) - 1) / Int128(positive) : 0
        let down = negative > 0 ? (-low + Int128(negative) - 1) / Int128(negative) : 0
        return max(1, max(up, down))
    }

    /// The label rows and their values for a series: the top edge (the exact maximum when it binds),
    /// the middle, zero, and the bottom edge (the axis line, row `height`).
    private func labelValues(_ series: ChartSeries) -> [Int: Int128] {
        let step = step(series)
        let positive = positiveRows, negative = negativeRows
        var labels: [Int: Int128] = [0: step * Int128(positive), height: -step * Int128(negative)]
        if positive > 0, positive < height { labels[positive] = 0 }
        if height >= 5, negative == 0 { labels[height / 2] = step * Int128(positive - height / 2) }
        let values = series.values.map { Int128($0.micros) }
        if positive > 0, let maximum = values.max(), maximum > 0, (maximum + Int128(positive) - 1) / Int128(positive) == step {
            labels[0] = maximum
        }
        // Below zero only a series that goes there is labelled (credits, not "-3 objects").
        if (values.min() ?? 0) >= 0 { labels = labels.filter { $0.value >= 0 } }
        return labels
    }

    private func labelTexts(_ series: ChartSeries) -> [Int: String] {
        labelValues(series).mapValues { CellText.compact(micros: $0, fractionDigits: series.fractionDigits) }
    }

    private var leftLabelWidth: Int {
        let texts = labelTexts(left).values.map(TextWidth.of)
        // A single series writes its unit above its labels.
        return max(texts.max() ?? 1, right == nil ? TextWidth.of(left.unit) : 1)
    }

    private var rightLabelWidth: Int {
        guard let right else { return 0 }
        return labelTexts(right).values.map(TextWidth.of).max() ?? 1
    }

    private func plotWidth(_ width: Int) -> Int {
        width - leftLabelWidth - 2 - (right == nil ? 0 : rightLabelWidth + 2)
    }

    /// The plot row a value of the right series is drawn on: the row whose span holds it (row r spans
    /// `step × (positiveRows − r − 1)` to `step × (positiveRows − r)`), within the plot.
    private func lineRow(_ value: ExactDecimal, step: Int128) -> Int {
        let micros = Int128(value.micros)
        // Floor division: negative values go down a row per step below zero.
        var rows = micros / step
        if micros % step != 0, micros < 0 { rows -= 1 }
        return max(0, min(height - 1, positiveRows - 1 - Int(clamping: rows)))
    }

    // MARK: - Drawing

    /// The chart lines for `width` columns (callers check `fits(width:)` first).
    func render(width: Int) -> Layout {
        let months = months.count
        let slot = max(1, min(12, plotWidth(width) / max(1, months)))
        let barWidth = slot == 1 ? 1 : max(1, slot - max(1, slot / 4))
        let plot = slot * months
        let leftWidth = leftLabelWidth
        let positiveRows = positiveRows
        let leftStep = step(left)
        let leftLabels = labelTexts(left)
        let rightLabels = right.map { labelTexts($0) } ?? [:]

        var grid = Array(repeating: Array(repeating: " ", count: plot), count: height)
        let eighths = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        for (index, value) in left.values.enumerated() where index < months {
            let micros = Int128(value.micros)
            var column: [String] = Array(repeating: " ", count: height)
            if micros > 0 {
                // Eighths of a row above the zero line; a value that is not zero always shows.
                let filled = min(Int128(positiveRows * 8), max(1, (micros * 8 + leftStep / 2) / leftStep))
                for level in 0..<positiveRows {
                    let fill = Int(max(0, min(8, filled - Int128(level * 8))))
                    guard fill > 0 else { break }
                    let glyph = style.unicode ? eighths[fill - 1] : (fill >= 4 || level == 0 ? "#" : " ")
                    column[positiveRows - 1 - level] = glyph
                }
            } else if micros < 0 {
                // Below zero whole rows only (no block character grows downwards), shaded to tell
                // a credit from a charge without colour.
                let rows = min(Int128(height - positiveRows), max(1, (-micros + leftStep / 2) / leftStep))
                for level in 0..<Int(rows) { column[positiveRows + level] = style.unicode ? "▒" : "=" }
            }
            for row in 0..<height {
                for offset in 0..<barWidth { grid[row][index * slot + offset] = column[row] }
            }
        }
        // The right series: a line along its row over each month's slot, stepping up or down in the
        // gap after the month's bar.
        let gap = slot - barWidth
        let stepColumns = (0..<months).map { $0 * slot + barWidth + max(0, gap - 1) / 2 }
        var lineRows: [Int]?
        if let right {
            let rightStep = step(right)
            let rows = right.values.prefix(months).map { lineRow($0, step: rightStep) }
            lineRows = rows
            let glyphs = style.unicode
                ? (flat: "─", down: ("╮", "╰"), up: ("╯", "╭"), vertical: "│")
                : (flat: "-", down: (".", "'"), up: ("'", "."), vertical: "|")
            for (index, row) in rows.enumerated() {
                let from = index == 0 ? 0 : stepColumns[index - 1] + 1
                let to = index == rows.count - 1 ? plot - 1 : stepColumns[index] - 1
                if from <= to { for column in from...to { grid[row][column] = glyphs.flat } }
                guard index + 1 < rows.count else { continue }
                let next = rows[index + 1]
                let column = stepColumns[index]
                if next == row {
                    grid[row][column] = glyphs.flat
                } else {
                    let (first, last) = next > row ? glyphs.down : glyphs.up
                    grid[row][column] = first
                    grid[next][column] = last
                    for between in (min(row, next) + 1)..<max(row, next) { grid[between][column] = glyphs.vertical }
                }
            }
            // The line in its own colour: each run of line cells is wrapped once.
            if style.color {
                var isLine = Array(repeating: Array(repeating: false, count: plot), count: height)
                for (index, row) in rows.enumerated() {
                    let from = index == 0 ? 0 : stepColumns[index - 1] + 1
                    let to = index == rows.count - 1 ? plot - 1 : stepColumns[index] - 1
                    if from <= to { for column in from...to { isLine[row][column] = true } }
                    if index + 1 < rows.count {
                        let next = rows[index + 1]
                        for between in min(row, next)...max(row, next) { isLine[between][stepColumns[index]] = true }
                    }
                }
                for row in 0..<height {
                    var column = 0
                    while column < plot {
                        guard isLine[row][column] else {
                            column += 1
                            continue
                        }
                        var end = column
                        while end + 1 < plot, isLine[row][end + 1] { end += 1 }
                        grid[row][column] = Style.yellowStart + grid[row][column]
                        grid[row][end] = grid[row][end] + Style.reset
                        column = end + 1
                    }
                }
            }
        }

        var lines: [String] = []
        // Above the axes: the legend of both series (the left one over the left axis, the right one
        // ending over the right axis), or a single series' unit.
        if let right {
            let leftPart = (style.unicode ? "█" : "#") + " " + left.legendName
            let marker = style.unicode ? "──" : "--"
            let rightPart = marker + " " + right.legendName
            let total = leftWidth + 2 + plot + 2 + rightLabelWidth
            let room = total - TextWidth.of(leftPart) - TextWidth.of(rightPart)
            if room >= 3 {
                lines.append(leftPart + String(repeating: " ", count: room) + style.yellow(marker) + " " + right.legendName)
            } else {
                lines.append(leftPart)
                lines.append(style.yellow(marker) + " " + right.legendName)
            }
        } else {
            lines.append(TextWidth.pad(left.unit, to: leftWidth, right: true))
        }
        let firstPlotLine = lines.count
        let tick = style.unicode ? "┤" : "+"
        let rightTick = style.unicode ? "├" : "+"
        for row in 0..<height {
            let label = leftLabels[row] ?? ""
            var line = TextWidth.pad(label, to: leftWidth, right: true) + " "
                + (leftLabels[row] == nil ? style.vertical : tick) + grid[row].joined()
            if right != nil {
                line += rightLabels[row] == nil ? style.vertical : rightTick + " " + style.yellow(rightLabels[row] ?? "")
            }
            lines.append(line)
        }
        var axis = TextWidth.pad(leftLabels[height] ?? "", to: leftWidth, right: true) + " "
        axis += (style.unicode ? "└" : "+") + style.line(plot)
        if right != nil { axis += (style.unicode ? "┘" : "+") + " " + style.yellow(rightLabels[height] ?? "") }
        lines.append(axis)
        let indent = leftWidth + 2
        lines += monthLabels(slot: slot, barWidth: barWidth).map { String(repeating: " ", count: indent) + $0 }
        return Layout(
            lines: lines.map(Self.trimRight), firstPlotLine: firstPlotLine,
            slotStart: (0..<months).map { indent + $0 * slot }, barWidth: barWidth, lineRows: lineRows,
            stepColumns: stepColumns.map { indent + $0 }, rightLabels: rightLabels, leftLabels: leftLabels)
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Month names under their columns, as many as fit with a space between them; the year under the
    /// first month and every January (or, with `compactLabels`, in their labels: `Jan'26`, placed
    /// first so that the year is never the label left out).
    private func monthLabels(slot: Int, barWidth: Int) -> [String] {
        // Labels may run past the last column into the right axis' labels, never past the chart.
        let limit = slot * months.count + (right == nil ? 0 : rightLabelWidth + 2)
        func line(_ labels: [(start: Int, text: String)]) -> String {
            var characters = Array(repeating: Character(" "), count: limit)
            var taken = Array(repeating: false, count: limit)
            for (start, text) in labels {
                let count = text.count
                guard start + count <= limit else { continue }
                // A space on either side, so that two labels never run together.
                let low = max(0, start - 1), high = min(limit - 1, start + count)
                guard !taken[low...high].contains(true) else { continue }
                for (offset, character) in text.enumerated() {
                    characters[start + offset] = character
                    taken[start + offset] = true
                }
            }
            return String(characters)
        }
        let marksYear = months.indices.map { $0 == 0 || months[$0].month == 1 }
        if compactLabels {
            // Januaries first, then the first month (with its year when that fits), then the rest.
            func name(_ index: Int, year: Bool) -> (start: Int, text: String) {
                let name = Self.monthNames[months[index].month - 1]
                return (index * slot, year ? name + "'" + String(String(months[index].year).suffix(2)) : name)
            }
            let januaries = months.indices.filter { $0 > 0 && months[$0].month == 1 }
            var labels = januaries.map { name($0, year: true) }
            // The first month, with its year, else without (a January close after it took the room).
            labels += months.isEmpty ? [] : [name(0, year: true), name(0, year: false)]
            labels += months.indices.filter { $0 > 0 && months[$0].month != 1 }.map { name($0, year: false) }
            return [line(labels)]
        }
        let names = months.indices.map { (start: $0 * slot, text: Self.monthNames[months[$0].month - 1]) }
        let years = months.indices.filter { marksYear[$0] }.map { (start: $0 * slot, text: String(months[$0].year)) }
        return [line(names), line(years)]
    }

    static func trimRight(_ line: String) -> String {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }
}
