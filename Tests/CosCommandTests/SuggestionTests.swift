import XCTest
@testable import CosCommand

final class SuggestionTests: XCTestCase {
    func testEditDistance() {
        // Hand-counted: one swap, one deletion, one insertion, a substitution and a deletion.
        XCTAssertEqual(editDistance("opne", "open"), 1)
        XCTAssertEqual(editDistance("tikets", "tickets"), 1)
        XCTAssertEqual(editDistance("open", "opens"), 1)
        XCTAssertEqual(editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(editDistance("", "abc"), 3)
        XCTAssertEqual(editDistance("abc", ""), 3)
        XCTAssertEqual(editDistance("ca", "abc"), 3, "optimal string alignment does not edit a swapped pair again")
        XCTAssertEqual(editDistance("same", "same"), 0)
    }

    func testSuggestions() {
        let commands = TestSpecs.all.flatMap(\.allNames)
        XCTAssertEqual(suggest(for: "opne", among: commands), ["open"])
        XCTAssertEqual(suggest(for: "shwo", among: commands), ["show"])
        XCTAssertEqual(suggest(for: "tic", among: commands), ["tickets"])
        XCTAssertEqual(suggest(for: "xyzzy", among: commands), [])
        XCTAssertEqual(suggest(for: "", among: commands), [])
    }

    func testNamesAreComparedWithoutCaseAndAccents() {
        let names = ["Åkesson & Söner AB", "Cloud Services", "Colocation"]
        XCTAssertEqual(suggest(for: "akeson & soner ab", among: names), ["Åkesson & Söner AB"])
        XCTAssertEqual(suggest(for: "CLOUD SERVICE", among: names), ["Cloud Services"])
        XCTAssertEqual(suggest(for: "clou", among: names), ["Cloud Services"])
    }

    func testBestTiersFirstAndLimited() {
        let names = ["set", "sets", "seat", "sea", "sex", "seven"]
        XCTAssertEqual(suggest(for: "set", among: names, limit: 3), ["set", "sea", "seat"])
        XCTAssertEqual(suggest(for: "set", among: names, limit: 10).count, 5, "seven is two edits away, one tier too far")
    }
}
