import Foundation

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
final class SortKey {
    @exclusivity(unchecked) private(set) var pointer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity = 256

    init() { pointer = .allocate(capacity: capacity) }

    deinit { pointer.deallocate() }

    /// The key's bytes (for tests).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: pointer, count: count) }

    func reset() { count = 0 }

    @inline(__always)
    private func reserve(_ n: Int) {
        if count + n > capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: (capacity + n) * 2)
            bigger.update(from: pointer, count: count)
            pointer.deallocate()
            pointer = bigger
            capacity = (capacity + n) * 2
        }
    }

    @inline(__always)
    func int(_ value: Int64) {
        reserve(9)
        if value < 0 {
            pointer[count] = 0x40
            let flipped = UInt64(bitPattern: value) ^ (1 << 63)
            for i in 0..<8 { pointer[count + 1 + i] = UInt8(truncatingIfNeeded: flipped >> UInt64(56 - 8 * i)) }
            count += 9
            return
        }
        let v = UInt64(value)
        let n = v == 0 ? 0 : (64 - v.leadingZeroBitCount + 7) / 8
        pointer[count] = 0x80 + UInt8(n)
        var at = count + 1
        var shift = (n - 1) * 8
        while shift >= 0 {
            pointer[at] = UInt8(truncatingIfNeeded: v >> UInt64(shift))
            at += 1
            shift -= 8
        }
        count = at
    }

    @inline(__always)
    func int(_ value: Int) { int(Int64(value)) }

    /// A key column: NULL for 0 (keys start at 1).
    @inline(__always)
    func key(_ value: Int) {
        if value == 0 { null() } else { int(Int64(value)) }
    }

    @inline(__always)
    func null() {
        reserve(1)
        pointer[count] = 0x10
        count += 1
    }

    @inline(__always)
    func text(_ value: UnsafeBufferPointer<UInt8>) {
        reserve(2 * value.count + 3)
        pointer[count] = 0xF0
        count += 1
        for b in value {
            pointer[count] = b
            count += 1
            if b == 0 {
                pointer[count] = 0xFF
                count += 1
            }
        }
        pointer[count] = 0
        pointer[count + 1] = 0
        count += 2
    }

    func text(_ value: String) {
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
///
/// With a `helper` thread (the import's writer thread, idle while the charge tickets are read), the
/// budget is two arenas of half the size: a full one is sorted and written there while the other
/// fills. `forEachSorted` must then run on the helper too, after the spills (its jobs run in order).
final class RecordSorter {
    fileprivate struct Entry: Comparable {
        var w: (UInt64, UInt64, UInt64, UInt64)
        var offset: Int
        var keyLength: Int32
        var recordLength: Int32

        /// By the key's first 32 bytes (and then its length): exact for keys of up to 32 bytes.
        @inline(__always)
        static func < (a: Entry, b: Entry) -> Bool {
            if a.w.0 != b.w.0 { return a.w.0 < b.w.0 }
            if a.w.1 != b.w.1 { return a.w.1 < b.w.1 }
            if a.w.2 != b.w.2 { return a.w.2 < b.w.2 }
            if a.w.3 != b.w.3 { return a.w.3 < b.w.3 }
            return a.keyLength < b.keyLength
        }

        static func == (a: Entry, b: Entry) -> Bool { !(a < b) && !(b < a) }
    }

    /// Records and their sort entries, up to `budget` bytes together.
    fileprivate final class Arena: @unchecked Sendable {
        let budget: Int
        @exclusivity(unchecked) var bytes: UnsafeMutablePointer<UInt8>
        @exclusivity(unchecked) var capacity: Int
        @exclusivity(unchecked) var used = 0
        @exclusivity(unchecked) var entries: [Entry] = []
        /// The longest key added since the last spill: keys over 32 bytes need the full comparison.
        @exclusivity(unchecked) var longestKey = 0

        init(budget: Int) {
            self.budget = budget
            capacity = budget
            bytes = .allocate(capacity: budget)
            // Room for as many entries as the budget could hold, reserved once: growing the array by
            // doubling would copy it and, for a while, hold both copies.
            entries.reserveCapacity(budget / MemoryLayout<Entry>.stride)
        }

        deinit { bytes.deallocate() }

        /// Whether `size` more bytes and an entry pass the budget.
        @inline(__always)
        func isFull(adding size: Int) -> Bool {
            used + size + (entries.count + 1) * MemoryLayout<Entry>.stride > budget && !entries.isEmpty
        }

        /// Grows for a record larger than the whole arena (a name of megabytes).
        func makeRoom(_ size: Int) {
            guard size > budget && size > capacity else { return }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
            bigger.update(from: bytes, count: used)
            bytes.deallocate()
            bytes = bigger
            capacity = size
        }

        func sort() {
            let base = UnsafePointer(bytes)
            if longestKey <= 32 {
                entries.withUnsafeMutableBufferPointer { Introsort.sort($0) }
            } else {
                entries.withUnsafeMutableBufferPointer { buffer in
                    Introsort.sort(buffer) { a, b in
                        keyLess(a.w, base + a.offset, Int(a.keyLength), b.w, base + b.offset, Int(b.keyLength))
                    }
                }
            }
            longestKey = 0
        }

        /// Sorts the records and writes them to a new run; empties the arena.
        func spill(_ scratch: ScratchSpace) throws -> RunReader {
            sort()
            let writer = try RunWriter(scratch: scratch)
            for entry in entries {
                try writer.append(value: (entry.keyLength, entry.recordLength))
                try writer.append(UnsafeRawBufferPointer(start: bytes + entry.offset, count: Int(entry.keyLength + entry.recordLength)))
            }
            clear()
            return try writer.finish()
        }

        func clear() {
            entries.removeAll(keepingCapacity: true)
            used = 0
        }
    }

    private let scratch: ScratchSpace
    private let helper: WriterThread?
    @exclusivity(unchecked) private var arena: Arena
    /// With a helper: the arena not being filled, once the helper has written it out (nil meanwhile).
    private var spare: Arena?
    /// Guards `spare` and `runs` while spills run on both threads.
    private let spareReturned = NSLock()
    /// The sorted runs written so far. Their order does not matter to the merge.
    private var runs: [RunReader] = []
    @exclusivity(unchecked) private(set) var count = 0

    init(budget: Int, scratch: ScratchSpace, helper: WriterThread? = nil) {
        self.scratch = scratch
        self.helper = helper
        let budget = max(budget, 1 << 16)
        if helper != nil {
            arena = Arena(budget: budget / 2)
            spare = Arena(budget: budget / 2)
        } else {
            arena = Arena(budget: budget)
        }
    }

    @inline(__always)
    private func makeRoom(_ size: Int) throws {
        // The budget covers the records and their sort entries.
        if arena.isFull(adding: size) { try spill() }
        arena.makeRoom(size)
    }

    /// Adds a finished record under `key`.
    func add(key: SortKey, record: UnsafeBufferPointer<UInt8>) throws {
        let size = key.count + record.count
        try makeRoom(size)
        let arena = self.arena
        (arena.bytes + arena.used).update(from: key.pointer, count: key.count)
        arena.entries.append(Entry(w: keyWords(key.buffer), offset: arena.used, keyLength: Int32(key.count), recordLength: Int32(record.count)))
        if key.count > arena.longestKey { arena.longestKey = key.count }
        if let base = record.baseAddress { (arena.bytes + arena.used + key.count).update(from: base, count: record.count) }
        arena.used += size
        count += 1
    }

    /// Adds the record `builder` holds (and resets the builder).
    @inline(__always)
    func add(key: SortKey, _ builder: RecordBuilder) throws {
        let recordSize = builder.size
        let size = key.count + recordSize
        try makeRoom(size)
        let arena = self.arena
        (arena.bytes + arena.used).update(from: key.pointer, count: key.count)
        arena.entries.append(Entry(w: keyWords(key.buffer), offset: arena.used, keyLength: Int32(key.count), recordLength: Int32(recordSize)))
        if key.count > arena.longestKey { arena.longestKey = key.count }
        builder.write(to: arena.bytes + arena.used + key.count)
        arena.used += size
        count += 1
    }

    private func spill() throws {
        guard let helper else {
            runs.append(try arena.spill(scratch))
            return
        }
        spareReturned.lock()
        guard let next = spare else {
            // The helper is still busy (with the previous arena or another job): this thread sorts
            // and writes this arena itself rather than wait.
            spareReturned.unlock()
            let run = try arena.spill(scratch)
            spareReturned.lock()
            runs.append(run)
            spareReturned.unlock()
            return
        }
        spare = nil
        spareReturned.unlock()
        let full = arena
        arena = next
        let scratch = self.scratch
        try helper.submit { [self] in
            // The arena comes back even when writing it failed (the import fails then anyway).
            var run: RunReader?
            defer {
                full.clear()
                spareReturned.lock()
                if let run { runs.append(run) }
                spare = full
                spareReturned.unlock()
            }
            run = try full.spill(scratch)
        }
    }

    /// Calls `body` with every record in key order (its key and its record), then empties the sorter.
    func forEachSorted(_ body: (_ key: UnsafeBufferPointer<UInt8>, _ record: UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        defer {
            arena.clear()
            runs.removeAll()
            count = 0
        }
        // A spare arena is not needed any more; with a helper, this runs after its spills.
        spareReturned.lock()
        spare = nil
        spareReturned.unlock()
        if runs.isEmpty {
            arena.sort()
            for entry in arena.entries {
                let key = UnsafeBufferPointer(start: arena.bytes + entry.offset, count: Int(entry.keyLength))
                let record = UnsafeBufferPointer(start: arena.bytes + entry.offset + Int(entry.keyLength), count: Int(entry.recordLength))
                try body(key, record)
            }
            // The arena's memory goes now, not when the sorter does.
            arena = Arena(budget: 1 << 16)
            return
        }
        if !arena.entries.isEmpty { runs.append(try arena.spill(scratch)) }
        // Only the runs' read buffers are needed while merging.
        arena = Arena(budget: 1 << 16)
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
        func less(_ i: Int, _ j: Int) -> Bool {
            guard let a = heads[i], let b = heads[j] else { return false }
            return keyLess(a.w, a.key, a.keyLength, b.w, b.key, b.keyLength)
        }
        var heap = RunHeap(heads.indices.filter { heads[$0] != nil }, less: less)
        while let top = heap.top, let h = heads[top] {
            let run = runs[top]
            try body(
                UnsafeBufferPointer(start: h.key, count: h.keyLength),
                UnsafeBufferPointer(start: h.key + h.keyLength, count: h.recordLength))
            run.skip(8 + h.keyLength + h.recordLength)
            heads[top] = try head(run)
            heap.topChanged(ended: heads[top] == nil, less: less)
        }
    }
}
