/// Why `cos generate` could not run or finish; every message is written for the user.
public enum GenerateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A flag that is unknown, lacks its value, or has a value out of range (exit status 2).
    case usage(String)
    /// The output directory exists and holds files, and `--force` was not given.
    case outputNotEmpty(path: String)
    /// A directory or file could not be created or written.
    case cannotWrite(path: String, reason: String)
    /// A computed amount left the range of exact decimals (only with absurd `--scale` values).
    case amountOutOfRange(String)

    public var description: String {
        switch self {
        case .usage(let message):
            return message
        case .outputNotEmpty(let path):
            return "\(path) is not empty; pass --force to write into it anyway (files of the same names are replaced)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .amountOutOfRange(let what):
            return "an amount is out of range: \(what)"
        }
    }
}
