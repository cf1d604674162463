/// Where an import writes: the SQLite store file (`SQLiteStoreSink`), or a PostgreSQL schema loaded
/// with `COPY` (issue 9). The loader (`ExportLoader`) reads, checks and keys every row of the export
/// and computes every table of `StoreSchema.tables`, rollups included; a sink only stores rows.
///
/// The calling order is: `begin`, then for each table (in `StoreSchema.tables` order, a table at a
/// time) any number of `write` calls and one `endTable`, then `commit`, or `discard` at any point
/// after `begin` when the import fails (bad data, a signal, a write error). A sink's calls all come
/// from one thread (not necessarily the thread that started the import), never at the same time.
///
/// Nothing a sink writes may become visible before `commit`: the SQLite store writes a temporary file
/// that `commit` renames over the destination, a PostgreSQL sink a new schema that `commit` swaps in.
public protocol ImportSink: AnyObject {
    /// Creates the empty tables (without their secondary indexes, which `endTable` may build).
    func begin(tables: [StoreTable]) throws

    /// Rows of `batch.table`, in the table's primary-key order across all of the table's batches (a
    /// table without a primary key: in the order its rows are to be stored). Each record holds the
    /// table's columns in order (`RecordReader` reads them). The batch is reused after the call.
    func write(_ batch: RowBatch) throws

    /// Every row of `table` was written: the sink may build the table's indexes now.
    func endTable(_ table: StoreTable) throws

    /// Everything was loaded and every contract rule checked: store `meta` (the `meta` table's rows:
    /// format, version, as_of, name, source, row counts) and make the result visible atomically.
    func commit(meta: [(key: String, value: String)]) throws

    /// The import did not succeed: remove everything written. Never throws; may be called after a
    /// failed `commit`.
    func discard()
}

/// A sink that can take a secondary index's entries ready made, in index order, instead of deriving
/// them from the table's rows (the SQLite store). The loader makes the entries of the charge tickets'
/// object index while it reads the tickets, when the writer thread has nothing else to do. A sink
/// without this capability (PostgreSQL) builds its indexes its own way.
public protocol IndexEntrySink: ImportSink {
    /// Called once after `begin`: these indexes' entries will come through `writeEntries`.
    func expectEntries(for indexes: [StoreIndex])

    /// Entries of `index` of `batch.table` (records of the index's columns, then the key columns not
    /// among them), in index order across calls; after the table's last `write`, before `endTable`.
    func writeEntries(_ batch: RowBatch, index: StoreIndex) throws
}
