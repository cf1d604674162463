/// One flag of a command: `--name`, or `--name VALUE` / `--name=VALUE` when it takes a value.
public struct FlagSpec: Sendable, Equatable {
    /// The name without the leading `--`.
    public var name: String
    /// The name of its value in usage lines (`N`, `FORMAT`); nil when the flag takes no value.
    public var valueName: String?
    /// Values offered by completion (the handler validates).
    public var values: [String]
    /// One line for help.
    public var summary: String

    public init(_ name: String, value valueName: String? = nil, values: [String] = [], summary: String = "") {
        self.name = name
        self.valueName = valueName
        self.values = values
        self.summary = summary
    }

    /// Whether the flag takes a value.
    public var takesValue: Bool { valueName != nil }

    /// `[--all]`, `[--limit N]`.
    public var usage: String {
        valueName.map { "[--\(name) \($0)]" } ?? "[--\(name)]"
    }
}
