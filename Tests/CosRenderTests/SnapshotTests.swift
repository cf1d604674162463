import CosView
import XCTest
@testable import CosRender

/// Every fixture view in every format at widths 40, 80 and 160, in Unicode and in ASCII.
final class SnapshotTests: XCTestCase {
    static let widths = [40, 80, 160]

    func render(_ view: View, _ format: OutputFormat, width: Int, unicode: Bool) -> String {
        let options = RenderOptions(format: format, width: width, unicode: unicode, command: "show")
        do { return try Renderer.render(view, options: options) } catch {
            XCTFail("render failed: \(error)")
            return ""
        }
    }

    func testTextAndMarkdownSnapshots() {
        for (name, view) in Fixtures.all() {
            for format in [OutputFormat.table, .markdown] {
                for unicode in [true, false] {
                    var text = ""
                    for width in Self.widths {
                        text += "=== width \(width) ===\n" + render(view, format, width: width, unicode: unicode)
                    }
                    let suffix = format == .table ? "txt" : "md"
                    Snapshot.check(text, named: "\(name).\(unicode ? "utf8" : "ascii").\(suffix)")
                }
            }
        }
    }

    /// Styles as escapes: bold headings, titles and totals, red negatives.
    func testColourSnapshot() throws {
        let options = RenderOptions(width: 100, color: true)
        let text = try Renderer.render(Fixtures.organization(), options: options)
            + (try Renderer.render(Fixtures.invoice(), options: options))
        Snapshot.check(text, named: "colour.txt")
    }

    func testMachineFormatsIgnoreTheTerminal() {
        for (name, view) in Fixtures.all() {
            for format in [OutputFormat.csv, .json] {
                let reference = render(view, format, width: 80, unicode: true)
                for width in Self.widths {
                    for unicode in [true, false] {
                        XCTAssertEqual(render(view, format, width: width, unicode: unicode), reference, "\(name) \(format)")
                    }
                }
                Snapshot.check(reference, named: "\(name).\(format.rawValue)")
            }
        }
    }
}
