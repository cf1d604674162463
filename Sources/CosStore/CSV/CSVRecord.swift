#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One record of a CSV file: its fields' bytes in one reused buffer, and the line it starts on.
///
/// Fields are read as raw bytes (`withField`) on the import's hot path, or as Strings.
public final class CSVRecord {
    /// The line the record starts on (1 is the header). A quoted line break makes later records start
    /// further down.
    @exclusivity(unchecked) public internal(set) var line = 1
    /// What is wrong with the record's syntax, if anything (the record should then be skipped).
    @exclusivity(unchecked) public internal(set) var problem: CSVProblem?
    @exclusivity(unchecked) var currentQuoted = false
    /// A record longer than this (usually a quote that is never closed in a large file) is reported,
    /// not held in memory whole.
    static let maximumBytes = 16 << 20
    @exclusivity(unchecked) private(set) var isTooLong = false
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var used = 0
    /// The end offset of each field in `storage` (a plain buffer: a Swift array's append and
    /// `removeAll(keepingCapacity:)` checked uniqueness and retained its storage on every field).
    @exclusivity(unchecked) private var ends: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var endCapacity = 64
    @exclusivity(unchecked) private var fieldCount = 0

    init() {
        capacity = 4096
        storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        ends = .allocate(capacity: endCapacity)
    }

    deinit {
        storage.deallocate()
        ends.deallocate()
    }

    /// The number of fields.
    public var count: Int { fieldCount }

    var isBlank: Bool { fieldCount == 0 && used == 0 && !currentQuoted }

    func reset() {
        used = 0
        fieldCount = 0
        problem = nil
        currentQuoted = false
        isTooLong = false
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: storage, count: used)
        storage.deallocate()
        storage = bigger
        capacity = newCapacity
    }

    /// False (and the record marked too long) when `n` more bytes would pass the limit.
    private func makeRoom(_ n: Int) -> Bool {
        if used + n > CSVRecord.maximumBytes {
            isTooLong = true
            return false
        }
        grow(to: used + n)
        return true
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if used == capacity, !makeRoom(1) { return }
        storage[used] = byte
        used += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeMutableBufferPointer<UInt8>, from start: Int, to end: Int) {
        let n = end - start
        if used + n > capacity, !makeRoom(n) { return }
        if let base = bytes.baseAddress {
            (storage + used).update(from: base + start, count: n)
        }
        used += n
    }

    func endField() {
        if fieldCount == endCapacity {
            let bigger = UnsafeMutablePointer<Int>.allocate(capacity: endCapacity * 2)
            bigger.update(from: ends, count: fieldCount)
            ends.deallocate()
            ends = bigger
            endCapacity *= 2
        }
        ends[fieldCount] = used
        fieldCount += 1
        currentQuoted = false
    }

    /// The bytes of field `index` (empty when out of range), valid only inside `body`.
    @inline(__always)
    public func withField<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        guard index >= 0, index < fieldCount else { return try body(UnsafeBufferPointer(start: storage, count: 0)) }
        let start = index == 0 ? 0 : ends[index - 1]
        return try body(UnsafeBufferPointer(start: storage + start, count: ends[index] - start))
    }

    /// The length in bytes of field `index` (0 when out of range): an empty field is null.
    @inline(__always)
    public func fieldLength(_ index: Int) -> Int {
        guard index >= 0, index < fieldCount else { return 0 }
        return ends[index] - (index == 0 ? 0 : ends[index - 1])
    }

    /// Field `index` as a String (empty when out of range). The bytes were checked to be UTF-8.
    public func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The offset of the first byte that is not valid UTF-8, or nil.
    func firstInvalidUTF8() -> Int? {
        var i = 0
        while i < used {
            let b = storage[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            if b & 0xE0 == 0xC0 {
                length = 2
                minimum = 0x80
                scalar = UInt32(b & 0x1F)
            } else if b & 0xF0 == 0xE0 {
                length = 3
                minimum = 0x800
                scalar = UInt32(b & 0x0F)
            } else if b & 0xF8 == 0xF0 {
                length = 4
                minimum = 0x10000
                scalar = UInt32(b & 0x07)
            } else {
                return i
            }
            guard i + length <= used else { return i }
            for k in 1..<length {
                let c = storage[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }

    /// The offset of the first NUL byte, or nil.
    func firstNUL() -> Int? {
        guard used > 0, let hit = memchr(storage, 0, used) else { return nil }
        return UnsafeRawPointer(storage).distance(to: UnsafeRawPointer(hit))
    }

    /// The index of the field that holds byte `offset`.
    func field(containing offset: Int) -> Int {
        (0..<fieldCount).first { offset < ends[$0] } ?? max(0, fieldCount - 1)
    }

    /// Line breaks inside the record before byte `offset` (to name the line of a bad byte).
    func lineBreaks(before offset: Int) -> Int {
        var n = 0
        for i in 0..<min(offset, used) where storage[i] == 10 { n += 1 }
        return n
    }
}
