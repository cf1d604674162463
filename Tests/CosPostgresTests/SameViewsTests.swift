import CosPostgres
import CosStore
import Foundation
import XCTest

/// The PostgreSQL source answers every view exactly as the SQLite store: the JSON of a full pass over
/// every view of every organization is byte-for-byte the same from both. The test database sorts text
/// by an ICU locale (`en-US`), so any text column or comparison that is not bytewise shows here.
final class SameViewsTests: XCTestCase {
    func testEveryViewOfEveryOrganizationOfTheSampleDataIsTheSameJSONFromBothSources() throws {
        let schema = try TestServer.sample()
        try assertSameViews(store: try TestServer.sampleStore(), schema: schema, minimumCommands: 3000)
    }

    /// Names, numbers and ids that sort differently by a locale than bytewise, and empty optional values.
    func testNamesThatALocaleWouldSortOtherwiseComeInTheSameOrder() throws {
        _ = try TestServer.conninfo()
        let directory = try OrderingData.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let schema = TestServer.schema("ordering")
        defer { TestServer.drop(schema) }
        _ = try PostgresImport(input: .directory(directory), conninfo: try TestServer.conninfo(), target: schema).run()
        let storePath = NSTemporaryDirectory() + "cos-ordering-\(UUID().uuidString).cos"
        _ = try Importer(directory: directory, destination: storePath).run()
        defer { try? FileManager.default.removeItem(atPath: storePath) }
        let store = try StoreFile.open(path: storePath)
        // The order the test is about: bytewise, upper case before lower case, `9` after `10`.
        let objects = try FullPass.run(["cd /id:o-10", "ls objects"], on: store)
        XCTAssertTrue(objects.contains(#""name":"10"},{"id":"b9","name":"9"},{"id":"B2","name":"Beta"}"#), objects)
        try assertSameViews(store: store, schema: schema, minimumCommands: 100)
    }
}
