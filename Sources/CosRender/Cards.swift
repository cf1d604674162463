import CosModel
import CosView

/// The cards of a view (Total Invoicing, Draft Invoices, Sold Products) as small boxes in a row,
/// wrapping onto more rows on a narrow terminal, like the web page's cards.
enum Cards {
    static func title(_ card: String) -> String {
        switch card {
        case "total_invoicing": return "Total Invoicing"
        case "draft_invoices": return "Draft Invoices"
        case "sold_products": return "Sold Products"
        default:
            let words = card.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }
            return words.joined(separator: " ")
        }
    }

    /// One box per row of the cards table; nil when the table lacks a `card` column.
    static func boxes(_ table: ViewTable, view: View?, options: RenderOptions) -> [[String]]? {
        guard let cardIndex = table.columnIndex("card") else { return nil }
        let style = Style(options)
        let currencyIndex = table.columnIndex("currency")
        let amountIndex = table.columnIndex("amount")
        let countIndex = table.columnIndex("count")
        let changeIndex = table.columnIndex("change")
        func cell(_ row: [Cell], _ index: Int?) -> Cell {
            guard let index, index < row.count else { return .null }
            return row[index]
        }
        return table.rows.map { row in
            let card = cell(row, cardIndex).plainText
            let currency = cell(row, currencyIndex).plainText
            var heading = title(card)
            if !currency.isEmpty { heading += " " + style.dot + " " + currency }
            var main = ""
            var detail = ""
            var negative = false
            if case .decimal(let amount) = cell(row, amountIndex) {
                main = CellText.money(amount, currency: currency.isEmpty ? nil : currency)
                negative = amount.isNegative
            }
            let count = cell(row, countIndex)
            if main.isEmpty, let value = count.intValue {
                main = CellText.grouped(String(value.magnitude), negative: value < 0)
            } else if let value = count.intValue {
                detail = "\(CellText.grouped(String(value), negative: false)) invoice\(value == 1 ? "" : "s")"
            }
            if card == "sold_products" { detail = "distinct products" }
            if card == "total_invoicing" {
                let spark = sparkline(view: view, currency: currency, style: style)
                var change = ""
                if case .decimal(let percent) = cell(row, changeIndex) {
                    change = (percent.isNegative ? "" : "+") + CellText.percent(percent) + " vs. previous"
                }
                detail = [spark, change].filter { !$0.isEmpty }.joined(separator: " ")
            }
            if main.isEmpty { main = style.null }
            return box(
                heading: heading, main: main, detail: detail, negative: negative, width: options.width, style: style)
        }
    }

    /// The invoicing trend of one currency as a sparkline (`▁▂▅█`, or `_.:-=+*#` in ASCII).
    static func sparkline(view: View?, currency: String, style: Style) -> String {
        guard let trend = view?.table("invoicing_trend"), let amountIndex = trend.columnIndex("amount") else {
            return ""
        }
        let currencyIndex = trend.columnIndex("currency")
        let values = trend.rows.filter { row in
            guard let currencyIndex, currencyIndex < row.count else { return true }
            return row[currencyIndex].plainText == currency
        }.map { amountIndex < $0.count ? ($0[amountIndex].decimalValue ?? .zero) : .zero }
        return sparkline(values, style: style)
    }

    static func sparkline(_ values: [ExactDecimal], style: Style) -> String {
        guard !values.isEmpty else { return "" }
        let levels = style.unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", ":", "-", "=", "+", "*", "#"]
        let micros = values.map { Int128($0.micros) }
        let low = min(0, micros.min() ?? 0)
        let high = micros.max() ?? 0
        guard high > low else { return String(repeating: levels[0], count: values.count) }
        return micros.map { value in levels[Int(((value - low) * 7 * 2 / (high - low) + 1) / 2)] }.joined()
    }

    private static func box(
        heading: String, main: String, detail: String, negative: Bool, width: Int, style: Style
    ) -> [String] {
        let inner = min(max(TextWidth.of(heading) + 2, TextWidth.of(main), TextWidth.of(detail), 16), max(10, width - 4))
        func fit(_ text: String) -> String {
            TextWidth.pad(TextWidth.truncate(text, to: inner, ellipsis: style.ellipsis), to: inner)
        }
        let title = TextWidth.truncate(heading, to: inner - 1, ellipsis: style.ellipsis)
        let top = style.cardTopLeft + style.horizontal + " " + style.bold(title) + " "
            + style.line(inner - TextWidth.of(title) - 1) + style.cardTopRight
        var mainText = fit(main)
        mainText = negative ? style.boldRed(mainText) : style.bold(mainText)
        return [
            top,
            style.vertical + " " + mainText + " " + style.vertical,
            style.vertical + " " + fit(detail) + " " + style.vertical,
            style.cardBottomLeft + style.line(inner + 2) + style.cardBottomRight,
        ]
    }
}
