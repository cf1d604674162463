import CosModel
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

/// A fixed "today" for tests; the sample data's manifest gives the as-of date anyway.
enum CivilDateToday {
    static let fixed = CivilDate(parsing: "2026-11-24")
}
