import CSQLite
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SQLite store as an import sink. SQLite creates the temporary file with every table and index,
/// empty; then each table's rows (which arrive in key order) are written straight into b-tree pages
/// (`BTreeBuilder`), and each secondary index's entries are derived from the rows, sorted in bounded
/// memory (`RecordSorter`) and written the same way. `commit` lets SQLite add `meta` and the
/// statistics (`ANALYZE`), syncs, and renames the file over the destination. No journal and no sync
/// while building: a failed import throws the file away.
final class SQLiteStoreSink: IndexEntrySink {
    let destination: String
    let temporary: String
    let scratch: ScratchSpace
    /// Memory for sorting the entries of one index: `indexBudget` for the charge tickets' index, a
    /// quarter of it for each index of the other tables (several are fed at once).
    let indexBudget: Int
    /// Checked right before the rename: a signal that arrived until then still cancels the import.
    @exclusivity(unchecked) var beforePublish: () throws -> Void = {}
    @exclusivity(unchecked) private var file: BTreeFile?
    @exclusivity(unchecked) private var roots: [String: Int] = [:]
    @exclusivity(unchecked) private var builders: [String: BTreeBuilder] = [:]
    @exclusivity(unchecked) private var rowids: [String: Int64] = [:]
    @exclusivity(unchecked) private var indexes: [String: [IndexFeed]] = [:]
    /// Indexes whose entries come ready made (`writeEntries`), and their builders.
    private var expected: Set<String> = []
    private var entryBuilders: [String: BTreeBuilder] = [:]

    init(destination: String, scratch: ScratchSpace, indexBudget: Int = 24 << 20) {
        self.destination = destination
        temporary = TemporaryStore.path(for: destination)
        self.scratch = scratch
        self.indexBudget = indexBudget
    }

    func begin(tables: [StoreTable]) throws {
        TemporaryStore.remove(temporary)
        do {
            let db = try Database(path: temporary, readOnly: false, create: true)
            try db.execute("PRAGMA page_size=4096; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF")
            try db.execute("BEGIN")
            for table in tables {
                try db.execute(table.sqliteCreate)
                for index in table.sqliteIndexes { try db.execute(index) }
            }
            try db.execute("COMMIT")
            try db.forEachRow("SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0") { row in
                if let name = row.text(0) { roots[name] = row.int(1) }
            }
        }
        file = try BTreeFile(path: temporary)
    }

    private func builder(for table: StoreTable) throws -> BTreeBuilder {
        if let builder = builders[table.name] { return builder }
        guard let file, let root = roots[table.name] else { throw ImportError.failed("\(table.name): not in the store") }
        let builder = BTreeBuilder(file: file, root: root, kind: table.primaryKey.isEmpty ? .table : .index)
        builders[table.name] = builder
        indexes[table.name] = try table.indexes.filter { !expected.contains($0.name) }.map { index in
            guard let root = roots[index.name] else { throw ImportError.failed("\(index.name): not in the store") }
            let budget = table.name == StoreSchema.chargeTicket.name ? indexBudget : indexBudget / 4
            return try IndexFeed(table: table, index: index, root: root, sorter: RecordSorter(budget: budget, scratch: scratch))
        }
        return builder
    }

    func write(_ batch: RowBatch) throws {
        let table = batch.table
        let builder = try builder(for: table)
        let feeds = indexes[table.name] ?? []
        var rowid = rowids[table.name] ?? 0
        try batch.forEach { record in
            rowid += 1
            try builder.add(record: record, rowid: rowid)
            for feed in feeds { try feed.add(record, rowid: rowid) }
        }
        rowids[table.name] = rowid
    }

    func expectEntries(for indexes: [StoreIndex]) {
        expected.formUnion(indexes.map(\.name))
    }

    func writeEntries(_ batch: RowBatch, index: StoreIndex) throws {
        guard let file, let root = roots[index.name] else { throw ImportError.failed("\(index.name): not in the store") }
        let builder = entryBuilders[index.name] ?? BTreeBuilder(file: file, root: root, kind: .index)
        entryBuilders[index.name] = builder
        try batch.forEach { try builder.add(record: $0) }
    }

    func endTable(_ table: StoreTable) throws {
        for index in table.indexes {
            try entryBuilders[index.name]?.finish()
            entryBuilders[index.name] = nil
        }
        guard let builder = builders[table.name], let file else { return }
        try builder.finish()
        for feed in indexes[table.name] ?? [] { try feed.finish(file) }
        builders[table.name] = nil
        indexes[table.name] = nil
    }

    func commit(meta: [(key: String, value: String)]) throws {
        guard let file else { return }
        try file.finish()
        self.file = nil
        do {
            let db = try Database(path: temporary, readOnly: false)
            ImportSignals.database = db.handle
            defer { ImportSignals.database = nil }
            try db.execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN")
            for (key, value) in meta {
                try db.run("INSERT INTO meta(key, value) VALUES(?, ?)", [.text(key), .text(value)])
            }
            try db.execute("PRAGMA analysis_limit=2000; ANALYZE; COMMIT")
        }
        TemporaryStore.sync(temporary)
        try beforePublish()
        if rename(temporary, destination) != 0 {
            throw ImportError.failed("\(destination): cannot be written: " + String(cString: strerror(errno)))
        }
    }

    func discard() {
        file = nil
        builders.removeAll()
        indexes.removeAll()
        TemporaryStore.remove(temporary)
    }
}

/// The entries of one secondary index, derived from its table's rows: the index's columns, then the
/// table's primary-key columns not among them (a `WITHOUT ROWID` table) or the rowid, as SQLite
/// builds index records. A partial index's condition must be `COLUMN IS NOT NULL` or `COLUMN IS NULL`
/// (the only kinds the schema uses).
final class IndexFeed {
    let index: StoreIndex
    let root: Int
    private let columns: [Int]
    private let appendsRowid: Bool
    /// A partial index's column, and whether its rows have it NULL (`IS NULL`) or not (`IS NOT NULL`).
    private let partial: (column: Int, isNull: Bool)?
    private let sorter: RecordSorter
    private let record = RecordBuilder()
    private let key = SortKey()
    @exclusivity(unchecked) private var header = RecordColumns()

    deinit { header.release() }

    init(table: StoreTable, index: StoreIndex, root: Int, sorter: RecordSorter) throws {
        self.index = index
        self.root = root
        self.sorter = sorter
        var columns: [Int] = []
        for name in index.columns {
            guard let at = table.columnIndex(name) else { throw ImportError.failed("\(index.name): no column \(name)") }
            columns.append(at)
        }
        appendsRowid = table.primaryKey.isEmpty
        for name in table.primaryKey where !index.columns.contains(name) {
            guard let at = table.columnIndex(name) else { throw ImportError.failed("\(index.name): no column \(name)") }
            columns.append(at)
        }
        self.columns = columns
        if let condition = index.condition {
            let words = condition.split(separator: " ")
            let notNull = words.count == 4 && words[1] == "IS" && words[2] == "NOT" && words[3] == "NULL"
            let isNull = words.count == 3 && words[1] == "IS" && words[2] == "NULL"
            guard notNull || isNull, let at = table.columnIndex(String(words[0])) else {
                throw ImportError.failed("\(index.name): a partial index the import cannot build: \(condition)")
            }
            partial = (at, isNull)
        } else {
            partial = nil
        }
    }

    func add(_ row: UnsafeBufferPointer<UInt8>, rowid: Int64) throws {
        // The values are copied as they are stored (serial type and bytes): nothing is decoded but the
        // integers of the sort key.
        header.read(row)
        if let partial, (header.serial(partial.column) == 0) != partial.isNull { return }
        key.reset()
        guard let base = row.baseAddress else { return }
        for column in columns {
            let serial = header.serial(column)
            let offset = header.offset(column)
            let width = RecordColumns.width(serial)
            record.raw(serial: serial, base + offset, count: width)
            switch serial {
            case 0: key.null()
            case 1...6, 8, 9: key.int(header.integer(row, column))
            default: key.text(UnsafeBufferPointer(start: base + offset, count: width))
            }
        }
        if appendsRowid {
            record.int(rowid)
            key.int(rowid)
        }
        try sorter.add(key: key, record)
    }

    func finish(_ file: BTreeFile) throws {
        let builder = BTreeBuilder(file: file, root: root, kind: .index)
        try sorter.forEachSorted { _, entry in try builder.add(record: entry) }
        try builder.finish()
    }
}
