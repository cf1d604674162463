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

    /// The last hit is remembered: repeated lookups, an id of the same length after it, a miss after
    /// it, and an id inserted after a miss all answer as the table does.
    func testRepeatedLookupsAnswerExactly() {
        let table = IDTable()
        XCTAssertNil(table.insert("obj-1", value: 1))
        XCTAssertNil(table.insert("obj-2", value: 2))
        for _ in 0..<3 { XCTAssertEqual(table.find("obj-1"), 1) }
        XCTAssertEqual(table.find("obj-2"), 2)
        XCTAssertNil(table.find("obj-3"))
        XCTAssertNil(table.find("obj-"))
        XCTAssertEqual(table.find("obj-2"), 2)
        XCTAssertNil(table.insert("obj-3", value: 3))
        XCTAssertEqual(table.find("obj-3"), 3)
        XCTAssertEqual(table.find("obj-1"), 1)
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

    /// Canonical UUIDs are packed into 16 bytes, losslessly: case, hyphens and every digit still tell
    /// ids apart, and the id comes back as written.
    func testUUIDsArePackedExactly() {
        let table = IDTable()
        let ids = [
            "3f2b8c1e-9d4a-4e6b-8a7f-0c1d2e3f4a5b", "3F2B8C1E-9D4A-4E6B-8A7F-0C1D2E3F4A5B",
            "3f2b8c1e-9d4a-4e6b-8a7f-0C1D2E3F4A5B", "3f2b8c1e-9d4a-4e6b-8a7f-0c1d2e3f4a5c",
            "3f2b8c1e-9d4a-4e6b-8a7f_0c1d2e3f4a5b", "12345678-1234-1234-1234-123456789012",
            "3f2b8c1e9d4a4e6b8a7f0c1d2e3f4a5bxxxx", "0123456789abcdef", "0123456789abcdefg", "",
        ]
        for (i, id) in ids.enumerated() { XCTAssertNil(table.insert(id, value: i + 1), id) }
        for (i, id) in ids.enumerated() {
            XCTAssertEqual(table.find(id), i + 1, id)
            XCTAssertEqual(table.text(ofValue: i + 1), id)
            XCTAssertEqual(table.insert(id, value: 99), i + 1, "a second insert finds the first")
        }
        XCTAssertNil(table.find("3f2b8c1e-9d4a-4e6b-8a7f-0c1d2e3f4a5d"))
        // Growth rehashes every kind of entry.
        for i in 0..<5000 { _ = table.insert(String(format: "%08x-0000-4000-8000-%012x", i, i * 7), value: 100 + i) }
        for (i, id) in ids.enumerated() { XCTAssertEqual(table.find(id), i + 1, id) }
        XCTAssertEqual(table.find(String(format: "%08x-0000-4000-8000-%012x", 4321, 4321 * 7)), 4421)
        XCTAssertEqual(table.text(ofValue: 4421), String(format: "%08x-0000-4000-8000-%012x", 4321, 4321 * 7))
    }
}
