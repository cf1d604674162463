import CosModel
import CosStore
import CosView

extension Overview {
    /// The organization view: `cards`, `invoicing_trend`, `usage_trend`, `objects_vs_charges`,
    /// `by_category`, `by_object_type`, `by_object_profile`. Figures cover the organization's own rows.
    public func organization(_ organization: Key, asOf: CivilDate, period: Period) throws -> View {
        let org = try organizationName(organization)
        let currencies = try self.currencies(organization: organization)
        let profileObjects = try distinctObjects(
            "object_type_k, object_profile_k", organization: organization, filter: .none, period: period)
        let tables = [
            try cards(organization, currencies: currencies, period: period),
            try invoicingTrend(organization, currencies: currencies, period: period),
            try usageTrend(organization, period: period),
            try objectsVsCharges(organization, currencies: currencies, period: period),
            try summary(.category, organization: organization, period: period),
            try summary(.objectType, organization: organization, period: period, profileObjects: profileObjects),
            try summary(.objectProfile(within: nil), organization: organization, period: period, profileObjects: profileObjects),
        ]
        return View(
            kind: "organization", title: org.name, context: ContextPath([org.name]), asOf: asOf, period: period,
            tables: tables, notes: ["Figures cover this organization's own rows only (see `tree` for roll-ups)."])
    }

    /// `cards`: per currency a `total_invoicing` row (final invoices in the period, with the previous
    /// period of equal length and the change in percent) and a `draft_invoices` row (drafts of any date);
    /// then one `sold_products` row (distinct products on tickets in the period) with no currency.
    func cards(_ organization: Key, currencies: [String], period: Period) throws -> ViewTable {
        let invoiceSQL = """
            SELECT currency, sum(invoices), sum(amount) FROM invoice_rollup
            WHERE organization_k = ? AND status = 'final' AND month BETWEEN ? AND ?
            GROUP BY currency
            """
        let org = SQLValue.integer(organization)
        func totals(_ sql: String, _ values: [SQLValue]) throws -> [String: (count: Int64, amount: Int64)] {
            var result: [String: (count: Int64, amount: Int64)] = [:]
            for row in try fetch(sql, values, { ($0.text(0) ?? "", $0.int64(1), $0.int64(2)) }) {
                result[row.0] = (row.1, row.2)
            }
            return result
        }
        let current = try totals(invoiceSQL, [org] + monthBounds(period))
        let previous = try period.previous.map { try totals(invoiceSQL, [org] + monthBounds($0)) } ?? [:]
        let drafts = try totals(
            """
            SELECT currency, sum(invoices), sum(amount) FROM invoice_rollup
            WHERE organization_k = ? AND status = 'draft' GROUP BY currency
            """, [org])
        // Distinct products counted here: count(DISTINCT) sorted the period's rollup rows in a temporary b-tree.
        var products = Set<Int64>()
        try each("SELECT product_k FROM ticket_rollup WHERE organization_k = ? AND month BETWEEN ? AND ?", [org] + monthBounds(period)) {
            products.insert($0.int64(0))
        }
        let sold = Int64(products.count)
        let all = Set(currencies).union(current.keys).union(previous.keys).union(drafts.keys).sorted()
        var rows: [[Cell]] = []
        for currency in all {
            let now = current[currency] ?? (0, 0)
            let before = previous[currency] ?? (0, 0)
            rows.append([
                .text("total_invoicing"), .text(currency), Cells.money(now.amount), Cells.count(now.count),
                Cells.money(before.amount), Cells.change(from: before.amount, to: now.amount),
            ])
        }
        for currency in all {
            let draft = drafts[currency] ?? (0, 0)
            rows.append([
                .text("draft_invoices"), .text(currency), Cells.money(draft.amount), Cells.count(draft.count),
                .null, .null,
            ])
        }
        rows.append([.text("sold_products"), .null, .null, Cells.count(sold), .null, .null])
        return ViewTable(
            name: "cards", title: "Cards",
            columns: [
                Columns.text("card", "Card"), Columns.currency, Columns.money(), Columns.count("count", "Count"),
                Columns.money("previous_amount", "Previous period"),
                ViewColumn("change_percent", "Change %", .percent),
            ], rows: rows, presentation: .cards)
    }

    /// `invoicing_trend`: final invoice totals per month of the period and currency.
    func invoicingTrend(_ organization: Key, currencies: [String], period: Period) throws -> ViewTable {
        let sums = try monthlySums(
            """
            SELECT month, currency, sum(amount) FROM invoice_rollup
            WHERE organization_k = ? AND status = 'final' AND month BETWEEN ? AND ?
            GROUP BY month, currency
            """, [.integer(organization)] + monthBounds(period))
        let rows = MonthGrid.rows(period: period, currencies: currencies, sums: sums) { amounts in
            [Cells.money(amounts.first ?? 0)]
        }
        return ViewTable(
            name: "invoicing_trend", title: "Invoicing trend",
            columns: [Columns.month, Columns.currency, Columns.money()], rows: rows,
            presentation: .trend(month: "month", values: ["amount"], split: "currency"))
    }

    /// `usage_trend`: usage events of the organization's objects and their quantity per month (UTC).
    func usageTrend(_ organization: Key, period: Period) throws -> ViewTable {
        var byMonth: [Int: (Int64, Int64)] = [:]
        for row in try fetch(
            "SELECT month, events, quantity FROM usage_rollup WHERE organization_k = ? AND month BETWEEN ? AND ?",
            [.integer(organization)] + monthBounds(period), { ($0.int(0), $0.int64(1), $0.int64(2)) })
        {
            byMonth[row.0] = (row.1, row.2)
        }
        let rows = period.months.map { month -> [Cell] in
            let value = byMonth[month.ordinal] ?? (0, 0)
            return [.month(month), Cells.count(value.0), Cells.money(value.1)]
        }
        return ViewTable(
            name: "usage_trend", title: "Usage events trend",
            columns: [Columns.month, Columns.count("events", "Events"), Columns.quantity()], rows: rows,
            presentation: .trend(month: "month", values: ["events", "quantity"], split: nil))
    }

    /// `objects_vs_charges`: objects active during each month against the charge ticket amounts of the month.
    func objectsVsCharges(_ organization: Key, currencies: [String], period: Period) throws -> ViewTable {
        // Running sum of the activity deltas: every month up to the period's end is needed.
        var active: [Int: Int64] = [:]
        var running: Int64 = 0
        var deltas = try fetch(
            "SELECT month, delta FROM object_activity_delta WHERE organization_k = ? AND month <= ?",
            [.integer(organization), .integer(Int64(period.to.ordinal))], { ($0.int(0), $0.int64(1)) })
        deltas.sort { $0.0 < $1.0 }
        var index = 0
        for month in period.months {
            while index < deltas.count, deltas[index].0 <= month.ordinal {
                running += deltas[index].1
                index += 1
            }
            active[month.ordinal] = running
        }
        // The charges per month and currency, summed here from the organization's rollup rows of the
        // period (in its index order): a GROUP BY month, currency sorted them through a temporary b-tree.
        var charges: [MonthGrid.Cell: Int128] = [:]
        var currency = ""
        try each(
            "SELECT month, currency, amount FROM ticket_rollup WHERE organization_k = ? AND month BETWEEN ? AND ?",
            [.integer(organization)] + monthBounds(period)
        ) { row in
            if !row.text(1, equals: currency) { currency = row.text(1) ?? "" }
            charges[MonthGrid.Cell(month: row.int(0), currency: currency), default: 0] += Int128(row.int64(2))
        }
        var sums: [MonthGrid.Cell: [Int64]] = [:]
        for (cell, sum) in charges {
            guard let amount = Int64(exactly: sum) else { throw QueryError.sumOutOfRange }
            sums[cell] = [amount]
        }
        var rows: [[Cell]] = []
        for month in period.months {
            for currency in MonthGrid.currencies(currencies, sums) {
                rows.append([
                    .month(month), Cells.count(active[month.ordinal] ?? 0), .text(currency),
                    Cells.money(sums[MonthGrid.Cell(month: month.ordinal, currency: currency)]?.first ?? 0),
                ])
            }
        }
        return ViewTable(
            name: "objects_vs_charges", title: "Object amount vs. charges",
            columns: [Columns.month, Columns.count("objects", "Objects"), Columns.currency, Columns.money("charges", "Charges")],
            rows: rows, presentation: .dualAxis(month: "month", left: "objects", right: "charges", split: "currency"))
    }

    /// Rows of `(month, currency, sum...)` keyed by month and currency.
    func monthlySums(_ sql: String, _ values: [SQLValue], columns: Int = 1) throws -> [MonthGrid.Cell: [Int64]] {
        var result: [MonthGrid.Cell: [Int64]] = [:]
        for row in try fetch(sql, values, { row in
            (row.int(0), row.text(1) ?? "", (0..<columns).map { row.optionalInt64(2 + $0) ?? 0 })
        }) {
            result[MonthGrid.Cell(month: row.0, currency: row.1)] = row.2
        }
        return result
    }
}

/// A row for every month of the period and every currency, zeros where nothing happened.
enum MonthGrid {
    struct Cell: Hashable {
        let month: Int
        let currency: String
    }

    /// The organization's currencies, plus any the sums hold (they should not hold others).
    static func currencies(_ currencies: [String], _ sums: [Cell: [Int64]]) -> [String] {
        Set(currencies).union(sums.keys.map(\.currency)).sorted()
    }

    static func rows(
        period: Period, currencies: [String], sums: [Cell: [Int64]], values: ([Int64]) -> [CosView.Cell]
    ) -> [[CosView.Cell]] {
        let all = Self.currencies(currencies, sums)
        var rows: [[CosView.Cell]] = []
        for month in period.months {
            for currency in all {
                let found = sums[Cell(month: month.ordinal, currency: currency)] ?? []
                rows.append([.month(month), .text(currency)] + values(found))
            }
        }
        return rows
    }
}
