import CosModel
@testable import CosQuery
import CosStore
import Foundation
import XCTest

/// A test case over the shipped sample data (`sample-data/`), imported once per test by the real
/// checked import: the store (for SQL written in the test), the aggregation core over it (or over its
/// PostgreSQL copy, see `FixtureStore`), and the data's as-of date with its default period. Skips when
/// the repository has no sample data.
class SampleDataTestCase: XCTestCase {
    var db: Database!
    var overview: Overview!
    var asOf = CivilDate(daysSinceEpoch: 0)
    var period = Period.defaultPeriod(asOf: CivilDate(daysSinceEpoch: 0))

    override func setUpWithError() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let directory = root.appendingPathComponent("sample-data").path
        guard FileManager.default.fileExists(atPath: directory + "/organizations.csv") else {
            throw XCTSkip("no sample-data directory")
        }
        db = try FixtureStore.importing(directory: directory)
        overview = Overview(source: try FixtureStore.viewSource(db))
        asOf = try XCTUnwrap(try db.metadata()["as_of"].flatMap { CivilDate(parsing: $0) }, "the sample store has an as_of")
        period = Period.defaultPeriod(asOf: asOf)
    }
}
