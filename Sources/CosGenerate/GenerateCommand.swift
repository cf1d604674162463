#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `cos generate`: writes a deterministic billing export (see `GenerateOptions.helpText`).
public enum GenerateCommand {
    /// Runs with the arguments after `generate`; returns the exit status: 0 done, 1 the files could not
    /// be written, 2 bad flags.
    public static func run(arguments: [String]) -> Int32 {
        let options: GenerateOptions
        do {
            guard let parsed = try GenerateOptions.parse(arguments) else {
                print(GenerateOptions.helpText)
                return 0
            }
            options = parsed
        } catch {
            printError("cos generate: \(error)")
            return 2
        }
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let summary = try BillingExportGenerator.generate(options)
            let elapsed = clock.now - started
            print(report(summary, options: options, seconds: seconds(elapsed)))
            return 0
        } catch {
            printError("cos generate: \(error)")
            if case .outputNotEmpty = error { return 2 }
            return 1
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The closing summary: rows and bytes per file, and the time taken.
    static func report(_ summary: GenerationSummary, options: GenerateOptions, seconds: Double) -> String {
        var lines = ["Wrote \(options.outputDirectory) (as of \(options.asOf), \(options.organizations) organizations, \(options.months) months, seed \(options.seed)):"]
        for file in summary.files {
            let name = file.name.padding(24)
            let rows = file.name.hasSuffix(".csv") ? grouped(file.rows).leftPadding(12) + " rows" : String(repeating: " ", count: 17)
            lines.append("  \(name)\(rows)  \(grouped(file.bytes).leftPadding(15)) bytes")
        }
        let tenths = Int((seconds * 10).rounded())
        lines.append("  total \(grouped(summary.totalBytes)) bytes in \(tenths / 10).\(tenths % 10) s")
        return lines.joined(separator: "\n")
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    private static func printError(_ message: String) {
        var line = message + "\n"
        line.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }

    fileprivate func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
