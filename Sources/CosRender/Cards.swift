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
    ///
    /// Total Invoicing says how it changed against the previous period of the same length (the
    /// `previous_amount` and `change_percent` columns; the previous months are the view's period's
    /// `previous`): `▲ +12.5% vs. 4,900.00` over `in 2024-11..2025-10`, with `▼` for a fall and `=`
    /// for none (`^` and `v` in ASCII), green or red when colour is on.
    static func boxes(_ table: ViewTable, view: View?, options: RenderOptions) -> [[String]]? {
        guard let cardIndex = table.columnIndex("card") else { return nil }
        let style = Style(options)
        let currencyIndex = table.columnIndex("currency")
        let amountIndex = table.columnIndex("amount")
        let countIndex = table.columnIndex("count")
        let previousIndex = table.columnIndex("previous_amount")
        let changeIndex = table.columnIndex("change_percent")
        func cell(_ row: [Cell], _ index: Int?) -> Cell {
            guard let index, index < row.count else { return .null }
            return row[index]
        }
        var cards = table.rows.map { row -> (heading: String, main: String, spark: String, details: [Line], negative: Bool) in
            let card = cell(row, cardIndex).plainText
            let currency = cell(row, currencyIndex).plainText
            var heading = title(card)
            if !currency.isEmpty { heading += " " + style.dot + " " + currency }
            var main = ""
            var details: [Line] = []
            var negative = false
            var amount: ExactDecimal?
            if case .decimal(let value) = cell(row, amountIndex) {
                amount = value
                main = CellText.money(value, currency: currency.isEmpty ? nil : currency)
                negative = value.isNegative
            }
            let count = cell(row, countIndex)
            if main.isEmpty, let value = count.intValue {
                main = CellText.grouped(String(value.magnitude), negative: value < 0)
            } else if let value = count.intValue {
                details.append(Line("\(CellText.grouped(String(value), negative: false)) invoice\(value == 1 ? "" : "s")"))
            }
            if card == "sold_products" { details = [Line("distinct products")] }
            var spark = ""
            if card == "total_invoicing" {
                spark = sparkline(view: view, currency: currency, style: style)
                if let amount, let previous = cell(row, previousIndex).decimalValue {
                    details = change(
                        amount, previous: previous, percent: cell(row, changeIndex).decimalValue, currency: currency,
                        months: view?.period.previous, style: style)
                }
            }
            if main.isEmpty { main = style.null }
            return (heading, main, spark, details, negative)
        }
        // Drafts in several currencies are one card, a line per currency (`629.61 EUR · 1 invoice`):
        // they are few, and a row of cards more would push the view off the screen.
        let drafts = table.rows.indices.filter { cell(table.rows[$0], cardIndex).plainText == "draft_invoices" }
        if drafts.count > 1, let first = drafts.first {
            let lines = drafts.map { index -> Line in
                let row = table.rows[index]
                let amount = cards[index].main + " " + cell(row, currencyIndex).plainText
                let negative = cards[index].negative
                let count = cards[index].details.first?.text ?? ""
                return Line(amount + (count.isEmpty ? "" : " " + style.dot + " " + count)) { style, text in
                    let figure = String(text.prefix(amount.count))
                    return (negative ? style.boldRed(figure) : style.bold(figure)) + String(text.dropFirst(amount.count))
                }
            }
            cards[first] = (title("draft_invoices"), "", "", lines, false)
            for index in drafts.dropFirst().reversed() { cards.remove(at: index) }
        }
        // Cards side by side are as tall as each other: each row of cards (as `TextLayout.flow` lays
        // them out in the width) takes the height of its tallest.
        func height(_ card: (heading: String, main: String, spark: String, details: [Line], negative: Bool)) -> Int {
            (card.main.isEmpty ? 0 : 1) + card.details.count
        }
        func draw(_ card: (heading: String, main: String, spark: String, details: [Line], negative: Bool), _ rows: Int)
            -> [String]
        {
            box(
                heading: card.heading, main: card.main, spark: card.spark,
                details: card.details + Array(repeating: Line(""), count: max(0, rows - height(card))),
                negative: card.negative, width: options.width, style: style)
        }
        let natural = cards.map { draw($0, 0) }
        var boxes: [[String]] = []
        var row: [Int] = []
        var used = 0
        func emit() {
            let tallest = row.map { height(cards[$0]) }.max() ?? 0
            boxes += row.map { draw(cards[$0], tallest) }
            row = []
            used = 0
        }
        for index in cards.indices {
            let width = natural[index].map(TextWidth.of).max() ?? 0
            if !row.isEmpty, used + TextLayout.cardGap + width > max(20, options.width) { emit() }
            used += (row.isEmpty ? 0 : TextLayout.cardGap) + width
            row.append(index)
        }
        emit()
        return boxes
    }

    /// A line of a card and how it is styled.
    struct Line {
        var text: String
        var style: (Style, String) -> String = { _, text in text }
        init(_ text: String, style: @escaping (Style, String) -> String = { _, text in text }) {
            self.text = text
            self.style = style
        }
    }

    /// The change lines of Total Invoicing: the arrow, the signed percentage and the previous amount,
    /// then the previous period's months. Without a percentage (nothing invoiced before) the arrow
    /// says `new`.
    static func change(
        _ amount: ExactDecimal, previous: ExactDecimal, percent: ExactDecimal?, currency: String, months: Period?,
        style: Style
    ) -> [Line] {
        let arrow = amount > previous ? style.rise : amount < previous ? style.fall : style.same
        var figure: String
        if let percent {
            figure = (percent.isNegative ? "" : (percent.micros == 0 ? "" : "+")) + CellText.percent(percent)
            // A change that rounds to 0.0% is still a rise or a fall, and its sign says which.
            if percent.micros == 0, amount != previous { figure = (amount > previous ? "+" : "-") + figure }
        } else {
            figure = amount == previous ? "0.0%" : "new"
        }
        let colour: (Style, String) -> String = { style, text in
            amount > previous ? style.green(text) : amount < previous ? style.red(text) : text
        }
        let versus = "vs. " + CellText.money(previous, currency: currency.isEmpty ? nil : currency)
        var lines = [Line(arrow + " " + figure + " " + versus, style: { style, text in
            // Only the arrow and the percentage are coloured; the previous amount reads plain.
            let split = text.count - versus.count
            return colour(style, String(text.prefix(split))) + String(text.suffix(versus.count))
        })]
        if let months { lines.append(Line("in " + months.description)) }
        return lines
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
        heading: String, main: String, spark: String, details: [Line], negative: Bool, width: Int, style: Style
    ) -> [String] {
        let natural = max(TextWidth.of(heading) + 2, TextWidth.of(main), 16, details.map { TextWidth.of($0.text) }.max() ?? 0)
        let inner = min(natural, max(10, width - 4))
        func fit(_ text: String) -> String {
            TextWidth.pad(TextWidth.truncate(text, to: inner, ellipsis: style.ellipsis), to: inner)
        }
        let title = TextWidth.truncate(heading, to: inner - 1, ellipsis: style.ellipsis)
        let top = style.cardTopLeft + style.horizontal + " " + style.bold(title) + " "
            + style.line(inner - TextWidth.of(title) - 1) + style.cardTopRight
        // The sparkline sits beside the amount when it fits without widening the card.
        let withSpark = spark.isEmpty ? main : main + "  " + spark
        let showSpark = !spark.isEmpty && TextWidth.of(withSpark) <= inner
        var mainText = fit(main)
        mainText = negative ? style.boldRed(mainText) : style.bold(mainText)
        if showSpark {
            let pad = String(repeating: " ", count: max(0, inner - TextWidth.of(withSpark)))
            mainText = (negative ? style.boldRed(main) : style.bold(main)) + "  " + spark + pad
        }
        // A card of lines only (drafts in several currencies) has no main figure.
        var lines = [top] + (main.isEmpty ? [] : [style.vertical + " " + mainText + " " + style.vertical])
        for detail in details.isEmpty ? [Line("")] : details {
            let text = TextWidth.truncate(detail.text, to: inner, ellipsis: style.ellipsis)
            let padded = text == detail.text ? detail.style(style, text) : text
            lines.append(
                style.vertical + " " + padded + String(repeating: " ", count: max(0, inner - TextWidth.of(text))) + " "
                    + style.vertical)
        }
        lines.append(style.cardBottomLeft + style.line(inner + 2) + style.cardBottomRight)
        return lines
    }
}
