#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What rendering needs to know about where output goes: whether it is a terminal, its size, whether
/// it takes UTF-8, and whether to colour. Rendering itself never looks; the shell asks once and puts
/// the answers in `RenderOptions`.
public struct TerminalInfo: Sendable, Equatable {
    /// Whether the output is a terminal (pager, colour under `auto`, first screenful of tickets).
    public var isTerminal: Bool
    /// Columns: the terminal's, else `$COLUMNS`, else 80.
    public var width: Int
    /// Rows of the terminal, nil when unknown or not a terminal.
    public var height: Int?
    /// Whether `LC_ALL` / `LC_CTYPE` / `LANG` (the first one set) names UTF-8.
    public var unicode: Bool

    /// Facts given directly (tests, `--width`); `detect` asks the system.
    public init(isTerminal: Bool, width: Int, height: Int?, unicode: Bool) {
        self.isTerminal = isTerminal
        self.width = width
        self.height = height
        self.unicode = unicode
    }

    /// The facts about file descriptor `descriptor` (standard output by default) and the environment.
    public static func detect(descriptor: Int32 = 1, environment: [String: String]) -> TerminalInfo {
        let terminal = isatty(descriptor) == 1
        let size = terminal ? windowSize(descriptor) : nil
        return TerminalInfo(
            isTerminal: terminal, width: width(windowColumns: size?.columns, environment: environment),
            height: size?.rows, unicode: isUTF8(environment: environment))
    }

    /// The terminal's size by `ioctl(TIOCGWINSZ)`, nil when it cannot tell (not a terminal, size 0).
    public static func windowSize(_ descriptor: Int32) -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// The width to render at: the terminal's columns, else a positive `$COLUMNS`, else 80.
    public static func width(windowColumns: Int?, environment: [String: String]) -> Int {
        if let windowColumns, windowColumns > 0 { return windowColumns }
        if let text = environment["COLUMNS"], let columns = Int(text.trimmingSpacesForTerminal), columns > 0 {
            return columns
        }
        return 80
    }

    /// The locale's character set as POSIX picks it: the first of `LC_ALL`, `LC_CTYPE`, `LANG` that is
    /// set and not empty decides; UTF-8 when it names `UTF-8`/`utf8`. Unset means the C locale: ASCII.
    public static func isUTF8(environment: [String: String]) -> Bool {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let folded = value.lowercased()
            return folded.contains("utf-8") || folded.contains("utf8")
        }
        return false
    }

    /// Whether to colour: `always` always (an explicit flag beats the environment), `never` never,
    /// `auto` only on a terminal and only when `NO_COLOR` is unset or empty (no-color.org).
    public static func useColor(policy: ColorPolicy, isTerminal: Bool, environment: [String: String]) -> Bool {
        switch policy {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            return isTerminal && environment["TERM"] != "dumb"
        }
    }
}

extension String {
    fileprivate var trimmingSpacesForTerminal: String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
