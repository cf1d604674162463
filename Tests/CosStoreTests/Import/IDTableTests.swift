import CosModel
import XCTest

@testable import CosStore

final class IDTableTests: XCTestCase {
    func testExactByteComparison() {
        let table = IDTable()
        XCTAssertNil(table.insert("007", value: 1))
        XCTAssertNil(table.insert("7", value: 2))
        XCTAssertNil(table.insert("a", value: 3))
        XCTAssertNil(table.insert("A", value: 4))
        XCTAssertNil(table.insert("", value: 5))
        XCTAssertEqual(table.insert("7", value: 9), 2, "a second insert returns the first key")
        XCTAssertEqual(table.find("007"), 1)
        XCTAssertEqual(table.find("7"), 2)
        XCTAssertEqual(table.find("A"), 4)
        XCTAssertEqual(table.find(""), 5)
        XCTAssertNil(table.find("07"))
        XCTAssertNil(table.find(" 7"))
    }

    /// Growth keeps every id findable (checked against a Dictionary).
    func testManyIDsAgainstADictionary() {
        let table = IDTable()
        var expected: [String: Int] = [:]
        for i in 0..<20_000 {
            let id = i % 3 == 0 ? "ORG-\(i)" : i % 3 == 1 ? "\(i * 7919 % 100_003)" : "3f2b8c1e-9d4a-\(i)-å"
            let first = table.insert(id, value: i)
            XCTAssertEqual(first, expected[id])
            if expected[id] == nil { expected[id] = i }
        }
        XCTAssertEqual(table.count, expected.count)
        for (id, value) in expected { XCTAssertEqual(table.find(id), value) }
        XCTAssertNil(table.find("ORG-1"))
    }
}
