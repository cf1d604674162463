#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A map from export id (its UTF-8 bytes, compared exactly) to key `k`, looked up straight from a CSV
/// field's bytes: no String is made and nothing is allocated on the import's hot path.
///
/// Open addressing with linear probing. Each slot holds 32 bits of the id's hash beside the entry
/// number, so a probe rarely touches an entry that does not match. An id of up to 16 bytes is held in
/// the entry itself; so is a UUID written in the canonical form (36 characters, lower or upper case
/// hexadecimal digits, hyphens after the 8th, 12th, 16th and 20th), packed into its 16 bytes, which
/// is lossless; any other id is in one arena. An entry takes 24 bytes and a slot 8, about 40 bytes an
/// id in all (a million objects: 40 MB).
final class IDTable {
    /// `length` is the id's length in bytes, or -1 (-2) for a lower-case (upper-case) canonical UUID
    /// packed into `word0`/`word1`.
    private struct Entry {
        var word0: UInt64
        var word1: UInt64
        var start: UInt32
        var length: Int32
    }

    @exclusivity(unchecked) private var arena: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var arenaCapacity = 4096
    @exclusivity(unchecked) private var arenaUsed = 0
    @exclusivity(unchecked) private var entries: UnsafeMutablePointer<Entry>
    /// The value (key `k`) of each entry.
    @exclusivity(unchecked) private var values: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var entryCapacity = 32
    @exclusivity(unchecked) private(set) var count = 0
    /// 0 = empty, else (hash's high 32 bits) << 32 | (entry index + 1).
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var slotCount = 64
    /// Entry index of each value, made on the first `text(ofValue:)` (messages only).
    private var entryOfValue: [Int32]?

    init() {
        arena = .allocate(capacity: arenaCapacity)
        entries = .allocate(capacity: entryCapacity)
        values = .allocate(capacity: entryCapacity)
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
    }

    deinit {
        arena.deallocate()
        entries.deallocate()
        values.deallocate()
        slots.deallocate()
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        // FNV-1a, then a final mix so that every bit depends on every byte.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }

    @inline(__always)
    private static func hexValue(_ b: UInt8) -> (value: UInt64, upper: Bool?)? {
        switch b {
        case 48...57: return (UInt64(b - 48), nil)
        case 97...102: return (UInt64(b - 87), false)
        case 65...70: return (UInt64(b - 55), true)
        default: return nil
        }
    }

    /// The id in an entry's inline form: its first 16 bytes (zero padded) and its length, or a packed
    /// canonical UUID; nil for an id that lives in the arena.
    @inline(__always)
    private static func inline(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, Int32)? {
        if bytes.count <= 16 {
            var words: (UInt64, UInt64) = (0, 0)
            if let base = bytes.baseAddress {
                withUnsafeMutableBytes(of: &words) { $0.baseAddress?.copyMemory(from: base, byteCount: bytes.count) }
            }
            return (words.0, words.1, Int32(bytes.count))
        }
        guard bytes.count == 36, bytes[8] == 45, bytes[13] == 45, bytes[18] == 45, bytes[23] == 45 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        var digits = 0
        var upper: Bool?
        for (i, b) in bytes.enumerated() where i != 8 && i != 13 && i != 18 && i != 23 {
            guard let (value, isUpper) = hexValue(b) else { return nil }
            if let isUpper {
                if let upper, upper != isUpper { return nil }
                upper = isUpper
            }
            if digits < 16 { high = high << 4 | value } else { low = low << 4 | value }
            digits += 1
        }
        return (high, low, upper == true ? -2 : -1)
    }

    /// The id's bytes of entry `i` (into `buffer`, 36 bytes or more).
    private func bytes(of i: Int, into buffer: UnsafeMutablePointer<UInt8>) -> Int {
        let entry = entries[i]
        if entry.length >= 0 && entry.length <= 16 {
            var words = (entry.word0, entry.word1)
            withUnsafeBytes(of: &words) { raw in
                if let base = raw.baseAddress { buffer.update(from: base.assumingMemoryBound(to: UInt8.self), count: Int(entry.length)) }
            }
            return Int(entry.length)
        }
        if entry.length < 0 {
            let digits: [UInt8] = Array((entry.length == -1 ? "0123456789abcdef" : "0123456789ABCDEF").utf8)
            var at = 0
            for k in 0..<32 {
                if k == 8 || k == 12 || k == 16 || k == 20 {
                    buffer[at] = 45
                    at += 1
                }
                let word = k < 16 ? entry.word0 : entry.word1
                let shift = UInt64((15 - k % 16) * 4)
                buffer[at] = digits[Int((word >> shift) & 15)]
                at += 1
            }
            return 36
        }
        buffer.update(from: arena + Int(entry.start), count: Int(entry.length))
        return Int(entry.length)
    }

    /// The key of `bytes`, or nil.
    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        lookup(bytes, IDTable.hash(bytes), IDTable.inline(bytes)).value
    }

    @inline(__always)
    private func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ h: UInt64, _ inline: (UInt64, UInt64, Int32)?) -> (value: Int?, slot: Int) {
        let mask = slotCount - 1
        let tag = h >> 32
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            if s == 0 { return (nil, slot) }
            if s >> 32 == tag {
                let index = Int(s & 0xFFFF_FFFF) - 1
                let entry = entries[index]
                if let (w0, w1, length) = inline {
                    if entry.length == length && entry.word0 == w0 && entry.word1 == w1 { return (Int(values[index]), slot) }
                } else if Int(entry.length) == bytes.count, let base = bytes.baseAddress,
                    memcmp(arena + Int(entry.start), base, bytes.count) == 0
                {
                    return (Int(values[index]), slot)
                }
            }
            slot = (slot + 1) & mask
        }
    }

    func find(_ id: String) -> Int? {
        var id = id
        return id.withUTF8 { find($0) }
    }

    /// Adds `bytes` → `value` unless the id is there already; returns the existing key then.
    func insert(_ bytes: UnsafeBufferPointer<UInt8>, value: Int) -> Int? {
        if (count + 1) * 10 > slotCount * 7 { growSlots() }
        let h = IDTable.hash(bytes)
        let inline = IDTable.inline(bytes)
        let (existing, slot) = lookup(bytes, h, inline)
        if let existing { return existing }
        if count == entryCapacity {
            let bigger = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity * 2)
            bigger.moveInitialize(from: entries, count: count)
            entries.deallocate()
            entries = bigger
            let biggerValues = UnsafeMutablePointer<Int32>.allocate(capacity: entryCapacity * 2)
            biggerValues.moveInitialize(from: values, count: count)
            values.deallocate()
            values = biggerValues
            entryCapacity *= 2
        }
        var entry = Entry(word0: 0, word1: 0, start: 0, length: Int32(truncatingIfNeeded: bytes.count))
        if let (w0, w1, length) = inline {
            entry.word0 = w0
            entry.word1 = w1
            entry.length = length
        } else {
            if arenaUsed + bytes.count > arenaCapacity {
                var capacity = arenaCapacity * 2
                while capacity < arenaUsed + bytes.count { capacity *= 2 }
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                bigger.update(from: arena, count: arenaUsed)
                arena.deallocate()
                arena = bigger
                arenaCapacity = capacity
            }
            if let base = bytes.baseAddress { (arena + arenaUsed).update(from: base, count: bytes.count) }
            entry.start = UInt32(truncatingIfNeeded: arenaUsed)
            arenaUsed += bytes.count
        }
        (entries + count).initialize(to: entry)
        values[count] = Int32(truncatingIfNeeded: value)
        count += 1
        slots[slot] = (h >> 32) << 32 | UInt64(count)
        entryOfValue = nil
        return nil
    }

    func insert(_ id: String, value: Int) -> Int? {
        var id = id
        return id.withUTF8 { insert($0, value: value) }
    }

    /// The id of the entry whose value is `value` (for messages), or nil.
    func text(ofValue value: Int) -> String? {
        if entryOfValue == nil {
            var map = [Int32](repeating: -1, count: Int(count) + 1)
            for i in 0..<count {
                let v = Int(values[i])
                if v >= map.count { map += [Int32](repeating: -1, count: v - map.count + 1) }
                map[v] = Int32(i)
            }
            entryOfValue = map
        }
        guard let map = entryOfValue, value >= 0, value < map.count, map[value] >= 0 else { return nil }
        let index = Int(map[value])
        let length = entries[index].length
        let size = length < 0 ? 36 : Int(length)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(size, 36)) { buffer in
            guard let base = buffer.baseAddress else { return nil }
            let n = bytes(of: index, into: base)
            return String(decoding: UnsafeBufferPointer(start: base, count: n), as: UTF8.self)
        }
    }

    private func growSlots() {
        let oldSlots = slots
        let oldCount = slotCount
        slotCount *= 2
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        let mask = slotCount - 1
        var longest = 36
        for i in 0..<count where entries[i].length > 36 { longest = max(longest, Int(entries[i].length)) }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: longest)
        defer { buffer.deallocate() }
        for i in 0..<oldCount where oldSlots[i] != 0 {
            let index = Int(oldSlots[i] & 0xFFFF_FFFF) - 1
            let n = bytes(of: index, into: buffer)
            let h = IDTable.hash(UnsafeBufferPointer(start: buffer, count: n))
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = oldSlots[i]
        }
        oldSlots.deallocate()
    }
}
