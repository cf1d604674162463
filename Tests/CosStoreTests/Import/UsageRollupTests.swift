import Foundation
import XCTest

@testable import CosStore

/// `cos import` sums `object_usage` and `usage_rollup` while it loads the events; `usage_rollup` must
/// hold exactly what SQL computes from `object_usage`, and the events must all be counted.
final class UsageRollupTests: XCTestCase {
    private func rows(_ db: Database, _ sql: String) throws -> [String] {
        try db.rows(sql) { row in (0..<4).map { String(row.int64($0)) }.joined(separator: "|") }
    }

    private func check(_ directory: String) throws {
        let destination = NSTemporaryDirectory() + "cos-usage-rollup-\(UUID().uuidString).cos"
        defer { try? FileManager.default.removeItem(atPath: destination) }
        _ = try Importer(directory: directory, destination: destination).run()
        let db = try Database(path: destination, readOnly: true)
        let loaded = try rows(db, "SELECT organization_k, month, events, quantity FROM usage_rollup ORDER BY 1, 2")
        let computed = try rows(
            db,
            """
            SELECT organization_k, month, sum(events), sum(quantity) FROM object_usage
            GROUP BY organization_k, month ORDER BY 1, 2
            """)
        XCTAssertFalse(loaded.isEmpty)
        XCTAssertEqual(loaded, computed)
        XCTAssertEqual(
            try db.rows("SELECT sum(events) FROM usage_rollup") { $0.int64(0) },
            try db.rows("SELECT value FROM meta WHERE key = 'rows.usage_event'") { Int64($0.text(0) ?? "") ?? -1 })
    }

    func testSampleDataRollupEqualsTheSQLStatement() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let directory = root.appendingPathComponent("sample-data").path
        guard FileManager.default.fileExists(atPath: directory + "/usage_events.csv") else {
            throw XCTSkip("no sample-data directory")
        }
        try check(directory)
    }

    func testTinySetRollupEqualsTheSQLStatement() throws {
        try check(try TestData.write(self))
    }
}
