/// `--color auto|always|never`.
public enum ColorPolicy: String, Sendable, CaseIterable {
    /// Colour only on a terminal, and never when `NO_COLOR` is set.
    case auto
    /// Colour even when piped: an explicit request beats the environment.
    case always
    /// No colour.
    case never

    /// Parses a policy name (case-insensitive).
    public static func parse(_ text: String) throws(ColorPolicyError) -> ColorPolicy {
        guard let policy = ColorPolicy(rawValue: text.lowercased()) else { throw ColorPolicyError(text: text) }
        return policy
    }
}

/// A colour policy name that is not one of `auto`, `always`, `never`.
public struct ColorPolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the user typed.
    public let text: String

    public var description: String {
        "unknown colour setting \"\(text)\" (expected auto, always or never)"
    }
}
