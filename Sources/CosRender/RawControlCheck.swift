public extension TerminalSafeText {
    /// The first control character in `text` that must not reach a terminal, described with the text
    /// around it; nil when there is none. Such a character is a C0 control other than a line feed (or
    /// a tab, with `allowTab`), DEL, a C1 control, a bidirectional control, or an ESC that does not start one of cos's own SGR
    /// colour sequences (`ESC [ digits ; ... m`, with `allowSGR`). JSON keeps bidirectional controls as
    /// they are (it is data for programs): `allowBidi` lets them through. The check of what `show` promises:
    /// the tests and the fuzz targets run it over everything cos writes for a terminal.
    static func firstRawControl(in text: String, allowSGR: Bool, allowTab: Bool = false, allowBidi: Bool = false) -> String? {
        func isRaw(_ value: UInt32) -> Bool {
            (value < 0x20 && value != 0x0A && !(allowTab && value == 0x09)) || (0x7F...0x9F).contains(value)
                || (!allowBidi && isBidiControl(value))
        }
        // Fast path: no byte below 0x20 but allowed ones, no DEL, no C2 (the lead byte of C1) or E2
        // (of the bidirectional controls).
        if !text.utf8.contains(where: { ($0 < 0x80 && isRaw(UInt32($0))) || $0 == 0xC2 || (!allowBidi && $0 == 0xE2) }) { return nil }
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let value = scalars[i].value
            if value == 0x1B, allowSGR, i + 1 < scalars.count, scalars[i + 1] == "[" {
                var j = i + 2
                while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" { j += 1 }
                if j < scalars.count, scalars[j] == "m" {
                    i = j + 1
                    continue
                }
            }
            if isRaw(value) {
                let around = String(String.UnicodeScalarView(scalars[max(0, i - 12)..<min(scalars.count, i + 12)]))
                return "U+\(String(value, radix: 16)) in \(around.debugDescription)"
            }
            i += 1
        }
        return nil
    }
}
