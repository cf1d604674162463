import CosModel
import Foundation
import XCTest

@testable import CosStore

/// The import pipeline's pieces: the row records, the sort keys (in SQLite's own order), the sorters
/// and aggregators that spill to scratch files, the fact-id check, the name keys.
final class PipelineTests: XCTestCase {
    private func scratch() throws -> ScratchSpace { ScratchSpace(directory: try TestData.temporaryDirectory(self)) }

    /// A record holds what SQLite would store for the same values: SQLite reads it back exactly.
    func testRecordsAreSQLiteRecords() throws {
        let values: [Int64] = [0, 1, -1, 127, 128, -128, -129, 32767, 32768, 8_388_607, 8_388_608, 2_147_483_647,
                               2_147_483_648, 140_737_488_355_327, 140_737_488_355_328, Int64.max, Int64.min]
        let builder = RecordBuilder()
        var bytes: [UInt8] = []
        for v in values { builder.int(v) }
        builder.null()
        builder.text("Åkesson \"x\"")
        builder.text("")
        builder.finish(into: &bytes)
        let decoded = bytes.withUnsafeBufferPointer { RecordReader.values($0).map { value -> String in
            switch value {
            case .null: return "NULL"
            case .integer(let v): return String(v)
            case .text(let t): return "'" + String(decoding: t, as: UTF8.self) + "'"
            }
        } }
        XCTAssertEqual(decoded, values.map(String.init) + ["NULL", "'Åkesson \"x\"'", "''"])
        // The documented layout: the header's length (itself included), the serial types (8 and 9 are
        // the integers 0 and 1, 2 a 16-bit integer, 17 a 2-byte text, 0 NULL), then the values.
        let small = RecordBuilder()
        var out: [UInt8] = []
        small.int(0)
        small.int(1)
        small.int(200)
        small.text("ab")
        small.null()
        small.finish(into: &out)
        XCTAssertEqual(out, [6, 8, 9, 2, 17, 0, 0, 200, 97, 98])
    }

    /// Sort keys order values exactly as SQLite orders them in an index.
    func testSortKeysOrderAsSQLite() throws {
        let db = try Database(path: ":memory:", readOnly: false, create: true)
        try db.execute("CREATE TABLE t(a, b, c)")
        var generator = SystemRandomNumberGenerator()
        var rows: [(Int64?, Int64, String)] = []
        let texts = ["", "a", "A", "ab", "a\u{1}b", "b", "Å", "aa", "a b", "zz", "T-0001", "T-01", "T-1"]
        for i in 0..<600 {
            let a: Int64? = i % 17 == 0 ? nil : [0, 1, -1, 5, 1000, -70_000, 2_000_000_000, Int64.max, Int64.min][i % 9]
            let b = Int64.random(in: -300...300, using: &generator)
            rows.append((a, b, texts[Int.random(in: 0..<texts.count, using: &generator)]))
        }
        for row in rows {
            try db.run("INSERT INTO t VALUES(?, ?, ?)", [row.0.map { .integer($0) } ?? .null, .integer(row.1), .text(row.2)])
        }
        let expected = try db.rows("SELECT a, b, c FROM t ORDER BY a, b, c") { r in
            "\(r.isNull(0) ? "NULL" : String(r.int64(0)))|\(r.int64(1))|\(r.text(2) ?? "")"
        }
        func key(_ row: (Int64?, Int64, String)) -> [UInt8] {
            let k = SortKey()
            if let a = row.0 { k.int(a) } else { k.null() }
            k.int(row.1)
            k.text(row.2)
            return k.bytes
        }
        let sorted = rows.sorted { key($0).lexicographicallyPrecedes(key($1)) }
            .map { "\($0.0.map(String.init) ?? "NULL")|\($0.1)|\($0.2)" }
        XCTAssertEqual(sorted, expected)
    }

    /// A sorter with a tiny budget spills many runs and still hands out every record in key order.
    func testSorterSpillsAndMerges() throws {
        try checkSorter(helper: nil)
    }

    /// With a helper thread the full arenas are written there (or here while it is busy), and the
    /// merge, run on the helper after the spills, still hands out every record in key order.
    func testSorterSpillsOnAHelperThread() throws {
        let helper = WriterThread()
        defer { helper.close() }
        // A slow job first: the first spills find the helper busy and are written on this thread.
        try helper.submit { Thread.sleep(forTimeInterval: 0.05) }
        try checkSorter(helper: helper)
    }

    private func checkSorter(helper: WriterThread?) throws {
        let sorter = RecordSorter(budget: 1 << 16, scratch: try scratch(), helper: helper)
        var generator = SystemRandomNumberGenerator()
        var expected: [(Int64, String)] = []
        let builder = RecordBuilder()
        var buffer: [UInt8] = []
        for i in 0..<20_000 {
            let value = Int64.random(in: -1_000_000...1_000_000, using: &generator)
            let text = "id-\(i % 7)-" + String(repeating: "x", count: i % 50)
            let key = SortKey()
            key.int(value)
            key.text(text)
            builder.int(value)
            builder.text(text)
            try sorter.add(key: key, builder)
            expected.append((value, text))
        }
        expected.sort { $0.0 != $1.0 ? $0.0 < $1.0 : Array($0.1.utf8).lexicographicallyPrecedes(Array($1.1.utf8)) }
        var got: [(Int64, String)] = []
        let merge = {
            try sorter.forEachSorted { _, record in
                let values = RecordReader.values(record)
                guard case .integer(let v) = values[0], case .text(let t) = values[1] else { return XCTFail("bad record") }
                got.append((v, String(decoding: t, as: UTF8.self)))
            }
        }
        if let helper {
            try helper.submit(merge)
            try helper.finish()
        } else {
            try merge()
        }
        XCTAssertEqual(got.count, expected.count)
        XCTAssertTrue(zip(got, expected).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 })
    }

    /// An aggregator with room for few groups spills runs and combines equal keys across them exactly.
    func testAggregatorSpillsAndCombines() throws {
        let aggregator = Aggregator(combines: [.sum, .min, .max], capacity: 64, scratch: try scratch())
        var expected: [UInt64: (Int64, Int64, Int64)] = [:]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50_000 {
            let k = UInt64.random(in: 0..<500, using: &generator)
            let v = Int64.random(in: -1000...1000, using: &generator)
            try aggregator.add((k >> 4, k & 15, 0, k), v, v, v)
            let old = expected[k] ?? (0, Int64.max, Int64.min)
            expected[k] = (old.0 + v, min(old.1, v), max(old.2, v))
        }
        var previous: (UInt64, UInt64)?
        var seen = 0
        try aggregator.forEachSorted { key, values in
            if let previous { XCTAssertTrue(previous < (key.0, key.1), "out of order") }
            previous = (key.0, key.1)
            let want = expected[key.3]
            XCTAssertEqual(want?.0, values[0])
            XCTAssertEqual(want?.1, values[1])
            XCTAssertEqual(want?.2, values[2])
            seen += 1
        }
        XCTAssertEqual(seen, expected.count)
        XCTAssertNil(aggregator.overflowed)
    }

    func testAggregatorRemembersAnOverflow() throws {
        let aggregator = Aggregator(combines: [.sum], capacity: 64, scratch: try scratch())
        try aggregator.add((1, 2, 3, 4), Int64.max)
        try aggregator.add((1, 2, 3, 4), 1)
        XCTAssertEqual(aggregator.overflowed.map { [$0.0, $0.1, $0.2, $0.3] }, [1, 2, 3, 4])
    }

    /// Hash collisions are only candidates; the ids themselves decide.
    func testFactIDCandidatesAreTheRowsWhoseHashesCollide() throws {
        let check = FactIDCheck(scratch: try scratch())
        for (ordinal, id) in ["a", "b", "a", "c", "b", "d"].enumerated() {
            var id = id
            try id.withUTF8 { try check.add($0, ordinal: ordinal + 1) }
        }
        XCTAssertEqual(try check.candidates(), [1, 2, 3, 5])
    }

    /// The bucketed search for equal hashes finds exactly the rows whose hash another row has, as
    /// counting every hash does: equal hashes, hashes that differ only below the bucket bits, one
    /// crowded bucket and many singletons.
    func testHashCollisionsAgreeWithCounting() {
        var generator = SystemRandomNumberGenerator()
        var pairs: [HashedRow] = []
        for ordinal in 1...5000 {
            let hash: UInt64
            switch ordinal % 7 {
            case 0: hash = UInt64(ordinal % 50) << 20  // 50 hashes, each on many rows, one bucket
            case 1: hash = 0x0123_4567_89AB_CDEF &+ UInt64(ordinal)  // the same bucket, all different
            case 2: hash = UInt64(ordinal % 300) &* 0x9E37_79B9_7F4A_7C15  // spread, each on a few rows
            default: hash = generator.next()
            }
            pairs.append(HashedRow(hash: hash, ordinal: UInt64(ordinal)))
        }
        var counts: [UInt64: Int] = [:]
        for pair in pairs { counts[pair.hash, default: 0] += 1 }
        let expected = pairs.filter { counts[$0.hash, default: 0] > 1 }.map(\.ordinal).sorted()
        var found: [UInt64] = []
        FactIDCheck.collisions(in: pairs) { found.append($0) }
        XCTAssertEqual(found.sorted(), expected)
        XCTAssertGreaterThan(expected.count, 1000)
    }

    /// The schema's DDL is what SQLite creates; every table has its organization first when it is
    /// per organization.
    func testSchemaDescribesEveryTable() throws {
        let db = try Database(path: ":memory:", readOnly: false, create: true)
        for table in StoreSchema.tables {
            try db.execute(table.sqliteCreate)
            for index in table.sqliteIndexes { try db.execute(index) }
            if table.placement == .perOrganization {
                XCTAssertEqual(table.columns.first?.name, "organization_k", table.name)
            }
            XCTAssertEqual(Array(table.columns.prefix(table.primaryKey.count).map(\.name)), table.primaryKey, table.name)
        }
    }
}

/// The import's byte-level timestamp parser accepts and converts exactly what `Timestamp(parsing:)`
/// does.
final class TimestampBytesTests: XCTestCase {
    func testAgreesWithTimestampParsingOnValidAndMangledTexts() {
        let seeds = [
            "2026-03-01T12:00:00Z", "2026-03-01T13:00:00+01:00", "2026-03-01", "2026-03-01 13:00:00+0100",
            "2026-03-01T13:00+01", "2026-03-01T13:00:00.250Z", "2026-03-01T13:00:00,5-02:30", "0001-01-01T00:30:00+01:00",
            "9999-12-31T23:59:59Z", "2026-02-29T00:00:00Z", "2024-02-29T00:00:60z", "2026-03-01T24:00:00Z",
            "2026-03-01T12:00:00+24:00", "2026-03-01T12:00", "2026-03-01T12:00:00.Z", "2026-13-01", "x",
        ]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-:T Zz+.,x".utf8)
        var texts = seeds
        for seed in seeds {
            for _ in 0..<300 {
                var bytes = Array(seed.utf8)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0 where !bytes.isEmpty: bytes[Int.random(in: 0..<bytes.count, using: &generator)] = alphabet.randomElement(using: &generator) ?? 48
                case 1 where !bytes.isEmpty: bytes.remove(at: Int.random(in: 0..<bytes.count, using: &generator))
                default: bytes.insert(alphabet.randomElement(using: &generator) ?? 48, at: Int.random(in: 0...bytes.count, using: &generator))
                }
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        for text in texts {
            var copy = text
            let fast = copy.withUTF8 { ExportFileReader.parseTimestamp($0) }
            XCTAssertEqual(fast, Timestamp(parsing: text), text)
        }
    }
}
