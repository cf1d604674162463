import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plain seeded mutation loop, for where libFuzzer is not linked in (`scripts/test` runs the debug
/// build this way): every corpus input first, then mutations of them (bit flips, byte changes,
/// insertions and deletions of bytes and of the targets' tokens, splices of two inputs), chosen by a
/// SplitMix64 stream from `seed`, until `seconds` have passed or `maximumInputs` have run. The same
/// seed and corpus run the same inputs in the same order.
///
/// The input being run is kept in a file (`crashFile`) as it starts, so that a crash leaves it behind
/// to be replayed (`cos-fuzz TARGET FILE`); the file is removed when the loop ends without one.
public struct MutationLoop {
    public let target: FuzzTarget
    public var seed: UInt64 = 1
    public var seconds: Double = 10
    public var maximumInputs = Int.max
    public var maximumLength = 4096
    public var crashFile: String

    public init(target: FuzzTarget, crashFile: String) {
        self.target = target
        self.crashFile = crashFile
    }

    /// How a run went.
    public struct Stats: Sendable {
        public var inputs = 0
        public var corpusInputs = 0
        public var seconds = 0.0
    }

    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
    }

    /// Bytes worth inserting for these targets.
    static let tokens: [[UInt8]] = [
        "\"", ",", "\n", "\r\n", "\u{0}", "\u{1B}[2J", "\u{85}", "\u{7F}", "9223372036854.775807", "-9223372036854.775807",
        "0.000001", "9999-12-31", "0001-01-01", "T23:30:00-01:00", "\u{FEFF}", "id:", "ORG-1", "C1", "O1", "P1", "I1",
        "final", "draft", "SEK", "JPY", ";", "$x", "${", "'", "\\", "/", "..", "--limit", "--all", "open ", "cd ",
        "period last ", "as-of ", "set format json", "set width 20", "tickets", "summary", "tree", "名前", "🙂", "\u{1E}",
        "\u{FF}", "last 1200", "0000-00", "categories/", "types/", "contracts/", "invoices/",
    ].map { Array($0.utf8) }

    /// Runs the corpus, then mutations, and returns what ran.
    public func run(corpus: [[UInt8]]) -> Stats {
        let seeds = corpus.isEmpty ? [[]] : corpus
        var random = Random(state: seed)
        var stats = Stats()
        target.prepare()
        let started = Date()
        func timeUp() -> Bool { stats.inputs >= maximumInputs || Date().timeIntervalSince(started) >= seconds }
        for input in seeds {
            one(input)
            stats.inputs += 1
            stats.corpusInputs += 1
        }
        while !timeUp() {
            var input = seeds[random.below(seeds.count)]
            for _ in 0..<(1 + random.below(6)) { mutate(&input, seeds, &random) }
            if input.count > maximumLength { input.removeLast(input.count - maximumLength) }
            one(input)
            stats.inputs += 1
        }
        stats.seconds = Date().timeIntervalSince(started)
        unlink(crashFile)
        return stats
    }

    private func one(_ input: [UInt8]) {
        // Kept before it runs: a crash leaves the input behind.
        let fd = open(crashFile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd >= 0 {
            _ = input.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        target.run(input)
    }

    private func mutate(_ input: inout [UInt8], _ seeds: [[UInt8]], _ random: inout Random) {
        switch random.below(8) {
        case 0 where !input.isEmpty:
            input[random.below(input.count)] ^= UInt8(1 << random.below(8))
        case 1 where !input.isEmpty:
            input[random.below(input.count)] = UInt8(truncatingIfNeeded: random.next())
        case 2:
            input.insert(UInt8(truncatingIfNeeded: random.next()), at: random.below(input.count + 1))
        case 3 where !input.isEmpty:
            let at = random.below(input.count)
            input.removeSubrange(at..<min(input.count, at + 1 + random.below(16)))
        case 4, 5:
            input.insert(contentsOf: Self.tokens[random.below(Self.tokens.count)], at: random.below(input.count + 1))
        case 6 where !input.isEmpty:
            // Repeat a run of bytes (long fields, many rows).
            let at = random.below(input.count)
            let run = Array(input[at..<min(input.count, at + 1 + random.below(64))])
            for _ in 0..<(1 + random.below(8)) { input.insert(contentsOf: run, at: at) }
        default:
            // Splice: the head of this input with the tail of another.
            let other = seeds[random.below(seeds.count)]
            let cut = random.below(input.count + 1)
            let from = random.below(other.count + 1)
            input = Array(input[..<cut]) + Array(other[from...])
        }
    }

    /// The files of the corpus directories, in name order (a fixed order for a fixed seed).
    public static func loadCorpus(_ directories: [String]) -> [[UInt8]] {
        var inputs: [[UInt8]] = []
        for directory in directories {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                if let data = FileManager.default.contents(atPath: directory + "/" + name) { inputs.append(Array(data)) }
            }
        }
        return inputs
    }
}
