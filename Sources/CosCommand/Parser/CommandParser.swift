/// Parses command lines against a command table.
public enum CommandParser {
    /// The commands of `line` (several when separated by `;`), each checked against `specs`: the
    /// command exists, its flags exist and have values where they need them, and the number of
    /// positional words fits its arguments. Throws the first error, pointing at its column.
    public static func parse(
        line: String, specs: [CommandSpec], variables: [String: String] = [:]
    ) throws(CommandError) -> [ParsedCommand] {
        var parsed: [ParsedCommand] = []
        for command in try CommandLexer.lex(line, variables: variables) {
            parsed.append(try parse(command, specs: specs))
        }
        return parsed
    }

    /// Parses the commands of `line` one at a time and hands each to `body` before the next is read,
    /// taking the variables afresh for each: `let org Acme; open $org` works when `body` defines the
    /// variable. Stops at the first error, from the line (a `CommandError`) or from `body`.
    public static func forEachCommand(
        in line: String, specs: [CommandSpec], variables: () -> [String: String],
        _ body: (ParsedCommand) throws -> Void
    ) throws {
        try CommandLexer.checkLength(line)
        var scanner = CommandLexer.Scanner(characters: Array(line), variables: [:], tolerant: false)
        while !scanner.finished {
            scanner.variables = variables()
            try scanner.run(oneCommand: true)
            let commands = scanner.commands
            scanner.commands = []
            for command in commands { try body(try parse(command, specs: specs)) }
        }
    }

    /// The spec called `name` (or with `name` as an alias); case-insensitive.
    public static func spec(named name: String, in specs: [CommandSpec]) -> CommandSpec? {
        if let exact = specs.first(where: { $0.allNames.contains(name) }) { return exact }
        let lowered = name.lowercased()
        return specs.first { $0.allNames.contains { $0.lowercased() == lowered } }
    }

    /// Checks one lexed command against the table.
    public static func parse(_ command: LexedCommand, specs: [CommandSpec]) throws(CommandError) -> ParsedCommand {
        guard let nameWord = command.words.first else {
            throw CommandError(.unknownCommand("", suggestions: []), column: command.column)
        }
        guard let spec = spec(named: nameWord.text, in: specs) else {
            let names = specs.flatMap(\.allNames)
            throw CommandError(.unknownCommand(nameWord.text, suggestions: suggest(for: nameWord.text, among: names)),
                               column: nameWord.column)
        }
        var positionals: [Word] = []
        var flags: [String: ParsedFlag] = [:]
        var flagsEnded = false
        var index = 1
        let words = command.words
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.isFlagLike && !flagsEnded else {
                positionals.append(word)
                continue
            }
            let text = word.text
            if text == "--" {
                flagsEnded = true
                continue
            }
            let body = text.dropFirst(2)
            let name: String
            var value: String?
            var valueColumn = word.column
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                value = String(body[body.index(after: equals)...])
                let offset = body.distance(from: body.startIndex, to: equals) + 3
                valueColumn = offset < word.letters.count ? word.letters[offset].column : word.column + word.source.count
            } else {
                name = String(body)
            }
            guard let flag = spec.flag(named: name) else {
                let known = spec.flags.map(\.name)
                throw CommandError(
                    .unknownFlag(command: spec.name, flag: name, suggestions: suggest(for: name, among: known), known: known),
                    column: word.column)
            }
            if flag.takesValue {
                if value == nil {
                    guard index < words.count, !words[index].isFlagLike else {
                        throw CommandError(
                            .flagNeedsValue(command: spec.name, flag: name, valueName: flag.valueName ?? "VALUE"),
                            column: word.column)
                    }
                    value = words[index].text
                    valueColumn = words[index].column
                    index += 1
                }
            } else if value != nil {
                throw CommandError(.flagTakesNoValue(command: spec.name, flag: name), column: word.column)
            }
            flags[name] = ParsedFlag(name: name, value: value, column: word.column, valueColumn: valueColumn)
        }
        try check(positionals, of: spec, command: command)
        return ParsedCommand(spec: spec, nameWord: nameWord, positionals: positionals, flags: flags,
                             source: command.source, column: command.column, redirect: command.redirect)
    }

    /// The positional words fit the spec's arguments.
    private static func check(_ positionals: [Word], of spec: CommandSpec, command: LexedCommand) throws(CommandError) {
        let required = spec.arguments.filter { !$0.isOptional }
        if positionals.count < required.count {
            let missing = required[positionals.count]
            // The column just after the command: where the argument should have been.
            throw CommandError(.missingArgument(command: spec.name, argument: missing.name, usage: spec.usage),
                               column: command.column + command.source.count)
        }
        let isVariadic = spec.arguments.last?.isVariadic ?? false
        if !isVariadic && positionals.count > spec.arguments.count {
            let extra = positionals[spec.arguments.count]
            var quoted: String?
            if let last = spec.arguments.last, [.organization, .path, .text, .collection].contains(last.kind) {
                let words = positionals[(spec.arguments.count - 1)...].map(\.text).joined(separator: " ")
                let before = positionals[..<(spec.arguments.count - 1)].map { Quoting.quote($0.text) }
                quoted = ([spec.name] + before + [Quoting.quote(words)]).joined(separator: " ")
            }
            throw CommandError(.tooManyArguments(command: spec.name, word: extra.text, usage: spec.usage, quoted: quoted),
                               column: extra.column)
        }
    }
}
