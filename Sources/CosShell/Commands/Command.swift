import CosCommand

/// One entry of the command table: the spec that parsing, `help`, completion and suggestions use,
/// and the handler that runs it.
struct Command: Sendable {
    let spec: CommandSpec
    /// Whether `save` writes it into a script (not `save`, `history`, `help`, `quit`).
    let journaled: Bool
    let run: @Sendable (Shell, Invocation) throws -> Void

    init(_ spec: CommandSpec, journaled: Bool = true, run: @escaping @Sendable (Shell, Invocation) throws -> Void) {
        self.spec = spec
        self.journaled = journaled
        self.run = run
    }
}

/// A parsed command with its table entry: what a handler receives.
struct Invocation {
    let command: Command
    let parsed: ParsedCommand

    /// The command with variables expanded, quoted to read back the same: what `save` writes.
    var text: String { parsed.canonicalText }

    /// The positional argument called `name`.
    func argument(_ name: String) -> String? { parsed.argument(name) }

    /// The column of the argument called `name` (or of the command).
    func column(of name: String) -> Int { parsed.words(for: name).first?.column ?? parsed.column }

    func has(_ flag: String) -> Bool { parsed.has(flag) }
    func value(of flag: String) -> String? { parsed.value(of: flag) }
    func column(ofFlag flag: String) -> Int { parsed.flags[flag]?.valueColumn ?? parsed.column }
}
