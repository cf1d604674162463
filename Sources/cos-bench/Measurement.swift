import CosStore
import Foundation

/// The timings of one figure: every repetition in milliseconds, and their median and 95th percentile.
struct Measurement {
    let name: String
    let samples: [Double]
    let detail: String

    var median: Double { Measurement.quantile(samples, 0.5) }
    var p95: Double { Measurement.quantile(samples, 0.95) }

    /// The nearest-rank quantile of the sorted samples.
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// One line of JSON for scripts/bench.
    var jsonLine: String {
        let object: [String: Any] = [
            "name": name, "median_ms": round3(median), "p95_ms": round3(p95), "min_ms": round3(samples.min() ?? 0),
            "max_ms": round3(samples.max() ?? 0), "repetitions": samples.count, "detail": detail,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
            let text = String(data: data, encoding: .utf8)
        else { return "{}" }
        return text
    }

    private func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}

/// The source the measured views read, when it needs each run to be one read (a PostgreSQL source:
/// `beginReading`/`endReading`, as the shell wraps every command).
nonisolated(unsafe) var measuredSource: (any BillingSource)?

/// Runs `body` a few times to warm the caches, then `repetitions` times, timing each run.
/// `COS_BENCH_ONLY=TEXT` runs only the figures whose name contains TEXT (for profiling one view).
func measure(_ name: String, repetitions: Int, detail: String = "", _ body: () throws -> Void) throws -> Measurement? {
    if let only = ProcessInfo.processInfo.environment["COS_BENCH_ONLY"], !name.contains(only) { return nil }
    func run() throws {
        measuredSource?.beginReading()
        defer { measuredSource?.endReading() }
        try body()
    }
    for _ in 0..<min(5, repetitions) { try run() }
    var samples: [Double] = []
    samples.reserveCapacity(repetitions)
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        try run()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    let result = Measurement(name: name, samples: samples, detail: detail)
    // Written straight to the descriptor so that scripts/bench sees each figure as it is measured.
    FileHandle.standardOutput.write((result.jsonLine + "\n").data(using: .utf8) ?? Data())
    return result
}
