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

    /// A word written back so that it lexes to the same letters with the same meaning: what was
    /// typed plainly stays plain (a `/` still separates path segments, `id:`, `..` and `-` still mean
    /// what they mean) and what was quoted stays quoted (`contracts/id:"C/1"` stays that, not
    /// `contracts/id:C/1`). A word with nothing that a path or a flag reads is quoted whole, as
    /// `quote` does (`"Acme AB"`).
    public static func word(_ word: Word) -> String {
        let text = word.text
        let plain = word.letters.allSatisfy { !$0.isQuoted }
        if plain && !needsQuotes(text) { return text }
        if word.letters.allSatisfy(\.isQuoted) && !needsQuotes(text, forPathSegment: true) { return text }
        if plain && !text.contains("/") && !text.hasPrefix("-") && !text.hasPrefix(".") && !text.hasPrefix("id:") {
            return quote(text)
        }
        // Runs of plain and quoted letters; a plain letter the lexer would read as syntax (a space
        // from a variable, a quote, `;`, a `#` or `--` at the start) is escaped with `\`, which takes
        // none of the meanings above from it.
        var out = ""
        var index = word.letters.startIndex
        let letters = word.letters
        while index < letters.endIndex {
            if letters[index].isQuoted {
                var run = ""
                while index < letters.endIndex, letters[index].isQuoted {
                    run.append(letters[index].character)
                    index += 1
                }
                out += "\"" + escaped(run) + "\""
                continue
            }
            let character = letters[index].character
            let atStart = index == letters.startIndex
            switch character {
            case " ", "\t", "\"", "'", "\\", ";", "$", ">": out += "\\" + String(character)
            case "#" where atStart: out += "\\#"
            case "-" where atStart && text.hasPrefix("--"): out += "\\-"
            default: out.append(character)
            }
            index += 1
        }
        return out
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
