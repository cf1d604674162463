#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rows as the import hands them to a sink: each row one record in SQLite's record format (a header
/// of serial types, then the values; https://www.sqlite.org/fileformat2.html#record_format), with
/// the values in the order of the table's columns (`StoreTable.columns`).
///
/// The format is compact and typed (NULL, a 64-bit integer, or UTF-8 text), any sink decodes it
/// with `RecordReader`, and the SQLite sink places it in the store's pages as it is.
public struct RecordReader {
    public enum Value: Equatable {
        case null
        case integer(Int64)
        /// UTF-8 bytes, valid while the record's memory is.
        case text(UnsafeBufferPointer<UInt8>)

        public static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.null, .null): return true
            case (.integer(let x), .integer(let y)): return x == y
            case (.text(let x), .text(let y)): return x.elementsEqual(y)
            default: return false
            }
        }
    }

    public let bytes: UnsafeBufferPointer<UInt8>
    private var header: Int
    private let headerEnd: Int
    private var body: Int

    /// Reads the record in `bytes` (exactly one record).
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let (length, size) = Varint.read(bytes, at: 0)
        header = size
        headerEnd = Int(length)
        body = Int(length)
    }

    /// The next column's value, or nil after the last column.
    public mutating func next() -> Value? {
        guard header < headerEnd else { return nil }
        let (serial, size) = Varint.read(bytes, at: header)
        header += size
        switch serial {
        case 0: return .null
        case 8: return .integer(0)
        case 9: return .integer(1)
        case 1...6:
            let width = RecordBuilder.intWidth(serial)
            var value = Int64(Int8(bitPattern: bytes[body]))
            for i in 1..<width { value = value << 8 | Int64(bytes[body + i]) }
            body += width
            return .integer(value)
        default:
            let length = Int((serial - 12) / 2)
            let start = body
            body += length
            return .text(UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]))
        }
    }

    /// Every value of the record.
    public static func values(_ bytes: UnsafeBufferPointer<UInt8>) -> [Value] {
        var reader = RecordReader(bytes)
        var result: [Value] = []
        while let value = reader.next() { result.append(value) }
        return result
    }
}

/// Builds one record at a time: `int`, `null` and `text` per column in table order, then `finish`.
/// The builder is reused; nothing is allocated per record once its buffers have grown.
public struct RecordBuilder {
    private var serials: [UInt64] = []
    private var body: [UInt8] = []

    public init() {
        serials.reserveCapacity(24)
        body.reserveCapacity(256)
    }

    public mutating func int(_ value: Int64) {
        if value == 0 { serials.append(8); return }
        if value == 1 { serials.append(9); return }
        let serial = RecordBuilder.serial(for: value)
        serials.append(serial)
        let width = RecordBuilder.intWidth(serial)
        var shift = (width - 1) * 8
        while shift >= 0 {
            body.append(UInt8(truncatingIfNeeded: value >> Int64(shift)))
            shift -= 8
        }
    }

    public mutating func int(_ value: Int) { int(Int64(value)) }

    /// An integer, or NULL for nil.
    public mutating func int(_ value: Int64?) {
        if let value { int(value) } else { null() }
    }

    /// A key: NULL for 0 (keys start at 1).
    public mutating func key(_ value: Int) {
        if value == 0 { null() } else { int(Int64(value)) }
    }

    public mutating func null() { serials.append(0) }

    public mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        serials.append(UInt64(bytes.count) * 2 + 13)
        body.append(contentsOf: bytes)
    }

    public mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { text($0) }
    }

    public mutating func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    /// Appends the finished record to `output` and resets the builder.
    public mutating func finish(into output: inout [UInt8]) {
        var serialBytes = 0
        for serial in serials { serialBytes += Varint.size(serial) }
        // The header length counts its own varint.
        var headerLength = serialBytes + 1
        while Varint.size(UInt64(headerLength)) + serialBytes != headerLength {
            headerLength = Varint.size(UInt64(headerLength)) + serialBytes
        }
        Varint.append(UInt64(headerLength), to: &output)
        for serial in serials { Varint.append(serial, to: &output) }
        output.append(contentsOf: body)
        serials.removeAll(keepingCapacity: true)
        body.removeAll(keepingCapacity: true)
    }

    /// The smallest integer serial type (1...6) holding `value`.
    @inline(__always)
    static func serial(for value: Int64) -> UInt64 {
        let magnitude = value < 0 ? ~value : value
        if magnitude <= 127 { return 1 }
        if magnitude <= 32767 { return 2 }
        if magnitude <= 8_388_607 { return 3 }
        if magnitude <= 2_147_483_647 { return 4 }
        if magnitude <= 140_737_488_355_327 { return 5 }
        return 6
    }

    /// The width in bytes of an integer serial type 1...6.
    @inline(__always)
    static func intWidth(_ serial: UInt64) -> Int {
        switch serial {
        case 1: 1
        case 2: 2
        case 3: 3
        case 4: 4
        case 5: 6
        default: 8
        }
    }
}

/// SQLite's variable-length integers: big-endian groups of 7 bits with the high bit set on every byte
/// but the last; a 9th byte carries 8 bits.
enum Varint {
    @inline(__always)
    static func size(_ value: UInt64) -> Int {
        if value <= 0x7F { return 1 }
        if value <= 0x3FFF { return 2 }
        if value > 0x00FF_FFFF_FFFF_FFFF { return 9 }
        var n = 1
        var v = value >> 7
        while v != 0 {
            n += 1
            v >>= 7
        }
        return n
    }

    static func append(_ value: UInt64, to output: inout [UInt8]) {
        if value <= 0x7F {
            output.append(UInt8(value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 9) { buffer in
            guard let base = buffer.baseAddress else { return }
            let n = write(value, to: base)
            output.append(contentsOf: UnsafeBufferPointer(start: base, count: n))
        }
    }

    /// Writes `value` at `to` and returns the number of bytes.
    @inline(__always)
    static func write(_ value: UInt64, to: UnsafeMutablePointer<UInt8>) -> Int {
        if value <= 0x7F {
            to[0] = UInt8(value)
            return 1
        }
        if value > 0x00FF_FFFF_FFFF_FFFF {
            to[8] = UInt8(truncatingIfNeeded: value)
            var v = value >> 8
            for i in stride(from: 7, through: 0, by: -1) {
                to[i] = UInt8(truncatingIfNeeded: v & 0x7F) | 0x80
                v >>= 7
            }
            return 9
        }
        let n = size(value)
        var v = value
        for i in stride(from: n - 1, through: 0, by: -1) {
            to[i] = UInt8(truncatingIfNeeded: v & 0x7F) | (i == n - 1 ? 0 : 0x80)
            v >>= 7
        }
        return n
    }

    /// The varint at `offset`: its value and its size in bytes.
    @inline(__always)
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (UInt64, Int) {
        var value: UInt64 = 0
        for i in 0..<8 {
            let b = bytes[offset + i]
            value = value << 7 | UInt64(b & 0x7F)
            if b & 0x80 == 0 { return (value, i + 1) }
        }
        return (value << 8 | UInt64(bytes[offset + 8]), 9)
    }
}

/// Rows of one table, handed to a sink together: consecutive records in one buffer.
public final class RowBatch {
    public let table: StoreTable
    public private(set) var bytes: [UInt8] = []
    private var ends: [Int] = []

    public init(table: StoreTable) {
        self.table = table
        bytes.reserveCapacity(1 << 20)
    }

    public var count: Int { ends.count }
    public var isEmpty: Bool { ends.isEmpty }
    /// Bytes held, to decide when to hand the batch on.
    public var byteCount: Int { bytes.count }

    /// Adds the record `builder` holds.
    public func append(_ builder: inout RecordBuilder) {
        builder.finish(into: &bytes)
        ends.append(bytes.count)
    }

    /// Adds a finished record.
    public func append(record: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: record)
        ends.append(bytes.count)
    }

    public func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with each record's bytes, in order.
    public func forEach(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            for end in ends {
                try body(UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
    }
}
