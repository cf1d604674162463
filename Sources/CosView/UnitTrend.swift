import CosModel

/// A `trend` table by unit, made ready to chart: quantities of different units are never added, so
/// each currency's chart shows the quantity of its largest unit, and the other units are listed
/// beside it.
///
/// The largest unit of a currency is the one whose tickets have the largest amount over the months
/// (in absolute value; money is comparable within a currency, quantities of different units are not),
/// ties going to the unit whose name sorts first, no unit last. The chart's amount is that of every
/// unit, so the price line is the group's whole amount. The trend table itself (and so CSV, JSON and
/// Markdown) keeps every unit's row.
public struct UnitTrend: Sendable, Equatable {
    /// A unit that is not charted, with its totals over the months.
    public struct Other: Sendable, Equatable {
        public let currency: String
        /// nil: products without a unit.
        public let unit: String?
        public let quantity: ExactDecimal
        public let amount: ExactDecimal

        public init(currency: String, unit: String?, quantity: ExactDecimal, amount: ExactDecimal) {
            self.currency = currency
            self.unit = unit
            self.quantity = quantity
            self.amount = amount
        }
    }

    /// Per month and currency: the largest unit's quantity and the amount of all units; the quantity's
    /// heading names the unit. Columns `month`, `currency`, `quantity`, `amount`, as a plain trend.
    public let chart: ViewTable
    /// The unit charted for each currency (nil inside: products without a unit).
    public let charted: [String: String?]
    /// The other units, per currency in table order, largest first.
    public let others: [Other]

    /// Nil when the table has no `unit` column beside `month`, `currency`, `quantity` and `amount`.
    public init?(_ table: ViewTable) {
        guard let unitIndex = table.columnIndex("unit"), let monthIndex = table.columnIndex("month"),
            let currencyIndex = table.columnIndex("currency"), let quantityIndex = table.columnIndex("quantity"),
            let amountIndex = table.columnIndex("amount")
        else { return nil }
        func unit(_ row: [Cell]) -> String? { row[unitIndex].isNull ? nil : row[unitIndex].plainText }
        func micros(_ cell: Cell) -> Int64 { cell.decimalValue?.micros ?? 0 }
        // Totals per currency and unit, in the order of first appearance.
        var currencies: [String] = []
        var totals: [String: [(unit: String?, quantity: Int64, amount: Int64)]] = [:]
        for row in table.rows {
            let currency = row[currencyIndex].plainText
            if totals[currency] == nil {
                currencies.append(currency)
                totals[currency] = []
            }
            let name = unit(row)
            if let at = totals[currency]?.firstIndex(where: { $0.unit == name }) {
                totals[currency]?[at].quantity &+= micros(row[quantityIndex])
                totals[currency]?[at].amount &+= micros(row[amountIndex])
            } else {
                totals[currency]?.append((name, micros(row[quantityIndex]), micros(row[amountIndex])))
            }
        }
        var charted: [String: String?] = [:]
        var others: [Other] = []
        for currency in currencies {
            let ranked = (totals[currency] ?? []).sorted { a, b in
                if a.amount.magnitude != b.amount.magnitude { return a.amount.magnitude > b.amount.magnitude }
                switch (a.unit, b.unit) {
                case (let x?, let y?): return x < y
                case (.some, nil): return true
                default: return false
                }
            }
            guard let largest = ranked.first else { continue }
            charted[currency] = largest.unit
            for other in ranked.dropFirst() {
                others.append(Other(
                    currency: currency, unit: other.unit, quantity: ExactDecimal(micros: other.quantity),
                    amount: ExactDecimal(micros: other.amount)))
            }
        }
        // One chart row per month and currency, in the table's order.
        var rows: [[Cell]] = []
        var at: [String: Int] = [:]
        for row in table.rows {
            let month = row[monthIndex]
            let currency = row[currencyIndex].plainText
            let key = month.plainText + "|" + currency
            if at[key] == nil {
                at[key] = rows.count
                rows.append([month, row[currencyIndex], .decimal(.zero), .decimal(.zero)])
            }
            guard let index = at[key] else { continue }
            if let chartedUnit = charted[currency], chartedUnit == unit(row) {
                rows[index][2] = .decimal(ExactDecimal(micros: micros(rows[index][2]) &+ micros(row[quantityIndex])))
            }
            rows[index][3] = .decimal(ExactDecimal(micros: micros(rows[index][3]) &+ micros(row[amountIndex])))
        }
        // The quantity's heading names the unit when every currency with tickets charts the same one.
        let active = currencies.filter { (totals[$0] ?? []).contains { $0.unit != nil || $0.quantity != 0 || $0.amount != 0 } }
        let units = Set(active.map { (charted[$0] ?? nil) ?? "no unit" })
        let quantityHeading = units.count == 1 ? "Quantity (\(units.first ?? ""))" : units.isEmpty ? "Quantity" : "Quantity (largest unit)"
        let amountHeading = others.isEmpty ? "Amount" : "Amount (all units)"
        chart = ViewTable(
            name: table.name, title: table.title,
            columns: [
                table.columns[monthIndex], table.columns[currencyIndex],
                ViewColumn("quantity", quantityHeading, table.columns[quantityIndex].kind),
                ViewColumn("amount", amountHeading, .money(currencyColumn: "currency")),
            ], rows: rows, presentation: table.presentation)
        self.charted = charted
        self.others = others
    }
}
