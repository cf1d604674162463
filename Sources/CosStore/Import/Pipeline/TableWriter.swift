/// Collects one table's rows into batches and hands them to the sink; `finish` ends the table. Used
/// on the writer thread (every call to the sink is made there). Between batches it checks whether a
/// signal or a failure stopped the import.
final class TableWriter {
    let table: StoreTable
    private let sink: ImportSink
    private let batch: RowBatch
    private let check: () throws -> Void
    @exclusivity(unchecked) private(set) var rows = 0
    let record = RecordBuilder()

    init(_ table: StoreTable, sink: ImportSink, check: @escaping () throws -> Void = { try ImportSignals.check() }) {
        self.table = table
        self.sink = sink
        self.check = check
        batch = RowBatch(table: table)
    }

    /// Adds the row built in `record`.
    @inline(__always)
    func addRow() throws {
        batch.append(record)
        rows += 1
        if batch.byteCount >= 1 << 20 { try flush() }
    }

    /// Adds a finished record.
    func add(record bytes: UnsafeBufferPointer<UInt8>) throws {
        batch.append(record: bytes)
        rows += 1
        if batch.byteCount >= 1 << 20 { try flush() }
    }

    /// Hands the rows collected so far to the sink.
    func flush() throws {
        guard !batch.isEmpty else { return }
        try check()
        try sink.write(batch)
        batch.removeAll()
    }

    func finish() throws {
        try flush()
        try sink.endTable(table)
    }
}
