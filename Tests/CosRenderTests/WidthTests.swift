import CosModel
import CosView
import Foundation
import XCTest
@testable import CosRender

/// No line of the `table` format, and no chart line in Markdown, is wider than the width asked for.
final class WidthTests: XCTestCase {
    /// Display width written apart from the renderer's: East Asian wide characters count 2,
    /// combining marks 0, ANSI escapes 0.
    static func columns(_ line: String) -> Int {
        var width = 0
        var escape = false
        for scalar in line.unicodeScalars {
            if escape {
                if scalar.value >= 0x40, scalar.value <= 0x7E, scalar != "[" { escape = false }
                continue
            }
            if scalar == "\u{1B}" {
                escape = true
                continue
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: continue
            default: break
            }
            let value = scalar.value
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value)
                || (0x1F300...0x1F64F).contains(value) || (0x20000...0x3FFFD).contains(value)
            width += wide ? 2 : 1
        }
        return width
    }

    func testTextFitsEveryWidth() throws {
        for (name, view) in Fixtures.all() + [("wide names", Self.wideNames())] {
            for width in [40, 41, 57, 80, 99, 120, 160, 200] {
                for unicode in [true, false] {
                    for color in [false, true] {
                        let options = RenderOptions(width: width, unicode: unicode, color: color)
                        let text = try Renderer.render(view, options: options)
                        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                            XCTAssertLessThanOrEqual(
                                Self.columns(String(line)), width, "\(name) at \(width) (unicode \(unicode)): \(line)")
                        }
                    }
                }
            }
        }
    }

    func testMarkdownChartsFit() throws {
        for (name, view) in Fixtures.all() {
            for width in [40, 80, 160] {
                let text = try Renderer.render(view, options: RenderOptions(format: .markdown, width: width))
                var inFence = false
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix("```") {
                        inFence.toggle()
                        continue
                    }
                    if inFence { XCTAssertLessThanOrEqual(Self.columns(String(line)), width, "\(name) at \(width): \(line)") }
                }
                XCTAssertFalse(inFence, "\(name): fences are closed")
            }
        }
    }

    func testNarrowerThanChartsFallsBackToTables() throws {
        let text = try Renderer.render(Fixtures.organization(), options: RenderOptions(width: 30))
        XCTAssertFalse(text.contains("┤"), "no chart below 40 columns")
        for line in text.split(separator: "\n") { XCTAssertLessThanOrEqual(Self.columns(String(line)), 30, String(line)) }
    }

    func testDisplayWidth() {
        XCTAssertEqual(TextWidth.of("abc"), 3)
        XCTAssertEqual(TextWidth.of("東京"), 4)
        XCTAssertEqual(TextWidth.of("e\u{301}"), 1)
        XCTAssertEqual(TextWidth.of("\u{1B}[1;31mab\u{1B}[0m"), 2)
        XCTAssertEqual(TextWidth.of("Åkesson"), 7)
        XCTAssertEqual(TextWidth.truncate("東京タワー", to: 5, ellipsis: "…"), "東京…")
        XCTAssertEqual(TextWidth.truncate("abcdef", to: 5, ellipsis: "..."), "ab...")
        XCTAssertEqual(TextWidth.truncate("abc", to: 5, ellipsis: "…"), "abc")
        XCTAssertEqual(TextWidth.pad("東", to: 4, right: true), "  東")
    }

    func testTextColumnsShrinkNumbersNever() throws {
        let text = try Renderer.render(Fixtures.category(), options: RenderOptions(width: 80))
        XCTAssertTrue(text.contains("Virtual server, large (8 …"), "the name column keeps a useful width")
        for figure in ["612,400.40", "120,500.125", "15,020,000", "-6,000.00"] { XCTAssertTrue(text.contains(figure), figure) }
    }

    /// Names in Japanese, with combining accents and emoji, long enough to need cutting.
    static func wideNames() -> View {
        View(
            kind: "find", title: "東京の組織 — Café\u{301} 🚀", context: .root, asOf: Fixtures.asOf, period: Fixtures.period,
            tables: [
                ViewTable(
                    name: "organizations", title: "組織",
                    columns: [ViewColumn("id", "Id", .id), ViewColumn("name", "Name", .text), ViewColumn("number", "Number", .text)],
                    rows: [
                        [.text("org-1"), .text("株式会社東京クラウドサービス開発センター本社営業部"), .text("東京-0001")],
                        [.text("org-2"), .text("Cafe\u{301}s Ünïted of Göteborg and the Western Archipelago 🚀🚀"), .null],
                    ])
            ], notes: ["長い説明文がここに入ります。長い説明文がここに入ります。長い説明文がここに入ります。"])
    }
}

final class ASCIITests: XCTestCase {
    /// With Unicode off, everything the renderer draws is ASCII (these fixtures hold ASCII data only).
    func testASCIIFallbackIsASCII() throws {
        for view in [Fixtures.organization(), Fixtures.category(), Fixtures.objectType(), Fixtures.tickets(), Fixtures.tree(),
            Fixtures.object(), Fixtures.empty()]
        {
            for format in OutputFormat.allCases {
                for width in [40, 80, 160] {
                    let text = try Renderer.render(view, options: RenderOptions(format: format, width: width, unicode: false))
                    let foreign = text.unicodeScalars.filter { !$0.isASCII }.map { String($0) }
                    XCTAssertTrue(foreign.isEmpty, "\(view.kind) \(format) \(width): \(Set(foreign))")
                }
            }
        }
    }
}
