import Foundation

/// Case- and accent-insensitive text keys, used wherever a user types a name: organization search,
/// `cd` by name, completion. `"Åkesson & Söner AB"` folds to `"akesson & soner ab"`.
public enum TextFolding {
    /// Lower case, diacritics removed, and the letters that do not decompose spelled in ASCII
    /// (`ø` → `o`, `æ` → `ae`, `ß` → `ss`).
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        guard folded.unicodeScalars.contains(where: { $0.value > 127 }) else { return folded }
        var result = ""
        result.reserveCapacity(folded.utf8.count)
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "ø", "Ø": result += "o"
            case "æ", "Æ": result += "ae"
            case "œ", "Œ": result += "oe"
            case "ß": result += "ss"
            case "đ", "Đ", "ð", "Ð": result += "d"
            case "ł", "Ł": result += "l"
            case "þ", "Þ": result += "th"
            case "ı": result += "i"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
