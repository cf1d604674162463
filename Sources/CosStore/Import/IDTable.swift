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

    /// The hash of an id held in an entry's inline form (its two words and its length code): a few
    /// multiplications instead of a pass over the bytes (a UUID is 36 of them).
    @inline(__always)
    private static func hash(inline w0: UInt64, _ w1: UInt64, _ length: Int32) -> UInt64 {
        mix(w0 &* 0x9E37_79B9_7F4A_7C15 ^ mix(w1 ^ UInt64(bitPattern: Int64(length))))
    }

    /// The hash of an id kept in the arena: FNV-1a over its bytes, then the final mix.
    @inline(__always)
    private static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return mix(h)
    }

    /// A final mix so that every bit depends on every input bit.
    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ inline: (UInt64, UInt64, Int32)?) -> UInt64 {
        if let (w0, w1, length) = inline { return hash(inline: w0, w1, length) }
        return hash(bytes: bytes)
    }

    /// Each byte's value as a hexadecimal digit (0-15), plus 0x10 for `a`-`f` and 0x20 for `A`-`F`;
    /// 0xFF for any other byte.
    /// Written once, then only read.
    nonisolated(unsafe) private static let hexDigits: UnsafeMutablePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0xFF, count: 256)
        for b in 48...57 { table[b] = UInt8(b - 48) }
        for b in 97...102 { table[b] = UInt8(b - 87) | 0x10 }
        for b in 65...70 { table[b] = UInt8(b - 55) | 0x20 }
        return table
    }()

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
        guard bytes.count == 36, let base = bytes.baseAddress, base[8] == 45, base[13] == 45, base[18] == 45, base[23] == 45
        else { return nil }
        let table = hexDigits
        var high: UInt64 = 0
        var low: UInt64 = 0
        var seen: UInt8 = 0
        // The 32 digits: 8-4-4 then 4-12.
        for i in 0..<36 where i != 8 && i != 13 && i != 18 && i != 23 {
            let d = table[Int(base[i])]
            seen |= d
            if i < 19 { high = high << 4 | UInt64(d & 15) } else { low = low << 4 | UInt64(d & 15) }
        }
        // 0x80 in `seen`: a byte that is not a digit; 0x30: lower and upper case letters mixed.
        if seen & 0x80 != 0 || seen & 0x30 == 0x30 { return nil }
        return (high, low, seen & 0x20 != 0 ? -2 : -1)
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
        let inline = IDTable.inline(bytes)
        return lookup(bytes, IDTable.hash(bytes, inline), inline).value
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
        let inline = IDTable.inline(bytes)
        let h = IDTable.hash(bytes, inline)
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
            let entry = entries[index]
            let h: UInt64
            if entry.length <= 16 {
                h = IDTable.hash(inline: entry.word0, entry.word1, entry.length)
            } else {
                let n = bytes(of: index, into: buffer)
                h = IDTable.hash(bytes: UnsafeBufferPointer(start: buffer, count: n))
            }
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = oldSlots[i]
        }
        oldSlots.deallocate()
    }
}
