import CosStore
import XCTest

/// The streamed derived tables of a store against `StoreSchema.derivations` (plain SQL over its base
/// tables): the same rows, none more, none fewer.
enum DerivationCheck {
    static func assertDerivedTablesAgree(_ db: Database, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for derivation in StoreSchema.derivations {
            let name = derivation.table.name
            let columns = derivation.table.columns.map(\.name).joined(separator: ", ")
            let stored = "SELECT \(columns) FROM \(name)"
            let derived = "SELECT * FROM (\(derivation.select)) derived"
            let count = { (sql: String) throws -> Int64 in
                guard case .integer(let n)? = try db.scalar("SELECT count(*) FROM (\(sql)) x") else { return -1 }
                return n
            }
            XCTAssertEqual(try count(stored), try count(derived), "\(what): rows of \(name)", file: file, line: line)
            XCTAssertEqual(try count("\(stored) EXCEPT \(derived)"), 0, "\(what): \(name) rows the SQL does not give", file: file, line: line)
            XCTAssertEqual(try count("\(derived) EXCEPT \(stored)"), 0, "\(what): \(name) rows missing from the store", file: file, line: line)
        }
    }
}
