import CosModel

/// The case- and accent-insensitive key of a name, exactly as `TextFolding.fold` makes it, with a
/// fast path for ASCII and the Latin-1 letters (Nordic, German, French, Spanish names): completion
/// may fold 100,000 names on one TAB, and Foundation's folding costs microseconds per name. Any
/// other character sends the whole name to `TextFolding.fold`.
enum NameKey {
    static func of(_ name: String) -> String {
        var name = name
        let fast: String?? = name.withUTF8 { utf8 -> String? in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count)
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte < 0x80 {
                    bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                    index += 1
                    continue
                }
                // Two-byte sequences C3 80...C3 BF are U+00C0...U+00FF.
                guard byte == 0xC3, index + 1 < utf8.count else { return nil }
                let value = Int(utf8[index + 1]) - 0x80
                guard value >= 0 && value < 64, let folded = latin1[value] else { return nil }
                bytes.append(contentsOf: folded)
                index += 2
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return fast.flatMap { $0 } ?? TextFolding.fold(name)
    }

    /// U+00C0 ... U+00FF folded; nil for × and ÷, which are not letters.
    private static let latin1: [[UInt8]?] = [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // À-Ï
        "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "ss",  // Ð-ß
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // à-ï
        "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "y",  // ð-ÿ
    ].map { $0.map { Array($0.utf8) } }
}
