/// A seeded pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// The generator must give byte-identical files for the same flags on every run and every machine, so
/// it never touches the system's random source; it is also far faster than `SystemRandomNumberGenerator`,
/// which matters when drawing tens of millions of rows.
struct RandomSource {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose whole stream is fixed by `seed`.
    init(seed: UInt64) {
        var mixer = seed
        s0 = RandomSource.splitMix(&mixer)
        s1 = RandomSource.splitMix(&mixer)
        s2 = RandomSource.splitMix(&mixer)
        s3 = RandomSource.splitMix(&mixer)
    }

    /// A generator for one part of the data (one organization), independent of how much the other parts
    /// drew: changing one organization's size does not shift every later organization's stream.
    init(seed: UInt64, stream: UInt64) {
        var mixer = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)
        let derived = RandomSource.splitMix(&mixer) ^ RandomSource.splitMix(&mixer)
        self.init(seed: derived)
    }

    /// SplitMix64: advances `state` and returns a well-mixed 64-bit value.
    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A number in `0..<bound` (0 when `bound` is 0 or less), by multiply-high: the tiny bias does not
    /// matter for sample data and the result is the same on every platform.
    mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range` (inclusive).
    mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform fraction in `0..<1` (for shapes of distributions, never for money).
    mutating func fraction() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { fraction() < p }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// An index drawn with the given relative weights (all non-negative, not all zero).
    mutating func weightedIndex(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var target = fraction() * total
        for (index, w) in weights.enumerated() {
            if target < w { return index }
            target -= w
        }
        return weights.count - 1
    }
}
