/// Why an import failed. `description` is the full report for people (one problem per line).
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The data breaks the contract: nothing was loaded (the shell exits with status 2).
        case badData
        /// A signal (SIGINT, SIGTERM, SIGHUP) stopped the import; the temporary file was removed.
        case interrupted(signal: Int32)
        /// Anything else: a directory that does not exist, a full disk, an SQLite error.
        case failed
    }

    public let kind: Kind
    /// The report's lines: problems in file order then line, at most 100, then "... and N more problems".
    public let lines: [String]
    /// How many problems there were in all (bad data), else 1.
    public let problemCount: Int

    public var description: String { lines.joined(separator: "\n") }

    public init(kind: Kind, lines: [String], problemCount: Int) {
        self.kind = kind
        self.lines = lines
        self.problemCount = problemCount
    }

    public static func failed(_ message: String) -> ImportError {
        ImportError(kind: .failed, lines: [message], problemCount: 1)
    }

    /// A value as the import's messages show it (quoted, escaped, cut at 80 characters).
    public static func quoted(_ value: String) -> String { ImportProblems.quote(value) }

    public static func stopped(signal: Int32, _ message: String) -> ImportError {
        ImportError(kind: .interrupted(signal: signal), lines: [message], problemCount: 1)
    }
}
