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

/// Builds one record at a time: `int`, `null` and `text` per column in table order, then `write` (or
/// `finish`). The builder is reused: its buffers grow to the largest record and are never reallocated
/// after that, and nothing goes through Swift arrays on the hot path.
public final class RecordBuilder {
    /// The serial types' varints, then (in `body`) the values.
    @exclusivity(unchecked) private var serials: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var serialCount = 0
    @exclusivity(unchecked) private var serialCapacity = 256
    @exclusivity(unchecked) private var body: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var bodyCount = 0
    @exclusivity(unchecked) private var bodyCapacity = 1024

    public init() {
        serials = .allocate(capacity: serialCapacity)
        body = .allocate(capacity: bodyCapacity)
    }

    deinit {
        serials.deallocate()
        body.deallocate()
    }

    @inline(__always)
    private func reserveSerials(_ n: Int) {
        if serialCount + n > serialCapacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: (serialCapacity + n) * 2)
            bigger.update(from: serials, count: serialCount)
            serials.deallocate()
            serials = bigger
            serialCapacity = (serialCapacity + n) * 2
        }
    }

    @inline(__always)
    private func reserveBody(_ n: Int) {
        if bodyCount + n > bodyCapacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: (bodyCapacity + n) * 2)
            bigger.update(from: body, count: bodyCount)
            body.deallocate()
            body = bigger
            bodyCapacity = (bodyCapacity + n) * 2
        }
    }

    @inline(__always)
    public func int(_ value: Int64) {
        reserveSerials(1)
        if value == 0 || value == 1 {
            serials[serialCount] = value == 0 ? 8 : 9
            serialCount += 1
            return
        }
        let serial = RecordBuilder.serial(for: value)
        serials[serialCount] = UInt8(serial)
        serialCount += 1
        let width = RecordBuilder.intWidth(serial)
        reserveBody(8)
        // The value's low `width` bytes, big-endian: one 8-byte store (room for 8 is reserved), of
        // which the next value overwrites what is past `width`.
        let shifted = UInt64(bitPattern: value) << UInt64((8 - width) * 8)
        UnsafeMutableRawPointer(body + bodyCount).storeBytes(of: shifted.bigEndian, as: UInt64.self)
        bodyCount += width
    }

    @inline(__always)
    public func int(_ value: Int) { int(Int64(value)) }

    /// An integer, or NULL for nil.
    @inline(__always)
    public func int(_ value: Int64?) {
        if let value { int(value) } else { null() }
    }

    /// A key: NULL for 0 (keys start at 1).
    @inline(__always)
    public func key(_ value: Int) {
        if value == 0 { null() } else { int(Int64(value)) }
    }

    @inline(__always)
    public func null() {
        reserveSerials(1)
        serials[serialCount] = 0
        serialCount += 1
    }

    @inline(__always)
    public func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserveSerials(9)
        serialCount += Varint.write(UInt64(bytes.count) * 2 + 13, to: serials + serialCount)
        reserveBody(bytes.count)
        if let base = bytes.baseAddress, bytes.count > 0 { (body + bodyCount).update(from: base, count: bytes.count) }
        bodyCount += bytes.count
    }

    public func text(_ value: String) {
        var value = value
        value.withUTF8 { text($0) }
    }

    /// A value copied from another record as it is stored there: its serial type and its bytes.
    @inline(__always)
    func raw(serial: UInt64, _ bytes: UnsafePointer<UInt8>, count: Int) {
        reserveSerials(9)
        serialCount += Varint.write(serial, to: serials + serialCount)
        reserveBody(count)
        (body + bodyCount).update(from: bytes, count: count)
        bodyCount += count
    }

    public func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    /// The header's length (its own varint included).
    @inline(__always)
    private var headerLength: Int {
        var length = serialCount + 1
        while Varint.size(UInt64(length)) + serialCount != length { length = Varint.size(UInt64(length)) + serialCount }
        return length
    }

    /// The size in bytes of the record being built.
    @inline(__always)
    public var size: Int { headerLength + bodyCount }

    /// Writes the record (`size` bytes) at `to` and resets the builder.
    @inline(__always)
    public func write(to destination: UnsafeMutablePointer<UInt8>) {
        let header = headerLength
        let n = Varint.write(UInt64(header), to: destination)
        (destination + n).update(from: serials, count: serialCount)
        (destination + header).update(from: body, count: bodyCount)
        reset()
    }

    /// Appends the finished record to `output` and resets the builder.
    public func finish(into output: inout [UInt8]) {
        let start = output.count
        let n = size
        output.append(contentsOf: repeatElement(0, count: n))
        output.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { write(to: base + start) }
        }
    }

    public func reset() {
        serialCount = 0
        bodyCount = 0
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

/// The serial types and value offsets of a record's columns, read once from its header.
struct RecordColumns {
    /// Up to 64 columns (the store's tables have fewer than 20).
    private var storage: UnsafeMutablePointer<Int>
    private(set) var count = 0

    init() { storage = .allocate(capacity: 128) }

    /// Frees the buffers (the owner calls this once).
    func release() { storage.deallocate() }

    @inline(__always)
    var serials: UnsafeMutableBufferPointer<Int> { UnsafeMutableBufferPointer(start: storage, count: count) }

    @inline(__always)
    func serial(_ i: Int) -> UInt64 { UInt64(storage[i]) }

    @inline(__always)
    func offset(_ i: Int) -> Int { storage[64 + i] }

    /// Reads `record`'s header.
    @inline(__always)
    mutating func read(_ record: UnsafeBufferPointer<UInt8>) {
        count = 0
        let (length, size) = Varint.read(record, at: 0)
        var header = size
        var body = Int(length)
        while header < Int(length), count < 64 {
            let (serial, n) = Varint.read(record, at: header)
            header += n
            storage[count] = Int(serial)
            storage[64 + count] = body
            count += 1
            body += RecordColumns.width(serial)
        }
    }

    /// The bytes a value of this serial type takes in the body.
    @inline(__always)
    static func width(_ serial: UInt64) -> Int {
        switch serial {
        case 0, 8, 9: 0
        case 1...6: RecordBuilder.intWidth(serial)
        case 7: 8
        default: Int((serial - 12) / 2)
        }
    }

    /// The integer value of column `i` (serial types 1...6, 8, 9).
    @inline(__always)
    func integer(_ record: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int64 {
        let serial = UInt64(storage[i])
        if serial == 8 { return 0 }
        if serial == 9 { return 1 }
        let at = storage[64 + i]
        var value = Int64(Int8(bitPattern: record[at]))
        for j in 1..<RecordBuilder.intWidth(serial) { value = value << 8 | Int64(record[at + j]) }
        return value
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
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var used = 0
    @exclusivity(unchecked) private var ends: [Int] = []

    public init(table: StoreTable) {
        self.table = table
        capacity = 1 << 16
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    public var count: Int { ends.count }
    public var isEmpty: Bool { ends.isEmpty }
    /// Bytes held, to decide when to hand the batch on.
    public var byteCount: Int { used }

    @inline(__always)
    private func reserve(_ n: Int) {
        if used + n > capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, used + n))
            bigger.update(from: storage, count: used)
            storage.deallocate()
            storage = bigger
            capacity = max(capacity * 2, used + n)
        }
    }

    /// Adds the record `builder` holds (and resets the builder).
    @inline(__always)
    public func append(_ builder: RecordBuilder) {
        let n = builder.size
        reserve(n)
        builder.write(to: storage + used)
        used += n
        ends.append(used)
    }

    /// Adds a finished record.
    public func append(record: UnsafeBufferPointer<UInt8>) {
        reserve(record.count)
        if let base = record.baseAddress { (storage + used).update(from: base, count: record.count) }
        used += record.count
        ends.append(used)
    }

    public func removeAll() {
        used = 0
        ends.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with each record's bytes, in order.
    public func forEach(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var start = 0
        for end in ends {
            try body(UnsafeBufferPointer(start: storage + start, count: end - start))
            start = end
        }
    }
}
