import CosView

/// RFC 4180 output: a header of column names, exact values, CRLF line ends, fields quoted when they
/// hold a comma, a quote, a line break or leading/trailing spaces.
enum CSVFormat {
    static func render(_ tables: [ViewTable], single: Bool) -> String {
        var out = ""
        for (index, table) in tables.enumerated() {
            if !single {
                // Several tables: each is announced by a comment line, with a blank line between them.
                if index > 0 { out += "\r\n" }
                out += "# " + table.name + "\r\n"
            }
            out += table.columns.map { field($0.name) }.joined(separator: ",") + "\r\n"
            for row in table.rows {
                out += table.columns.indices.map { index in
                    field(index < row.count ? row[index].plainText : "")
                }.joined(separator: ",") + "\r\n"
            }
        }
        return out
    }

    /// A closing `# page tickets: offset 0, shown 50, total 55` comment line per paged table, so a
    /// spreadsheet or script fed a page knows it is one.
    static func pageLines(_ tables: [ViewTable]) -> String {
        Renderer.pageFacts(tables).map { "# page " + $0 + "\r\n" }.joined()
    }

    static func field(_ text: String) -> String {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || text.utf8.first == 0x20 || text.utf8.last == 0x20
        guard needsQuotes else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }
}
