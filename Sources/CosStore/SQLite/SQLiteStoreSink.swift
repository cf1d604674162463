import CSQLite
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SQLite store as an import sink: the tables are written into a temporary file beside the
/// destination (no journal, no syncing: a failed import throws the file away), and `commit` renames
/// it over the destination once it is complete and synced.
final class SQLiteStoreSink: ImportSink {
    let destination: String
    let temporary: String
    /// Checked right before the rename: a signal that arrived until then still cancels the import.
    var beforePublish: () throws -> Void = {}
    private(set) var database: Database?
    private var inserts: [String: Statement] = [:]

    init(destination: String) {
        self.destination = destination
        temporary = TemporaryStore.path(for: destination)
    }

    func begin(tables: [StoreTable]) throws {
        TemporaryStore.remove(temporary)
        let db = try Database(path: temporary, readOnly: false, create: true)
        database = db
        // A signal interrupts the statement running on this connection.
        ImportSignals.database = db.handle
        // No journal and no syncing: a failed import throws the file away, so there is nothing to roll
        // back or recover. A 64 MB page cache; index builds sort on two threads.
        try db.execute(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;
            PRAGMA cache_size=-65536; PRAGMA temp_store=FILE; PRAGMA threads=2;
            """)
        try db.execute("BEGIN")
        for table in tables { try db.execute(table.sqliteCreate) }
    }

    private func insert(for table: StoreTable, _ db: Database) throws -> Statement {
        if let statement = inserts[table.name] { return statement }
        let sql = "INSERT INTO \(table.name)(\(table.columns.map(\.name).joined(separator: ", "))) VALUES("
            + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")"
        let statement = try db.statement(sql)
        inserts[table.name] = statement
        return statement
    }

    func write(_ batch: RowBatch) throws {
        guard let db = database else { return }
        let statement = try insert(for: batch.table, db)
        try batch.forEach { record in
            var reader = RecordReader(record)
            var index: Int32 = 1
            while let value = reader.next() {
                switch value {
                case .null: statement.bindNull(at: index)
                case .integer(let v): statement.bind(int: v, at: index)
                case .text(let bytes): statement.bind(bytes: bytes, at: index)
                }
                index += 1
            }
            try statement.runAndReset()
        }
    }

    func endTable(_ table: StoreTable) throws {
        guard let db = database else { return }
        for index in table.sqliteIndexes { try db.execute(index) }
    }

    func commit(meta: [(key: String, value: String)]) throws {
        guard let db = database else { return }
        for (key, value) in meta {
            try db.run("INSERT INTO meta(key, value) VALUES(?, ?)", [.text(key), .text(value)])
        }
        try db.execute("PRAGMA analysis_limit=2000; ANALYZE")
        try db.execute("COMMIT")
        close()
        TemporaryStore.sync(temporary)
        try beforePublish()
        if rename(temporary, destination) != 0 {
            throw ImportError.failed("\(destination): cannot be written: " + String(cString: strerror(errno)))
        }
    }

    func discard() {
        close()
        TemporaryStore.remove(temporary)
    }

    private func close() {
        ImportSignals.database = nil
        inserts.removeAll()
        database = nil
    }
}
