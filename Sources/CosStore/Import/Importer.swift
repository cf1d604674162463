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
/// SIGTERM, SIGHUP) removes the temporary file and leaves an existing destination untouched.
///
/// The loader (`ExportLoader`) reads, checks and keys the rows and computes every table; the store is
/// one `ImportSink` (`SQLiteStoreSink`). `run(into:)` takes any other sink (a PostgreSQL schema).
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

    /// Runs the import into the SQLite store at `destination`. Throws `ImportError` (its description is
    /// the full report).
    public func run() throws -> ImportSummary {
        let started = Date()
        try checkDirectory()
        try checkDestination()
        TemporaryStore.removeStale(for: destination)
        let scratch = ScratchSpace(directory: URL(fileURLWithPath: destination).deletingLastPathComponent().path)
        let sink = SQLiteStoreSink(destination: destination, scratch: scratch)
        // Checked again just before the rename: the path may have changed during the import.
        sink.beforePublish = { [self] in
            try ImportSignals.check()
            try checkDestination()
        }
        let rows = try run(into: sink, scratch: scratch)
        let size = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.int64Value ?? 0
        return ImportSummary(rows: rows, seconds: Date().timeIntervalSince(started), destination: destination, storeBytes: size)
    }

    /// Runs the import into any sink: the same reading, checks, messages and tables. Scratch files for
    /// sorting go to `scratch` (unlinked at once). Returns the rows read per file. Throws `ImportError`;
    /// the sink is discarded then.
    public func run(into sink: ImportSink, scratchDirectory: String) throws -> [(file: String, rows: Int)] {
        try checkDirectory()
        return try run(into: sink, scratch: ScratchSpace(directory: scratchDirectory))
    }

    private func checkDirectory() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ImportError.failed("\(directory): no such directory")
        }
    }

    private func run(into sink: ImportSink, scratch: ScratchSpace) throws -> [(file: String, rows: Int)] {
        // The handlers stay until the sink has published: a signal before that still cancels the import.
        MemoryRelease.configure()
        let previousHandlers = ImportSignals.install()
        defer { ImportSignals.restore(previousHandlers) }
        let writer = WriterThread()
        defer { writer.close() }
        do {
            return try load(into: sink, writer: writer, scratch: scratch)
        } catch {
            // Nothing may write once the sink is discarded.
            writer.cancel()
            sink.discard()
            if let error = error as? ImportError { throw error }
            if error is CancellationError, ImportSignals.caught.load(ordering: .relaxed) != 0 {
                throw ImportSignals.interruption(ImportSignals.caught.load(ordering: .relaxed))
            }
            if let error = error as? WriteTargetError { throw ImportError.failed(error.message) }
            if let error = error as? DatabaseError {
                if error.isInterrupt { throw ImportSignals.interruption(ImportSignals.caught.load(ordering: .relaxed)) }
                throw ImportError.failed("\(destination): \(error.message)")
            }
            if let error = error as? CSVFileError { throw ImportError.failed(error.description) }
            throw ImportError.failed("\(destination): \(error)")
        }
    }

    /// Throws when the destination is not a place for a store (`WriteTarget.checkStore`).
    private func checkDestination() throws {
        let inputs = ExportFile.allCases.map { directory + "/" + $0.fileName } + [directory + "/manifest.json", directory]
        do { try WriteTarget.checkStore(destination, inputs: inputs, force: force) } catch let error as WriteTargetError {
            throw ImportError.failed(error.message)
        }
    }

    private func load(into sink: ImportSink, writer: WriterThread, scratch: ScratchSpace) throws -> [(file: String, rows: Int)] {
        try writer.submit { try sink.begin(tables: StoreSchema.tables) }
        let reporter = ProgressReporter(progress)
        var problems = ImportProblems()
        let manifest = Manifest.read(directory: directory, &problems)
        let loader = ExportLoader(directory: directory, sink: sink, writer: writer, scratch: scratch, progress: reporter)
        loader.problems = problems
        try loader.loadAll()
        try ImportSignals.check()
        // What the writer thread still does after the last file was read: the last tables and indexes.
        // Meanwhile this thread sorts the fact ids' partitions.
        reporter.begin("writing")
        try loader.findIDCandidates()
        try writer.finish()
        try loader.finishIDChecks()
        reporter.end()
        guard loader.problems.isEmpty else {
            throw ImportError(kind: .badData, lines: loader.problems.report(), problemCount: loader.problems.count)
        }
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
        reporter.begin("statistics")
        let metaRows = meta.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        try writer.submit { try sink.commit(meta: metaRows) }
        try writer.finish()
        reporter.end()
        return rows
    }
}
