/// The rows of a dimension file (organizations ... invoices) held in memory during an import: the
/// map from export id to key `k` (`IDTable`, which also gives an id back for messages) and the line
/// each row was read from. Facts (charge tickets, usage events) are never held in memory.
final class Dimension {
    let file: ExportFile
    /// False when the file could not be read: references into it are then not checked.
    var available = true
    let keys = IDTable()
    /// Indexed by `k - 1`.
    @exclusivity(unchecked) private(set) var lines: [Int32] = []

    init(file: ExportFile) { self.file = file }

    var count: Int { lines.count }

    /// Records row `k` (the reader's current row, its ordinal in the file) with the id in its first
    /// column when `hasID`; a duplicate id is reported and keeps the first row. Every row gets a line
    /// so that arrays indexed by `k - 1` stay aligned, even rows with problems.
    func register(_ reader: ExportFileReader, hasID: Bool, _ problems: inout ImportProblems) {
        while lines.count < reader.ordinal - 1 { lines.append(0) }
        lines.append(Int32(truncatingIfNeeded: reader.line))
        guard hasID else { return }
        let first = reader.withBytes(0) { keys.insert($0, value: reader.ordinal) }
        if let first {
            reader.report(0, "the id is not unique: it is also on line \(lines[first - 1])", &problems)
        }
    }

    /// The line of row `k` (0 when unknown).
    func line(_ k: Int) -> Int { k >= 1 && k <= lines.count ? Int(lines[k - 1]) : 0 }

    /// The id of key `k` (for messages).
    func id(_ k: Int) -> String { keys.text(ofValue: k) ?? "" }
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
