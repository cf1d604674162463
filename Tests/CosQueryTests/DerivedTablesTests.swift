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
        try DerivationCheck.assertDerivedTablesAgree(try FixtureStore.importing(directory: directory), "sample-data")
    }

    func testFixturesDerivedTablesAgreeWithPlainSQL() throws {
        try DerivationCheck.assertDerivedTablesAgree(try FixtureStore.importing(CompareBillingData.files), "compare fixture")
        try DerivationCheck.assertDerivedTablesAgree(try FixtureStore.importing(AuditBillingData.files), "audit fixture")
        try DerivationCheck.assertDerivedTablesAgree(try FixtureStore.importing(TinyBillingData.files), "tiny fixture")
    }
}
