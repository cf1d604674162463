import Foundation
import XCTest

@testable import CosStore

/// The b-tree writer's pages are SQLite's: SQLite's integrity check passes on deep trees, rowid tables,
/// indexes, partial indexes and payloads that overflow, and SQLite reads back every row.
final class BTreeWriterTests: XCTestCase {
    private func write(rows: Int, bigEvery: Int, pageSize: Int) throws -> Database {
        let directory = try TestData.temporaryDirectory(self)
        let path = directory + "/t.db"
        let scratch = ScratchSpace(directory: directory)
        let keyed = StoreTable(
            "keyed", "test", placement: .perOrganization, primaryKey: ["organization_k", "name"],
            columns: [.int("organization_k"), .text("name"), .optionalInt("n"), .text("body")],
            indexes: [StoreIndex("keyed_n", ["n", "organization_k"], where: "n IS NOT NULL"), StoreIndex("keyed_body", ["body"])])
        let plain = StoreTable(
            "plain", "test", placement: .perOrganization, columns: [.int("organization_k"), .optionalText("note")],
            indexes: [StoreIndex("plain_org", ["organization_k"])])
        do {
            let db = try Database(path: path, readOnly: false, create: true)
            try db.execute("PRAGMA page_size=\(pageSize)")
            for table in [keyed, plain] {
                try db.execute(table.sqliteCreate)
                for index in table.sqliteIndexes { try db.execute(index) }
            }
        }
        var roots: [String: Int] = [:]
        do {
            let db = try Database(path: path, readOnly: true)
            try db.forEachRow("SELECT name, rootpage FROM sqlite_schema") { roots[$0.text(0) ?? ""] = $0.int(1) }
        }
        let file = try BTreeFile(path: path)
        let keyedTree = BTreeBuilder(file: file, root: roots["keyed"] ?? 0, kind: .index)
        let plainTree = BTreeBuilder(file: file, root: roots["plain"] ?? 0, kind: .table)
        let feeds = try keyed.indexes.map {
            try IndexFeed(table: keyed, index: $0, root: roots[$0.name] ?? 0, sorter: RecordSorter(budget: 1 << 16, scratch: scratch))
        }
        let plainFeed = try IndexFeed(
            table: plain, index: plain.indexes[0], root: roots["plain_org"] ?? 0, sorter: RecordSorter(budget: 1 << 16, scratch: scratch))
        let record = RecordBuilder()
        var bytes: [UInt8] = []
        for i in 0..<rows {
            let org = Int64(i / 1000 + 1)
            // Names sort as their numbers within an organization: zero padded.
            let name = "n" + String(repeating: "0", count: 6 - String(i).count) + String(i)
            let body = i % bigEvery == 0 ? String(repeating: "x\(i % 10)", count: 3000 + i % 5000) : "b\(i % 97)"
            record.int(org)
            record.text(name)
            record.int(i % 3 == 0 ? nil : Int64(i % 500 - 250))
            record.text(body)
            bytes.removeAll()
            record.finish(into: &bytes)
            try bytes.withUnsafeBufferPointer { row in
                try keyedTree.add(record: row)
                for feed in feeds { try feed.add(row, rowid: 0) }
            }
            record.int(org)
            record.text(i % 7 == 0 ? nil : String(repeating: "note", count: i % 40))
            bytes.removeAll()
            record.finish(into: &bytes)
            try bytes.withUnsafeBufferPointer { row in
                try plainTree.add(record: row, rowid: Int64(i + 1))
                try plainFeed.add(row, rowid: Int64(i + 1))
            }
        }
        try keyedTree.finish()
        try plainTree.finish()
        for feed in feeds { try feed.finish(file) }
        try plainFeed.finish(file)
        try file.finish()
        return try Database(path: path, readOnly: true)
    }

    private func check(rows: Int, bigEvery: Int, pageSize: Int) throws {
        let db = try write(rows: rows, bigEvery: bigEvery, pageSize: pageSize)
        XCTAssertEqual(try db.rows("PRAGMA integrity_check") { $0.text(0) ?? "" }, ["ok"])
        XCTAssertEqual(try db.rows("SELECT count(*) FROM keyed") { $0.int(0) }, [rows])
        XCTAssertEqual(try db.rows("SELECT count(*) FROM plain") { $0.int(0) }, [rows])
        XCTAssertEqual(try db.rows("SELECT max(rowid), min(rowid) FROM plain") { [$0.int(0), $0.int(1)] }, [[rows, 1]])
        // Lookups through each tree and index.
        let i = rows / 2
        let name = "n" + String(repeating: "0", count: 6 - String(i).count) + String(i)
        XCTAssertEqual(
            try db.rows("SELECT length(body) FROM keyed WHERE organization_k = ? AND name = ?", [.integer(Int64(i / 1000 + 1)), .text(name)]) {
                $0.int(0)
            }, [i % bigEvery == 0 ? 2 * (3000 + i % 5000) : "b\(i % 97)".count])
        let nonNull = (0..<rows).filter { $0 % 3 != 0 && $0 % 500 - 250 == 17 }.count
        XCTAssertEqual(try db.rows("SELECT count(*) FROM keyed INDEXED BY keyed_n WHERE n = 17") { $0.int(0) }, [nonNull])
        XCTAssertEqual(try db.rows("SELECT count(*) FROM plain INDEXED BY plain_org WHERE organization_k = 2") { $0.int(0) }, [min(1000, max(0, rows - 1000))])
        let big = (0..<rows).filter { $0 % bigEvery == 0 }.count
        XCTAssertEqual(try db.rows("SELECT count(*) FROM keyed INDEXED BY keyed_body WHERE body > 'x'") { $0.int(0) }, [big])
    }

    func testDeepTreesWithOverflowPagesPassSQLitesIntegrityCheck() throws {
        try check(rows: 30_000, bigEvery: 1_000, pageSize: 4096)
    }

    func testOtherPageSizesAndTinyTrees() throws {
        try check(rows: 5_000, bigEvery: 700, pageSize: 1024)
        try check(rows: 3, bigEvery: 2, pageSize: 4096)
        try check(rows: 1, bigEvery: 5, pageSize: 65536)
    }
}
