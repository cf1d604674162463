import CosModel
import CosStore
import CosView

extension Overview {
    /// A `trend` table by unit: per month of the period, currency and unit, the tickets' quantity and
    /// amount. Quantities of different units are never added (issue 11, point 5): a currency has a row
    /// per month for each unit of the products charged in it in the period (no unit: a null `unit`),
    /// and one row per month with a null unit when nothing was charged in it. `sql` returns
    /// `(month, currency, unit, quantity, amount)`, summed per month, currency and unit.
    func unitTrend(_ sql: String, _ values: [SQLValue], currencies: [String], period: Period) throws -> ViewTable {
        struct Cell3: Hashable {
            let month: Int
            let currency: String
            let unit: String?
        }
        var sums: [Cell3: (quantity: Int64, amount: Int64)] = [:]
        var units: [String: Set<String?>] = [:]
        try each(sql, values) { row in
            let key = Cell3(month: row.int(0), currency: row.text(1) ?? "", unit: row.optionalText(2))
            sums[key] = (row.optionalInt64(3) ?? 0, row.optionalInt64(4) ?? 0)
            units[key.currency, default: []].insert(key.unit)
        }
        // Units by name, no unit last.
        func ordered(_ set: Set<String?>) -> [String?] {
            set.sorted { a, b in
                switch (a, b) {
                case (let x?, let y?): return x < y
                case (.some, nil): return true
                default: return false
                }
            }
        }
        var rows: [[Cell]] = []
        for month in period.months {
            for currency in Set(currencies).union(units.keys).sorted() {
                for unit in units[currency].map(ordered) ?? [nil] {
                    let value = sums[Cell3(month: month.ordinal, currency: currency, unit: unit)] ?? (0, 0)
                    rows.append([.month(month), .text(currency), Cells.text(unit), Cells.money(value.quantity), Cells.money(value.amount)])
                }
            }
        }
        return ViewTable(
            name: "trend", title: "Usage vs. price",
            columns: [Columns.month, Columns.currency, Columns.text("unit", "Unit"), Columns.quantity(), Columns.money()],
            rows: rows, presentation: .trend(month: "month", values: ["quantity", "amount"], split: "currency"))
    }
}

extension Overview {
    /// `products`: per product and currency the tickets' quantity, amount and count in the period,
    /// then the base period's amount (`previous_amount`, the previous period of equal length) and the
    /// change in percent, for the products of the period (`compare` shows those that are gone). `sql`
    /// returns `(id, name, unit, currency, quantity, amount, tickets)` for the month bounds that
    /// `values` puts among its values.
    func productSummary(_ sql: String, period: Period, values: (Period) -> [SQLValue]) throws -> ViewTable {
        struct Key: Hashable {
            let id: String
            let currency: String
        }
        var lines: [Key: (name: String, unit: String?, quantity: Int64, amount: Int64, tickets: Int64)] = [:]
        var order: [Key] = []
        try each(sql, values(period)) { row in
            let key = Key(id: row.text(0) ?? "", currency: row.text(3) ?? "")
            if lines[key] == nil { order.append(key) }
            lines[key] = (row.text(1) ?? "", row.optionalText(2), row.int64(4), row.int64(5), row.int64(6))
        }
        var previous: [Key: Int64] = [:]
        if let base = period.previous {
            try each(sql, values(base)) { row in
                previous[Key(id: row.text(0) ?? "", currency: row.text(3) ?? "")] = row.int64(5)
            }
        }
        let rows = order.compactMap { key -> (currency: String, amount: Int64, name: String, cells: [Cell])? in
            guard let line = lines[key] else { return nil }
            let before = period.previous == nil ? nil : previous[key] ?? 0
            return (
                key.currency, line.amount, line.name,
                [
                    .text(key.id), .text(line.name), Cells.text(line.unit), .text(key.currency), Cells.money(line.quantity),
                    Cells.money(line.amount), Cells.count(line.tickets),
                ] + Self.baseCells(amount: line.amount, previous: before)
            )
        }.sorted {
            // Larger amounts first, compared without negating (-Int64.min traps).
            ($0.currency, $1.amount, $0.name) < ($1.currency, $0.amount, $1.name)
        }
        return ViewTable(
            name: "products", title: "Products",
            columns: [
                Columns.id("product_id", "Id"), Columns.text("product", "Product"), Columns.text("unit", "Unit"),
                Columns.currency, Columns.quantity(), Columns.money(), Columns.count("tickets", "Tickets"),
            ] + Self.baseColumns, rows: rows.map(\.cells), presentation: .bars(label: "product", value: "amount", split: "currency"))
    }
}
