/// One step of a navigation path.
public enum PathSegment: Equatable, Sendable, Hashable {
    /// A name, matched case- and accent-insensitively by unique prefix.
    case name(String)
    /// `id:ID`: exactly this id, whatever the names.
    case id(String)
    /// `..`: the parent.
    case parent
}

/// Where `cd` goes: `categories/"Cloud Services"/..`, `/Acme/types`, `-`, `id:42/contracts`.
public struct NavigationPath: Equatable, Sendable {
    /// Where the path starts.
    public enum Start: Equatable, Sendable {
        /// The current context (a relative path).
        case current
        /// The root `/` (an absolute path).
        case root
        /// `-`: the context before this one (`-` alone, or `-/contracts`).
        case previous
    }

    public var start: Start
    public var segments: [PathSegment]

    public init(start: Start, segments: [PathSegment]) {
        self.start = start
        self.segments = segments
    }

    /// Parses a path word. A `/` separates segments unless quoted or escaped; `..`, `.`, `-` and
    /// `id:` mean something only when typed plainly, so `".."` is a name. `.` and empty segments
    /// (`a//b`, a trailing `/`) are skipped. A plain `-` first is the previous context (`-/contracts`).
    public static func parse(_ word: Word) throws(CommandError) -> NavigationPath {
        var letters = word.letters[...]
        var start = Start.current
        if let first = letters.first, first.character == "-", !first.isQuoted,
            letters.count == 1 || (letters.dropFirst().first.map { $0.character == "/" && !$0.isQuoted } ?? false)
        {
            start = .previous
            letters = letters.dropFirst()
            if letters.isEmpty { return NavigationPath(start: .previous, segments: []) }
        }
        var segments: [PathSegment] = []
        var current: [Word.Letter] = []
        func finish() throws(CommandError) {
            defer { current = [] }
            guard let segment = try segment(from: current, wordColumn: word.column) else { return }
            segments.append(segment)
        }
        for (offset, letter) in letters.enumerated() {
            if letter.character == "/" && !letter.isQuoted {
                if offset == 0 && start == .current { start = .root }
                if !current.isEmpty { try finish() }
                continue
            }
            current.append(letter)
        }
        if !current.isEmpty { try finish() }
        if letters.isEmpty { throw CommandError(.emptyPathSegment, column: word.column) }
        return NavigationPath(start: start, segments: segments)
    }

    /// Parses a path given as text, read as one word of the command language
    /// (`categories/"Cloud Services"`).
    public static func parse(_ text: String, variables: [String: String] = [:]) throws(CommandError) -> NavigationPath {
        let commands = try CommandLexer.lex(text, variables: variables)
        guard let word = commands.first?.words.first else { throw CommandError(.emptyPathSegment, column: 1) }
        return try parse(word)
    }

    /// One segment, or nil for `.`.
    private static func segment(from letters: [Word.Letter], wordColumn: Int) throws(CommandError) -> PathSegment? {
        let text = String(letters.map(\.character))
        let plain = letters.allSatisfy { !$0.isQuoted }
        guard let first = letters.first else {
            throw CommandError(.emptyPathSegment, column: wordColumn)
        }
        if plain && text == ".." { return .parent }
        if plain && text == "." { return nil }
        if letters.count >= 3 && letters.prefix(3).allSatisfy({ !$0.isQuoted }) && text.hasPrefix("id:") {
            let id = String(text.dropFirst(3))
            guard !id.isEmpty else { throw CommandError(.emptyID, column: first.column) }
            return .id(id)
        }
        if text.isEmpty { throw CommandError(.emptyPathSegment, column: first.column) }
        return .name(text)
    }

    /// The path written back in the command language (names quoted where needed).
    public var text: String {
        let body = segments.map { segment -> String in
            switch segment {
            case .name(let name): return Quoting.quote(name, forPathSegment: true)
            case .id(let id): return "id:" + Quoting.quote(id, forPathSegment: true)
            case .parent: return ".."
            }
        }.joined(separator: "/")
        switch start {
        case .root: return "/" + body
        case .previous: return body.isEmpty ? "-" : "-/" + body
        case .current: return body.isEmpty ? "." : body
        }
    }
}
