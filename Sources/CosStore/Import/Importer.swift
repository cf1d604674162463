import CosModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Imports a billing export directory into a cos store file, atomically.
///
/// The store is written to a temporary file beside the destination and renamed over it only when every
/// file was loaded and every rule of the contract checked. Bad data, a disk error or a signal (SIGINT,
/// SIGTERM, SIGHUP) removes the temporary file and leaves an existing destination untouched. The whole
/// load is one transaction with journaling and syncing off (the file is discarded on failure anyway);
/// indexes are built after the load, then the rollups, then `ANALYZE`.
public struct Importer {
    public let directory: String
    public let destination: String
    public let progress: ((ImportProgress) -> Void)?
    /// Extra rows for the store's `meta` table (the cache writes its key there).
    public var extraMeta: [String: String] = [:]
    /// Replace a destination that is not a cos store (`--force`); never a device, a directory or an
    /// input file (`WriteTarget.checkStore`).
    public var force = false

    /// - Parameters:
    ///   - directory: the data directory (the nine CSV files and an optional `manifest.json`).
    ///   - destination: the store file to write (replaced when the import succeeds).
    ///   - progress: called about ten times a second with where the import is.
    public init(directory: String, destination: String, progress: ((ImportProgress) -> Void)? = nil) {
        self.directory = directory
        self.destination = destination
        self.progress = progress
    }

    /// Runs the import. Throws `ImportError` (its description is the full report).
    public func run() throws -> ImportSummary {
        let started = Date()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ImportError.failed("\(directory): no such directory")
        }
        try checkDestination()
        TemporaryStore.removeStale(for: destination)
        let temporary = TemporaryStore.path(for: destination)
        TemporaryStore.remove(temporary)
        let rows: [(file: String, rows: Int)]
        // The handlers stay until the rename is done: a signal before it still cancels the import.
        let previousHandlers = ImportSignals.install()
        defer { ImportSignals.restore(previousHandlers) }
        do {
            rows = try load(into: temporary)
            TemporaryStore.sync(temporary)
            try ImportSignals.check()
            // Again just before the rename: the path may have changed during the import.
            try checkDestination()
            if rename(temporary, destination) != 0 {
                throw ImportError.failed("\(destination): cannot be written: " + String(cString: strerror(errno)))
            }
        } catch {
            TemporaryStore.remove(temporary)
            if let error = error as? ImportError { throw error }
            if let error = error as? WriteTargetError { throw ImportError.failed(error.message) }
            if let error = error as? DatabaseError {
                if error.isInterrupt { throw ImportSignals.interruption(ImportSignals.caught.load(ordering: .relaxed)) }
                throw ImportError.failed("\(destination): \(error.message)")
            }
            if let error = error as? CSVFileError { throw ImportError.failed(error.description) }
            throw ImportError.failed("\(destination): \(error)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.int64Value ?? 0
        return ImportSummary(rows: rows, seconds: Date().timeIntervalSince(started), destination: destination, storeBytes: size)
    }

    /// Throws when the destination is not a place for a store (`WriteTarget.checkStore`).
    private func checkDestination() throws {
        let inputs = ExportFile.allCases.map { directory + "/" + $0.fileName } + [directory + "/manifest.json", directory]
        do { try WriteTarget.checkStore(destination, inputs: inputs, force: force) } catch let error as WriteTargetError {
            throw ImportError.failed(error.message)
        }
    }

    /// Loads and checks everything into `path`; the connection is closed when this returns.
    private func load(into path: String) throws -> [(file: String, rows: Int)] {
        let db = try Database(path: path, readOnly: false, create: true)
        return try ImportSignals.interrupting(db) { try load(db) }
    }

    private func load(_ db: Database) throws -> [(file: String, rows: Int)] {
        // No journal and no syncing: a failed import throws the file away, so there is nothing to roll
        // back or recover. A 128 MB page cache and two sorter threads for building the indexes: SQLite's
        // sorter may hold about a cache's worth per thread, so memory stays near 0.5 GB plus the
        // dimension maps, whatever the number of tickets and events.
        try db.execute(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;
            PRAGMA cache_size=-131072; PRAGMA temp_store=FILE; PRAGMA threads=2;
            """)
        try db.execute("BEGIN")
        for table in StoreSchema.tables { try db.execute(table) }

        let reporter = ProgressReporter(progress)
        var problems = ImportProblems()
        let manifest = Manifest.read(directory: directory, &problems)
        let loader = ExportLoader(directory: directory, db: db, progress: reporter)
        loader.problems = problems
        try loader.loadAll()
        try ImportSignals.check()

        // The fact files' ids are unique by the store's unique index (built first, as it is needed).
        reporter.begin("indexes")
        for file in [ExportFile.chargeTickets, .usageEvents] {
            try loader.checkUniqueIDs(file)
        }
        guard loader.problems.isEmpty else {
            throw ImportError(kind: .badData, lines: loader.problems.report(), problemCount: loader.problems.count)
        }
        let factIndexes = Set([ExportFile.chargeTickets, .usageEvents].map { "CREATE UNIQUE INDEX \($0.table)_id " })
        let indexes = StoreSchema.indexes.filter { index in !factIndexes.contains(where: { index.hasPrefix($0) }) }
        for (done, index) in indexes.enumerated() {
            reporter.advance(done, of: indexes.count)
            try db.execute(index)
        }
        reporter.end()
        reporter.begin("rollups")
        // usage_rollup was summed during the load of the events.
        for rollup in StoreSchema.rollups where rollup != StoreSchema.usageRollup {
            do { try db.execute(rollup) } catch let error as DatabaseError where error.isIntegerOverflow {
                throw try loader.ticketSumOverflow() ?? error
            }
        }
        reporter.end()
        reporter.begin("statistics")
        try db.execute("PRAGMA analysis_limit=2000; ANALYZE")
        reporter.end()

        var meta: [String: String] = [
            "format": StoreSchema.formatName,
            "format_version": String(StoreSchema.formatVersion),
            "source": URL(fileURLWithPath: directory).standardizedFileURL.path,
            "created": Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).description,
        ]
        if let bytes = manifest.bytes { loader.fingerprint.add(name: "manifest.json", bytes: bytes) }
        meta[ExportFingerprint.metaKey] = loader.fingerprint.value
        if let asOf = manifest.asOf { meta["as_of"] = asOf.description }
        if let name = manifest.name { meta["name"] = name }
        var rows: [(file: String, rows: Int)] = []
        for file in ExportFile.allCases {
            let count = loader.rowCounts[file, default: 0]
            rows.append((file.fileName, count))
            meta["rows." + file.table] = String(count)
        }
        for (key, value) in extraMeta { meta[key] = value }
        for (key, value) in meta.sorted(by: { $0.key < $1.key }) {
            try db.run("INSERT INTO meta(key, value) VALUES(?, ?)", [.text(key), .text(value)])
        }
        try db.execute("COMMIT")
        return rows
    }
}
