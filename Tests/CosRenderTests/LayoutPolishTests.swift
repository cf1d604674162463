import CosModel
import CosView
import XCTest
@testable import CosRender

/// What a reader of the terminal output would otherwise find ugly: the tree drawn as a tree, the name
/// column kept readable, repeated bar labels told apart, wide ticket lists kept as tables.
final class LayoutPolishTests: XCTestCase {
    func lines(_ view: View, width: Int, unicode: Bool = true) throws -> [String] {
        try Renderer.render(view, options: RenderOptions(width: width, unicode: unicode))
            .components(separatedBy: "\n")
    }

    /// The lines of the table titled `title`: from its title to the next empty line.
    func block(_ lines: [String], title: String) -> [String] {
        guard let start = lines.firstIndex(of: title) else { return [] }
        return Array(lines[start...].prefix { !$0.isEmpty })
    }

    // MARK: 1. The organization tree

    func testTreeIsDrawnAsATreeAtEightyColumns() throws {
        let tree = block(try lines(Fixtures.tree(), width: 80), title: "Organization tree")
        // Title, two heading lines, the rule, then one line per organization and currency: 7 rows.
        XCTAssertEqual(tree.count, 1 + 2 + 1 + 7, tree.joined(separator: "\n"))
        // The label column is as wide as the first stretch of the rule under the headings.
        let labelWidth = tree[3].prefix { $0 == "─" }.count
        XCTAssertGreaterThanOrEqual(labelWidth, 24 + 6, "the name keeps a useful width beside its connectors")
        var labels = tree.dropFirst(4).map { String($0.prefix(labelWidth)).trimmingCharacters(in: .whitespaces) }
        // The long name is cut, never dropped.
        XCTAssertTrue(labels[4].hasPrefix("├─ Acme Norge AS - Vestl") && labels[4].hasSuffix("…"), labels[4])
        labels[4] = "(cut)"
        // Written out by hand from the fixture's levels: 0, 1 (self), 2, 3, 2.
        XCTAssertEqual(
            labels,
            ["Acme Group Holding", "│", "└─ ▶ Acme AB", "│", "(cut)", "│  └─ Acme Bergen AS", "└─ Acme Tokyo KK"])
        // Indented by level: each name starts three columns further in per level.
        XCTAssertTrue(tree[8].hasPrefix("   ├─ Acme Norge"))
        XCTAssertTrue(tree[9].hasPrefix("   │  └─ Acme Bergen AS"))
        // Level and relation are the drawing now, not columns.
        XCTAssertFalse(tree[1].contains("Level") || tree[2].contains("Level"))
        XCTAssertFalse(tree[2].contains("Relation"))
        // Own and roll-up figures are right-aligned: every figure line ends at the same column.
        let figureLines = tree.dropFirst(4).filter { !$0.hasSuffix("–") }
        XCTAssertEqual(Set(figureLines.map { TextWidth.of($0) }).count, 1, figureLines.joined(separator: "\n"))
        XCTAssertTrue(tree[5].hasSuffix("2,143,486.95"))
        XCTAssertTrue(tree[7].contains("1,282,366.55  1,893,486.95"))
    }

    func testTreeASCIIConnectors() throws {
        let tree = block(try lines(Fixtures.tree(), width: 120, unicode: false), title: "Organization tree")
        let labels = tree.dropFirst(3).map { String($0.prefix(53)).trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(
            labels,
            [
                "Acme Group Holding", "|", "+- > Acme AB", "|", "+- Acme Norge AS - Vestlandet og Trondelag region",
                "|  +- Acme Bergen AS", "+- Acme Tokyo KK",
            ])
        for line in tree { XCTAssertTrue(line.unicodeScalars.allSatisfy(\.isASCII), line) }
    }

    func testTreePrefixesOfSiblingsAndDeepBranches() {
        // a, b (children c, d (child e)), f: b and f are siblings under a.
        let prefixes = TreeTable.prefixes(depths: [0, 1, 2, 2, 3, 1], style: Style(unicode: true, color: false))
        XCTAssertEqual(prefixes.map(\.first), ["", "├─ ", "│  ├─ ", "│  └─ ", "│     └─ ", "└─ "])
        XCTAssertEqual(prefixes.map(\.next), ["│", "│  │", "│  │  ", "│     │", "│        ", "   "])
    }

    func testTreeMachineFormatsKeepTheFlatTable() throws {
        let csv = try Renderer.render(Fixtures.tree(), options: RenderOptions(format: .csv))
        XCTAssertTrue(csv.contains("level,relation,organization_id,organization,number,currency,amount,subtree_amount"))
        XCTAssertTrue(csv.contains("1,self,org-2,Acme AB,556000-0002,SEK,1282366.55,1893486.95"))
        let json = try Renderer.render(Fixtures.tree(), options: RenderOptions(format: .json))
        XCTAssertTrue(json.contains("\"relation\":\"self\""))
    }

    // MARK: 2. Column shrinking

    /// The flat tree as it was drawn before (a plain table): at 100 columns the names were cut to
    /// `Åkesson &…` while `Relation` and `Number` kept their width.
    static func flatTree() -> ViewTable {
        let money = ColumnKind.money(currencyColumn: "currency")
        let names = ["Åkesson & Söner AB", "Åkesson & Söner Norge AS", "Åkesson & Söner Norge Nord AS"]
        let numbers = ["556012-3456", "NO 945606313", "NO 901384565"]
        let relations = ["ancestor", "self", "descendant"]
        var rows: [[Cell]] = []
        for index in 0..<3 {
            for currency in ["EUR", "SEK"] {
                rows.append([
                    .int(index), .text(relations[index]), .text("ORG-\(index)"), .text(names[index]),
                    .text(numbers[index]), .text(currency), .decimal(ExactDecimal(micros: 156_555_940_000)),
                    .decimal(ExactDecimal(micros: 405_414_560_000)),
                ])
            }
        }
        return ViewTable(
            name: "tree", title: "Organization tree",
            columns: [
                ViewColumn("level", "Level", .count), ViewColumn("relation", "Relation", .text),
                ViewColumn("organization_id", "Id", .id), ViewColumn("organization", "Organization", .text),
                ViewColumn("number", "Number", .text), ViewColumn("currency", "Currency", .currency),
                ViewColumn("amount", "Own Total Invoicing", money), ViewColumn("subtree_amount", "Subtree roll-up", money),
            ], rows: rows)
    }

    func testNameColumnKeepsAUsefulWidthWhileOthersShrink() throws {
        let table = Self.flatTree()
        let view = View(
            kind: "tree", title: "t", context: .root, asOf: Fixtures.asOf, period: Fixtures.period, tables: [table])
        let text = try Renderer.render(view, options: RenderOptions(width: 100))
        // Natural widths: Level 5, Relation 10, Organization 29, Number 12, Currency 8, 19 + 15
        // (numbers) = 98, plus 3 * 7 + 1 = 22 for the box: 120. A box can lose at most 5 (name to 24)
        // + 4 + 6 + 2 (relation, number, currency to 6) = 17, so the table is drawn compact.
        XCTAssertTrue(text.contains("Åkesson & Söner Norge AS"), text)  // 24 characters, whole
        XCTAssertFalse(text.contains("Åkesson &…"), text)
        for figure in ["156,555.94", "405,414.56"] { XCTAssertTrue(text.contains(figure), figure) }
    }

    func testShrinkingOrder() {
        var grid = TableGrid(
            Self.flatTree(), rows: Self.flatTree().rows, columns: [1, 3, 4, 6],
            style: Style(unicode: true, color: false))
        XCTAssertEqual(grid.main, 1)
        XCTAssertEqual(grid.natural, [10, 29, 12, 19])
        // 70 columns of cells + 6 of separators = 76. Asking for 4 less: the number gives 2 to reach a
        // comfortable 10, then the name gives 2 (29 -> 27).
        XCTAssertEqual(grid.widths(fitting: 72, overhead: 6, mainBelowUseful: false), [10, 27, 10, 19])
        // 14 less: the number to 10 (-2), the name to 24 (-5), then relation and number towards 6 in
        // turn: 9, 9, 8, 8, 7, 7, 6 (-7).
        XCTAssertEqual(grid.widths(fitting: 62, overhead: 6, mainBelowUseful: false), [6, 24, 7, 19])
        // 22 less: secondaries at 6 (-10), the name at 24 (-5) is 15: not without cutting the name.
        XCTAssertNil(grid.widths(fitting: 54, overhead: 6, mainBelowUseful: false))
        XCTAssertEqual(grid.widths(fitting: 54, overhead: 6, mainBelowUseful: true), [6, 17, 6, 19])
        // Numbers never shrink.
        XCTAssertNil(grid.widths(fitting: 40, overhead: 6, mainBelowUseful: true))
        grid.main = nil
        XCTAssertEqual(grid.widths(fitting: 62, overhead: 6, mainBelowUseful: false)?.reduce(0, +), 56)
    }

    // MARK: 3. Repeated bar labels

    func testRepeatedBarLabelsAreQualifiedByTheNextTextColumn() throws {
        let money = ColumnKind.money(currencyColumn: "currency")
        let table = ViewTable(
            name: "by_object_profile", title: "Summary by object profile",
            columns: [
                ViewColumn("object_profile", "Object profile", .text), ViewColumn("object_type", "Object type", .text),
                ViewColumn("currency", "Currency", .currency), ViewColumn("amount", "Amount", money),
            ],
            rows: [
                [.text("Branch router"), .text("Router"), .text("SEK"), .decimal(ExactDecimal(micros: 3_500_000_000))],
                [.text("(no profile)"), .text("Firewall"), .text("SEK"), .decimal(ExactDecimal(micros: 3_090_000_000))],
                [.text("(no profile)"), .text("Router"), .text("SEK"), .decimal(ExactDecimal(micros: 1_287_000_000))],
            ], presentation: .bars(label: "object_profile", value: "amount", split: "currency"))
        // The overview draws one name per group: a repeated one is told apart by the next text column.
        let blocks = ShareTable.blocks(table, options: RenderOptions(width: 80), width: 80, top: 3) ?? []
        let chart = blocks.first ?? []
        XCTAssertTrue(chart.contains { $0.hasPrefix("(no profile) · Firewall ") }, chart.joined(separator: "\n"))
        XCTAssertTrue(chart.contains { $0.hasPrefix("(no profile) · Router ") }, chart.joined(separator: "\n"))
        // A label that is not repeated stays as it is.
        XCTAssertTrue(chart.contains { $0.hasPrefix("Branch router ") && !$0.contains("·") })
        let ascii = ShareTable.blocks(table, options: RenderOptions(width: 80, unicode: false), width: 80, top: 3)?.first ?? []
        XCTAssertTrue(ascii.contains { $0.hasPrefix("(no profile) - Firewall ") })
        // With every group (show --full) the type has a column of its own.
        let full = ShareTable.blocks(table, options: RenderOptions(width: 80), width: 80)?.first ?? []
        XCTAssertTrue(full.contains { $0.hasPrefix("(no profile)    Firewall ") }, full.joined(separator: "\n"))
    }

    // MARK: 4. Wide ticket lists

    /// Ten charge tickets of one contract in one currency, billed per month, as the query builds them.
    static func tickets() -> View {
        let money = ColumnKind.money(currencyColumn: "currency")
        let products = ["Microsoft 365 licence", "Managed router", "Storage volume, monthly fee", "Storage used"]
        let objects = ["Microsoft 365 – ingrid.dahl", "rtr-hel-04", "vol-file-20", "vol-file-20"]
        let rows: [[Cell]] = (0..<10).map { index in
            let month = Month(year: 2025, month: 11).advanced(by: index / 4)
            return [
                .text(String(3189 + index)), .text("K-2023-00021"), .text("OBJ-\(index % 4)"), .text(objects[index % 4]),
                .text("P-\(index % 4)"), .text(products[index % 4]), .date(month.firstDay), .date(month.lastDay),
                .decimal(ExactDecimal(micros: Int64(1 + index) * 1_000_000)),
                .decimal(ExactDecimal(micros: 350_000_000)),
                .decimal(ExactDecimal(micros: Int64(1 + index) * 350_000_000)), .text("SEK"),
                .text("INV-2025-000\(313 + index / 4)"),
            ]
        }
        let table = ViewTable(
            name: "tickets", title: "Charge tickets",
            columns: [
                ViewColumn("id", "Ticket", .id), ViewColumn("contract", "Contract", .id),
                ViewColumn("object_id", "Object id", .id), ViewColumn("object", "Object", .text),
                ViewColumn("product_id", "Product id", .id), ViewColumn("product", "Product", .text),
                ViewColumn("period_start", "Period start", .date), ViewColumn("period_end", "Period end", .date),
                ViewColumn("quantity", "Quantity", .quantity), ViewColumn("unit_price", "Unit price", money),
                ViewColumn("amount", "Amount", money), ViewColumn("currency", "Currency", .currency),
                ViewColumn("invoice", "Invoice", .id),
            ], rows: rows, totalRows: 50, pageOffset: 0, rest: "--limit none shows them all, --offset 10 the next page")
        return View(kind: "tickets", title: "Charge tickets of X", context: ContextPath(["X"]), asOf: Fixtures.asOf, period: Fixtures.period, tables: [table])
    }

    func testTicketListStaysATableAtEightyAndHundredColumns() throws {
        for width in [80, 100] {
            let text = try lines(Self.tickets(), width: width)
            let tickets = block(text, title: "Charge tickets (10 of 50)")
            // Not one block per ticket: no `-[ 1 ]-` records, one line per ticket.
            XCTAssertFalse(text.contains { $0.contains("[ 1 ]") }, "\(width)")
            XCTAssertEqual(tickets.filter { $0.hasPrefix("31") }.count, 10, tickets.joined(separator: "\n"))
            for line in text { XCTAssertLessThanOrEqual(TextWidth.of(line), width, line) }
            // No vertical rules; a rule under the header.
            XCTAssertFalse(tickets.contains { $0.contains("│") })
            XCTAssertTrue(tickets.contains { $0.hasPrefix("──────  ") })
            // The contract and currency every ticket shares are said once; whole months read as months.
            XCTAssertTrue(tickets.contains("Contract K-2023-00021 · Currency SEK"), tickets.joined(separator: "\n"))
            XCTAssertTrue(tickets.contains { $0.hasPrefix("3192  ") && $0.contains("2025-11") && $0.contains("1,400.00") })
            XCTAssertTrue(text.contains("... 40 more rows (--limit none shows them all, --offset 10 the next page)"))
        }
        // At 100 columns the invoice numbers are whole (ids are never cut) and the names give up the room.
        let wide = try lines(Self.tickets(), width: 100)
        XCTAssertTrue(wide.contains { $0.hasPrefix("3189    Microsoft 365 – ingrid.da…") && $0.hasSuffix("INV-2025-000313") },
            wide.joined(separator: "\n"))
    }

    /// Issue 10, point 3: ticket lists whose contracts and invoices differ, with long object and product
    /// names. Contract and invoice numbers are ids: never cut, at 80 columns or at 120; the names give
    /// up room instead; when even the ids do not fit the table turns to records, ids still whole.
    static func ticketsWithLongIDs() -> View {
        let t = { (text: String) in Cell.text(text) }
        let rows: [[Cell]] = (0..<6).map { index in
            [
                t("T-2024-\(900_000 + index)"), t("K-2024-000\(10 + index % 3)"), t("obj-\(index)"),
                t("Microsoft 365 E5 – user.number\(index)@example.com"), t("p\(index)"),
                t("Virtual server, large, with backup and monitoring"),
                .date(CivilDate(year: 2026, month: 1, day: 1) ?? Fixtures.asOf),
                .date(CivilDate(year: 2026, month: 1, day: 31) ?? Fixtures.asOf), .decimal(Fixtures.d("1")),
                .decimal(Fixtures.d("1400")), .decimal(Fixtures.d("1400")), t(index % 2 == 0 ? "SEK" : "EUR"),
                t("INV-2026-00012\(index)"),
            ]
        }
        var view = tickets()
        view.tables[0].rows = rows
        view.tables[0].totalRows = 6
        return view
    }

    func testIDsAreNeverCutNamesShrinkFirst() throws {
        for width in [80, 120] {
            let text = try lines(Self.ticketsWithLongIDs(), width: width)
            let joined = text.joined(separator: "\n")
            for index in 0..<6 {
                XCTAssertTrue(joined.contains("T-2024-\(900_000 + index)"), "\(width): ticket \(index)\n" + joined)
                XCTAssertTrue(joined.contains("INV-2026-00012\(index)"), "\(width): invoice \(index)\n" + joined)
            }
            for contract in ["K-2024-00010", "K-2024-00011", "K-2024-00012"] {
                XCTAssertTrue(joined.contains(contract), "\(width): \(contract)\n" + joined)
            }
            for line in text { XCTAssertLessThanOrEqual(TextWidth.of(line), width, line) }
            XCTAssertFalse(joined.contains("K-2024-00…") || joined.contains("INV-2026-0…"), joined)
        }
        // At 120 columns it stays a table (one line per ticket) and the names give up the room.
        let wide = try lines(Self.ticketsWithLongIDs(), width: 120)
        XCTAssertFalse(wide.contains { $0.contains("[ 1 ]") }, wide.joined(separator: "\n"))
        XCTAssertEqual(wide.filter { $0.hasPrefix("T-2024-") }.count, 6)
        XCTAssertTrue(wide.contains { $0.contains("Microsoft 365 E5 – user") && $0.contains("…") })
        // At 80 the ids alone leave no room for the names: records, every id whole.
        let narrow = try lines(Self.ticketsWithLongIDs(), width: 80)
        XCTAssertTrue(narrow.contains { $0.contains("[ 1 ]") })
    }

    func testRecordsOnlyWhenEvenTheCompactTableDoesNotFit() throws {
        let text = try lines(Self.tickets(), width: 50)
        XCTAssertTrue(text.contains { $0.contains("[ 1 ]") })
    }

    func testMonthPeriodsMergeOnlyWhenEveryRowIsAWholeMonth() {
        let table = Self.tickets().tables[0]
        let columns = BoxTable.visibleColumns(of: table)
        let (merged, rows) = BoxTable.mergingMonthPeriods(table, rows: table.rows, columns: columns)
        XCTAssertEqual(merged.columns.map(\.name).filter { $0.hasPrefix("period") }, ["period"])
        XCTAssertEqual(merged.columns.first { $0.name == "period" }?.heading, "Period")
        XCTAssertEqual(rows[9][merged.columnIndex("period") ?? 0], .month(Month(year: 2026, month: 1)))
        var partial = table.rows
        partial[3][7] = .date(CivilDate(year: 2025, month: 11, day: 15) ?? Month(year: 2025, month: 11).lastDay)
        let (kept, _) = BoxTable.mergingMonthPeriods(table, rows: partial, columns: columns)
        XCTAssertEqual(kept.columns.map(\.name).filter { $0.hasPrefix("period") }, ["period_start", "period_end"])
    }
}
