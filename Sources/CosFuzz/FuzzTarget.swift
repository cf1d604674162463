import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The fuzz targets: `scripts/fuzz TARGET SECONDS` runs one coverage-guided (libFuzzer), and
/// `scripts/test` runs each for a few seconds with a fixed seed (the mutation loop).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The CSV reader and every contract check, over one mutated file or a whole mutated export.
    case csv
    /// The command lexer, parser and commands, over the sample data.
    case command
    /// The renderers over mutated views of the sample data, at widths 1 to 300, in every format.
    case render

    /// Runs one input. A finding stops the process (see `FuzzCheck.fail`).
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .csv: CSVFuzz.run(bytes)
        case .command: CommandFuzz.run(bytes)
        case .render: RenderFuzz.run(bytes)
        }
    }

    /// Work done once before the first input (loading the sample data), so that it is not timed.
    public func prepare() {
        switch self {
        case .csv: break
        case .command: _ = FuzzStore.shared
        case .render: RenderFuzz.loadBaseViews()
        }
    }
}
