/// Splits a command line into commands and words.
///
/// Words are split on spaces and tabs. `"..."` and `'...'` quote (they may be part of a word, as in
/// `categories/"Cloud Services"`); `\` escapes the next character outside quotes and inside double
/// quotes; `;` ends a command; `#` at the start of a word starts a comment; `> FILE` and `>> FILE`
/// send a command's output to a file (a quoted or escaped `>` is text). `$name` and `${name}` are
/// replaced by script variables outside quotes and inside double quotes (not inside single quotes); a
/// variable's value is never split into words. A `$` not followed by a name is a plain `$`.
public enum CommandLexer {
    /// The commands of `line`, empty commands (blank, comment only, `;;`) left out.
    public static func lex(_ line: String, variables: [String: String] = [:]) throws(CommandError) -> [LexedCommand] {
        try checkLength(line)
        var scanner = Scanner(characters: Array(line), variables: variables, tolerant: false)
        try scanner.run()
        return scanner.commands
    }

    /// Refuses a line longer than `CommandLimits.lineBytes`, before its characters are looked at.
    public static func checkLength(_ line: String) throws(CommandError) {
        let bytes = line.utf8.count
        if bytes > CommandLimits.lineBytes {
            throw CommandError(.lineTooLong(bytes: bytes, limit: CommandLimits.lineBytes), column: 1)
        }
    }

    /// What completion needs to know about a line cut at the cursor: never throws.
    static func scanForCompletion(_ characters: [Character], variables: [String: String]) -> Scanner {
        var scanner = Scanner(characters: characters, variables: variables, tolerant: true)
        do { try scanner.run() } catch {
            // Unreachable: a tolerant scanner records problems instead of throwing.
        }
        return scanner
    }

    /// The scanner's state machine. In tolerant mode (completion) an unterminated quote, a trailing
    /// backslash or an unknown variable end the scan quietly, leaving the unfinished word in `open`.
    struct Scanner {
        let characters: [Character]
        /// Read when a `$name` is met, so a caller may change them between commands.
        var variables: [String: String]
        let tolerant: Bool
        /// Where the next `run` starts.
        var position = 0
        /// The whole line has been read.
        var finished = false

        var commands: [LexedCommand] = []
        /// Words of the command being read.
        var words: [Word] = []
        /// The word being read, if any.
        var open: Word?
        /// Index in `characters` where `open` starts.
        var openStart = 0
        /// The quote left open at the end of the line (tolerant mode).
        var openQuote: Character?
        /// The line ended inside a comment.
        var inComment = false
        /// A `>` or `>>` read, its file not yet: the next word is the file.
        var pendingRedirect: (append: Bool, column: Int)?
        /// The current command's `> FILE`.
        var redirect: Redirect?

        init(characters: [Character], variables: [String: String], tolerant: Bool) {
            self.characters = characters
            self.variables = variables
            self.tolerant = tolerant
        }

        /// Reads to the end of the line, or with `oneCommand` only until a command is complete.
        mutating func run(oneCommand: Bool = false) throws(CommandError) {
            var index = position
            let count = characters.count
            defer { position = index }
            while index < count {
                let c = characters[index]
                if c == " " || c == "\t" || c == "\n" || c == "\r" {
                    try finishCheckedWord(end: index)
                    index += 1
                    continue
                }
                if c == ";" {
                    try finishCheckedWord(end: index)
                    let before = commands.count
                    try finishCommand()
                    index += 1
                    if oneCommand && commands.count > before { return }
                    continue
                }
                if c == ">" {
                    try finishCheckedWord(end: index)
                    guard pendingRedirect == nil else {
                        if tolerant { return }
                        throw CommandError(.redirectNeedsFile, column: pendingRedirect?.column ?? index + 1)
                    }
                    guard redirect == nil else {
                        if tolerant { return }
                        throw CommandError(.secondRedirect, column: index + 1)
                    }
                    let append = index + 1 < count && characters[index + 1] == ">"
                    pendingRedirect = (append, index + 1)
                    index += append ? 2 : 1
                    continue
                }
                if c == "#" && open == nil {
                    inComment = true
                    break
                }
                if open == nil {
                    open = Word(letters: [], column: index + 1, source: "", isFlagLike: false)
                    openStart = index
                }
                switch c {
                case "\"", "'":
                    guard let next = try quoted(from: index, quote: c) else { return }
                    index = next
                case "\\":
                    guard index + 1 < count else {
                        if tolerant { return }
                        throw CommandError(.danglingBackslash, column: index + 1)
                    }
                    append(characters[index + 1], quoted: true, column: index + 1)
                    index += 2
                case "$":
                    guard let next = try variable(at: index, quoted: false) else { return }
                    index = next
                default:
                    append(c, quoted: false, column: index + 1)
                    index += 1
                }
            }
            finished = true
            index = count
            // A tolerant scan keeps the last word open: completion works on it.
            if tolerant { return }
            try finishCheckedWord(end: count)
            try finishCommand()
        }

        /// Reads a quoted part starting at `start` (the quote). Returns the index after the closing
        /// quote, or nil when a tolerant scan ended inside it.
        mutating func quoted(from start: Int, quote: Character) throws(CommandError) -> Int? {
            var index = start + 1
            while index < characters.count {
                let c = characters[index]
                if c == quote { return index + 1 }
                if quote == "\"" && c == "\\" {
                    guard index + 1 < characters.count else { break }
                    append(characters[index + 1], quoted: true, column: index + 1)
                    index += 2
                    continue
                }
                if quote == "\"" && c == "$" {
                    guard let next = try variable(at: index, quoted: true) else { return nil }
                    index = next
                    continue
                }
                append(c, quoted: true, column: index + 1)
                index += 1
            }
            if tolerant {
                openQuote = quote
                return nil
            }
            throw CommandError(.unterminatedQuote, column: start + 1)
        }

        /// Expands the variable whose `$` is at `start`. Returns the index after it, or nil when a
        /// tolerant scan ended inside it.
        mutating func variable(at start: Int, quoted: Bool) throws(CommandError) -> Int? {
            let count = characters.count
            var index = start + 1
            let name: String
            if index < count && characters[index] == "{" {
                guard let close = characters[(index + 1)...].firstIndex(of: "}") else {
                    if tolerant { return nil }
                    throw CommandError(.unterminatedVariable, column: start + 1)
                }
                name = String(characters[(index + 1)..<close])
                guard Self.isName(name) else {
                    if tolerant { return nil }
                    throw CommandError(.badVariableName(name), column: start + 1)
                }
                index = close + 1
            } else if index < count && Self.isNameStart(characters[index]) {
                while index < count && Self.isNameCharacter(characters[index]) { index += 1 }
                name = String(characters[(start + 1)..<index])
            } else {
                append("$", quoted: quoted, column: start + 1)
                return start + 1
            }
            guard let value = variables[name] else {
                if tolerant {
                    // Leave the reference as typed so the rest of the line still completes.
                    for offset in start..<index { append(characters[offset], quoted: true, column: offset + 1) }
                    return index
                }
                throw CommandError(.undefinedVariable(name), column: start + 1)
            }
            for character in value { append(character, quoted: quoted, column: start + 1) }
            return index
        }

        mutating func append(_ character: Character, quoted: Bool, column: Int) {
            open?.letters.append(Word.Letter(character: character, isQuoted: quoted, column: column))
        }

        /// `finishWord`, then the word's length checked against `CommandLimits.wordBytes` (a tolerant
        /// scan for completion does not check).
        mutating func finishCheckedWord(end: Int) throws(CommandError) {
            finishWord(end: end)
            guard !tolerant, let word = words.last else { return }
            let bytes = word.text.utf8.count
            if bytes > CommandLimits.wordBytes {
                throw CommandError(.wordTooLong(bytes: bytes, limit: CommandLimits.wordBytes), column: word.column)
            }
        }

        mutating func finishWord(end: Int) {
            guard var word = open else { return }
            word.source = String(characters[openStart..<end])
            let first = word.letters.prefix(2)
            word.isFlagLike = first.count == 2 && first.allSatisfy { $0.character == "-" && !$0.isQuoted }
                && word.source.hasPrefix("--")
            open = nil
            if let pending = pendingRedirect {
                // The word after `>` is the file, not an argument.
                redirect = Redirect(file: word, append: pending.append, column: pending.column)
                pendingRedirect = nil
                return
            }
            words.append(word)
        }

        mutating func finishCommand() throws(CommandError) {
            if let pending = pendingRedirect {
                throw CommandError(.redirectNeedsFile, column: pending.column)
            }
            defer { redirect = nil }
            guard let first = words.first, let last = words.last else {
                if let redirect { throw CommandError(.redirectWithoutCommand, column: redirect.column) }
                return
            }
            let start = first.column - 1
            let end = last.column - 1 + last.source.count
            commands.append(
                LexedCommand(words: words, source: String(characters[start..<end]), column: first.column, redirect: redirect))
            words = []
        }

        static func isNameStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
        static func isNameCharacter(_ c: Character) -> Bool { isNameStart(c) || (c.isASCII && c.isNumber) }
        static func isName(_ name: String) -> Bool {
            guard let first = name.first, isNameStart(first) else { return false }
            return name.allSatisfy(isNameCharacter)
        }
    }
}
