#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A map from export id (its UTF-8 bytes, compared exactly) to key `k`, looked up straight from a CSV
/// field's bytes: no String is made and nothing is allocated on the import's hot path.
///
/// Open addressing with linear probing. Each slot holds 32 bits of the id's hash beside the entry
/// number, so a probe rarely touches an entry that does not match; the ids' bytes live in one arena.
final class IDTable {
    /// An id of up to 16 bytes is held in `word0`/`word1` (zero padded), so matching it touches no
    /// other memory; a longer one is in the arena from `start`.
    private struct Entry {
        var word0: UInt64
        var word1: UInt64
        var start: Int
        var length: Int32
        var value: Int32
    }

    @inline(__always)
    private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        if let base = bytes.baseAddress {
            withUnsafeMutableBytes(of: &words) { $0.baseAddress?.copyMemory(from: base, byteCount: min(16, bytes.count)) }
        }
        return words
    }

    @exclusivity(unchecked) private var arena: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var arenaCapacity = 4096
    @exclusivity(unchecked) private var arenaUsed = 0
    @exclusivity(unchecked) private var entries: UnsafeMutablePointer<Entry>
    @exclusivity(unchecked) private var entryCapacity = 32
    @exclusivity(unchecked) private(set) var count = 0
    /// Each entry's full hash, only read when the slots grow.
    @exclusivity(unchecked) private var hashes: [UInt64] = []
    /// 0 = empty, else (hash's high 32 bits) << 32 | (entry index + 1).
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var slotCount = 64

    init() {
        arena = .allocate(capacity: arenaCapacity)
        entries = .allocate(capacity: entryCapacity)
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
    }

    deinit {
        arena.deallocate()
        entries.deallocate()
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

    /// The key of `bytes`, or nil.
    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = IDTable.hash(bytes)
        return lookup(bytes, h).value
    }

    @inline(__always)
    private func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (value: Int?, slot: Int) {
        let mask = slotCount - 1
        let tag = h >> 32
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            if s == 0 { return (nil, slot) }
            if s >> 32 == tag {
                let entry = entries[Int(s & 0xFFFF_FFFF) - 1]
                if Int(entry.length) == bytes.count {
                    if bytes.count <= 16 {
                        let (w0, w1) = IDTable.words(bytes)
                        if entry.word0 == w0 && entry.word1 == w1 { return (Int(entry.value), slot) }
                    } else if let base = bytes.baseAddress, memcmp(arena + entry.start, base, bytes.count) == 0 {
                        return (Int(entry.value), slot)
                    }
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
        if (count + 1) * 2 > slotCount { growSlots() }
        let h = IDTable.hash(bytes)
        let (existing, slot) = lookup(bytes, h)
        if let existing { return existing }
        if count == entryCapacity {
            let bigger = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity * 2)
            bigger.moveInitialize(from: entries, count: count)
            entries.deallocate()
            entries = bigger
            entryCapacity *= 2
        }
        let (w0, w1) = IDTable.words(bytes)
        if bytes.count > 16 && arenaUsed + bytes.count > arenaCapacity {
            var capacity = arenaCapacity * 2
            while capacity < arenaUsed + bytes.count { capacity *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            bigger.update(from: arena, count: arenaUsed)
            arena.deallocate()
            arena = bigger
            arenaCapacity = capacity
        }
        var start = 0
        if bytes.count > 16, let base = bytes.baseAddress {
            (arena + arenaUsed).update(from: base, count: bytes.count)
            start = arenaUsed
            arenaUsed += bytes.count
        }
        (entries + count).initialize(
            to: Entry(
                word0: w0, word1: w1, start: start, length: Int32(truncatingIfNeeded: bytes.count),
                value: Int32(truncatingIfNeeded: value)))
        hashes.append(h)
        count += 1
        slots[slot] = (h >> 32) << 32 | UInt64(count)
        return nil
    }

    func insert(_ id: String, value: Int) -> Int? {
        var id = id
        return id.withUTF8 { insert($0, value: value) }
    }

    private func growSlots() {
        let oldSlots = slots
        let oldCount = slotCount
        slotCount *= 2
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        let mask = slotCount - 1
        for i in 0..<oldCount where oldSlots[i] != 0 {
            let h = hashes[Int(oldSlots[i] & 0xFFFF_FFFF) - 1]
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = oldSlots[i]
        }
        oldSlots.deallocate()
    }
}
