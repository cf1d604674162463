/// One command of the shell's command table: what parsing, `help`, completion and suggestions need.
///
/// The handler is not here: this module is the language only. The shell keeps its table of
/// `(CommandSpec, handler)` and hands the specs to `CommandParser` and `Completer`.
public struct CommandSpec: Sendable, Equatable {
    /// The name typed to run it.
    public var name: String
    /// Other names that run it (`q` for `quit`).
    public var aliases: [String]
    /// Positional arguments, in order. Optional ones come last; a variadic one is the last.
    public var arguments: [ArgumentSpec]
    /// Flags.
    public var flags: [FlagSpec]
    /// One line for the `help` list.
    public var summary: String
    /// What it does, for `help COMMAND` (several lines allowed).
    public var description: String
    /// Example lines for `help COMMAND`.
    public var examples: [String]
    /// How its arguments complete.
    public var completion: CompletionKind
    private var usageOverride: String?

    public init(
        _ name: String, aliases: [String] = [], arguments: [ArgumentSpec] = [], flags: [FlagSpec] = [],
        summary: String, description: String = "", examples: [String] = [], usage: String? = nil,
        completion: CompletionKind = .arguments
    ) {
        self.name = name
        self.aliases = aliases
        self.arguments = arguments
        self.flags = flags
        self.summary = summary
        self.description = description
        self.examples = examples
        self.usageOverride = usage
        self.completion = completion
    }

    /// The usage line: the one given, else made from the arguments and flags
    /// (`tickets [--uninvoiced] [--invoiced] [--limit N] [--all]`).
    public var usage: String {
        if let usageOverride { return usageOverride }
        return ([name] + arguments.map(\.usage) + flags.map(\.usage)).joined(separator: " ")
    }

    /// The text of `help COMMAND`: usage, aliases, description, flags, examples.
    public var helpText: String {
        var lines = ["usage: \(usage)"]
        if !aliases.isEmpty { lines.append("aliases: " + aliases.joined(separator: ", ")) }
        lines.append("")
        lines.append(description.isEmpty ? summary : description)
        let documented = flags.filter { !$0.summary.isEmpty }
        if !documented.isEmpty {
            lines.append("")
            lines.append("flags:")
            let width = documented.map { flagLabel($0).count }.max() ?? 0
            for flag in documented {
                let label = flagLabel(flag)
                lines.append("  " + label + String(repeating: " ", count: width - label.count + 2) + flag.summary)
            }
        }
        if !examples.isEmpty {
            lines.append("")
            lines.append("examples:")
            lines.append(contentsOf: examples.map { "  " + $0 })
        }
        return lines.joined(separator: "\n")
    }

    /// The names it answers to: its name, then its aliases.
    public var allNames: [String] { [name] + aliases }

    /// The flag called `name`, if it has one.
    public func flag(named name: String) -> FlagSpec? { flags.first { $0.name == name } }

    private func flagLabel(_ flag: FlagSpec) -> String {
        flag.valueName.map { "--\(flag.name) \($0)" } ?? "--\(flag.name)"
    }
}
