import CosModel
import CosQuery
import CosStore
import XCTest

/// A test case over one hand-written data set (`files`, imported fresh for each test), with keys looked
/// up by export id. Subclasses name their data set and period.
class FixtureStoreTestCase: XCTestCase {
    var db: Database!
    var overview: Overview!

    /// The data set's files by name; the tiny data set unless a subclass names another.
    class var files: [String: String] { TinyBillingData.files }

    override func setUpWithError() throws {
        db = try FixtureStore.importing(Self.files)
        overview = Overview(source: try FixtureStore.viewSource(db))
    }

    /// The store key of an export id in a table (`organization`, `object`, ...). The table name is a
    /// test constant.
    func key(_ table: String, _ id: String) throws -> Key {
        guard case .integer(let k)? = try db.scalar("SELECT k FROM \(table) WHERE id = ?", [.text(id)]) else {
            throw FixtureStore.FixtureError(description: "no \(table) \(id)")
        }
        return k
    }

    func org(_ id: String) throws -> Key { try key("organization", id) }

    /// The organization of a row of a per-organization table (`object`, `contract`, `invoice`).
    func owner(_ table: String, _ id: String) throws -> Key {
        guard case .integer(let k)? = try db.scalar("SELECT organization_k FROM \(table) WHERE id = ?", [.text(id)]) else {
            throw FixtureStore.FixtureError(description: "no \(table) \(id)")
        }
        return k
    }
}

/// A test case over the tiny data set, with P = 2026-01..2026-04.
class TinyStoreTestCase: FixtureStoreTestCase {
    let P = period("2026-01", "2026-04")
}
