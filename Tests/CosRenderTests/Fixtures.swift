import CosModel
import CosView
import XCTest

/// Hand-built views with the tables and columns the README's "Machine-readable output" lists, for snapshot, JSON, chart and width
/// tests. Figures are chosen to exercise the renderer: two currencies (SEK and JPY, which has no minor
/// unit), credits (negative amounts), a zero month, nulls, long, accented and East Asian names.
enum Fixtures {
    static func d(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ExactDecimal {
        do { return try ExactDecimal(parsing: text) } catch {
            XCTFail("bad decimal \(text) in a fixture", file: file, line: line)
            return .zero
        }
    }
    static func m(_ text: String) -> Cell { .month(Month(parsing: text) ?? Month(year: 1970, month: 1)) }
    static func day(_ text: String) -> Cell { .date(CivilDate(parsing: text) ?? CivilDate(daysSinceEpoch: 0)) }
    static func t(_ text: String) -> Cell { .text(text) }
    static func n(_ value: Int) -> Cell { .int(value) }
    static func x(_ text: String) -> Cell { .decimal(d(text)) }

    static let asOf = CivilDate(year: 2026, month: 6, day: 30) ?? CivilDate(daysSinceEpoch: 0)
    static let period = Period.defaultPeriod(asOf: asOf)  // 2025-07..2026-06
    static let months = period.months.map { Cell.month($0) }

    /// SEK and JPY invoicing per month: a zero month (2025-09) and a credit month (2026-02) in SEK.
    static let invoicingSEK = [
        "102400.50", "98250", "0", "110300.25", "121000", "133450.75", "128900", "-15200.40", "140250", "151875.10",
        "149300", "162040.60",
    ]
    static let invoicingJPY = [
        "1250000", "1180000", "1320000", "1405000", "1398000", "1512000", "1490000", "1533000", "1601000", "1587000",
        "1650000", "1702000",
    ]
    static let events = [1520, 1610, 0, 1750, 1810, 1922, 1875, 2010, 2104, 2230, 2198, 2311]
    static let usageQuantity = [
        "30400.5", "32200", "0", "35000.25", "36200", "38440", "37500.125", "40200", "42080", "44600", "43960", "46220",
    ]
    static let objectsSEK = [118, 121, 121, 125, 129, 133, 136, 140, 143, 149, 152, 157]
    static let chargesSEK = [
        "95310.20", "99120", "101840.55", "104200", "0", "112430.80", "118040", "-8400", "124800.15", "131220", "136500",
        "141980.35",
    ]
    static let objectsJPY = [12, 12, 13, 13, 14, 14, 15, 15, 15, 16, 16, 17]
    static let chargesJPY = [
        "1180000", "1203000", "1250000", "1262000", "1301000", "1344000", "1398000", "1401000", "1455000", "1490000",
        "1502000", "1561000",
    ]

    static func organization() -> View {
        let money = ColumnKind.money(currencyColumn: "currency")
        let cards = ViewTable(
            name: "cards", title: "Cards",
            columns: [
                ViewColumn("card", "Card", .text), ViewColumn("currency", "Currency", .currency),
                ViewColumn("amount", "Amount", money), ViewColumn("count", "Count", .count),
                ViewColumn("previous_amount", "Previous period", money),
                ViewColumn("change_percent", "Change %", .percent),
            ],
            // Changes as the query works them out: (1,282,566.80 - 1,140,200.00) / 1,140,200.00 = +12.486 %
            // → 12.5; (17,628,000 - 18,000,000) / 18,000,000 = -2.067 % → -2.1.
            rows: [
                [t("total_invoicing"), t("SEK"), x("1282566.80"), .null, x("1140200"), x("12.5")],
                [t("total_invoicing"), t("JPY"), x("17628000"), .null, x("18000000"), x("-2.1")],
                [t("draft_invoices"), t("SEK"), x("-4250.5"), n(3), .null, .null],
                [t("draft_invoices"), t("JPY"), x("0"), n(0), .null, .null],
                [t("sold_products"), .null, .null, n(42), .null, .null],
            ], presentation: .cards)
        var invoicing: [[Cell]] = []
        for (index, month) in months.enumerated() {
            invoicing.append([month, t("SEK"), x(invoicingSEK[index])])
        }
        for (index, month) in months.enumerated() {
            invoicing.append([month, t("JPY"), x(invoicingJPY[index])])
        }
        let invoicingTrend = ViewTable(
            name: "invoicing_trend", title: "Invoicing trend",
            columns: [
                ViewColumn("month", "Month", .month), ViewColumn("currency", "Currency", .currency),
                ViewColumn("amount", "Amount", money),
            ], rows: invoicing, presentation: .trend(month: "month", values: ["amount"], split: "currency"))
        let usageTrend = ViewTable(
            name: "usage_trend", title: "Usage events trend",
            columns: [
                ViewColumn("month", "Month", .month), ViewColumn("events", "Events", .count),
                ViewColumn("quantity", "Quantity", .quantity),
            ],
            rows: months.indices.map { [months[$0], n(events[$0]), x(usageQuantity[$0])] },
            presentation: .trend(month: "month", values: ["events", "quantity"], split: nil))
        var dual: [[Cell]] = []
        for (index, month) in months.enumerated() {
            dual.append([month, n(objectsSEK[index]), t("SEK"), x(chargesSEK[index])])
        }
        for (index, month) in months.enumerated() {
            dual.append([month, n(objectsJPY[index]), t("JPY"), x(chargesJPY[index])])
        }
        let objectsVsCharges = ViewTable(
            name: "objects_vs_charges", title: "Object amount vs. charges",
            columns: [
                ViewColumn("month", "Month", .month), ViewColumn("objects", "Objects", .count),
                ViewColumn("currency", "Currency", .currency), ViewColumn("charges", "Charges", money),
            ], rows: dual, presentation: .dualAxis(month: "month", left: "objects", right: "charges", split: "currency"))
        let summaryColumns = [
            ViewColumn("currency", "Currency", .currency), ViewColumn("amount", "Amount", money),
            ViewColumn("tickets", "Tickets", .count), ViewColumn("objects", "Objects", .count),
        ]
        let byCategory = ViewTable(
            name: "by_category", title: "Summary by product category",
            columns: [ViewColumn("category_id", "Category id", .id), ViewColumn("category", "Category", .text)]
                + summaryColumns,
            rows: [
                [t("cat-10"), t("Cloud Services"), t("SEK"), x("842310.40"), n(1204), n(96)],
                [t("cat-11"), t("Network & Connectivity"), t("SEK"), x("301220"), n(512), n(41)],
                [t("cat-12"), t("Support"), t("SEK"), x("-12400"), n(6), n(0)],
                [t("cat-10"), t("Cloud Services"), t("JPY"), x("15020000"), n(300), n(15)],
                [t("cat-13"), t("Licences"), t("JPY"), x("1520000"), n(24), n(2)],
            ], presentation: .bars(label: "category", value: "amount", split: "currency"))
        let byType = ViewTable(
            name: "by_object_type", title: "Summary by object type",
            columns: [ViewColumn("object_type_id", "Object type id", .id), ViewColumn("object_type", "Object type", .text)]
                + summaryColumns,
            rows: [
                [t("ot-1"), t("Virtual server"), t("SEK"), x("690000"), n(980), n(80)],
                [t("ot-2"), t("Firewall"), t("SEK"), x("153530.40"), n(230), n(12)],
                [.null, t("(no object)"), t("SEK"), x("287600"), n(512), n(0)],
                [t("ot-1"), t("Virtual server"), t("JPY"), x("16540000"), n(324), n(17)],
            ], presentation: .bars(label: "object_type", value: "amount", split: "currency"))
        let byProfile = ViewTable(
            name: "by_object_profile", title: "Summary by object profile",
            columns: [
                ViewColumn("object_profile_id", "Object profile id", .id),
                ViewColumn("object_profile", "Object profile", .text),
                ViewColumn("object_type_id", "Object type id", .id),
            ] + summaryColumns,
            rows: [
                [t("op-1"), t("Large"), t("ot-1"), t("SEK"), x("512000"), n(600), n(40)],
                [t("op-2"), t("Small"), t("ot-1"), t("SEK"), x("178000"), n(380), n(40)],
                [.null, t("(no profile)"), t("ot-2"), t("SEK"), x("153530.40"), n(230), n(12)],
                [.null, t("(no object)"), .null, t("SEK"), x("287600"), n(512), n(0)],
                [t("op-1"), t("Large"), t("ot-1"), t("JPY"), x("16540000"), n(324), n(17)],
            ], presentation: .bars(label: "object_profile", value: "amount", split: "currency"))
        return View(
            kind: "organization", title: "Acme AB", context: ContextPath(["Acme AB"]), asOf: asOf, period: period,
            tables: [cards, invoicingTrend, usageTrend, objectsVsCharges, byCategory, byType, byProfile],
            notes: ["Figures cover this organization's own rows only; see `tree` for its children."])
    }

    static func usageVsPrice(currency: String, quantities: [String], amounts: [String]) -> [[Cell]] {
        months.indices.map { [months[$0], t(currency), x(quantities[$0]), x(amounts[$0])] }
    }

    static func trendTable(_ rows: [[Cell]]) -> ViewTable {
        ViewTable(
            name: "trend", title: "Usage vs. price",
            columns: [
                ViewColumn("month", "Month", .month), ViewColumn("currency", "Currency", .currency),
                ViewColumn("quantity", "Quantity", .quantity),
                ViewColumn("amount", "Amount", .money(currencyColumn: "currency")),
            ], rows: rows, presentation: .trend(month: "month", values: ["quantity", "amount"], split: "currency"))
    }

    static func productsTable(_ rows: [[Cell]]) -> ViewTable {
        ViewTable(
            name: "products", title: "Products",
            columns: [
                ViewColumn("product_id", "Product id", .id), ViewColumn("product", "Product", .text),
                ViewColumn("unit", "Unit", .text), ViewColumn("currency", "Currency", .currency),
                ViewColumn("quantity", "Quantity", .quantity),
                ViewColumn("amount", "Amount", .money(currencyColumn: "currency")), ViewColumn("tickets", "Tickets", .count),
            ], rows: rows)
    }

    static let categoryQuantities = [
        "310", "320.5", "0", "355", "362", "384.25", "375", "402", "420.75", "446", "439", "462",
    ]
    static let categoryAmounts = [
        "62000", "64100", "0", "71000", "72400", "76850.50", "75000", "-3200", "84150", "89200", "87800", "92400",
    ]

    static func category() -> View {
        var rows = usageVsPrice(currency: "SEK", quantities: categoryQuantities, amounts: categoryAmounts)
        rows += usageVsPrice(
            currency: "JPY", quantities: categoryQuantities.map { _ in "12" },
            amounts: ["1200000", "1210000", "1190000", "1250000", "1262000", "1270000", "1281000", "1300000", "1320000",
                "1335000", "1350000", "1372000"])
        return View(
            kind: "category", title: "Cloud Services (category of Acme AB)", context: ContextPath(["Acme AB", "categories", "Cloud Services"]),
            asOf: asOf, period: period,
            tables: [
                trendTable(rows),
                productsTable([
                    [t("p-100"), t("Virtual server, large (8 vCPU, 32 GB RAM, Stockholm region)"), t("hour"), t("SEK"),
                        x("43800"), x("612400.40"), n(820)],
                    [t("p-101"), t("Block storage"), t("GB-month"), t("SEK"), x("120500.125"), x("229910"), n(384)],
                    [t("p-102"), t("Snapshot credit"), t("each"), t("SEK"), x("-12"), x("-6000"), n(12)],
                    [t("p-100"), t("Virtual server, large (8 vCPU, 32 GB RAM, Stockholm region)"), t("hour"), t("JPY"),
                        x("8760"), x("15020000"), n(300)],
                ]),
            ])
    }

    static func objectType() -> View {
        let rows = usageVsPrice(currency: "SEK", quantities: categoryQuantities, amounts: categoryAmounts)
        let profiles = ViewTable(
            name: "by_object_profile", title: "Summary by object profile",
            columns: [
                ViewColumn("object_profile_id", "Object profile id", .id),
                ViewColumn("object_profile", "Object profile", .text),
                ViewColumn("object_type_id", "Object type id", .id), ViewColumn("currency", "Currency", .currency),
                ViewColumn("amount", "Amount", .money(currencyColumn: "currency")),
                ViewColumn("tickets", "Tickets", .count), ViewColumn("objects", "Objects", .count),
            ],
            rows: [
                [t("op-1"), t("Large"), t("ot-1"), t("SEK"), x("512000"), n(600), n(40)],
                [t("op-2"), t("Small"), t("ot-1"), t("SEK"), x("178000"), n(380), n(40)],
                [.null, t("(no profile)"), t("ot-1"), t("SEK"), x("0"), n(0), n(3)],
            ], presentation: .bars(label: "object_profile", value: "amount", split: "currency"))
        return View(
            kind: "object_type", title: "Virtual server (object type of Acme AB)",
            context: ContextPath(["Acme AB", "types", "Virtual server"]), asOf: asOf, period: period,
            tables: [
                trendTable(rows), profiles,
                productsTable([
                    [t("p-100"), t("Virtual server, large"), t("hour"), t("SEK"), x("43800"), x("612400.40"), n(820)],
                    [t("p-103"), t("Virtual server, small"), t("hour"), t("SEK"), x("26280"), x("77600"), n(160)],
                ]),
            ])
    }

    static func objectsTable(_ rows: [[Cell]]) -> ViewTable {
        ViewTable(
            name: "objects", title: "Objects",
            columns: [
                ViewColumn("object_id", "Object id", .id), ViewColumn("object", "Object", .text),
                ViewColumn("active_from", "Active from", .date), ViewColumn("active_to", "Active to", .date),
                ViewColumn("currency", "Currency", .currency),
                ViewColumn("amount", "Amount", .money(currencyColumn: "currency")), ViewColumn("tickets", "Tickets", .count),
            ], rows: rows)
    }

    static func profile() -> View {
        let rows = usageVsPrice(currency: "SEK", quantities: categoryQuantities, amounts: categoryAmounts)
        return View(
            kind: "object_profile", title: "Large (profile of Virtual server, Acme AB)",
            context: ContextPath(["Acme AB", "types", "Virtual server", "Large"]), asOf: asOf, period: period,
            tables: [
                trendTable(rows),
                productsTable([[t("p-100"), t("Virtual server, large"), t("hour"), t("SEK"), x("43800"), x("512000"), n(600)]]),
                objectsTable([
                    [t("o-5001"), t("web-01.acme.se"), day("2024-03-01"), .null, t("SEK"), x("128000"), n(150)],
                    [t("o-5002"), t("db-primary-stockholm-01.prod.acme.internal"), day("2024-03-01"), day("2026-02-28"),
                        t("SEK"), x("256000.75"), n(300)],
                    [t("o-5003"), t("Åkesson & Söner – test"), day("2025-11-15"), .null, t("SEK"), x("-1200"), n(2)],
                    [t("o-5004"), t("東京-edge-01"), day("2025-01-01"), .null, t("SEK"), x("129199.25"), n(148)],
                ]),
            ])
    }

    static let ticketColumns = [
        ViewColumn("id", "Id", .id), ViewColumn("contract", "Contract", .id), ViewColumn("object", "Object", .text),
        ViewColumn("product", "Product", .text), ViewColumn("period_start", "Start", .date),
        ViewColumn("period_end", "End", .date), ViewColumn("quantity", "Quantity", .quantity),
        ViewColumn("unit_price", "Unit price", .money(currencyColumn: "currency")),
        ViewColumn("amount", "Amount", .money(currencyColumn: "currency")), ViewColumn("currency", "Currency", .currency),
        ViewColumn("invoice", "Invoice", .id),
    ]

    static func ticketRows(count: Int, invoiced: Bool) -> [[Cell]] {
        (0..<count).map { index in
            let month = String(format2(1 + index % 6))
            let quantity = index == 3 ? "-2" : String(720 + index * 3)
            let price = index % 4 == 1 ? "0.0425" : "12.5"
            let amount = try? (d(quantity).multiplied(by: d(price)))
            let objectName = index % 5 == 4 ? Cell.null : t(index % 3 == 0 ? "web-01.acme.se" : "db-primary-stockholm-01")
            return [
                t("T-\(90_000 + index)"), t("C-1001"), objectName,
                t(index % 4 == 1 ? "Outbound traffic (GB, Stockholm)" : "Virtual server, large"),
                day("2026-\(month)-01"), day("2026-\(month)-28"), x(quantity), x(price),
                .decimal(amount ?? .zero), t("SEK"), invoiced ? t("INV-2026-00\(index % 6 + 1)") : .null,
            ]
        }
    }

    static func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    static func tickets() -> View {
        View(
            kind: "tickets", title: "Charge tickets of Acme AB", context: ContextPath(["Acme AB"]), asOf: asOf, period: period,
            tables: [
                ViewTable(
                    name: "tickets", title: "Charge tickets (2025-07..2026-06)", columns: ticketColumns,
                    rows: ticketRows(count: 12, invoiced: true), totalRows: 250, pageOffset: 0,
                    rest: "--limit none shows them all, --offset 12 the next page")
            ])
    }

    static func object() -> View {
        let details = ViewTable(
            name: "object", title: "Object",
            columns: [
                ViewColumn("object_id", "Object id", .id), ViewColumn("object", "Object", .text),
                ViewColumn("object_type", "Object type", .text), ViewColumn("object_profile", "Object profile", .text),
                ViewColumn("contract", "Contract", .text), ViewColumn("active_from", "Active from", .date),
                ViewColumn("active_to", "Active to", .date),
            ],
            rows: [[t("o-5001"), t("web-01.acme.se"), t("Virtual server"), t("Large"), t("C-1001"), day("2024-03-01"), .null]],
            presentation: .record)
        let usage = ViewTable(
            name: "usage", title: "Usage events",
            columns: [
                ViewColumn("month", "Month", .month), ViewColumn("events", "Events", .count),
                ViewColumn("quantity", "Quantity", .quantity),
            ], rows: months.indices.map { [months[$0], n(events[$0] / 10), x(usageQuantity[$0])] },
            presentation: .trend(month: "month", values: ["events"], split: nil))
        return View(
            kind: "object", title: "web-01.acme.se (object of Acme AB)", context: ContextPath(["Acme AB", "objects", "web-01.acme.se"]),
            asOf: asOf, period: period,
            tables: [
                details, usage,
                ViewTable(name: "tickets", title: "Charge tickets", columns: ticketColumns, rows: ticketRows(count: 4, invoiced: true)),
            ])
    }

    static func contract() -> View {
        let details = ViewTable(
            name: "contract", title: "Contract",
            columns: [
                ViewColumn("contract_id", "Contract id", .id), ViewColumn("number", "Number", .text),
                ViewColumn("name", "Name", .text), ViewColumn("currency", "Currency", .currency),
                ViewColumn("start_date", "Start date", .date), ViewColumn("end_date", "End date", .date),
                ViewColumn("uninvoiced_amount", "Uninvoiced", .money(currencyColumn: "currency")),
            ],
            rows: [[t("c-1"), t("C-1001"), t("Cloud platform, framework agreement 2024–2027"), t("SEK"), day("2024-01-01"),
                .null, x("18240.5")]],
            presentation: .record)
        return View(
            kind: "contract", title: "C-1001 (contract of Acme AB)", context: ContextPath(["Acme AB", "contracts", "C-1001"]), asOf: asOf,
            period: period,
            tables: [
                details,
                ViewTable(name: "uninvoiced_tickets", title: "Uninvoiced tickets, oldest first", columns: ticketColumns,
                    rows: ticketRows(count: 3, invoiced: false), totalRows: 3, pageOffset: 0),
                ViewTable(name: "invoiced_tickets", title: "Latest invoiced tickets, newest first", columns: ticketColumns,
                    rows: ticketRows(count: 5, invoiced: true).reversed(), totalRows: 40, pageOffset: 0,
                    rest: "tickets --invoiced --all lists them"),
            ])
    }

    static func invoice() -> View {
        let details = ViewTable(
            name: "invoice", title: "Invoice",
            columns: [
                ViewColumn("invoice_id", "Invoice id", .id), ViewColumn("number", "Number", .text),
                ViewColumn("invoice_date", "Date", .date), ViewColumn("status", "Status", .text),
                ViewColumn("currency", "Currency", .currency),
                ViewColumn("total_amount", "Invoice total", .money(currencyColumn: "currency")),
                ViewColumn("tickets_amount", "Sum of tickets", .money(currencyColumn: "currency")),
                ViewColumn("difference", "Difference", .money(currencyColumn: "currency")),
                ViewColumn("tickets", "Tickets", .count),
            ],
            rows: [[t("i-77"), t("INV-2026-001"), day("2026-02-05"), t("final"), t("JPY"), x("1533000"), x("1534200"),
                x("-1200"), n(3)]],
            presentation: .record)
        let rows: [[Cell]] = [
            [t("T-1"), t("C-2001"), t("東京-edge-01"), t("Edge node"), day("2026-01-01"), day("2026-01-31"), x("1"), x("1500000"),
                x("1500000"), t("JPY"), t("INV-2026-001")],
            [t("T-2"), t("C-2001"), t("東京-edge-01"), t("Traffic"), day("2026-01-01"), day("2026-01-31"), x("340.5"), x("100"),
                x("34050"), t("JPY"), t("INV-2026-001")],
            [t("T-3"), t("C-2001"), .null, t("Credit"), day("2026-01-01"), day("2026-01-31"), x("1"), x("150"), x("150"),
                t("JPY"), t("INV-2026-001")],
        ]
        return View(
            kind: "invoice", title: "INV-2026-001 (invoice of Acme AB)", context: ContextPath(["Acme AB", "invoices", "INV-2026-001"]),
            asOf: asOf, period: period,
            tables: [details, ViewTable(name: "tickets", title: "Charge tickets", columns: ticketColumns, rows: rows)],
            notes: ["The charge tickets add up to 1,200 JPY more than the invoice total."])
    }

    /// The organization tree as the query builds it: an ancestor, the organization itself (two
    /// currencies), two children of which the first has a child of its own, a node with no invoicing.
    static func tree() -> View {
        let money = ColumnKind.money(currencyColumn: "currency")
        func node(_ level: Int, _ relation: String, _ id: String, _ name: String, _ number: String?) -> [Cell] {
            [n(level), t(relation), t(id), t(name), number.map(t) ?? .null]
        }
        let group = node(0, "ancestor", "org-1", "Acme Group Holding", "556000-0001")
        let me = node(1, "self", "org-2", "Acme AB", "556000-0002")
        let norge = node(2, "descendant", "org-3", "Acme Norge AS - Vestlandet og Trondelag region", "NO 945606313")
        let bergen = node(3, "descendant", "org-4", "Acme Bergen AS", "NO 901384565")
        let tokyo = node(2, "descendant", "org-5", "Acme Tokyo KK", nil)
        return View(
            kind: "tree", title: "Organization tree of Acme AB", context: ContextPath(["Acme AB"]), asOf: asOf, period: period,
            tables: [
                ViewTable(
                    name: "tree", title: "Organization tree",
                    columns: [
                        ViewColumn("level", "Level", .count), ViewColumn("relation", "Relation", .text),
                        ViewColumn("organization_id", "Id", .id), ViewColumn("organization", "Organization", .text),
                        ViewColumn("number", "Number", .text), ViewColumn("currency", "Currency", .currency),
                        ViewColumn("amount", "Own Total Invoicing", money),
                        ViewColumn("subtree_amount", "Subtree roll-up", money),
                    ],
                    rows: [
                        group + [t("JPY"), x("0"), x("18626800")],
                        group + [t("SEK"), x("250000"), x("2143486.95")],
                        me + [t("JPY"), x("18628000"), x("18626800")],
                        me + [t("SEK"), x("1282366.55"), x("1893486.95")],
                        norge + [t("SEK"), x("611120.40"), x("611120.40")],
                        bergen + [.null, .null, .null],
                        tokyo + [t("JPY"), x("-1200"), x("-1200")],
                    ], presentation: .tree(level: "level", label: "organization", relation: "relation"))
            ],
            notes: ["amount is each organization's own Total Invoicing; subtree_amount adds its descendants."])
    }

    static func find() -> View {
        View(
            kind: "find", title: "Organizations matching \"acme\"", context: .root, asOf: asOf, period: period,
            tables: [
                ViewTable(
                    name: "organizations", title: "Organizations",
                    columns: [
                        ViewColumn("id", "Id", .id), ViewColumn("name", "Name", .text), ViewColumn("number", "Number", .text),
                    ],
                    rows: [
                        [t("org-2"), t("Acme AB"), t("556677-8899")],
                        [t("org-3"), t("Acme Norge AS"), t("NO 912 345 678")],
                        [t("org-1"), t("Acme Group"), .null],
                        [t("org-9"), t("Åkesson & Söner \"Acme\" AB, Göteborg"), t("556000-1111")],
                    ])
            ])
    }

    static func empty() -> View {
        View(
            kind: "category", title: "Licences (category of Acme AB)", context: ContextPath(["Acme AB", "categories", "Licences"]),
            asOf: asOf, period: period, tables: [trendTable([]), productsTable([])],
            notes: ["No charge tickets in this period."])
    }

    /// Every fixture with the name its snapshot files use.
    static func all() -> [(name: String, view: View)] {
        [
            ("organization", organization()), ("category", category()), ("object_type", objectType()),
            ("object_profile", profile()), ("object", object()), ("contract", contract()), ("invoice", invoice()),
            ("tickets", tickets()), ("tree", tree()), ("find", find()), ("empty", empty()),
        ]
    }
}
