import CPostgres
import CosStore

#if canImport(Glibc)
    import Glibc
#endif

/// A query's rows (`PGresult`), in libpq's text format. Freed when the value goes.
public final class PostgresResult {
    let pointer: OpaquePointer
    public let rowCount: Int
    public let columnCount: Int

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        rowCount = Int(PQntuples(pointer))
        columnCount = Int(PQnfields(pointer))
    }

    deinit { PQclear(pointer) }

    public func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(pointer, Int32(row), Int32(column)) == 1 }

    public func text(_ row: Int, _ column: Int) -> String? {
        if isNull(row, column) { return nil }
        guard let value = PQgetvalue(pointer, Int32(row), Int32(column)) else { return nil }
        return String(cString: value)
    }

    /// The rows changed by an INSERT, UPDATE, DELETE or COPY.
    public var affectedRows: Int {
        guard let text = PQcmdTuples(pointer) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    /// All rows' text, for small results (catalog lookups, reports).
    public var allText: [[String?]] {
        (0..<rowCount).map { row in (0..<columnCount).map { text(row, $0) } }
    }
}

/// One row of a `PostgresResult` as the aggregation core reads it.
///
/// Integers are parsed from their digits: a `bigint`, a `numeric` without a fraction (`sum(bigint)`),
/// or a boolean (`t` is 1, `f` is 0, as SQLite answers `x IS NOT NULL`). A value that does not fit in 64
/// bits sets `overflowed`, and the source fails the query instead of answering a wrapped number.
struct PostgresRow: ResultRow {
    let result: PostgresResult
    let row: Int32
    let overflow: UnsafeMutablePointer<Bool>

    func isNull(_ index: Int) -> Bool { PQgetisnull(result.pointer, row, Int32(index)) == 1 }

    func int64(_ index: Int) -> Int64 {
        guard let value = PQgetvalue(result.pointer, row, Int32(index)) else { return 0 }
        let length = Int(PQgetlength(result.pointer, row, Int32(index)))
        return value.withMemoryRebound(to: UInt8.self, capacity: max(1, length)) { bytes in
            let parsed = PostgresRow.parseInteger(UnsafeBufferPointer(start: bytes, count: length))
            if parsed.overflow { overflow.pointee = true }
            return parsed.value
        }
    }

    func int(_ index: Int) -> Int { Int(int64(index)) }

    func text(_ index: Int) -> String? {
        if isNull(index) { return nil }
        guard let value = PQgetvalue(result.pointer, row, Int32(index)) else { return nil }
        return String(cString: value)
    }

    func text(_ index: Int, equals expected: String) -> Bool {
        if isNull(index) { return false }
        guard let value = PQgetvalue(result.pointer, row, Int32(index)) else { return false }
        let count = Int(PQgetlength(result.pointer, row, Int32(index)))
        var expected = expected
        return expected.withUTF8 { utf8 in
            guard utf8.count == count else { return false }
            guard count > 0, let base = utf8.baseAddress else { return true }
            return memcmp(value, base, count) == 0
        }
    }

    /// `-123`, `456`, `789.000` (a numeric whose fraction is zero), `t`, `f`; empty (NULL) is 0. A
    /// non-zero fraction or more than 64 bits is an overflow: the figures must be exact.
    static func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Int64, overflow: Bool) {
        guard let first = bytes.first else { return (0, false) }
        if bytes.count == 1 {
            if first == UInt8(ascii: "t") { return (1, false) }
            if first == UInt8(ascii: "f") { return (0, false) }
        }
        var index = 0
        let negative = first == UInt8(ascii: "-")
        if negative || first == UInt8(ascii: "+") { index = 1 }
        var value: Int64 = 0
        var overflow = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") { break }
            guard byte >= 48, byte <= 57 else { return (0, true) }
            let digit = Int64(byte - 48)
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            // Negative numbers are built downwards so that Int64.min fits.
            let (next, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            if o1 || o2 { overflow = true }
            value = next
            index += 1
        }
        if index < bytes.count {
            // A fraction: only zeros may follow the point.
            for byte in bytes[(index + 1)...] where byte != 48 { return (value, true) }
        }
        return (value, overflow)
    }
}
