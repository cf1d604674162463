import CosModel
import CosView
import XCTest
@testable import CosRender

/// Charts are checked by where things land, not only by their text.
final class ChartGeometryTests: XCTestCase {
    let months = (0..<6).map { Month(year: 2026, month: 1).advanced(by: $0) }

    func series(_ values: [String], unit: String, digits: Int = 0) -> ChartSeries {
        ChartSeries(name: unit.capitalized, unit: unit, values: values.map { Fixtures.d($0) }, fractionDigits: digits)
    }

    /// The character at display column `column` of `line`.
    func character(_ line: String, _ column: Int) -> String {
        var position = 0
        for character in line {
            if position == column { return String(character) }
            position += TextWidth.of(String(character))
        }
        return " "
    }

    func testSingleSeriesPeakOnTopRowZeroOnBaseline() {
        for unicode in [true, false] {
            let chart = ColumnChart(
                months: months, left: series(["0", "5", "10", "2.5", "7.5", "0"], unit: "events"), right: nil, height: 8,
                style: Style(unicode: unicode, color: false))
            let layout = chart.render(width: 60)
            let plot = Array(layout.lines[layout.firstPlotLine..<(layout.firstPlotLine + 8)])
            let full = unicode ? "█" : "#"
            // Month 2 holds the maximum: its column is full from the top row down.
            for row in plot { XCTAssertEqual(character(row, layout.slotStart[2]), full) }
            // Months 0 and 5 are zero: nothing above the x axis.
            for month in [0, 5] {
                for row in plot {
                    for offset in 0..<layout.barWidth {
                        XCTAssertEqual(character(row, layout.slotStart[month] + offset), " ", "month \(month)")
                    }
                }
            }
            // 5 is half of 10: its column fills exactly the lower four of eight rows.
            XCTAssertEqual(character(plot[3], layout.slotStart[1]), " ")
            XCTAssertEqual(character(plot[4], layout.slotStart[1]), full)
            // The top label is the peak, the axis line's label zero.
            XCTAssertEqual(layout.leftLabels[0], "10")
            XCTAssertEqual(layout.leftLabels[8], "0")
            XCTAssertTrue(plot[0].trimmingCharacters(in: .whitespaces).hasPrefix("10 "), plot[0])
            // Months are labelled on the x axis.
            XCTAssertTrue(layout.lines.contains { $0.contains("Jan") && $0.contains("Mar") })
            XCTAssertTrue(layout.lines.contains { $0.contains("2026") })
        }
    }

    /// Issue 10, point 6: the right series is a line over the columns, on its own scale, with its
    /// ticks on the rows of the left ones.
    func testDualAxisLineFollowsTheSecondSeriesOnTheLeftAxisRows() {
        for unicode in [true, false] {
            let chart = ColumnChart(
                months: months, left: series(["12", "12", "13", "14", "15", "16"], unit: "objects"),
                right: series(["1500.5", "0", "750", "3000", "2250", "1200"], unit: "SEK", digits: 2), height: 9,
                style: Style(unicode: unicode, color: false))
            let layout = chart.render(width: 70)
            let plot = Array(layout.lines[layout.firstPlotLine..<(layout.firstPlotLine + 9)])
            // Row r spans 333.33 × (8 − r) to 333.33 × (9 − r) (3000 over nine rows): 3000 is on row 0,
            // 2250 (6.75 rows) on row 2, 1500.5 (4.5) on row 4, 1200 (3.6) on row 5, 750 (2.25) on row 6,
            // 0 on the bottom row.
            XCTAssertEqual(layout.lineRows, [4, 8, 6, 0, 2, 5])
            let flat = unicode ? "─" : "-"
            for (month, row) in [4, 8, 6, 0, 2, 5].enumerated() {
                // The line runs over the month's column, in front of the bar.
                for offset in 0..<layout.barWidth {
                    XCTAssertEqual(character(plot[row], layout.slotStart[month] + offset), flat, "month \(month)")
                }
            }
            // From month 0 (row 4) down to month 1 (row 8) in the gap after bar 0; up from month 2 (row 6)
            // to month 3 (row 0) after bar 2.
            let down = layout.stepColumns[0], up = layout.stepColumns[2]
            XCTAssertGreaterThanOrEqual(down, layout.slotStart[0] + layout.barWidth, "the step is in the gap")
            XCTAssertLessThan(down, layout.slotStart[1])
            XCTAssertEqual(character(plot[4], down), unicode ? "╮" : ".")
            for row in 5...7 { XCTAssertEqual(character(plot[row], down), unicode ? "│" : "|") }
            XCTAssertEqual(character(plot[8], down), unicode ? "╰" : "'")
            XCTAssertEqual(character(plot[6], up), unicode ? "╯" : "'")
            XCTAssertEqual(character(plot[0], up), unicode ? "╭" : ".")
            // Bars still stand where the line is not: 16 objects fill month 5's column on the top row.
            XCTAssertEqual(character(plot[0], layout.slotStart[5]), unicode ? "█" : "#")
            // Both axes are labelled on the same rows: the top, the middle and the bottom edge.
            XCTAssertEqual(Set(layout.leftLabels.keys), [0, 4, 9])
            XCTAssertEqual(Set(layout.rightLabels.keys), Set(layout.leftLabels.keys))
            XCTAssertEqual(layout.rightLabels[0], "3k")
            XCTAssertEqual(layout.leftLabels[0], "16")
            // 3000 × 5/9 = 1666.67 on the middle row, beside the left's 16 × 5/9 = 8.9.
            XCTAssertEqual(layout.rightLabels[4], "1.7k")
            XCTAssertTrue(plot[0].hasSuffix((unicode ? "├" : "+") + " 3k"), plot[0])
            XCTAssertTrue(plot[4].hasSuffix((unicode ? "├" : "+") + " 1.7k"), plot[4])
            XCTAssertTrue(layout.lines[layout.firstPlotLine + 9].hasSuffix((unicode ? "┘" : "+") + " 0"))
            // The legend names both series, the line's marker over the right axis.
            XCTAssertTrue(layout.lines[0].hasPrefix((unicode ? "█" : "#") + " Objects"), layout.lines[0])
            XCTAssertTrue(layout.lines[0].hasSuffix((unicode ? "──" : "--") + " Sek (SEK)"), layout.lines[0])
        }
    }

    func testTheLineHasItsOwnColour() {
        let chart = ColumnChart(
            months: months, left: series(["1", "2", "3", "4", "5", "6"], unit: "objects"),
            right: series(["6", "5", "4", "3", "2", "1"], unit: "SEK"), height: 6, style: Style(unicode: true, color: true))
        let lines = chart.render(width: 60).lines
        XCTAssertTrue(lines[0].contains("\u{1B}[33m──\u{1B}[0m Sek (SEK)"), lines[0])
        // Month 0's value 6 runs along the top row in yellow, then steps down.
        XCTAssertTrue(lines[1].contains("\u{1B}[33m───"), lines[1])
        XCTAssertTrue(lines[1].contains("├ \u{1B}[33m6\u{1B}[0m"), lines[1])
        // Without colour no escape at all.
        var plain = chart
        plain.style = Style(unicode: true, color: false)
        XCTAssertFalse(plain.render(width: 60).lines.joined().contains("\u{1B}"))
    }

    func testARightSeriesBelowZeroSharesTheZeroRow() {
        let chart = ColumnChart(
            months: months, left: series(["5", "5", "5", "5", "5", "5"], unit: "objects"),
            right: series(["100", "-50", "0", "25", "50", "-1"], unit: "SEK", digits: 2), height: 6,
            style: Style(unicode: true, color: false))
        let layout = chart.render(width: 60)
        // 100 over -50: four rows above zero, two below, for both series; 25 SEK a row on the right.
        XCTAssertEqual(layout.rightLabels[4], "0")
        XCTAssertEqual(layout.leftLabels[4], "0")
        XCTAssertEqual(layout.rightLabels[6], "-50")
        XCTAssertNil(layout.leftLabels[6], "objects never go below zero: no negative label")
        // Row r holds 25 × (3 − r) up to (not including) 25 × (4 − r): 0 is on row 3, 25 on row 2, 50 on
        // row 1, 100 (the top edge) on row 0; -1 on the first row below zero, -50 on the bottom row.
        XCTAssertEqual(layout.lineRows, [0, 5, 3, 2, 1, 4])
    }

    func testMonthLabelsOnOneLineKeepTheYear() {
        let year = (0..<12).map { Month(year: 2025, month: 11).advanced(by: $0) }
        var chart = ColumnChart(
            months: year, left: series(Array(repeating: "1", count: 12), unit: "events"), right: nil, height: 5,
            style: Style(unicode: true, color: false))
        chart.compactLabels = true
        let lines = chart.render(width: 60).lines
        let labels = lines[lines.count - 1]
        XCTAssertTrue(labels.contains("Nov'25") && labels.contains("Jan'26"), labels)
        XCTAssertFalse(lines.contains { $0.trimmingCharacters(in: .whitespaces) == "2025" })
        // Narrow: January keeps its year; the first month gives its own up.
        let narrow = chart.render(width: 40).lines
        XCTAssertTrue(narrow[narrow.count - 1].contains("Jan'26"), narrow[narrow.count - 1])
    }

    func testNegativeValuesGoBelowZero() {
        let chart = ColumnChart(
            months: months, left: series(["100", "-50", "0", "25", "50", "75"], unit: "SEK", digits: 2), right: nil,
            height: 6, style: Style(unicode: true, color: false))
        let layout = chart.render(width: 50)
        let plot = Array(layout.lines[layout.firstPlotLine..<(layout.firstPlotLine + 6)])
        // 100 over -50: four rows above zero, two below; the credit fills the first row below zero.
        XCTAssertEqual(layout.leftLabels[4], "0")
        XCTAssertEqual(character(plot[4], layout.slotStart[1]), "▒")
        XCTAssertEqual(character(plot[3], layout.slotStart[1]), " ")
        XCTAssertEqual(character(plot[0], layout.slotStart[0]), "█")
    }

    func testOneChartPerCurrency() throws {
        let text = try Renderer.render(Fixtures.organization(), options: RenderOptions(width: 80))
        XCTAssertTrue(text.contains("Invoicing trend · SEK"))
        XCTAssertTrue(text.contains("Invoicing trend · JPY"))
        XCTAssertTrue(text.contains("Object amount vs. charges · SEK"))
        XCTAssertTrue(text.contains("Object amount vs. charges · JPY"))
        // Totals per currency, worked out in öre by hand from Fixtures.invoicingSEK.
        let ore = [10_240_050, 9_825_000, 0, 11_030_025, 12_100_000, 13_345_075, 12_890_000, -1_520_040, 14_025_000,
            15_187_510, 14_930_000, 16_204_060]
        XCTAssertEqual(ore.reduce(0, +), 128_256_680)
        XCTAssertTrue(text.contains("Total amount: 1,282,566.80 SEK"))
        XCTAssertTrue(text.contains("Total amount: 17,628,000 JPY"))
    }

    func testSparkline() {
        let values = ["0", "10", "5", "-10"].map { Fixtures.d($0) }
        XCTAssertEqual(Cards.sparkline(values, style: Style(unicode: true, color: false)), "▅█▆▁")
        XCTAssertEqual(Cards.sparkline(values, style: Style(unicode: false, color: false)), "=#+_")
    }

    /// Issue 10, point 7: a summary is one table per currency, its share drawn inline beside the figure.
    func testSummaryIsOneTableWithAnInlineShareBar() throws {
        let text = try Renderer.render(Fixtures.organization(), options: RenderOptions(width: 80))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try XCTUnwrap(lines.firstIndex(of: "Summary by product category · SEK"))
        let block = Array(lines[start...].prefix { !$0.isEmpty })
        XCTAssertEqual(block[1].split(separator: " ").map(String.init), ["Category", "Share", "Amount", "Tickets", "Objects"])
        let cloud = try XCTUnwrap(block.first { $0.hasPrefix("Cloud Services") })
        let network = try XCTUnwrap(block.first { $0.hasPrefix("Network") })
        // 842,310.40 / 1,131,130.40 = 74.47 %; 301,220 / 1,131,130.40 = 26.63 %; the figures beside them.
        XCTAssertTrue(cloud.hasSuffix(" 74.5%  842,310.40    1,204       96"), cloud)
        XCTAssertTrue(network.hasSuffix(" 26.6%  301,220.00      512       41"), network)
        let cloudBar = cloud.filter { $0 == "█" }.count
        let networkBar = network.filter { $0 == "█" }.count
        // Bars scale with the amounts: 301,220 / 842,310.40 ≈ 0.358.
        XCTAssertEqual(Double(networkBar) / Double(cloudBar), 0.358, accuracy: 0.06)
        XCTAssertTrue(block.contains { $0.hasPrefix("Support") && $0.contains("░") && $0.contains("-12,400.00") })
        // No bar chart before the table: the names appear once per currency.
        XCTAssertEqual(lines.filter { $0.hasPrefix("Cloud Services") }.count, 2)
    }
}
