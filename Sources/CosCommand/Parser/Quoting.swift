/// Writes text back as one word of the command language.
public enum Quoting {
    /// `text` as one word: unchanged when it is safe, else in double quotes with `"`, `\` and `$`
    /// escaped. `forPathSegment` also quotes a `/` and the words that mean something in a path
    /// (`..`, `.`, `-`, `id:...`), so the segment reads back as a name.
    public static func quote(_ text: String, forPathSegment: Bool = false) -> String {
        guard needsQuotes(text, forPathSegment: forPathSegment) else { return text }
        return "\"" + escaped(text) + "\""
    }

    /// Whether `quote` would add quotes.
    public static func needsQuotes(_ text: String, forPathSegment: Bool = false) -> Bool {
        guard let first = text.first else { return true }
        if first == "#" || text.hasPrefix("--") { return true }
        if forPathSegment && (text == ".." || text == "." || text == "-" || text.hasPrefix("id:")) { return true }
        return text.contains { character in
            switch character {
            case " ", "\t", "\"", "'", "\\", ";", "$", ">": return true
            case "/": return forPathSegment
            default: return character.isNewline
            }
        }
    }

    /// `text` with `"`, `\` and `$` escaped, for use between double quotes.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "\"" || character == "\\" || character == "$" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
