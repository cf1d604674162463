/// Display width of text in terminal columns: East Asian wide and fullwidth characters take two,
/// combining marks and control characters none, ANSI escape sequences none.
public enum TextWidth {
    /// The number of terminal columns `text` occupies.
    public static func of(_ text: some StringProtocol) -> Int {
        // Most cells are printable ASCII: one column per byte.
        var ascii = true
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F {
            ascii = false
            break
        }
        if ascii { return text.utf8.count }
        var width = 0
        // 0: plain text, 1: just after ESC, 2: inside a CSI sequence (ESC [ ... final byte).
        var escape = 0
        for scalar in text.unicodeScalars {
            switch escape {
            case 1:
                escape = scalar == "[" ? 2 : 0
                continue
            case 2:
                if (0x40...0x7E).contains(scalar.value) { escape = 0 }
                continue
            default:
                if scalar == "\u{1B}" {
                    escape = 1
                    continue
                }
            }
            width += of(scalar)
        }
        return width
    }

    /// The columns one scalar occupies (0, 1 or 2).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) { return 0 }  // Hangul medial vowels and final consonants
        return isWide(value) ? 2 : 1
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, after Unicode's EastAsianWidth.txt.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
            0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD,
            0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0,
            0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
            0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A,
            0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF,
            0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` cut to at most `width` columns, ending with `ellipsis` when something was cut.
    /// Whole characters only: a wide character that does not fit is left out.
    public static func truncate(_ text: String, to width: Int, ellipsis: String) -> String {
        if of(text) <= width { return text }
        let room = width - of(ellipsis)
        if room < 0 { return String(repeating: ".", count: max(0, width)) }
        var result = ""
        var used = 0
        for character in text {
            let columns = of(String(character))
            if used + columns > room { break }
            result.append(character)
            used += columns
        }
        return result + ellipsis
    }

    /// `text` padded with spaces to `width` columns, on the right (left-aligned) or on the left.
    public static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let missing = width - of(text)
        if missing <= 0 { return text }
        let spaces = String(repeating: " ", count: missing)
        return right ? spaces + text : text + spaces
    }

    /// `text` centred in `width` columns.
    static func center(_ text: String, in width: Int) -> String {
        let missing = width - of(text)
        if missing <= 0 { return text }
        let left = missing / 2
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: missing - left)
    }

    /// Words of `text` wrapped to lines of at most `width` columns (a word longer than a line is cut).
    static func wrap(_ text: String, to width: Int, ellipsis: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if of(candidate) <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = truncate(word, to: width, ellipsis: ellipsis)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
