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

    func testDualAxisMarkersAndRightLabelsFollowTheSecondSeries() {
        let chart = ColumnChart(
            months: months, left: series(["12", "12", "13", "14", "15", "16"], unit: "objects"),
            right: series(["1500.5", "0", "750", "3000", "2250", "1200"], unit: "SEK", digits: 2), height: 9,
            style: Style(unicode: true, color: false))
        let layout = chart.render(width: 70)
        let plot = Array(layout.lines[layout.firstPlotLine..<(layout.firstPlotLine + 9)])
        func markerRow(_ month: Int) -> Int? {
            plot.firstIndex { character($0, layout.slotStart[month] + layout.markerOffset) == "●" }
        }
        XCTAssertEqual(markerRow(3), 0, "the largest charge sits on the top row")
        XCTAssertEqual(markerRow(1), 8, "a zero month sits on the baseline row")
        XCTAssertEqual(markerRow(2), 6, "750 of 3000 is a quarter: row 8 - 8/4")
        XCTAssertEqual(markerRow(4), 2, "2250 of 3000 is three quarters")
        XCTAssertEqual(layout.rightLabels[0], "3k")
        XCTAssertEqual(layout.rightLabels[8], "0")
        XCTAssertTrue(plot[0].hasSuffix("├ 3k"))
        XCTAssertTrue(plot[8].hasSuffix("├ 0"))
        // The left axis keeps its own scale: 16 objects at the top.
        XCTAssertEqual(layout.leftLabels[0], "16")
        XCTAssertTrue(layout.lines[0].hasSuffix("SEK"), "the right axis names its unit")
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

    func testBarsShareAndLength() throws {
        let text = try Renderer.render(Fixtures.organization(), options: RenderOptions(width: 80))
        let lines = text.split(separator: "\n").map(String.init)
        let cloud = try XCTUnwrap(lines.first { $0.hasPrefix("Cloud Services") && $0.contains("SEK") })
        let network = try XCTUnwrap(lines.first { $0.hasPrefix("Network") && $0.contains("SEK") })
        // 842,310.40 / 1,131,130.40 = 74.47 %; 301,220 / 1,131,130.40 = 26.63 %.
        XCTAssertTrue(cloud.hasSuffix("842,310.40 SEK  74.5%"))
        XCTAssertTrue(network.hasSuffix("301,220.00 SEK  26.6%"))
        let cloudBar = cloud.filter { $0 == "█" }.count
        let networkBar = network.filter { $0 == "█" }.count
        // Bars scale with the amounts: 301,220 / 842,310.40 ≈ 0.358.
        XCTAssertEqual(Double(networkBar) / Double(cloudBar), 0.358, accuracy: 0.04)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Support") && $0.contains("░") && $0.contains("-12,400.00 SEK") })
    }
}
