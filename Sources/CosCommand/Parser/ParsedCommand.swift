/// A flag as given on a command line.
public struct ParsedFlag: Equatable, Sendable {
    /// The name without `--`.
    public var name: String
    /// Its value (`--limit 5`, `--limit=5`); nil for a flag that takes none.
    public var value: String?
    /// The 1-based column of the flag.
    public var column: Int
    /// The 1-based column of its value (the flag's column when it has none).
    public var valueColumn: Int
}

/// One command, checked against its spec: ready for its handler.
public struct ParsedCommand: Equatable, Sendable {
    /// The command's spec (also when it was typed by an alias).
    public var spec: CommandSpec
    /// The command word as typed (a name or an alias).
    public var nameWord: Word
    /// The positional words, in order.
    public var positionals: [Word]
    /// The flags given, by name (when a flag is repeated, the last one counts).
    public var flags: [String: ParsedFlag]
    /// The command as typed (variables unexpanded), for history.
    public var source: String
    /// The 1-based column of the command in its line.
    public var column: Int
    /// `> FILE` or `>> FILE`: where its output goes instead of the screen.
    public var redirect: Redirect?

    /// The words given for the argument called `name` (one word, or several for a variadic one;
    /// none when an optional argument was left out).
    public func words(for name: String) -> [Word] {
        var index = 0
        for argument in spec.arguments {
            if argument.isVariadic {
                return argument.name == name ? Array(positionals.dropFirst(index)) : []
            }
            guard index < positionals.count else { return [] }
            if argument.name == name { return [positionals[index]] }
            index += 1
        }
        return []
    }

    /// The text of the argument called `name` (variadic words joined by one space), or nil.
    public func argument(_ name: String) -> String? {
        let found = words(for: name)
        return found.isEmpty ? nil : found.map(\.text).joined(separator: " ")
    }

    /// Whether the flag `name` was given.
    public func has(_ name: String) -> Bool { flags[name] != nil }

    /// The value of the flag `name`, if it was given with one.
    public func value(of name: String) -> String? { flags[name]?.value }

    /// The command with variables expanded and every word quoted where needed (a path keeps which
    /// of its parts were quoted, `Quoting.word`): it reads back as the same command without any variables, so `save` writes this (and its `> FILE`, `redirect.text`).
    public var canonicalText: String {
        var parts = [spec.name]
        for argument in positionals { parts.append(Quoting.word(argument)) }
        for flag in flags.values.sorted(by: { $0.column < $1.column }) {
            parts.append(flag.value.map { "--\(flag.name)=\(Quoting.quote($0))" } ?? "--\(flag.name)")
        }
        return parts.joined(separator: " ")
    }
}
