import CosModel

/// Tab completion as a plain function of the line and the cursor: no terminal involved, so tests
/// call it directly and the line reader only applies its answer.
///
/// It completes command names; flag names after `--` (and when no argument is left); flag values;
/// then each positional argument by its `ArgumentKind`: organization names (ranked by the
/// provider), path segments at any depth, setting names and values, file paths, command names, and
/// fixed words; and a file name after `>` or `>>`. Names match case- and accent-insensitively by
/// prefix, else by substring.
public enum Completer {
    /// Completes the word that ends at `cursor` (a 0-based offset in characters; the text after
    /// the cursor is left alone). At most `limit` candidates are returned; the rest are counted.
    public static func complete(
        line: String, cursor: Int, specs: [CommandSpec], provider: any CompletionProvider,
        variables: [String: String] = [:], limit: Int = 100
    ) -> Completion {
        let characters = Array(line)
        let cursor = min(max(cursor, 0), characters.count)
        let before = Array(characters[..<cursor])
        let scanner = CommandLexer.scanForCompletion(before, variables: variables)
        if scanner.inComment { return .none(at: cursor) }

        let partial = Partial(scanner: scanner, before: before, cursor: cursor)
        let words = scanner.words
        var request = Request(partial: partial, cursor: cursor, before: before, limit: max(limit, 1))
        // After `>` or `>>` comes a file name, whatever the command.
        if scanner.pendingRedirect != nil {
            return completeFile(partial: partial, provider: provider, request: &request)
        }

        guard let first = words.first else {
            return request.finish(names: specs.map(\.name).sorted(), typed: partial.text)
        }
        guard let spec = CommandParser.spec(named: first.text, in: specs), spec.completion != .none else {
            return .none(at: cursor)
        }

        // Walk the words already typed, as the parser would, to see what comes next.
        var positionals: [Word] = []
        var pendingFlag: FlagSpec?
        var flagsEnded = false
        for word in words.dropFirst() {
            if pendingFlag != nil {
                // This word is the value of the flag before it.
                pendingFlag = nil
                continue
            }
            if word.isFlagLike && !flagsEnded {
                if word.text == "--" { flagsEnded = true; continue }
                let body = word.text.dropFirst(2)
                if !body.contains("="), let flag = spec.flag(named: String(body)), flag.takesValue { pendingFlag = flag }
                continue
            }
            positionals.append(word)
        }

        if let flag = pendingFlag {
            return request.finish(names: flag.values, typed: partial.text)
        }
        if partial.isFlagLike && !flagsEnded {
            let body = partial.text.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                guard let flag = spec.flag(named: String(body[..<equals])) else { return .none(at: cursor) }
                let offset = partial.source.firstIndex(of: "=").map { partial.source.distance(from: partial.source.startIndex, to: $0) } ?? 0
                request.replaceStart = partial.start + offset + 1
                request.userQuote = nil
                let value = String(body[body.index(after: equals)...])
                return request.finish(names: flag.values, typed: value)
            }
            return flagNames(spec, typed: String(body), request: &request)
        }
        if spec.completion == .flagsOnly {
            return partial.text.isEmpty ? flagNames(spec, typed: "", request: &request) : .none(at: cursor)
        }

        let index = positionals.count
        let argument: ArgumentSpec
        if index < spec.arguments.count {
            argument = spec.arguments[index]
        } else if let last = spec.arguments.last, last.isVariadic {
            argument = last
        } else {
            return partial.text.isEmpty && !spec.flags.isEmpty ? flagNames(spec, typed: "", request: &request) : .none(at: cursor)
        }

        switch argument.kind {
        case .command:
            return request.finish(names: specs.map(\.name).sorted(), typed: partial.text)
        case .organization:
            let ranked = provider.organizationNames(matching: partial.text, limit: request.limit)
            return request.finish(items: ranked.names.map { Item(name: $0) }, total: ranked.total, filter: false, typed: partial.text)
        case .setting:
            return request.finish(names: provider.settingNames(), typed: partial.text)
        case .settingValue:
            guard let setting = positionals.last?.text else { return .none(at: cursor) }
            return request.finish(names: provider.settingValues(for: setting), typed: partial.text)
        case .path:
            return completePath(partial: partial, provider: provider, request: &request)
        case .file:
            return completeFile(partial: partial, provider: provider, request: &request)
        case .collection, .text, .period, .date:
            return request.finish(names: argument.values, typed: partial.text)
        }
    }

    private static func flagNames(_ spec: CommandSpec, typed: String, request: inout Request) -> Completion {
        let items = spec.flags.map { Item(name: "--" + $0.name, verbatim: true) }
        return request.finish(items: items, total: items.count, filter: true, typed: "--" + typed)
    }

    /// `cd types/Virt` completes the last segment, asking the provider for the children of `types`.
    private static func completePath(partial: Partial, provider: any CompletionProvider, request: inout Request) -> Completion {
        let letters = partial.letters
        var path = NavigationPath(start: .current, segments: [])
        var segment = letters[...]
        if let slash = letters.lastIndex(where: { $0.character == "/" && !$0.isQuoted }) {
            let head = Word(letters: Array(letters[...slash]), column: partial.start + 1, source: "", isFlagLike: false)
            do { path = try NavigationPath.parse(head) } catch { return .none(at: request.cursor) }
            segment = letters[(slash + 1)...]
            request.replaceStart = letters[slash].column
        }
        let typed = String(segment.map(\.character))
        let plain = segment.allSatisfy { !$0.isQuoted }
        if segment.count >= 3 && segment.prefix(3).allSatisfy({ !$0.isQuoted }) && typed.hasPrefix("id:") {
            return .none(at: request.cursor)
        }
        // `..` and `-` go on as paths: `cd ..` + Tab is `cd ../`.
        if plain && (typed == ".." || (typed == "-" && path.segments.isEmpty && path.start == .current)) {
            return request.finish(items: [Item(name: typed, suffix: "/", verbatim: true)], total: 1, filter: false, typed: typed)
        }
        let answer = provider.children(of: path, matching: typed, limit: request.limit)
        let items = answer.children.map { child in
            Item(name: child.name, suffix: child.hasChildren ? "/" : " ", pathSegment: true, key: child.key)
        }
        return request.finish(items: items, total: answer.total, filter: false, typed: typed)
    }

    /// `source scripts/mon` completes file names in `scripts/`.
    private static func completeFile(partial: Partial, provider: any CompletionProvider, request: inout Request) -> Completion {
        let text = partial.text
        let directory: String
        let name: String
        if let slash = text.lastIndex(of: "/") {
            directory = String(text[...slash])
            name = String(text[text.index(after: slash)...])
        } else {
            directory = ""
            name = text
        }
        let entries = provider.fileEntries(in: directory)
            .filter { $0.name.hasPrefix(name) && (name.hasPrefix(".") || !$0.name.hasPrefix(".")) }
            .sorted { $0.name < $1.name }
        let items = entries.map { entry in
            Item(name: directory + entry.name, suffix: entry.isDirectory ? "/" : " ", display: entry.name + (entry.isDirectory ? "/" : ""))
        }
        return request.finish(items: items, total: items.count, filter: false, typed: text)
    }

    /// A name that may be offered.
    struct Item {
        var name: String
        var suffix = " "
        var display: String?
        var pathSegment = false
        /// Inserted as it is (flag names, which quoting would turn into arguments).
        var verbatim = false
        /// The folded name, when the provider has it already.
        var key: String?
    }

    /// The word being completed: the unfinished word at the cursor, or an empty one.
    struct Partial {
        /// 0-based index where the word starts.
        var start: Int
        var letters: [Word.Letter]
        /// As typed, from its start to the cursor.
        var source: String
        var quote: Character?
        var isFlagLike: Bool

        var text: String { String(letters.map(\.character)) }

        init(scanner: CommandLexer.Scanner, before: [Character], cursor: Int) {
            if let open = scanner.open {
                start = scanner.openStart
                letters = open.letters
                source = String(before[scanner.openStart...])
                quote = scanner.openQuote
                let first = letters.prefix(2)
                isFlagLike = first.count == 2 && first.allSatisfy { $0.character == "-" && !$0.isQuoted } && source.hasPrefix("--")
            } else {
                start = cursor
                letters = []
                source = ""
                quote = nil
                isFlagLike = false
            }
        }
    }

    /// Builds the answer: matching, quoting, the common part and the count of the rest.
    struct Request {
        var replaceStart: Int
        let cursor: Int
        let before: [Character]
        let limit: Int
        var userQuote: Character?

        init(partial: Partial, cursor: Int, before: [Character], limit: Int) {
            self.replaceStart = partial.start
            self.cursor = cursor
            self.before = before
            self.limit = limit
            self.userQuote = partial.quote
        }

        func finish(names: [String], typed: String) -> Completion {
            finish(items: names.map { Item(name: $0) }, total: names.count, filter: true, typed: typed)
        }

        func finish(items: [Item], total: Int, filter: Bool, typed: String) -> Completion {
            let matched = filter ? Self.matching(items, typed: typed) : items
            let shown = Array(matched.prefix(limit))
            let more = max(filter ? matched.count : total, shown.count) - shown.count
            let current = String(before[min(replaceStart, before.count)...])
            guard !shown.isEmpty else {
                return Completion(replaceStart: replaceStart, replaceEnd: cursor, candidates: [], commonInsertion: current)
            }
            let candidates = shown.map { item in
                CompletionCandidate(insertion: (item.verbatim ? item.name : write(item.name, pathSegment: item.pathSegment)) + item.suffix,
                                    display: item.display ?? (item.name + (item.suffix == "/" ? "/" : "")))
            }
            var common = current
            if shown.count == 1 && more == 0 {
                common = candidates[0].insertion
            } else if let prefix = Self.commonPrefix(shown.map(\.name)), prefix.count > typed.count {
                let anyQuoted = userQuote != nil
                    || shown.contains { !$0.verbatim && Quoting.needsQuotes($0.name, forPathSegment: $0.pathSegment) }
                common = anyQuoted ? String(userQuote ?? "\"") + Quoting.escaped(prefix) : prefix
            }
            return Completion(replaceStart: replaceStart, replaceEnd: cursor, candidates: candidates,
                              commonInsertion: common, moreCount: more)
        }

        /// A name as a word, in the user's quotes if they opened some.
        func write(_ name: String, pathSegment: Bool) -> String {
            if userQuote == "'" && !name.contains("'") { return "'" + name + "'" }
            if userQuote != nil { return "\"" + Quoting.escaped(name) + "\"" }
            return Quoting.quote(name, forPathSegment: pathSegment)
        }

        /// Prefix matches (case- and accent-insensitive); when there are none, substring matches.
        static func matching(_ items: [Item], typed: String) -> [Item] {
            let key = NameFolding.fold(typed)
            if key.isEmpty { return items }
            let folded = items.map { $0.key ?? NameFolding.fold($0.name) }
            // Compared as UTF-8 bytes: both sides are folded already, and String's Unicode-aware
            // comparisons cost microseconds per name.
            let needle = Array(key.utf8)
            let prefixed = zip(items, folded).filter { $0.1.utf8.starts(with: needle) }.map(\.0)
            if !prefixed.isEmpty { return prefixed }
            return zip(items, folded).filter { Self.contains($0.1, needle) }.map(\.0)
        }

        /// Whether the UTF-8 of `haystack` contains `needle`.
        static func contains(_ haystack: String, _ needle: [UInt8]) -> Bool {
            var haystack = haystack
            return haystack.withUTF8 { bytes in
                guard bytes.count >= needle.count, let first = needle.first else { return needle.isEmpty }
                var index = 0
                while index <= bytes.count - needle.count {
                    if bytes[index] == first {
                        var offset = 1
                        while offset < needle.count && bytes[index + offset] == needle[offset] { offset += 1 }
                        if offset == needle.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }

        /// The longest common prefix of the names, character by character; nil when empty.
        static func commonPrefix(_ names: [String]) -> String? {
            guard var prefix = names.first.map(Array.init) else { return nil }
            for name in names.dropFirst() {
                let other = Array(name)
                var length = 0
                while length < prefix.count && length < other.count && prefix[length] == other[length] { length += 1 }
                prefix = Array(prefix[..<length])
            }
            return prefix.isEmpty ? nil : String(prefix)
        }
    }
}
