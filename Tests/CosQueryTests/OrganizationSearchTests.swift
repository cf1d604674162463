import CosModel
import CosQuery
import CosStore
import Foundation
import XCTest

/// Search and completion rank organizations in memory (OrganizationIndex). Checked against the ranking
/// written as SQL over the store, for many texts typed against the committed sample data.
final class OrganizationSearchTests: XCTestCase {
    func testInMemoryRankingEqualsTheSQLRanking() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cos-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("store.cos").path
        _ = try Importer(directory: ObjectSpanTests.sampleData, destination: store).run()
        let db = try StoreFile.open(path: store)
        let overview = Overview(source: db)
        var texts: Set<String> = ["a", "ab", "o", " ", "%", "_", "AB", "åkesson", "nordic", "zzz", "co", "& s"]
        for row in try db.rows("SELECT id, name, number FROM organization", [], { ($0.text(0), $0.text(1), $0.text(2)) }) {
            if let id = row.0 { texts.insert(id) }
            if let number = row.2 { texts.insert(number) }
            if let name = row.1 {
                texts.insert(String(name.prefix(2)))
                for word in name.split(separator: " ") { texts.insert(String(word.prefix(3))) }
            }
        }
        for text in texts.sorted() {
            let raw = text.trimmingCharacters(in: .whitespaces)
            let folded = TextFolding.fold(raw)
            let found = try overview.searchOrganizations(text, limit: 7)
            guard !folded.isEmpty else {
                XCTAssertEqual(found.total, 0)
                continue
            }
            var escaped = ""
            for c in folded {
                if c == "%" || c == "_" || c == "\\" { escaped.append("\\") }
                escaped.append(c)
            }
            let expected = try db.rows(
                """
                SELECT k FROM organization
                WHERE number = ?1 OR id = ?1 OR search_name LIKE '%' || ?2 || '%' ESCAPE '\\'
                ORDER BY CASE WHEN number = ?1 OR id = ?1 THEN 0
                              WHEN search_name LIKE ?2 || '%' ESCAPE '\\' THEN 1
                              WHEN search_name LIKE '% ' || ?2 || '%' ESCAPE '\\' THEN 2 ELSE 3 END,
                         search_name, k
                """, [.text(raw), .text(escaped)], { $0.int64(0) })
            XCTAssertEqual(found.total, expected.count, "total for \(text)")
            XCTAssertEqual(found.matches.map(\.key), Array(expected.prefix(7)), "order for \(text)")
        }
    }
}
