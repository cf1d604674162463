import CosPostgres
import CosStore
import Foundation

/// Stores for the tests, made by the real checked import (`Importer`) and opened read-only as the shell
/// opens them.
///
/// With `COS_TEST_SOURCE=postgres` (scripts/test runs this suite a second time so), every data set is
/// also loaded by `cos import --to` into a schema of the test server (`COS_TEST_POSTGRES`), and
/// `viewSource` answers the views from there: the same hand-computed figures are checked against the
/// PostgreSQL source. Keys are the same in both (one loader), so tests may look them up in the store.
enum FixtureStore {
    struct FixtureError: Error, CustomStringConvertible {
        let description: String
    }

    /// Imports CSV texts (file name without `.csv` → text) into a fresh store and opens it.
    static func importing(_ files: [String: String]) throws -> Database {
        let directory = NSTemporaryDirectory() + "cos-query-fixture-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, text) in files {
            try text.write(toFile: directory + "/" + name + ".csv", atomically: true, encoding: .utf8)
        }
        return try importing(directory: directory)
    }

    /// Imports a data directory into a temporary store file and opens it read-only.
    static func importing(directory: String) throws -> Database {
        let store = NSTemporaryDirectory() + "cos-query-" + UUID().uuidString + ".cosstore"
        _ = try Importer(directory: directory, destination: store).run()
        let db = try StoreFile.open(path: store)
        // The open connection keeps the data; the name can go.
        try? FileManager.default.removeItem(atPath: store)
        if PostgresFixtures.enabled { try PostgresFixtures.load(directory: directory, for: db) }
        return db
    }

    /// Where the views of a test are answered from: the store, or its PostgreSQL copy (see above).
    static func viewSource(_ db: Database) throws -> any BillingSource {
        PostgresFixtures.enabled ? try PostgresFixtures.source(for: db) : db
    }
}

/// The PostgreSQL copies of the test stores: one schema per distinct data set and process.
enum PostgresFixtures {
    static var enabled: Bool { ProcessInfo.processInfo.environment["COS_TEST_SOURCE"] == "postgres" }

    nonisolated(unsafe) private static var schemas: [String: SchemaName] = [:]
    /// Each store with its schema (the store is kept, so that its identity is never reused).
    nonisolated(unsafe) private static var stores: [(db: Database, schema: SchemaName)] = []
    nonisolated(unsafe) private static var sources: [SchemaName: PostgresSource] = [:]
    private static let lock = NSLock()

    static func conninfo() throws -> String {
        guard let conninfo = ProcessInfo.processInfo.environment["COS_TEST_POSTGRES"], !conninfo.isEmpty else {
            throw FixtureStore.FixtureError(description: "COS_TEST_SOURCE=postgres needs COS_TEST_POSTGRES (scripts/test sets both)")
        }
        return conninfo
    }

    static func load(directory: String, for db: Database) throws {
        // The data set, named by its files' contents.
        var fingerprint = ""
        for name in (try FileManager.default.contentsOfDirectory(atPath: directory)).sorted() {
            let bytes = FileManager.default.contents(atPath: directory + "/" + name) ?? Data()
            fingerprint += name + ":" + String(bytes.count) + ":" + String(hash(bytes)) + ";"
        }
        lock.lock()
        defer { lock.unlock() }
        if let schema = schemas[fingerprint] {
            stores.append((db, schema))
            return
        }
        let schema = try SchemaName("q_\(getpid())_\(schemas.count)_\(UInt16.random(in: 0...9999))")
        _ = try PostgresImport(input: .directory(directory), conninfo: try conninfo(), target: schema).run()
        schemas[fingerprint] = schema
        stores.append((db, schema))
    }

    static func source(for db: Database) throws -> PostgresSource {
        lock.lock()
        defer { lock.unlock() }
        guard let schema = stores.last(where: { $0.db === db })?.schema else {
            throw FixtureStore.FixtureError(description: "this store has no PostgreSQL copy")
        }
        if let source = sources[schema] { return source }
        let source = try PostgresSource(conninfo: try conninfo(), schema: schema)
        sources[schema] = source
        return source
    }

    /// FNV-1a of the bytes.
    static func hash(_ data: Data) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h
    }
}
