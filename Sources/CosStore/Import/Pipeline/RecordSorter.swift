#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A sort key whose bytes compare (as unsigned bytes, shorter first) in the order SQLite compares the
/// values of an index: NULL before integers before text, integers by value, text byte by byte.
///
/// Integers: `0x80 + n` then the `n` big-endian bytes of a non-negative value (0 has none), or `0x40`
/// then 8 bytes (sign bit flipped) of a negative one. NULL: `0x10`. Text: `0xF0`, the bytes with
/// `0x00` written `0x00 0xFF`, then `0x00 0x00`.
struct SortKey {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(64) }

    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    mutating func int(_ value: Int64) {
        if value < 0 {
            bytes.append(0x40)
            let flipped = UInt64(bitPattern: value) ^ (1 << 63)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: flipped >> UInt64(shift))) }
            return
        }
        let v = UInt64(value)
        var n = 0
        while n < 8 && v >> UInt64(n * 8) != 0 { n += 1 }
        bytes.append(0x80 + UInt8(n))
        var shift = (n - 1) * 8
        while shift >= 0 {
            bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift)))
            shift -= 8
        }
    }

    mutating func int(_ value: Int) { int(Int64(value)) }

    /// A key column: NULL for 0 (keys start at 1).
    mutating func key(_ value: Int) {
        if value == 0 { null() } else { int(Int64(value)) }
    }

    mutating func null() { bytes.append(0x10) }

    mutating func text(_ value: UnsafeBufferPointer<UInt8>) {
        bytes.append(0xF0)
        for b in value {
            bytes.append(b)
            if b == 0 { bytes.append(0xFF) }
        }
        bytes.append(0)
        bytes.append(0)
    }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { text($0) }
    }
}

/// The first 32 bytes of a key as four big-endian words (zero padded), for fast comparisons.
@inline(__always)
func keyWords(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64, UInt64) {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    withUnsafeMutableBytes(of: &words) { raw in
        if let base = key.baseAddress { raw.baseAddress?.copyMemory(from: base, byteCount: min(32, key.count)) }
    }
    return (UInt64(bigEndian: words.0), UInt64(bigEndian: words.1), UInt64(bigEndian: words.2), UInt64(bigEndian: words.3))
}

/// Orders two keys: their words, then (for keys longer than 32 bytes) the rest of their bytes.
@inline(__always)
func keyLess(
    _ a: (UInt64, UInt64, UInt64, UInt64), _ aKey: UnsafePointer<UInt8>, _ aLength: Int,
    _ b: (UInt64, UInt64, UInt64, UInt64), _ bKey: UnsafePointer<UInt8>, _ bLength: Int
) -> Bool {
    if a.0 != b.0 { return a.0 < b.0 }
    if a.1 != b.1 { return a.1 < b.1 }
    if a.2 != b.2 { return a.2 < b.2 }
    if a.3 != b.3 { return a.3 < b.3 }
    if aLength <= 32 || bLength <= 32 { return aLength < bLength }
    let common = min(aLength, bLength) - 32
    let c = memcmp(aKey + 32, bKey + 32, common)
    return c != 0 ? c < 0 : aLength < bLength
}

/// Sorts records by a key in bounded memory: records collect in an arena of `budget` bytes; a full
/// arena is sorted and written to a scratch file (a run); `forEachSorted` merges the runs.
///
/// Used for every table whose rows do not arrive in key order (objects by organization, tickets by
/// organization and month, ...). Memory does not grow with the number of records.
final class RecordSorter {
    private struct Entry {
        var w: (UInt64, UInt64, UInt64, UInt64)
        var offset: Int
        var keyLength: Int32
        var recordLength: Int32
    }

    private let scratch: ScratchSpace
    private let budget: Int
    private var arena: UnsafeMutablePointer<UInt8>
    private var used = 0
    private var entries: [Entry] = []
    private var runs: [RunReader] = []
    private(set) var count = 0

    init(budget: Int, scratch: ScratchSpace) {
        self.budget = max(budget, 1 << 16)
        self.scratch = scratch
        arena = .allocate(capacity: self.budget)
    }

    deinit { arena.deallocate() }

    /// Adds a record (already finished into `record`) under `key`.
    func add(key: SortKey, record: UnsafeBufferPointer<UInt8>) throws {
        let size = key.bytes.count + record.count
        if used + size > budget, !entries.isEmpty { try spill() }
        if size > budget {
            // A record larger than the whole arena (a name of megabytes): grow for it alone.
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
            arena.deallocate()
            arena = bigger
        }
        key.bytes.withUnsafeBufferPointer { k in
            if let base = k.baseAddress { (arena + used).update(from: base, count: k.count) }
            entries.append(
                Entry(w: keyWords(k), offset: used, keyLength: Int32(k.count), recordLength: Int32(record.count)))
        }
        if let base = record.baseAddress { (arena + used + key.bytes.count).update(from: base, count: record.count) }
        used += size
        count += 1
    }

    /// Adds the record `builder` holds.
    func add(key: SortKey, _ builder: inout RecordBuilder, scratchBuffer: inout [UInt8]) throws {
        scratchBuffer.removeAll(keepingCapacity: true)
        builder.finish(into: &scratchBuffer)
        try scratchBuffer.withUnsafeBufferPointer { try add(key: key, record: $0) }
    }

    private func sortEntries() {
        let base = UnsafePointer(arena)
        entries.sort { a, b in
            keyLess(a.w, base + a.offset, Int(a.keyLength), b.w, base + b.offset, Int(b.keyLength))
        }
    }

    private func spill() throws {
        sortEntries()
        let writer = try RunWriter(scratch: scratch)
        for entry in entries {
            try writer.append(value: (entry.keyLength, entry.recordLength))
            try writer.append(UnsafeRawBufferPointer(start: arena + entry.offset, count: Int(entry.keyLength + entry.recordLength)))
        }
        runs.append(try writer.finish())
        entries.removeAll(keepingCapacity: true)
        used = 0
    }

    /// Calls `body` with every record in key order (its key and its record), then empties the sorter.
    func forEachSorted(_ body: (_ key: UnsafeBufferPointer<UInt8>, _ record: UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        defer {
            entries.removeAll()
            runs.removeAll()
            used = 0
            count = 0
        }
        if runs.isEmpty {
            sortEntries()
            for entry in entries {
                let key = UnsafeBufferPointer(start: arena + entry.offset, count: Int(entry.keyLength))
                let record = UnsafeBufferPointer(start: arena + entry.offset + Int(entry.keyLength), count: Int(entry.recordLength))
                try body(key, record)
            }
            return
        }
        if !entries.isEmpty { try spill() }
        try RunMerger(runs).forEach(body)
    }
}

/// Merges sorted runs of `[keyLength: Int32][recordLength: Int32][key][record]` items.
struct RunMerger {
    private struct Head {
        var w: (UInt64, UInt64, UInt64, UInt64)
        var key: UnsafePointer<UInt8>
        var keyLength: Int
        var recordLength: Int
    }

    let runs: [RunReader]

    init(_ runs: [RunReader]) { self.runs = runs }

    private func head(_ run: RunReader) throws -> Head? {
        guard try run.ensure(8) >= 8 else { return nil }
        var lengths: (Int32, Int32) = (0, 0)
        withUnsafeMutableBytes(of: &lengths) { $0.baseAddress?.copyMemory(from: run.bytes, byteCount: 8) }
        let keyLength = Int(lengths.0)
        let recordLength = Int(lengths.1)
        guard try run.ensure(8 + keyLength + recordLength) >= 8 + keyLength + recordLength else {
            throw ImportError.failed("a temporary file ended early")
        }
        let key = UnsafePointer(run.bytes + 8)
        return Head(w: keyWords(UnsafeBufferPointer(start: key, count: keyLength)), key: key, keyLength: keyLength, recordLength: recordLength)
    }

    func forEach(_ body: (_ key: UnsafeBufferPointer<UInt8>, _ record: UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var heads: [Head?] = try runs.map { try head($0) }
        // A binary heap of run indices by their heads' keys.
        var heap: [Int] = heads.indices.filter { heads[$0] != nil }
        func less(_ i: Int, _ j: Int) -> Bool {
            guard let a = heads[i], let b = heads[j] else { return false }
            return keyLess(a.w, a.key, a.keyLength, b.w, b.key, b.keyLength)
        }
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1
                if left >= heap.count { return }
                var child = left
                if left + 1 < heap.count, less(heap[left + 1], heap[left]) { child = left + 1 }
                if !less(heap[child], heap[parent]) { return }
                heap.swapAt(child, parent)
                parent = child
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        while let top = heap.first, let h = heads[top] {
            let run = runs[top]
            try body(
                UnsafeBufferPointer(start: h.key, count: h.keyLength),
                UnsafeBufferPointer(start: h.key + h.keyLength, count: h.recordLength))
            run.skip(8 + h.keyLength + h.recordLength)
            heads[top] = try head(run)
            if heads[top] == nil {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
    }
}
