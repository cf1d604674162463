import CosModel
import CosView
import XCTest

@testable import CosRender

/// Issue 12, point 3: text from the data never reaches a terminal raw. Every fixture view has every
/// text (title, context, notes, table titles, headings, text cells, the "rest" hint, the data's name)
/// laced with the payload, and is rendered through the public `Renderer` functions in every
/// format, width and style: terminal formats show each control character as a visible escape, JSON
/// escapes them the JSON way, CSV keeps the bytes. A renderer change that bypasses the sanitizer fails
/// here.
final class TerminalSafeTextTests: XCTestCase {
    /// Clear screen, set the window title, ring the bell, a C1 NEL and CSI, DEL, a NUL, a tab and a
    /// line break.
    static let payload = "\u{1B}[2J\u{1B}]0;PWNED\u{07} Evil\u{85}\u{9B}31m Corp\u{7F}\u{0}\t\n"
    static let shown = "\\e[2J\\e]0;PWNED\\x07 Evil\\u{85}\\u{9b}31m Corp\\x7f\\x00\\t\\n"

    static let views: [(String, View)] = [
        ("organization", Fixtures.organization()), ("category", Fixtures.category()),
        ("object_type", Fixtures.objectType()), ("profile", Fixtures.profile()), ("tickets", Fixtures.tickets()),
        ("object", Fixtures.object()), ("contract", Fixtures.contract()), ("invoice", Fixtures.invoice()),
        ("tree", Fixtures.tree()), ("find", Fixtures.find()), ("empty", Fixtures.empty()),
    ]

    /// Every text of a view with the payload put in front of it.
    static func laced(_ view: View) -> View {
        var evil = view
        evil.title = payload + view.title
        evil.context = ContextPath([payload] + view.context.segments)
        evil.notes = view.notes.map { payload + $0 } + [payload]
        evil.tables = view.tables.map { table in
            var table = table
            table.title = payload + table.title
            table.columns = table.columns.map { column in
                var column = column
                column.heading = payload + column.heading
                return column
            }
            table.rows = table.rows.map { row in
                row.map { cell in
                    if case .text(let text) = cell { return .text(payload + text) }
                    return cell
                }
            }
            table.rest = payload + (table.rest ?? "see more")
            return table
        }
        return evil
    }

    func testTerminalFormatsShowControlCharactersAsVisibleEscapes() throws {
        for (name, view) in Self.views {
            let evil = Self.laced(view)
            for format in [OutputFormat.table, .markdown] {
                for width in [20, 40, 80, 160, 300] {
                    for (unicode, color) in [(true, false), (false, false), (true, true)] {
                        let options = RenderOptions(
                            format: format, width: width, unicode: unicode, color: color, command: Self.payload,
                            data: DataLabel(name: Self.payload + "data", fingerprint: "abc"))
                        let text = try Renderer.render(evil, options: options)
                        if let raw = TerminalSafeText.firstRawControl(in: text, allowSGR: color) {
                            XCTFail("\(name) \(format) width \(width) unicode \(unicode) color \(color): \(raw)")
                        }
                    }
                }
            }
            // The payload is there, escaped (at a width where the title is not cut).
            let wide = try Renderer.render(evil, options: RenderOptions(width: 1000))
            XCTAssertTrue(wide.contains(Self.shown), "\(name):\n\(wide)")
        }
    }

    func testJSONEscapesC0DELAndC1TheJSONWay() throws {
        for (name, view) in Self.views {
            let text = try Renderer.render(Self.laced(view), options: RenderOptions(format: .json, command: Self.payload))
            XCTAssertNil(TerminalSafeText.firstRawControl(in: String(text.dropLast()), allowSGR: false), name)
            XCTAssertFalse(text.dropLast().contains("\n"), "one line")
            XCTAssertTrue(text.contains("\\u001b[2J\\u001b]0;PWNED\\u0007 Evil\\u0085\\u009b31m Corp\\u007f\\u0000\\t\\n"), name)
            // And it is JSON that reads back to the very same text.
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            XCTAssertEqual(object?["command"] as? String, Self.payload)
        }
    }

    func testCSVKeepsTheBytes() throws {
        let text = try Renderer.render(Self.laced(Fixtures.find()), options: RenderOptions(format: .csv, tableName: "organizations"))
        XCTAssertTrue(text.contains("\"" + Self.payload), text.debugDescription)
    }

    func testMessagesErrorsAndListsAreSafeInTerminalFormats() {
        for format in [OutputFormat.table, .markdown, .csv] {
            let options = RenderOptions(format: format, width: 80, color: true, command: "x")
            let message = Renderer.renderMessage("no \"\(Self.payload)\" here\nsecond line", options: options)
            XCTAssertEqual(message, "no \"\\e[2J\\e]0;PWNED\\x07 Evil\\u{85}\\u{9b}31m Corp\\x7f\\x00\t\n\" here\nsecond line\n")
            let error = Renderer.renderError("no \"\(Self.payload)\"", options: options)
            // Messages keep their tabs and line breaks; nothing else raw.
            XCTAssertNil(TerminalSafeText.firstRawControl(in: error.replacingOccurrences(of: "\t", with: " "), allowSGR: true), "\(format)")
            XCTAssertTrue(error.contains("\\e[2J"), error)
        }
        for format in [OutputFormat.table, .markdown] {
            let list = Renderer.renderList(
                [Self.payload + "a", "b"], title: Self.payload, options: RenderOptions(format: format, width: 80))
            XCTAssertNil(TerminalSafeText.firstRawControl(in: list, allowSGR: false), "\(format): \(list.debugDescription)")
            XCTAssertTrue(list.contains(Self.shown + "a"), list)
        }
        let json = Renderer.renderList([Self.payload], options: RenderOptions(format: .json, command: "ls"))
        XCTAssertNil(TerminalSafeText.firstRawControl(in: String(json.dropLast()), allowSGR: false, allowBidi: true))
    }

    func testTheConvention() {
        XCTAssertEqual(TerminalSafeText.escape("plain Åkesson 🙂 名前"), "plain Åkesson 🙂 名前")
        XCTAssertEqual(TerminalSafeText.escape("\u{1B}"), "\\e")
        XCTAssertEqual(TerminalSafeText.escape("a\tb\nc\rd"), "a\\tb\\nc\\rd")
        XCTAssertEqual(TerminalSafeText.escape("\u{0}\u{7}\u{1F}\u{7F}"), "\\x00\\x07\\x1f\\x7f")
        XCTAssertEqual(TerminalSafeText.escape("\u{80}\u{85}\u{9F}\u{A0}"), "\\u{80}\\u{85}\\u{9f}\u{A0}")
        XCTAssertEqual(TerminalSafeText.escape("C:\\dir"), "C:\\dir")
        XCTAssertEqual(TerminalSafeText.message("a\tb\nc\u{1B}"), "a\tb\nc\\e")
        XCTAssertFalse(TerminalSafeText.needsEscaping("ÀÂ\u{A0}"))
        XCTAssertTrue(TerminalSafeText.needsEscaping("\u{9B}"))
    }

    /// The bidirectional embeddings, overrides and isolates are shown as escapes (a right-to-left
    /// override would show `Evil Corp` reversed and can turn a row's columns around); right-to-left
    /// letters, the plain marks and other characters of the same UTF-8 lead bytes stay as they are.
    func testBidirectionalControlsAreShownAsEscapes() {
        XCTAssertEqual(TerminalSafeText.escape("\u{202E}Evil Corp\u{202C}"), "\\u{202e}Evil Corp\\u{202c}")
        for value in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            let text = "a" + String(Character(Unicode.Scalar(UInt32(value)) ?? "?")) + "b"
            XCTAssertTrue(TerminalSafeText.needsEscaping(text), String(value, radix: 16))
            XCTAssertEqual(TerminalSafeText.escape(text), "a\\u{\(String(value, radix: 16))}b")
            XCTAssertNotNil(TerminalSafeText.firstRawControl(in: text, allowSGR: false))
        }
        for kept in ["שלום", "مرحبا", "a\u{200E}b\u{200F}", "a\u{2029}b\u{2065}\u{206A}", "– — … € ™", "\u{2060}"] {
            XCTAssertFalse(TerminalSafeText.needsEscaping(kept), kept.debugDescription)
            XCTAssertEqual(TerminalSafeText.escape(kept), kept)
        }
    }

    /// A name escaped to visible text keeps the table's columns aligned (widths count the escapes).
    func testEscapedNamesKeepTablesAligned() throws {
        var view = Fixtures.find()
        view.tables[0].rows[0][1] = .text("\u{1B}[2J" + "Evil")
        let text = try Renderer.render(view, options: RenderOptions(width: 120))
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("├") || $0.hasPrefix("╭") || $0.hasPrefix("╰") }
        let widths = Set(lines.map { TextWidth.of(String($0)) })
        XCTAssertEqual(widths.count, 1, text)
    }

    /// The check the other tests and the fuzz targets lean on finds what it must and lets cos's colour through.
    func testFirstRawControlFindsEveryKind() {
        for raw in ["\u{1B}]0;T\u{07}", "a\u{1B}[2Jb", "\u{7F}", "\u{85}", "\u{9B}", "\r", "\u{0}", "\t"] {
            XCTAssertNotNil(TerminalSafeText.firstRawControl(in: "x" + raw, allowSGR: true), raw.debugDescription)
        }
        XCTAssertNil(TerminalSafeText.firstRawControl(in: "\u{1B}[1;31mred\u{1B}[0m\nÅ", allowSGR: true))
        XCTAssertNotNil(TerminalSafeText.firstRawControl(in: "\u{1B}[31mred", allowSGR: false))
        XCTAssertNil(TerminalSafeText.firstRawControl(in: "a\tb", allowSGR: false, allowTab: true))
    }
}
