import CosModel
import CosView
import Foundation
import XCTest
@testable import CosRender

final class FormattingTests: XCTestCase {
    func testMoney() {
        XCTAssertEqual(CellText.money(Fixtures.d("1234567.5"), currency: "SEK"), "1,234,567.50")
        XCTAssertEqual(CellText.money(Fixtures.d("-12000"), currency: "JPY"), "-12,000")
        XCTAssertEqual(CellText.money(Fixtures.d("999"), currency: "EUR"), "999.00")
        XCTAssertEqual(CellText.money(Fixtures.d("1.5"), currency: "KWD"), "1.500")
        // Digits past the minor unit are kept: a unit price is never rounded away.
        XCTAssertEqual(CellText.money(Fixtures.d("0.0425"), currency: "SEK"), "0.0425")
        XCTAssertEqual(CellText.money(Fixtures.d("0.5"), currency: "JPY"), "0.5")
        XCTAssertEqual(CellText.money(Fixtures.d("-0.000001"), currency: "SEK"), "-0.000001")
    }

    func testNumbers() {
        XCTAssertEqual(CellText.quantity(Fixtures.d("120500.125")), "120,500.125")
        XCTAssertEqual(CellText.quantity(Fixtures.d("-1000")), "-1,000")
        XCTAssertEqual(CellText.percent(Fixtures.d("12.45")), "12.5%")
        XCTAssertEqual(CellText.percent(Fixtures.d("-3")), "-3.0%")
        let style = Style(unicode: true, color: false)
        let table = ViewTable(name: "t", title: "T", columns: [])
        XCTAssertEqual(CellText.text(.int(1_234_567), kind: .count, row: [], table: table, style: style), "1,234,567")
        let priced = ViewTable(
            name: "p", title: "P",
            columns: [ViewColumn("amount", "Amount", .money(currencyColumn: "currency")), ViewColumn("currency", "Currency", .currency)])
        XCTAssertEqual(
            CellText.text(.int(-1000), kind: priced.columns[0].kind, row: [.int(-1000), .text("SEK")], table: priced, style: style),
            "-1,000.00")
        XCTAssertEqual(CellText.text(.int(12), kind: .percent, row: [], table: table, style: style), "12.0%")
        XCTAssertEqual(CellText.text(.null, kind: .text, row: [], table: table, style: style), "–")
        XCTAssertEqual(CellText.text(.null, kind: .text, row: [], table: table, style: Style(unicode: false, color: false)), "")
    }

    func testCompactAxisLabels() {
        func label(_ text: String, _ digits: Int = 2) -> String {
            CellText.compact(micros: Int128(Fixtures.d(text).micros), fractionDigits: digits)
        }
        XCTAssertEqual(label("950"), "950")
        XCTAssertEqual(label("0.5"), "0.50")
        XCTAssertEqual(label("12500"), "12.5k")
        XCTAssertEqual(label("162040.6"), "162k")
        XCTAssertEqual(label("1702000"), "1.7M")
        XCTAssertEqual(label("-8400"), "-8.4k")
        XCTAssertEqual(label("3000"), "3k")
        XCTAssertEqual(label("2500000000"), "2.5B")
    }

    func testCSV() throws {
        let text = try Renderer.render(Fixtures.find(), options: RenderOptions(format: .csv, tableName: "organizations"))
        XCTAssertEqual(
            text,
            "id,name,number\r\norg-2,Acme AB,556677-8899\r\norg-3,Acme Norge AS,NO 912 345 678\r\norg-1,Acme Group,\r\n"
                + "org-9,\"Åkesson & Söner \"\"Acme\"\" AB, Göteborg\",556000-1111\r\n")
        let all = try Renderer.render(Fixtures.category(), options: RenderOptions(format: .csv))
        XCTAssertTrue(all.hasPrefix("# trend\r\nmonth,currency,quantity,amount\r\n2025-07,SEK,310,62000\r\n"))
        XCTAssertTrue(all.contains("\r\n\r\n# products\r\nproduct_id,product,unit,currency,quantity,amount,tickets\r\n"))
        XCTAssertTrue(all.contains("p-100,\"Virtual server, large (8 vCPU, 32 GB RAM, Stockholm region)\",hour,SEK,43800,612400.4,820"))
        XCTAssertEqual(CSVFormat.field(" padded"), "\" padded\"")
        XCTAssertEqual(CSVFormat.field("two\nlines"), "\"two\nlines\"")
    }

    func testUnknownTable() {
        XCTAssertThrowsError(try Renderer.render(Fixtures.find(), options: RenderOptions(format: .csv, tableName: "orgs"))) {
            XCTAssertEqual(
                ($0 as? RenderError)?.description, "no table \"orgs\" in this view (its tables: organizations)")
        }
    }

    func testTableNameKeepsOneTableInEveryFormat() throws {
        for format in OutputFormat.allCases {
            let text = try Renderer.render(Fixtures.category(), options: RenderOptions(format: format, tableName: "products"))
            XCTAssertFalse(text.contains("Usage vs. price") || text.contains("\"trend\"") || text.contains("# trend"), "\(format)")
            XCTAssertTrue(text.contains("Block storage"), "\(format)")
        }
    }

    func testRowLimitSaysHowManyMoreAndWhatShowsThem() throws {
        let limited = try Renderer.render(Fixtures.category(), options: RenderOptions(width: 120, rowLimit: 2, tableName: "products"))
        XCTAssertTrue(limited.contains("... 2 more rows (show --full shows them)"))
        XCTAssertFalse(limited.contains("Snapshot credit"))
        // 12 rows held, 250 exist: 5 shown, 7 cut here and 238 never fetched; the page says what shows them.
        let tickets = try Renderer.render(Fixtures.tickets(), options: RenderOptions(width: 200, rowLimit: 5))
        XCTAssertTrue(tickets.contains("... 245 more rows (--limit none shows them all, --offset 12 the next page)"))
        XCTAssertFalse(tickets.contains("--all"), "--all means every period, not every row")
        // A page says how much of the list it is.
        XCTAssertTrue(tickets.contains("Charge tickets (2025-07..2026-06) (5 of 250)"))
        let one = ViewTable(name: "t", title: "T", columns: [ViewColumn("a", "A", .text)], rows: [[.text("x")]], totalRows: 2)
        XCTAssertTrue(BoxTable.render(one, options: RenderOptions()).contains("... 1 more row (show --full shows them)"))
        // The line wraps rather than running past a narrow terminal.
        for line in BoxTable.render(Fixtures.tickets().tables[0], options: RenderOptions(width: 40)) {
            XCTAssertLessThanOrEqual(TextWidth.of(line), 40, line)
        }
    }

    /// Issue 10, point 1: JSON, CSV and Markdown carry every row the view holds, whatever the row
    /// limit; a table that is a page says so (JSON `pages`, a closing line in CSV and Markdown).
    func testMachineFormatsNeverDropRowsAndNameTheirPages() throws {
        let view = Fixtures.tickets()
        let csv = try Renderer.render(view, options: RenderOptions(format: .csv, rowLimit: 5))
        XCTAssertEqual(csv.components(separatedBy: "\r\n").filter { $0.hasPrefix("T-") }.count, 12)
        XCTAssertTrue(csv.hasSuffix("\r\n# page tickets: offset 0, shown 12, total 250\r\n"), csv)
        let markdown = try Renderer.render(view, options: RenderOptions(format: .markdown, rowLimit: 5))
        XCTAssertEqual(markdown.split(separator: "\n").filter { $0.hasPrefix("| T-") }.count, 12)
        XCTAssertTrue(markdown.hasSuffix("\n\n_page tickets: offset 0, shown 12, total 250_\n"), markdown)
        XCTAssertFalse(markdown.contains("more row"))
        let json = try Renderer.render(view, options: RenderOptions(format: .json, rowLimit: 5))
        XCTAssertTrue(json.hasSuffix(",\"pages\":{\"tickets\":{\"offset\":0,\"shown\":12,\"total\":250}}}\n"), json)
        // A later page starts where it starts; a complete table is no page.
        var later = view
        later.tables[0].pageOffset = 200
        XCTAssertTrue(try Renderer.render(later, options: RenderOptions(format: .json)).contains("{\"offset\":200,\"shown\":12,\"total\":250}"))
        var whole = view
        whole.tables[0].pageOffset = nil
        whole.tables[0].totalRows = nil
        for format in [OutputFormat.json, .csv, .markdown] {
            let text = try Renderer.render(whole, options: RenderOptions(format: format))
            XCTAssertFalse(text.contains("pages") || text.contains("# page") || text.contains("_page"), "\(format)")
        }
    }

    func testColour() throws {
        let plain = try Renderer.render(Fixtures.organization(), options: RenderOptions(color: false))
        XCTAssertFalse(plain.contains("\u{1B}"))
        let coloured = try Renderer.render(Fixtures.organization(), options: RenderOptions(color: true))
        XCTAssertTrue(coloured.contains("\u{1B}[1mCategory"), "headers bold")
        XCTAssertTrue(coloured.contains("\u{1B}[31m-12,400.00\u{1B}[0m"), "negatives red")
        XCTAssertTrue(coloured.contains("\u{1B}[1mTotal amount: 1,282,566.80 SEK\u{1B}[0m"), "totals bold")
        for format in [OutputFormat.csv, .json, .markdown] {
            let text = try Renderer.render(Fixtures.organization(), options: RenderOptions(format: format, color: true))
            XCTAssertFalse(text.contains("\u{1B}"), "\(format) never carries escapes")
        }
        XCTAssertEqual(Renderer.renderError("bad", options: RenderOptions(color: true)), "\u{1B}[1;31merror:\u{1B}[0m bad\n")
        XCTAssertEqual(Renderer.renderError("bad", options: RenderOptions()), "error: bad\n")
    }

    func testOrganizationFollowsTheWebPage() throws {
        var view = Fixtures.organization()
        view.tables.reverse()
        let text = try Renderer.render(view, options: RenderOptions(width: 80))
        let order = ["Total Invoicing", "Invoicing trend · SEK", "Usage events trend", "Object amount vs. charges",
            "Summary by"].map { text.range(of: $0)?.lowerBound }
        XCTAssertFalse(order.contains(nil))
        XCTAssertEqual(order.compactMap { $0 }, order.compactMap { $0 }.sorted())
    }

    func testCardsWrapOnANarrowTerminal() throws {
        let wide = try Renderer.render(Fixtures.organization(), options: RenderOptions(width: 160))
        let narrow = try Renderer.render(Fixtures.organization(), options: RenderOptions(width: 60))
        func cardRows(_ text: String) -> Int { text.split(separator: "\n").filter { $0.hasPrefix("╭") }.count }
        XCTAssertEqual(cardRows(wide), 1)
        // Cards are 29 and 27 columns wide (Total Invoicing in SEK and JPY), then 30 (the drafts of both
        // currencies in one card) and 21: 29+1+27 = 57 fits in 60, 30+1+21 = 52 fits.
        XCTAssertEqual(cardRows(narrow), 2)
    }

    /// Issue 10, point 4: the Total Invoicing card shows the change in percent with its sign and an
    /// arrow, the previous period's amount and its months (the view's period's previous one).
    func testTotalInvoicingCardShowsItsChange() throws {
        let view = Fixtures.organization()
        let text = try Renderer.render(view, options: RenderOptions(width: 160))
        // The period 2025-07..2026-06 follows 2024-07..2025-06.
        XCTAssertEqual(view.period.previous?.description, "2024-07..2025-06")
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.contains("│ ▲ +12.5% vs. 1,140,200.00 │") }, text)
        XCTAssertTrue(lines.contains { $0.contains("│ ▼ -2.1% vs. 18,000,000") }, text)
        XCTAssertEqual(text.components(separatedBy: "│ in 2024-07..2025-06").count - 1, 2)
        let ascii = try Renderer.render(view, options: RenderOptions(width: 160, unicode: false))
        XCTAssertTrue(ascii.contains("| ^ +12.5% vs. 1,140,200.00 |"))
        XCTAssertTrue(ascii.contains("| v -2.1% vs. 18,000,000"))
        // Colour: a rise green, a fall red; only the arrow and the percentage.
        let coloured = try Renderer.render(view, options: RenderOptions(width: 160, color: true))
        XCTAssertTrue(coloured.contains("\u{1B}[32m▲ +12.5% \u{1B}[0mvs. 1,140,200.00"))
        XCTAssertTrue(coloured.contains("\u{1B}[31m▼ -2.1% \u{1B}[0mvs. 18,000,000"))
        // Every card of a row is as tall as the tallest.
        let tops = lines.filter { $0.hasPrefix("╭") }
        XCTAssertEqual(tops.count, 1)
        let bottoms = lines.filter { $0.hasPrefix("╰") }
        XCTAssertEqual(bottoms.count, 1)
        // Four cards: two Total Invoicing, the drafts of both currencies in one, Sold Products.
        XCTAssertEqual(bottoms[0].filter { $0 == "╯" }.count, 4)
        XCTAssertTrue(text.contains("│ -4,250.50 SEK · 3 invoices │"), text)
        XCTAssertTrue(text.contains("│ 0 JPY · 0 invoices"), text)
    }

    func testChangeWithoutAPreviousPeriod() {
        let style = Style(unicode: true, color: false)
        func line(_ now: String, _ before: String, _ percent: String?) -> String {
            Cards.change(
                Fixtures.d(now), previous: Fixtures.d(before), percent: percent.map { Fixtures.d($0) }, currency: "SEK",
                months: nil, style: style
            ).map(\.text).joined()
        }
        XCTAssertEqual(line("100", "0", nil), "▲ new vs. 0.00")
        XCTAssertEqual(line("0", "0", nil), "= 0.0% vs. 0.00")
        XCTAssertEqual(line("50", "100", "-50"), "▼ -50.0% vs. 100.00")
        // 100.04 against 100: +0.04 % rounds to 0.0, and the sign still says it rose.
        XCTAssertEqual(line("100.04", "100", "0"), "▲ +0.0% vs. 100.00")
    }

    func testListInColumns() {
        let text = Renderer.renderList(["alpha", "beta", "gamma", "delta", "epsilon"], options: RenderOptions(width: 20))
        // Three columns of two rows need 5 + 2 + 5 + 2 + 7 = 21 > 20 columns; two columns of three fit.
        XCTAssertEqual(text, "alpha  delta\nbeta   epsilon\ngamma\n")
        XCTAssertEqual(Renderer.renderList(["a"], title: "Things", options: RenderOptions(format: .markdown)), "### Things\n\n- a\n")
    }

    func testFormatParsing() throws {
        XCTAssertEqual(try OutputFormat.parse("JSON"), .json)
        XCTAssertEqual(try OutputFormat.parse("md"), .markdown)
        XCTAssertThrowsError(try OutputFormat.parse("xml")) {
            XCTAssertEqual("\($0)", "unknown format \"xml\" (expected table, csv, json or markdown)")
        }
        XCTAssertEqual(try ColorPolicy.parse("Always"), .always)
        XCTAssertThrowsError(try ColorPolicy.parse("sometimes"))
    }
}
