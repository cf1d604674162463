import CosPostgres
import CosStore
import Foundation
import XCTest

/// The PostgreSQL server of the tests. `scripts/test` starts a throwaway one and passes its connection
/// string in `COS_TEST_POSTGRES` (and sets `COS_TEST_POSTGRES_REQUIRED=1`, so that a missing server
/// fails instead of skipping). A plain `swift test` without it skips these tests with that message.
enum TestServer {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "COS_TEST_POSTGRES is not set although COS_TEST_POSTGRES_REQUIRED=1: scripts/test should have started a server"
        }
    }

    static let environment = ProcessInfo.processInfo.environment

    /// The connection string, or a skip (a failure under scripts/test).
    static func conninfo() throws -> String {
        if let conninfo = environment["COS_TEST_POSTGRES"], !conninfo.isEmpty { return conninfo }
        if environment["COS_TEST_POSTGRES_REQUIRED"] == "1" { throw Missing() }
        throw XCTSkip(
            "no PostgreSQL server for this test: set COS_TEST_POSTGRES to a connection string (scripts/test starts a "
                + "throwaway server and sets it)")
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let sampleData = root.appendingPathComponent("sample-data").path

    /// A schema name of its own for a test: `t_BASE_PID_RANDOM`.
    static func schema(_ base: String) -> SchemaName {
        // Valid by construction: lower-case letters, digits and _.
        (try? SchemaName("t_\(base)_\(getpid())_\(UInt32.random(in: 0...999_999))")) ?? SchemaName.standard
    }

    /// A read-write connection for setting tests up (creating tables, dropping schemas).
    static func admin() throws -> PostgresConnection {
        let connection = try PostgresConnection(try conninfo())
        try connection.execute("SET client_min_messages = warning")
        return connection
    }

    static func drop(_ schema: SchemaName) {
        guard let connection = try? admin() else { return }
        try? connection.execute("DROP SCHEMA IF EXISTS \(schema.quoted) CASCADE")
    }

    nonisolated(unsafe) private static var sampleSchema: SchemaName?
    private static let lock = NSLock()

    /// sample-data/ imported once per test process (through `cos import --to`'s code) into a schema of
    /// its own; tests only read it.
    static func sample() throws -> SchemaName {
        lock.lock()
        defer { lock.unlock() }
        if let sampleSchema { return sampleSchema }
        let schema = Self.schema("sample")
        _ = try PostgresImport(input: .directory(sampleData), conninfo: try conninfo(), target: schema).run()
        sampleSchema = schema
        return schema
    }

    /// A read-only source on a schema.
    static func source(_ schema: SchemaName) throws -> PostgresSource {
        try PostgresSource(conninfo: try conninfo(), schema: schema)
    }

    /// sample-data/ imported into a temporary SQLite store, opened read-only.
    nonisolated(unsafe) private static var sqlite: Database?

    static func sampleStore() throws -> Database {
        lock.lock()
        defer { lock.unlock() }
        if let sqlite { return sqlite }
        let store = NSTemporaryDirectory() + "cos-pg-tests-\(getpid())-\(UUID().uuidString).cos"
        _ = try Importer(directory: sampleData, destination: store).run()
        let db = try StoreFile.open(path: store)
        try? FileManager.default.removeItem(atPath: store)
        sqlite = db
        return db
    }
}
