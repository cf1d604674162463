import CosModel
import CosView

/// How cells read for people (tables, charts, Markdown): money with its currency's minor units and
/// thousands separators, percentages with one decimal, counts grouped. CSV and JSON use exact text.
enum CellText {
    /// The cell as shown in a table cell. `row` supplies the currency of money cells.
    static func text(_ cell: Cell, kind: ColumnKind, row: [Cell], table: ViewTable, style: Style) -> String {
        switch cell {
        case .null: return style.null
        case .text(let text): return text
        case .month(let month): return month.description
        case .date(let date): return date.description
        case .int(let value):
            switch kind {
            case .money, .quantity, .percent:
                // A whole number in a decimal column reads like the column's other figures (`1,000.00`).
                if let decimal = try? ExactDecimal(value) {
                    return text(.decimal(decimal), kind: kind, row: row, table: table, style: style)
                }
                return String(value)
            case .count: return grouped(String(value.magnitude), negative: value < 0)
            default: return String(value)
            }
        case .decimal(let value):
            switch kind {
            case .money(let currencyColumn):
                return money(value, currency: currency(in: row, column: currencyColumn, table: table))
            case .percent: return percent(value)
            case .count, .quantity: return quantity(value)
            default: return value.description
            }
        }
    }

    /// The currency code of a row, from the column a money column names; nil when absent.
    static func currency(in row: [Cell], column: String, table: ViewTable) -> String? {
        guard let index = table.columnIndex(column), index < row.count, case .text(let code) = row[index] else {
            return nil
        }
        return code
    }

    /// `1,234.50`, `-12,000` (JPY): at least the currency's minor units, grouped thousands. Digits
    /// beyond the minor units are kept when the value has them (a unit price of `0.0425`): money is
    /// never rounded for display, so every figure shown is exact.
    static func money(_ value: ExactDecimal, currency: String?) -> String {
        let minor = currency.map { CurrencyCode.minorUnits(of: $0.uppercased()) } ?? 2
        return value.formatted(fractionDigits: max(minor, fractionDigits(of: value)), groupingSeparator: ",")
    }

    /// The fraction digits a value needs to be shown exactly (0...6).
    static func fractionDigits(of value: ExactDecimal) -> Int {
        var micros = value.micros.magnitude
        var digits = ExactDecimal.scale
        while digits > 0, micros % 10 == 0 {
            micros /= 10
            digits -= 1
        }
        return digits
    }

    /// An exact quantity with grouped thousands and the fraction it has (up to six digits).
    static func quantity(_ value: ExactDecimal) -> String {
        let text = value.description
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", maxSplits: 1).map(String.init)
        let whole = parts.first ?? unsigned
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return grouped(whole, negative: negative) + fraction
    }

    /// `12.5%`.
    static func percent(_ value: ExactDecimal) -> String {
        value.formatted(fractionDigits: 1) + "%"
    }

    /// Digits grouped by thousands with commas.
    static func grouped(_ digits: String, negative: Bool) -> String {
        var result = ""
        let count = digits.count
        for (offset, character) in digits.enumerated() {
            if offset > 0, (count - offset) % 3 == 0 { result += "," }
            result.append(character)
        }
        return (negative ? "-" : "") + result
    }

    /// Numbers are right-aligned and never shortened.
    static func isNumeric(_ kind: ColumnKind) -> Bool {
        switch kind {
        case .count, .money, .quantity, .percent: return true
        default: return false
        }
    }

    static func isNegative(_ cell: Cell) -> Bool {
        switch cell {
        case .int(let value): return value < 0
        case .decimal(let value): return value.isNegative
        default: return false
        }
    }

    /// The exact value of a numeric cell, null and text counting as nothing.
    static func decimal(_ cell: Cell) -> ExactDecimal? { cell.decimalValue }

    /// A short axis label: `950`, `12.5k`, `3M`, `1.2B`; money below a thousand keeps up to two
    /// decimals only when it has them.
    static func compact(micros: Int128, fractionDigits: Int) -> String {
        let unit = Int128(ExactDecimal.unit)
        let magnitude = micros < 0 ? -micros : micros
        let sign = micros < 0 ? "-" : ""
        let suffixes = ["", "k", "M", "B", "T"]
        var divisor = unit
        var index = 0
        while index < suffixes.count - 1, magnitude >= divisor * 1000 {
            divisor *= 1000
            index += 1
        }
        // Tenths of the shown unit, rounded half up.
        if index == 0 {
            let digits = magnitude % unit == 0 ? 0 : min(2, fractionDigits)
            let value = ExactDecimal(micros: Int64(clamping: magnitude))
            return sign + value.formatted(fractionDigits: digits, groupingSeparator: "")
        }
        let tenths = (magnitude * 10 + divisor / 2) / divisor
        let whole = tenths / 10
        let fraction = tenths % 10
        if whole >= 100 || fraction == 0 { return sign + String(describing: (tenths + 5) / 10) + suffixes[index] }
        return sign + "\(whole).\(fraction)" + suffixes[index]
    }
}
