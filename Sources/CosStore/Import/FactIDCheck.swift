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
    /// Calls `body` with the ordinal of every row whose hash another row of `pairs` has too (in no
    /// particular order). The pairs are distributed by 16 more bits of the hash (a counting sort, two
    /// passes), and each bucket (a few pairs) is sorted on its own: linear, where sorting the whole
    /// partition took most of the check's time.
    static func collisions(in pairs: [HashedRow], _ body: (UInt64) -> Void) {
        let n = pairs.count
        guard n > 1 else { return }
        let bucketBits = 16
        let shift = UInt64(64 - partitionBits - bucketBits)
        let mask = UInt64((1 << bucketBits) - 1)
        var starts = [Int](repeating: 0, count: (1 << bucketBits) + 1)
        var sorted = [HashedRow](repeating: HashedRow(hash: 0, ordinal: 0), count: n)
        starts.withUnsafeMutableBufferPointer { starts in
            pairs.withUnsafeBufferPointer { pairs in
                for pair in pairs { starts[Int((pair.hash >> shift) & mask) + 1] += 1 }
                for b in 1..<starts.count { starts[b] += starts[b - 1] }
                sorted.withUnsafeMutableBufferPointer { sorted in
                    var next = Array(starts.dropLast())
                    next.withUnsafeMutableBufferPointer { next in
                        for pair in pairs {
                            let b = Int((pair.hash >> shift) & mask)
                            sorted[next[b]] = pair
                            next[b] += 1
                        }
                    }
                    for b in 0..<(starts.count - 1) {
                        let (from, to) = (starts[b], starts[b + 1])
                        guard to - from > 1 else { continue }
                        let bucket = UnsafeMutableBufferPointer(rebasing: sorted[from..<to])
                        Introsort.sort(bucket)
                        var i = 0
                        while i < bucket.count {
                            var j = i + 1
                            while j < bucket.count && bucket[j].hash == bucket[i].hash { j += 1 }
                            if j - i > 1 { for k in i..<j { body(bucket[k].ordinal) } }
                            i = j
                        }
                    }
                }
            }
        }
    }

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
            while case let available = try reader.ensure(16), available >= 16 {
                let whole = available / 16
                let bytes = UnsafeRawPointer(reader.bytes)
                for i in 0..<whole { pairs.append(bytes.loadUnaligned(fromByteOffset: i * 16, as: HashedRow.self)) }
                reader.skip(whole * 16)
            }
            FactIDCheck.collisions(in: pairs) { result.append(Int($0)) }
        }
        writers.removeAll()
        return result.sorted()
    }
}
