/// Every problem found in a data set, in report order: file order (the order the import reads the
/// files, `ExportFile.allCases`), then line. Only the first `limit` are kept in memory; all are counted.
struct ImportProblems {
    struct Entry {
        let fileOrder: Int
        let line: Int
        let sequence: Int
        let text: String
    }

    let limit: Int
    private(set) var count = 0
    private var kept: [Entry] = []

    init(limit: Int = 100) { self.limit = limit }

    var isEmpty: Bool { count == 0 }

    /// Records a problem. `line` nil (a missing file) sorts before every line of that file.
    mutating func add(file: ExportFile?, line: Int?, _ text: String) {
        count += 1
        kept.append(Entry(fileOrder: file?.order ?? -1, line: line ?? 0, sequence: count, text: text))
        if kept.count > limit * 8 { trim() }
    }

    /// Adds a problem about a value: `FILE:LINE: column COLUMN: value "VALUE": what is wrong`.
    mutating func add(file: ExportFile, line: Int, column: String, value: String, _ what: String) {
        add(file: file, line: line, "\(file.fileName):\(line): column \(column): value \(ImportProblems.quote(value)): \(what)")
    }

    /// Counts problems that are not listed one by one (beyond a thousand duplicate ids).
    mutating func addUnlisted(_ n: Int) { count += n }

    private mutating func trim() {
        kept.sort { ($0.fileOrder, $0.line, $0.sequence) < ($1.fileOrder, $1.line, $1.sequence) }
        if kept.count > limit { kept.removeLast(kept.count - limit) }
    }

    /// The report: the first `limit` problems, then "... and N more problems".
    func report() -> [String] {
        var copy = self
        copy.trim()
        var lines = copy.kept.map(\.text)
        if count > lines.count {
            let more = count - lines.count
            lines.append("... and \(more) more problem\(more == 1 ? "" : "s")")
        }
        return lines
    }

    /// A value as shown in a message: in double quotes, with `"` and `\` escaped by a backslash, line
    /// breaks and tabs written `\n`, `\r`, `\t`, other control characters (C0, DEL, C1) as `\u{..}`, and values
    /// over 80 characters cut with `...`.
    static func quote(_ value: String) -> String {
        var result = "\""
        var characters = 0
        for scalar in value.unicodeScalars {
            if characters == 80 {
                result += "..."
                break
            }
            characters += 1
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                // C0, DEL and C1 controls: a message is read on a terminal.
                if scalar.value < 32 || (127...159).contains(scalar.value) {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
