import CosModel
import CosView
import XCTest
@testable import CosRender

/// A `trend` by unit: the chart draws each currency's largest unit (by amount) against the amount of
/// every unit, and lists the other units; the table itself keeps every unit's row.
final class UnitTrendRenderTests: XCTestCase {
    func d(_ text: String) -> Cell { .decimal((try? ExactDecimal(parsing: text)) ?? .zero) }

    /// Two months in SEK: 10 h / 100 and 4 GB / 2 in January, 20 h / 200 and 6 GB / 3 in February;
    /// EUR charges 5 pcs / 50 in January only.
    var table: ViewTable {
        let jan = Month(year: 2026, month: 1), feb = Month(year: 2026, month: 2)
        return ViewTable(
            name: "trend", title: "Usage vs. price",
            columns: [
                ViewColumn("month", "Month", .month), ViewColumn("currency", "Currency", .currency),
                ViewColumn("unit", "Unit", .text), ViewColumn("quantity", "Quantity", .quantity),
                ViewColumn("amount", "Amount", .money(currencyColumn: "currency")),
            ],
            rows: [
                [.month(jan), .text("EUR"), .text("pcs"), d("5"), d("50")],
                [.month(jan), .text("SEK"), .text("GB"), d("4"), d("2")],
                [.month(jan), .text("SEK"), .text("h"), d("10"), d("100")],
                [.month(feb), .text("EUR"), .text("pcs"), d("0"), d("0")],
                [.month(feb), .text("SEK"), .text("GB"), d("6"), d("3")],
                [.month(feb), .text("SEK"), .text("h"), d("20"), d("200")],
            ],
            presentation: .trend(month: "month", values: ["quantity", "amount"], split: "currency"))
    }

    func testTheLargestUnitIsChartedAgainstEveryUnitsAmount() throws {
        let byUnit = try XCTUnwrap(UnitTrend(table))
        // SEK: h has 100 + 200 = 300, GB 2 + 3 = 5: hours are charted; the amount is 102 and 203.
        XCTAssertEqual(byUnit.charted["SEK"], "h")
        XCTAssertEqual(byUnit.charted["EUR"], "pcs")
        XCTAssertEqual(
            byUnit.chart.rows.map { $0.map(\.plainText).joined(separator: "|") },
            ["2026-01|EUR|5|50", "2026-01|SEK|10|102", "2026-02|EUR|0|0", "2026-02|SEK|20|203"])
        XCTAssertEqual(byUnit.others.map { "\($0.currency) \($0.unit ?? "-") \($0.quantity) \($0.amount)" }, ["SEK GB 10 5"])
        // Different units per currency: the heading says so; the lines below name each one.
        XCTAssertEqual(byUnit.chart.columns[2].heading, "Quantity (largest unit)")
        XCTAssertEqual(byUnit.chart.columns[3].heading, "Amount (all units)")
        XCTAssertNil(UnitTrend(byUnit.chart), "the chart table has no unit column")
    }

    func testTheChartListsTheOtherUnitsAndTheTableKeepsThem() throws {
        let view = View(
            kind: "category", title: "Cloud", context: ContextPath(["Acme", "categories", "Cloud"]),
            asOf: try XCTUnwrap(CivilDate(parsing: "2026-02-28")), period: try XCTUnwrap(Period(from: Month(year: 2026, month: 1), to: Month(year: 2026, month: 2))),
            tables: [table])
        let text = try Renderer.render(view, options: RenderOptions(format: .table, width: 80))
        XCTAssertTrue(text.contains("SEK: charted in h; also 10 GB (5.00 SEK)"), text)
        XCTAssertTrue(text.contains("Amount (all units)"), text)
        let csv = try Renderer.render(view, options: RenderOptions(format: .csv))
        XCTAssertTrue(csv.contains("2026-01,SEK,GB,4,2"), csv)
    }
}
