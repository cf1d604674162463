import CosModel
import CosView

/// The machine-readable form (README, "Machine-readable output"): one object per command, on one line:
/// `{"command","context","as_of","period":{"from","to"},"tables":{NAME:[ROW,...]}}`, and
/// `"pages":{NAME:{"offset","shown","total"}}` when a table is one page of a longer list.
/// Money, quantities and percentages are exact decimal strings, counts integers, months `YYYY-MM`,
/// ids strings, null null.
enum JSONFormat {
    static func render(_ view: View, tables: [ViewTable], command: String) -> String {
        var out = "{\"command\":" + string(command)
        out += ",\"context\":" + string(view.context.text)
        out += ",\"as_of\":" + string(view.asOf.description)
        out += ",\"period\":{\"from\":" + string(view.period.from.description) + ",\"to\":"
            + string(view.period.to.description) + "}"
        out += ",\"tables\":{"
        out += tables.map { table in
            string(table.name) + ":[" + table.rows.map { row(table, $0) }.joined(separator: ",") + "]"
        }.joined(separator: ",")
        out += "}"
        // Tables that are one page of a longer list say so; a document without `pages` is complete.
        let pages = tables.compactMap { table in
            table.page.map {
                string(table.name) + ":{\"offset\":\($0.offset),\"shown\":\($0.shown),\"total\":\($0.total)}"
            }
        }
        if !pages.isEmpty { out += ",\"pages\":{" + pages.joined(separator: ",") + "}" }
        out += "}"
        return out + "\n"
    }

    static func row(_ table: ViewTable, _ cells: [Cell]) -> String {
        "{" + table.columns.indices.map { index in
            let cell = index < cells.count ? cells[index] : .null
            return string(table.columns[index].name) + ":" + value(cell, kind: table.columns[index].kind)
        }.joined(separator: ",") + "}"
    }

    static func value(_ cell: Cell, kind: ColumnKind) -> String {
        switch cell {
        case .null: return "null"
        case .text(let text): return string(text)
        case .month(let month): return string(month.description)
        case .date(let date): return string(date.description)
        case .int(let number):
            switch kind {
            case .count: return String(number)
            case .money, .quantity, .percent: return string(String(number))
            default: return string(String(number))
            }
        case .decimal(let decimal):
            // A count held as a decimal is still a number; everything else stays an exact string.
            if case .count = kind, decimal.micros % ExactDecimal.unit == 0 { return decimal.description }
            return string(decimal.description)
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; other characters
    /// (UTF-8) as they are.
    static func string(_ text: String) -> String {
        // Nothing to escape in most names and numbers.
        // (0xC2 starts the C1 controls U+0080...U+009F, 0xE2 the line and paragraph separators.)
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                // C0, DEL and C1: JSON requires only C0, but DEL and C1 printed raw reach a terminal.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
