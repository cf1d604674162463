/// Collects one table's rows into batches and hands them to the sink; `finish` ends the table.
final class TableWriter {
    let table: StoreTable
    private let sink: ImportSink
    private let batch: RowBatch
    private(set) var rows = 0
    var record = RecordBuilder()

    init(_ table: StoreTable, sink: ImportSink) {
        self.table = table
        self.sink = sink
        batch = RowBatch(table: table)
    }

    /// Adds the row built in `record`.
    @inline(__always)
    func addRow() throws {
        batch.append(&record)
        rows += 1
        if batch.byteCount >= 1 << 20 { try flush() }
    }

    /// Adds a finished record.
    func add(record bytes: UnsafeBufferPointer<UInt8>) throws {
        batch.append(record: bytes)
        rows += 1
        if batch.byteCount >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard !batch.isEmpty else { return }
        try sink.write(batch)
        batch.removeAll()
    }

    func finish() throws {
        try flush()
        try sink.endTable(table)
    }
}
