import CosCommand
import XCTest
@testable import CosView

/// The one writer of paths: every name reads back as the same segment, whatever it holds.
final class ContextPathTests: XCTestCase {
    func testPlainNamesStayPlain() {
        XCTAssertEqual(ContextPath.root.text, "/")
        XCTAssertEqual(ContextPath(["Acme", "categories", "Cloud"]).text, "/Acme/categories/Cloud")
        XCTAssertEqual(ContextPath(["Åkesson", "types"]).appending("Router").text, "/Åkesson/types/Router")
    }

    func testNamesThatMeanSomethingInAPathAreQuoted() {
        XCTAssertEqual(ContextPath(["Acme AB", "categories", "A/B"]).text, #"/"Acme AB"/categories/"A/B""#)
        XCTAssertEqual(ContextPath(["..", "-", ".", "id:7"]).text, #"/".."/"-"/"."/"id:7""#)
        XCTAssertEqual(ContextPath([#"say "hi""#, #"back\slash"#, "$x"]).text, #"/"say \"hi\""/"back\\slash"/"\$x""#)
    }

    func testEveryPathReadsBackAsTheSameSegments() throws {
        let names = [
            "Acme AB", "A/B", "..", ".", "-", "id:x", #"quo"te"#, #"back\slash"#, " lead", "trail ", "$x", "${x}",
            "#1", "semi;colon", "a>b", ">>", "tab\tname", "it's", "(no profile)", "東京 / 大阪", "--flag", "x\ny",
        ]
        for name in names {
            let path = ContextPath(["Org", "types", name])
            let parsed = try NavigationPath.parse(path.text)
            XCTAssertEqual(parsed.start, .root, path.text)
            XCTAssertEqual(parsed.segments, [.name("Org"), .name("types"), .name(name)], path.text)
            XCTAssertEqual(path.description, path.text)
        }
    }
}
