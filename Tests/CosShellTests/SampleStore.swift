import CosModel
import CosPostgres
import CosStore
import Foundation

/// The shipped sample data, imported once per test run into a temporary store.
enum SampleStore {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sampleData = root.appendingPathComponent("sample-data").path

    nonisolated(unsafe) private static var opened: Database?
    private static let lock = NSLock()

    /// A read-only store of sample-data/ (imported on first use).
    static func shared() throws -> Database {
        lock.lock()
        defer { lock.unlock() }
        if let opened { return opened }
        let cache = NSTemporaryDirectory() + "cos-tests-\(getpid())"
        let data = try DataOpener.open(path: sampleData, cacheDirectory: cache)
        opened = data.database
        return data.database
    }
}

extension SampleStore {
    nonisolated(unsafe) private static var postgres: PostgresSource?

    /// Where the transcripts are answered from: the sample store, or with `COS_TEST_SOURCE=postgres`
    /// (scripts/test's second run of the view suite) the sample data loaded by `cos import --to` into a
    /// schema of the test server (`COS_TEST_POSTGRES`).
    static func viewSource() throws -> any BillingSource {
        guard ProcessInfo.processInfo.environment["COS_TEST_SOURCE"] == "postgres" else { return try shared() }
        if let postgres { return postgres }
        guard let conninfo = ProcessInfo.processInfo.environment["COS_TEST_POSTGRES"], !conninfo.isEmpty else {
            throw SampleStoreError(description: "COS_TEST_SOURCE=postgres needs COS_TEST_POSTGRES (scripts/test sets both)")
        }
        let schema = try SchemaName("transcripts_\(getpid())")
        _ = try PostgresImport(input: .directory(sampleData), conninfo: conninfo, target: schema).run()
        let source = try PostgresSource(conninfo: conninfo, schema: schema)
        postgres = source
        return source
    }
}

struct SampleStoreError: Error, CustomStringConvertible {
    let description: String
}

/// A fixed "today" for tests; the sample data's manifest gives the as-of date anyway.
enum CivilDateToday {
    static let fixed = CivilDate(parsing: "2026-11-24")
}
