/// One word of a command line after quotes, escapes and variables are resolved.
///
/// A word remembers, letter by letter, where each character came from, because meaning depends on
/// it: a `/` typed plainly separates path segments but a quoted one (`"A/B"`) is part of a name, and
/// only a word that starts with a plainly typed `--` is a flag.
public struct Word: Equatable, Sendable {
    /// One character of the word's text.
    public struct Letter: Equatable, Sendable {
        public var character: Character
        /// Inside quotes or escaped with `\`: never special.
        public var isQuoted: Bool
        /// The 1-based column of the source character it came from (a variable's `$` for its value).
        public var column: Int
    }

    /// The letters, in order.
    public var letters: [Letter]
    /// The 1-based column where the word starts in the line.
    public var column: Int
    /// The word as typed (quotes, escapes and `$names` included).
    public var source: String
    /// The word starts with `--` typed plainly (not quoted, not from a variable).
    public var isFlagLike: Bool

    /// The resolved text.
    public var text: String { String(letters.map(\.character)) }

    public init(letters: [Letter], column: Int, source: String, isFlagLike: Bool) {
        self.letters = letters
        self.column = column
        self.source = source
        self.isFlagLike = isFlagLike
    }

    /// A plain word (for tests and callers that build words themselves).
    public init(_ text: String, column: Int = 1) {
        var letters: [Letter] = []
        var col = column
        for character in text {
            letters.append(Letter(character: character, isQuoted: false, column: col))
            col += 1
        }
        self.init(letters: letters, column: column, source: text, isFlagLike: text.hasPrefix("--"))
    }
}

/// The words of one command (a line holds several separated by `;`).
public struct LexedCommand: Equatable, Sendable {
    /// The words; never empty.
    public var words: [Word]
    /// The command as typed, from its first word to its last (no `;`, no comment, no `> FILE`).
    public var source: String
    /// The 1-based column of its first word.
    public var column: Int
    /// Where its output goes instead of the screen (`> FILE`, `>> FILE`), if anywhere.
    public var redirect: Redirect?

    public init(words: [Word], source: String, column: Int, redirect: Redirect? = nil) {
        self.words = words
        self.source = source
        self.column = column
        self.redirect = redirect
    }
}

/// `> FILE` (write the command's output to FILE, replacing it) or `>> FILE` (add it at the end).
public struct Redirect: Equatable, Sendable {
    /// The file, as one word (quotes and variables resolved).
    public var file: Word
    /// `>>`: append instead of replacing.
    public var append: Bool
    /// The 1-based column of the `>`.
    public var column: Int

    /// `> FILE` or `>> FILE`, written back in the language.
    public var text: String { (append ? ">> " : "> ") + Quoting.quote(file.text) }
}
