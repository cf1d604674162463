#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sums (counts, minimums, maximums) per key in bounded memory: a hash table of at most `capacity`
/// keys combines the rows as they come; when it is full, its groups are sorted and written to a scratch
/// file; `forEachSorted` merges those runs, combining equal keys again, and hands out every group in
/// key order. Keys are four words compared in order (callers pack their integer columns so that word
/// order is the table's key order, see `Pack`).
///
/// Sums are exact: an overflow is remembered (`overflowed`) and the caller refuses the data.
final class Aggregator {
    typealias Key = (UInt64, UInt64, UInt64, UInt64)

    enum Combine { case sum, min, max }

    private let combines: [Combine]
    private let width: Int
    private let scratch: ScratchSpace
    private let capacity: Int
    @exclusivity(unchecked) private var slotCount: Int
    /// Per slot: 4 key words then `width` values; `used` marks occupied slots.
    @exclusivity(unchecked) private var table: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var occupied: UnsafeMutablePointer<Bool>
    /// The occupied slots, in the order they were taken (clearing and sorting touch only these).
    @exclusivity(unchecked) private var touched: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var runs: [RunReader] = []
    /// The first key whose sum overflowed, if any (in the order the rows were combined).
    @exclusivity(unchecked) private(set) var overflowed: Key?
    /// The keys (at most 64) whose sums overflowed while combining. Sums wrap in two's complement, so a
    /// group whose exact total fits in 64 bits still holds it; the caller checks these groups' exact
    /// totals (`SumOverflow`).
    @exclusivity(unchecked) private(set) var overflowedKeys: [Key] = []

    /// The table's slots grow from `initialSlots` (a table that fits the caches while the groups are
    /// few) up to `maximumSlots`; `clear` goes back to the small table.
    private let initialSlots: Int
    private let maximumSlots: Int
    /// Values of the fixed-arity `add`s.
    @exclusivity(unchecked) private var values: UnsafeMutablePointer<Int64>

    /// - Parameters:
    ///   - combines: how each value combines with the group's (the number of values per row).
    ///   - capacity: the most groups held in memory before a run is written.
    init(combines: [Combine], capacity: Int, scratch: ScratchSpace) {
        self.combines = combines
        width = 4 + combines.count
        self.scratch = scratch
        self.capacity = max(capacity, 16)
        var slots = 16
        while slots < self.capacity * 2 { slots *= 2 }
        maximumSlots = slots
        initialSlots = min(slots, 256)
        slotCount = initialSlots
        table = .allocate(capacity: initialSlots * width)
        occupied = .allocate(capacity: initialSlots)
        occupied.initialize(repeating: false, count: initialSlots)
        touched = .allocate(capacity: self.capacity)
        values = .allocate(capacity: max(1, combines.count))
    }

    deinit {
        table.deallocate()
        occupied.deallocate()
        touched.deallocate()
        values.deallocate()
    }

    /// Doubles the table (or sets it to `slots`), moving the groups over.
    private func resize(to slots: Int) {
        let oldTable = table
        let oldOccupied = occupied
        table = .allocate(capacity: slots * width)
        occupied = .allocate(capacity: slots)
        occupied.initialize(repeating: false, count: slots)
        slotCount = slots
        let mask = slots - 1
        for i in 0..<count {
            let old = oldTable + Int(touched[i]) * width
            var slot = Aggregator.hash((old[0], old[1], old[2], old[3])) & mask
            while occupied[slot] { slot = (slot + 1) & mask }
            occupied[slot] = true
            touched[i] = Int32(slot)
            (table + slot * width).update(from: old, count: width)
        }
        oldTable.deallocate()
        oldOccupied.deallocate()
    }

    @inline(__always)
    private static func hash(_ key: Key) -> Int {
        var h = key.0 &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ (h >> 29) ^ key.1) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 31) ^ key.2) &* 0x94D0_49BB_1331_11EB
        h = (h ^ (h >> 29) ^ key.3) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// Adds one row's values (`values.count == combines.count`) to the group of `key`.
    @inline(__always)
    func add(_ key: Key, _ values: UnsafeBufferPointer<Int64>) throws {
        if count >= capacity { try spill() }
        if count * 2 >= slotCount && slotCount < maximumSlots { resize(to: slotCount * 2) }
        let mask = slotCount - 1
        var slot = Aggregator.hash(key) & mask
        while occupied[slot] {
            let p = table + slot * width
            if p[0] == key.0 && p[1] == key.1 && p[2] == key.2 && p[3] == key.3 {
                combine(into: p + 4, values)
                return
            }
            slot = (slot + 1) & mask
        }
        occupied[slot] = true
        touched[count] = Int32(slot)
        let p = table + slot * width
        p[0] = key.0
        p[1] = key.1
        p[2] = key.2
        p[3] = key.3
        for i in 0..<combines.count { p[4 + i] = UInt64(bitPattern: values[i]) }
        count += 1
    }

    /// Adds a row with no values (distinct keys).
    func add(_ key: Key) throws {
        try add(key, UnsafeBufferPointer(start: nil, count: 0))
    }

    @inline(__always)
    func add(_ key: Key, _ a: Int64) throws {
        values[0] = a
        try add(key, UnsafeBufferPointer(start: values, count: 1))
    }

    @inline(__always)
    func add(_ key: Key, _ a: Int64, _ b: Int64) throws {
        values[0] = a
        values[1] = b
        try add(key, UnsafeBufferPointer(start: values, count: 2))
    }

    @inline(__always)
    func add(_ key: Key, _ a: Int64, _ b: Int64, _ c: Int64) throws {
        values[0] = a
        values[1] = b
        values[2] = c
        try add(key, UnsafeBufferPointer(start: values, count: 3))
    }

    @inline(__always)
    func add(_ key: Key, _ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64, _ e: Int64) throws {
        values[0] = a
        values[1] = b
        values[2] = c
        values[3] = d
        values[4] = e
        try add(key, UnsafeBufferPointer(start: values, count: 5))
    }

    @inline(__always)
    private func combine(into p: UnsafeMutablePointer<UInt64>, _ values: UnsafeBufferPointer<Int64>) {
        for i in 0..<combines.count {
            let old = Int64(bitPattern: p[i])
            let new: Int64
            switch combines[i] {
            case .sum:
                let (sum, overflow) = old.addingReportingOverflow(values[i])
                if overflow { noteOverflow((p[-4], p[-3], p[-2], p[-1])) }
                new = sum
            case .min: new = Swift.min(old, values[i])
            case .max: new = Swift.max(old, values[i])
            }
            p[i] = UInt64(bitPattern: new)
        }
    }

    /// The keys whose sums overflowed since the last call, and forgets them.
    func takeOverflowedKeys() -> [Key] {
        defer {
            overflowedKeys.removeAll()
            overflowed = nil
        }
        return overflowedKeys
    }

    private func noteOverflow(_ key: Key) {
        if overflowed == nil { overflowed = key }
        guard overflowedKeys.count < 64,
            !overflowedKeys.contains(where: { $0.0 == key.0 && $0.1 == key.1 && $0.2 == key.2 && $0.3 == key.3 })
        else { return }
        overflowedKeys.append(key)
    }

    private struct SlotKey: Comparable {
        var w0, w1, w2, w3: UInt64
        var slot: Int

        @inline(__always)
        static func < (a: SlotKey, b: SlotKey) -> Bool {
            if a.w0 != b.w0 { return a.w0 < b.w0 }
            if a.w1 != b.w1 { return a.w1 < b.w1 }
            if a.w2 != b.w2 { return a.w2 < b.w2 }
            return a.w3 < b.w3
        }

        static func == (a: SlotKey, b: SlotKey) -> Bool { a.w0 == b.w0 && a.w1 == b.w1 && a.w2 == b.w2 && a.w3 == b.w3 }
    }

    /// The occupied slots, sorted by key (the keys gathered first, so that comparisons read no table).
    private func sortedSlots() -> [Int] {
        var keys: [SlotKey] = []
        keys.reserveCapacity(count)
        for i in 0..<count {
            let slot = Int(touched[i])
            let p = table + slot * width
            keys.append(SlotKey(w0: p[0], w1: p[1], w2: p[2], w3: p[3], slot: slot))
        }
        keys.withUnsafeMutableBufferPointer { Introsort.sort($0) }
        return keys.map(\.slot)
    }

    private func clear() {
        count = 0
        if slotCount > initialSlots {
            table.deallocate()
            occupied.deallocate()
            table = .allocate(capacity: initialSlots * width)
            occupied = .allocate(capacity: initialSlots)
            slotCount = initialSlots
        }
        occupied.update(repeating: false, count: slotCount)
    }

    private func spill() throws {
        let writer = try RunWriter(scratch: scratch)
        for slot in sortedSlots() {
            try writer.append(UnsafeRawBufferPointer(start: table + slot * width, count: width * 8))
        }
        runs.append(try writer.finish())
        clear()
    }

    /// Calls `body` with every group in key order (its key and its values), then empties the aggregator.
    func forEachSorted(_ body: (_ key: Key, _ values: UnsafeBufferPointer<Int64>) throws -> Void) throws {
        defer {
            clear()
            runs.removeAll()
        }
        if runs.isEmpty {
            for slot in sortedSlots() {
                let p = table + slot * width
                try body((p[0], p[1], p[2], p[3]), UnsafeBufferPointer(start: UnsafeRawPointer(p + 4).assumingMemoryBound(to: Int64.self), count: combines.count))
            }
            return
        }
        if count > 0 { try spill() }
        // Only the runs' read buffers are needed while merging.
        clear()
        let itemBytes = width * 8
        var heads: [UnsafeMutablePointer<UInt64>?] = Array(repeating: nil, count: runs.count)
        func load(_ i: Int) throws {
            let run = runs[i]
            if try run.ensure(itemBytes) >= itemBytes {
                heads[i] = UnsafeMutableRawPointer(run.bytes).assumingMemoryBound(to: UInt64.self)
            } else {
                heads[i] = nil
            }
        }
        for i in runs.indices { try load(i) }
        func less(_ i: Int, _ j: Int) -> Bool {
            guard let p = heads[i], let q = heads[j] else { return false }
            if p[0] != q[0] { return p[0] < q[0] }
            if p[1] != q[1] { return p[1] < q[1] }
            if p[2] != q[2] { return p[2] < q[2] }
            return p[3] < q[3]
        }
        var heap = RunHeap(runs.indices.filter { heads[$0] != nil }, less: less)
        // The group being combined across runs.
        let current = UnsafeMutablePointer<UInt64>.allocate(capacity: width)
        defer { current.deallocate() }
        var haveCurrent = false
        while let top = heap.top, let p = heads[top] {
            if haveCurrent, current[0] == p[0], current[1] == p[1], current[2] == p[2], current[3] == p[3] {
                p.withMemoryRebound(to: Int64.self, capacity: width) { values in
                    combine(into: current + 4, UnsafeBufferPointer(start: values + 4, count: combines.count))
                }
            } else {
                if haveCurrent {
                    try body((current[0], current[1], current[2], current[3]), UnsafeBufferPointer(start: UnsafeRawPointer(current + 4).assumingMemoryBound(to: Int64.self), count: combines.count))
                }
                current.update(from: p, count: width)
                haveCurrent = true
            }
            runs[top].skip(itemBytes)
            try load(top)
            heap.topChanged(ended: heads[top] == nil, less: less)
        }
        if haveCurrent {
            try body((current[0], current[1], current[2], current[3]), UnsafeBufferPointer(start: UnsafeRawPointer(current + 4).assumingMemoryBound(to: Int64.self), count: combines.count))
        }
    }
}

/// Packs integer columns into the words of an `Aggregator` key so that the words compare in the
/// columns' order: each column gets a fixed number of bits (values are offset to be non-negative).
enum Pack {
    /// Keys (`k`, 1...2^31; 0 is NULL, which sorts first as SQLite's NULL does).
    static let keyBits = 32
    /// Month ordinals (0...120,000) and day numbers (about -719,000...2,933,000), offset.
    static let dayOffset: Int64 = 1 << 21

    @inline(__always)
    static func two(_ a: Int, _ b: Int) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: a)) << 32 | UInt64(UInt32(truncatingIfNeeded: b)) }
}
