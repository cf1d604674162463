/// The characters and ANSI styles of one rendering: Unicode box drawing and blocks, or plain ASCII.
struct Style: Sendable {
    let unicode: Bool
    let color: Bool

    init(unicode: Bool, color: Bool) {
        self.unicode = unicode
        self.color = color
    }

    init(_ options: RenderOptions) { self.init(unicode: options.unicode, color: options.color) }

    var ellipsis: String { unicode ? "…" : "..." }
    /// How a null cell reads: an en dash, or nothing in ASCII (a lone `-` would read as a minus).
    var null: String { unicode ? "–" : "" }
    var dot: String { unicode ? "·" : "-" }
    /// A rise and a fall (the Total Invoicing card's change), and no change.
    var rise: String { unicode ? "▲" : "^" }
    var fall: String { unicode ? "▼" : "v" }
    var same: String { "=" }

    // Box drawing.
    var horizontal: String { unicode ? "─" : "-" }
    var vertical: String { unicode ? "│" : "|" }
    var topLeft: String { unicode ? "┌" : "+" }
    var topMiddle: String { unicode ? "┬" : "+" }
    var topRight: String { unicode ? "┐" : "+" }
    var middleLeft: String { unicode ? "├" : "+" }
    var cross: String { unicode ? "┼" : "+" }
    var middleRight: String { unicode ? "┤" : "+" }
    var bottomLeft: String { unicode ? "└" : "+" }
    var bottomMiddle: String { unicode ? "┴" : "+" }
    var bottomRight: String { unicode ? "┘" : "+" }
    // Cards have rounded corners so that they read as cards, not tables.
    var cardTopLeft: String { unicode ? "╭" : "+" }
    var cardTopRight: String { unicode ? "╮" : "+" }
    var cardBottomLeft: String { unicode ? "╰" : "+" }
    var cardBottomRight: String { unicode ? "╯" : "+" }

    func line(_ count: Int) -> String { String(repeating: horizontal, count: max(0, count)) }

    // ANSI styles, applied only when colour is on.
    func bold(_ text: String) -> String { color && !text.isEmpty ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }
    func red(_ text: String) -> String { color && !text.isEmpty ? "\u{1B}[31m" + text + "\u{1B}[0m" : text }
    /// The second series of a chart (its line, legend marker and right-axis labels).
    func yellow(_ text: String) -> String { color && !text.isEmpty ? Self.yellowStart + text + Self.reset : text }
    static let yellowStart = "\u{1B}[33m"
    static let reset = "\u{1B}[0m"
    func green(_ text: String) -> String { color && !text.isEmpty ? "\u{1B}[32m" + text + "\u{1B}[0m" : text }
    func dim(_ text: String) -> String { color && !text.isEmpty ? "\u{1B}[2m" + text + "\u{1B}[0m" : text }
    func boldRed(_ text: String) -> String { color && !text.isEmpty ? "\u{1B}[1;31m" + text + "\u{1B}[0m" : text }
}
