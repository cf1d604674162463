#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A row's id hash and its ordinal, as written to the partitions (ordered by the hash).
struct HashedRow: Comparable {
    var hash: UInt64
    var ordinal: UInt64

    static func < (a: HashedRow, b: HashedRow) -> Bool { a.hash < b.hash }
    static func == (a: HashedRow, b: HashedRow) -> Bool { a.hash == b.hash }
}

/// Checks that the ids of a fact file (charge tickets, usage events) are unique, in flat memory: each
/// id's 64-bit hash and row ordinal go to one of 64 scratch files by the hash's top bits; at the end
/// each file is sorted on its own, and rows whose hashes are equal are compared exactly by reading
/// those rows' ids from the file again (only when there are such rows).
///
/// Memory is the 64 write buffers and one partition at a time, whatever the number of rows.
final class FactIDCheck {
    private static let partitionBits = 6
    private let scratch: ScratchSpace
    @exclusivity(unchecked) private var writers: [RunWriter] = []
    @exclusivity(unchecked) private(set) var count = 0

    init(scratch: ScratchSpace) { self.scratch = scratch }

    /// FNV-1a, then a final mix so that every bit depends on every byte.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    /// Records row `ordinal`'s id.
    @inline(__always)
    func add(_ id: UnsafeBufferPointer<UInt8>, ordinal: Int) throws {
        if writers.isEmpty {
            for _ in 0..<(1 << FactIDCheck.partitionBits) { writers.append(try RunWriter(scratch: scratch, bufferSize: 1 << 16)) }
        }
        let h = FactIDCheck.hash(id)
        try writers[Int(h >> UInt64(64 - FactIDCheck.partitionBits))].append(value: (h, UInt64(ordinal)))
        count += 1
    }

    /// The ordinals of rows whose ids' hashes collide with another row's, in increasing order.
    func candidates() throws -> [Int] {
        var result: [Int] = []
        for writer in writers {
            let reader = try writer.finish()
            var pairs: [HashedRow] = []
            pairs.reserveCapacity(writer.written / 16)
            while try reader.ensure(16) >= 16 {
                var pair = HashedRow(hash: 0, ordinal: 0)
                withUnsafeMutableBytes(of: &pair) { $0.baseAddress?.copyMemory(from: reader.bytes, byteCount: 16) }
                pairs.append(pair)
                reader.skip(16)
            }
            pairs.withUnsafeMutableBufferPointer { Introsort.sort($0) }
            var i = 0
            while i < pairs.count {
                var j = i + 1
                while j < pairs.count && pairs[j].hash == pairs[i].hash { j += 1 }
                if j - i > 1 { for p in pairs[i..<j] { result.append(Int(p.ordinal)) } }
                i = j
            }
        }
        writers.removeAll()
        return result.sorted()
    }
}
