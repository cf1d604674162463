import CosModel
import CosQuery
import CosStore
import CosView
import Foundation
import XCTest

/// The distinct-object counts of the summaries come from `object_span` (runs of months per object).
/// Checked against `count(DISTINCT object_k)` over the tickets themselves, for periods of many lengths
/// starting in every month of the history of the committed sample data with every third charge ticket
/// left out (so that objects have gaps between their months), every organization, group and currency.
final class ObjectSpanTests: XCTestCase {
    static let sampleData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample-data").path

    func importSample() throws -> Database {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cos-span-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data")
        try FileManager.default.copyItem(atPath: Self.sampleData, toPath: data.path)
        let tickets = data.appendingPathComponent("charge_tickets.csv")
        let lines = try String(contentsOf: tickets, encoding: .utf8).split(separator: "\n")
        let kept = lines.enumerated().filter { $0.offset == 0 || $0.offset % 3 != 1 }.map(\.element)
        try (kept.joined(separator: "\n") + "\n").write(to: tickets, atomically: true, encoding: .utf8)
        let store = directory.appendingPathComponent("store.cos").path
        _ = try Importer(directory: data.path, destination: store).run()
        return try StoreFile.open(path: store)
    }

    /// `group → currency → objects` as one text per row, for comparing two queries.
    func counts(_ db: Database, _ sql: String, _ values: [SQLValue]) throws -> [String] {
        try db.rows(sql, values) { row in
            (0..<row.columnCount).map { "\(row.value($0))" }.joined(separator: "|")
        }.sorted()
    }

    func testSpansGiveTheDistinctObjectsOfEveryPeriod() throws {
        let db = try importSample()
        // The check needs objects with a gap between months with tickets, or it proves less.
        let gaps = try db.scalar("SELECT count(*) FROM object_span WHERE objects < 0")
        XCTAssertNotEqual(gaps, .integer(0), "the sample data has no object with a gap in its months")
        guard case .integer(let first)? = try db.scalar("SELECT min(month) FROM charge_ticket"),
            case .integer(let last)? = try db.scalar("SELECT max(month) FROM charge_ticket")
        else { return XCTFail("no tickets") }
        let levels: [(level: Int64, columns: String)] = [
            (0, "category_k"), (1, "object_type_k"), (2, "object_type_k, object_profile_k"),
        ]
        var compared = 0
        for from in (first - 1)...(last + 1) {
            for to in Set([0, 1, 2, 3, 5, 11, 30].map { from + $0 }).sorted() {
                for (level, columns) in levels {
                    let expected = try counts(
                        db,
                        """
                        SELECT organization_k, \(columns), currency, count(DISTINCT object_k) FROM charge_ticket
                        WHERE month BETWEEN ? AND ? AND object_k IS NOT NULL
                        GROUP BY organization_k, \(columns), currency
                        """, [.integer(from), .integer(to)])
                    let actual = try counts(
                        db,
                        """
                        SELECT organization_k, \(columns), currency, sum(objects) FROM object_span
                        WHERE level = ? AND from_month <= ? AND to_month >= ?
                        GROUP BY organization_k, \(columns), currency HAVING sum(objects) <> 0
                        """, [.integer(level), .integer(to), .integer(from)])
                    XCTAssertEqual(actual, expected, "level \(level), months \(from)...\(to)")
                    compared += expected.count
                }
            }
        }
        XCTAssertGreaterThan(compared, 1000)
    }

    func testSummaryObjectsMatchTheTickets() throws {
        let db = try importSample()
        let overview = Overview(source: db)
        let asOf = CivilDate(year: 2026, month: 10, day: 31) ?? CivilDate(daysSinceEpoch: 0)
        let period = Period.defaultPeriod(asOf: asOf)
        let view = try overview.organization(1, asOf: asOf, period: period)
        guard let table = view.tables.first(where: { $0.name == "by_category" }),
            let idColumn = table.columns.firstIndex(where: { $0.name == "category_id" }),
            let currencyColumn = table.columns.firstIndex(where: { $0.name == "currency" }),
            let objectsColumn = table.columns.firstIndex(where: { $0.name == "objects" })
        else { return XCTFail("no by_category table") }
        XCTAssertFalse(table.rows.isEmpty)
        for row in table.rows {
            guard case .text(let id) = row[idColumn], case .text(let currency) = row[currencyColumn] else { continue }
            let expected = try db.scalar(
                """
                SELECT count(DISTINCT t.object_k) FROM charge_ticket t JOIN product_category c ON c.k = t.category_k
                WHERE t.organization_k = 1 AND c.id = ? AND t.currency = ? AND t.month BETWEEN ? AND ?
                """,
                [.text(id), .text(currency), .integer(Int64(period.from.ordinal)), .integer(Int64(period.to.ordinal))])
            guard case .integer(let count)? = expected else { return XCTFail("no count") }
            XCTAssertEqual(row[objectsColumn], .int(Int(count)), "category \(id) \(currency)")
        }
    }
}
