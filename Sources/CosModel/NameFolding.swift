/// The folded key of a name (`name_key`, `number_key`, `search_name`) straight from its UTF-8 bytes,
/// exactly as `TextFolding.fold` makes it: ASCII and the Latin-1 letters (U+00C0...U+00FF) are folded
/// here without a `String`; a name with any other character goes to `TextFolding.fold` whole. The
/// import folds a million object names and completion may fold 100,000 on one Tab, and Foundation's
/// folding costs microseconds per name. The one fast path for both, so a key typed at the prompt is
/// made exactly as the key stored by the import.
public enum NameFolding {
    /// Appends the folded key of `utf8` to `output`.
    public static func fold(_ utf8: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        let start = output.count
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x80 {
                output.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                index += 1
                continue
            }
            // Two-byte sequences C3 80...C3 BF are U+00C0...U+00FF.
            if byte == 0xC3, index + 1 < utf8.count {
                let value = Int(utf8[index + 1]) - 0x80
                if value >= 0 && value < 64, let folded = latin1[value] {
                    output.append(contentsOf: folded)
                    index += 2
                    continue
                }
            }
            output.removeSubrange(start...)
            output.append(contentsOf: TextFolding.fold(String(decoding: utf8, as: UTF8.self)).utf8)
            return
        }
    }

    public static func fold(_ text: String) -> String {
        var text = text
        var output: [UInt8] = []
        text.withUTF8 { fold($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// U+00C0 ... U+00FF folded; nil for × and ÷, which are not letters (Foundation keeps them).
    private static let latin1: [[UInt8]?] = [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // À-Ï
        "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "ss",  // Ð-ß
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // à-ï
        "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "y",  // ð-ÿ
    ].map { $0.map { Array($0.utf8) } }
}
