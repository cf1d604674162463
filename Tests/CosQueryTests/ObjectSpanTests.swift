import CosModel
import CosQuery
import CosStore
import CosView
import Foundation
import XCTest

/// The distinct-object counts of the organization view's summaries (by category, object type and
/// object profile), checked against `count(DISTINCT object_k)` over the tickets themselves, for periods
/// of many lengths starting in every month of the history of the committed sample data with every
/// third charge ticket left out (so that objects have gaps between their months, also at the period's
/// edges), for several organizations, every group and currency.
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

    /// A view table's rows as `ids|currency|objects` texts.
    func objects(_ table: ViewTable, ids: [String]) -> [String] {
        let idColumns = ids.compactMap { id in table.columns.firstIndex(where: { $0.name == id }) }
        guard let currency = table.columns.firstIndex(where: { $0.name == "currency" }),
            let objects = table.columns.firstIndex(where: { $0.name == "objects" })
        else { return [] }
        return table.rows.map { row in
            (idColumns.map { column -> String in
                if case .text(let text) = row[column] { return text }
                return "-"
            } + ["\(row[currency])", "\(row[objects])"]).joined(separator: "|")
        }.sorted()
    }

    func testSummaryObjectsEqualDistinctObjectsOfTheTicketsForEveryPeriod() throws {
        let db = try importSample()
        guard case .integer(let first)? = try db.scalar("SELECT min(month) FROM charge_ticket"),
            case .integer(let last)? = try db.scalar("SELECT max(month) FROM charge_ticket")
        else { return XCTFail("no tickets") }
        let overview = Overview(source: db)
        let asOf = CivilDate(year: 2026, month: 10, day: 31) ?? CivilDate(daysSinceEpoch: 0)
        // (view table, id columns, the same grouping written as SQL over the tickets)
        let summaries: [(String, [String], String)] = [
            ("by_category", ["category_id"],
             "SELECT g.id, t.currency, count(DISTINCT t.object_k) FROM charge_ticket t JOIN product_category g ON g.k = t.category_k"
                + " WHERE t.organization_k = ? AND t.month BETWEEN ? AND ? GROUP BY g.id, t.currency"),
            ("by_object_type", ["object_type_id"],
             "SELECT y.id, t.currency, count(DISTINCT t.object_k) FROM charge_ticket t LEFT JOIN object_type y ON y.k = t.object_type_k"
                + " WHERE t.organization_k = ? AND t.month BETWEEN ? AND ? GROUP BY y.id, t.currency"),
            ("by_object_profile", ["object_type_id", "object_profile_id"],
             "SELECT y.id, p.id, t.currency, count(DISTINCT t.object_k) FROM charge_ticket t"
                + " LEFT JOIN object_type y ON y.k = t.object_type_k LEFT JOIN object_profile p ON p.k = t.object_profile_k"
                + " WHERE t.organization_k = ? AND t.month BETWEEN ? AND ? GROUP BY y.id, p.id, t.currency"),
        ]
        var compared = 0
        for organization in Int64(1)...6 {
            for from in (first - 1)...(last + 1) {
                for to in Set([0, 1, 2, 5, 11, 30].map { from + $0 }).sorted() {
                    guard let period = Period(from: Month(ordinal: Int(from)), to: Month(ordinal: Int(to))) else { continue }
                    let view = try overview.organization(organization, asOf: asOf, period: period)
                    for (name, ids, sql) in summaries {
                        guard let table = view.tables.first(where: { $0.name == name }) else { return XCTFail("no \(name)") }
                        let expected = try db.rows(sql, [.integer(organization), .integer(from), .integer(to)]) { row in
                            (0..<row.columnCount).map { column -> String in
                                if column == row.columnCount - 1 { return "\(Cell.int(row.int(column)))" }
                                if column == row.columnCount - 2 { return "\(Cell.text(row.text(column) ?? ""))" }
                                return row.text(column) ?? "-"
                            }.joined(separator: "|")
                        }.sorted()
                        XCTAssertEqual(objects(table, ids: ids), expected, "organization \(organization), \(name), months \(from)...\(to)")
                        compared += expected.count
                    }
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
