import CosStore
import Foundation
import XCTest

/// The tables the import sums while the rows stream in equal plain SQL over the store's base tables
/// (`StoreSchema.derivations`), for the sample data and the hand-made fixtures.
final class DerivedTablesTests: XCTestCase {
    func testSampleDataDerivedTablesAgreeWithPlainSQL() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let directory = root.appendingPathComponent("sample-data").path
        guard FileManager.default.fileExists(atPath: directory + "/organizations.csv") else {
            throw XCTSkip("no sample-data directory")
        }
        XCTAssertEqual(try StoreSchema.derivationMismatches(in: try FixtureStore.importing(directory: directory)), [], "sample-data")
    }

    func testFixturesDerivedTablesAgreeWithPlainSQL() throws {
        XCTAssertEqual(try StoreSchema.derivationMismatches(in: try FixtureStore.importing(CompareBillingData.files)), [], "compare fixture")
        XCTAssertEqual(try StoreSchema.derivationMismatches(in: try FixtureStore.importing(AuditBillingData.files)), [], "audit fixture")
        XCTAssertEqual(try StoreSchema.derivationMismatches(in: try FixtureStore.importing(TinyBillingData.files)), [], "tiny fixture")
    }

    /// The check sees a derived row that is missing: a rollup that lost a row is reported.
    func testAMissingDerivedRowIsReported() throws {
        let db = try FixtureStore.importing(TinyBillingData.files)
        let table = try XCTUnwrap(StoreSchema.derivations.first { $0.table.name == "ticket_rollup" }).table.name
        // The store is read-only: a temporary table of the same name, one row short, shadows it.
        try db.execute("CREATE TEMP TABLE \(table) AS SELECT * FROM main.\(table) WHERE rowid > (SELECT min(rowid) FROM main.\(table))")
        let mismatches = try StoreSchema.derivationMismatches(in: db)
        XCTAssertTrue(mismatches.contains { $0.hasPrefix("\(table): ") && $0.contains("missing from the store") }, "\(mismatches)")
    }
}
