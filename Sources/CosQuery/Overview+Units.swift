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
