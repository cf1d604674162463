/// The rows of a dimension file (organizations ... invoices) held in memory during an import: the
/// map from export id to key `k`, and per key the id and the line it was read from. Facts (charge
/// tickets, usage events) are never held in memory.
final class Dimension {
    let file: ExportFile
    /// False when the file could not be read: references into it are then not checked.
    var available = true
    let keys = IDTable()
    /// Indexed by `k - 1`.
    var ids: [String] = []
    var lines: [Int] = []

    init(file: ExportFile) { self.file = file }

    var count: Int { ids.count }

    /// Records row `k` (its ordinal in the file); a duplicate id is reported and keeps the first row.
    /// Every row gets a slot so that arrays indexed by `k - 1` stay aligned, even rows with problems.
    func register(_ reader: ExportFileReader, id: String?, _ problems: inout ImportProblems) {
        while ids.count < reader.ordinal - 1 {
            ids.append("")
            lines.append(0)
        }
        ids.append(id ?? "")
        lines.append(reader.line)
        guard let id else { return }
        if let first = keys.insert(id, value: reader.ordinal) {
            reader.report(0, "the id is not unique: it is also on line \(lines[first - 1])", &problems)
        }
    }

    /// The id of key `k` (for messages).
    func id(_ k: Int) -> String { k >= 1 && k <= ids.count ? ids[k - 1] : "" }
}

/// A per-key attribute array that stays aligned with a `Dimension` (slots of unread rows hold `empty`).
struct Attribute<Value> {
    private(set) var values: [Value] = []
    let empty: Value

    init(empty: Value) { self.empty = empty }

    mutating func set(_ k: Int, _ value: Value) {
        while values.count < k { values.append(empty) }
        values[k - 1] = value
    }

    subscript(k: Int) -> Value { k >= 1 && k <= values.count ? values[k - 1] : empty }
}
