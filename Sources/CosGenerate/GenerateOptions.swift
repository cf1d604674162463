import CosModel

/// Everything that fixes the generated data set: the same options always give byte-identical files.
public struct GenerateOptions: Equatable, Sendable {
    /// The size presets of `--profile`.
    public enum Profile: String, Sendable, CaseIterable {
        /// About 25 organizations: the set committed in `sample-data/`.
        case small
        /// The benchmark set: 10,000 organizations, about 1 million objects, 10 million charge tickets
        /// and 20 million usage events.
        case large
    }

    /// Where the nine CSV files and `manifest.json` go.
    public var outputDirectory: String
    public var organizations: Int
    /// Months of history, ending with the as-of month.
    public var months: Int
    /// Multiplies the objects (and so the tickets and events) of every organization.
    public var scale: Double
    public var seed: UInt64
    public var asOf: CivilDate
    /// Write into a directory that already holds files.
    public var force: Bool
    /// The `name` written to `manifest.json`.
    public var name: String

    /// The preset of a profile, writing to `outputDirectory`.
    public init(profile: Profile, outputDirectory: String) {
        self.outputDirectory = outputDirectory
        switch profile {
        case .small:
            organizations = 25
            scale = 0.3
        case .large:
            organizations = 10_000
            scale = 1
        }
        months = 24
        seed = 1
        asOf = CivilDate(year: 2026, month: 10, day: 31) ?? CivilDate(daysSinceEpoch: 20_757)
        force = false
        name = "Nordvik IT & Telecom billing export (\(profile.rawValue))"
    }

    /// The text of `cos generate --help`.
    public static let helpText = """
        Usage: cos generate -o DIR [options]

        Writes a deterministic billing export of an IT and telecom service provider: the nine CSV files
        of the data contract and manifest.json. The same options always give byte-identical files.

        Options:
          -o, --output DIR     where to write (created if missing; must be empty unless --force)
          --profile NAME       small (25 organizations, the committed sample-data/) or
                               large (10,000 organizations, ~10 million charge tickets); default small
          --orgs N             number of organizations (1 to 1,000,000)
          --months N           months of history ending with the as-of month (1 to 240; default 24)
          --scale X            multiplies the objects, tickets and events of every organization
                               (0.001 to 100; small 0.3, large 1)
          --seed N             seed of the random stream (default 1)
          --as-of YYYY-MM-DD   the as-of date written to manifest.json (default 2026-10-31)
          --force              write into a non-empty directory
          -h, --help           show this help
        """

    /// Reads `cos generate` arguments; nil when `--help` was asked for.
    public static func parse(_ arguments: [String]) throws(GenerateError) -> GenerateOptions? {
        var profile = Profile.small
        var output: String?
        var organizations: Int?
        var months: Int?
        var scale: Double?
        var seed: UInt64?
        var asOf: CivilDate?
        var force = false
        var index = 0

        func value(_ flag: String) throws(GenerateError) -> String {
            index += 1
            guard index < arguments.count else { throw GenerateError.usage("\(flag) needs a value (see cos generate --help)") }
            return arguments[index]
        }
        func wholeNumber(_ flag: String, _ text: String, _ range: ClosedRange<Int>) throws(GenerateError) -> Int {
            guard let number = Int(text), range.contains(number) else {
                throw GenerateError.usage("\(flag) needs a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"")
            }
            return number
        }

        while index < arguments.count {
            var argument = arguments[index]
            // `--flag=value` is the same as `--flag value`.
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                let flag = String(argument[..<equals])
                let rest = String(argument[argument.index(after: equals)...])
                var expanded = arguments
                expanded.replaceSubrange(index...index, with: [flag, rest])
                return try parse(expanded)
            }
            if argument == "--output" { argument = "-o" }
            switch argument {
            case "-h", "--help":
                return nil
            case "-o":
                let text = try value(argument)
                guard !text.isEmpty else { throw GenerateError.usage("-o needs a directory name") }
                output = text
            case "--profile":
                let text = try value(argument)
                guard let chosen = Profile(rawValue: text.lowercased()) else {
                    throw GenerateError.usage("--profile is small or large, got \"\(text)\"")
                }
                profile = chosen
            case "--orgs":
                organizations = try wholeNumber(argument, try value(argument), 1...1_000_000)
            case "--months":
                months = try wholeNumber(argument, try value(argument), 1...240)
            case "--scale":
                let text = try value(argument)
                guard let number = Double(text), number.isFinite, number >= 0.001, number <= 100 else {
                    throw GenerateError.usage("--scale needs a number from 0.001 to 100, got \"\(text)\"")
                }
                scale = number
            case "--seed":
                let text = try value(argument)
                guard let number = UInt64(text) else {
                    throw GenerateError.usage("--seed needs a whole number from 0 to \(UInt64.max), got \"\(text)\"")
                }
                seed = number
            case "--as-of":
                let text = try value(argument)
                guard let date = CivilDate(parsing: text), (1900...9000).contains(date.year) else {
                    throw GenerateError.usage("--as-of needs a date as YYYY-MM-DD, got \"\(text)\"")
                }
                asOf = date
            case "--force":
                force = true
            default:
                throw GenerateError.usage("unknown option \"\(argument)\" (see cos generate --help)")
            }
            index += 1
        }
        guard let output else { throw GenerateError.usage("-o DIR is required: where to write the data (see cos generate --help)") }
        var options = GenerateOptions(profile: profile, outputDirectory: output)
        if let organizations { options.organizations = organizations }
        if let months { options.months = months }
        if let scale { options.scale = scale }
        if let seed { options.seed = seed }
        if let asOf { options.asOf = asOf }
        options.force = force
        return options
    }
}
