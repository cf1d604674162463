/// One positional argument of a command.
public struct ArgumentSpec: Sendable, Equatable {
    /// The name shown in usage lines and errors (`ORG`, `PATH`, `FILE`).
    public var name: String
    /// What the argument is; drives completion.
    public var kind: ArgumentKind
    /// May be left out.
    public var isOptional: Bool
    /// Takes all remaining positional words (only the last argument).
    public var isVariadic: Bool
    /// Words offered by completion for `collection`, `text`, `period` and `date` arguments.
    public var values: [String]

    public init(_ name: String, _ kind: ArgumentKind, optional: Bool = false, variadic: Bool = false, values: [String] = []) {
        self.name = name
        self.kind = kind
        self.isOptional = optional
        self.isVariadic = variadic
        self.values = values
    }

    /// `ORG`, `[WHAT]`, `TEXT...`, `[FILE...]`.
    public var usage: String {
        let core = isVariadic ? "\(name)..." : name
        return isOptional ? "[\(core)]" : core
    }
}
