import XCTest
@testable import CosCommand

final class PathTests: XCTestCase {
    private func path(_ text: String) throws -> NavigationPath { try NavigationPath.parse(text) }

    func testRelativeNamesAndParents() throws {
        XCTAssertEqual(try path(#"categories/"Cloud Services"/.."#),
                       NavigationPath(start: .current, segments: [.name("categories"), .name("Cloud Services"), .parent]))
        XCTAssertEqual(try path("types/Virtual\\ server/Large/"),
                       NavigationPath(start: .current, segments: [.name("types"), .name("Virtual server"), .name("Large")]))
        XCTAssertEqual(try path(".."), NavigationPath(start: .current, segments: [.parent]))
        XCTAssertEqual(try path("./a//b"), NavigationPath(start: .current, segments: [.name("a"), .name("b")]))
    }

    func testAbsoluteRootAndPrevious() throws {
        XCTAssertEqual(try path("/"), NavigationPath(start: .root, segments: []))
        XCTAssertEqual(try path(#"/"Acme AB"/contracts/C-1001"#),
                       NavigationPath(start: .root, segments: [.name("Acme AB"), .name("contracts"), .name("C-1001")]))
        XCTAssertEqual(try path("-"), NavigationPath(start: .previous, segments: []))
        XCTAssertEqual(try path("-/x"), NavigationPath(start: .previous, segments: [.name("x")]), "a path may start at the previous place")
        XCTAssertEqual(try path("-x"), NavigationPath(start: .current, segments: [.name("-x")]))
        XCTAssertEqual(try path(#""-"/x"#), NavigationPath(start: .current, segments: [.name("-"), .name("x")]))
    }

    func testIDSegments() throws {
        XCTAssertEqual(try path("id:42/types/id:7"),
                       NavigationPath(start: .current, segments: [.id("42"), .name("types"), .id("7")]))
        XCTAssertEqual(try path("/id:42"), NavigationPath(start: .root, segments: [.id("42")]))
    }

    func testQuotingMakesEverythingAName() throws {
        XCTAssertEqual(try path(##"".."/"-"/"id:42"/'a/b'/".""##).segments,
                       [.name(".."), .name("-"), .name("id:42"), .name("a/b"), .name(".")])
        XCTAssertEqual(try path(#""-""#).segments, [.name("-")])
        XCTAssertEqual(try path(#"a\/b"#).segments, [.name("a/b")])
    }

    func testErrors() {
        XCTAssertThrowsError(try path("types/id:")) { XCTAssertEqual(($0 as? CommandError)?.description, "id: needs an id after it at column 7; write id:ID") }
        XCTAssertThrowsError(try path(#""""#)) { XCTAssertEqual(($0 as? CommandError)?.description, "empty name in path at column 1") }
        XCTAssertThrowsError(try path(#"a/"b"#)) { XCTAssertEqual(($0 as? CommandError)?.description, "unterminated quote at column 3") }
    }

    func testTextRoundTrips() throws {
        for text in [#"categories/"Cloud Services"/.."#, #"/"Acme AB"/types"#, "-", "-/contracts", "/", "id:42/contracts", #"".."/"a/b""#, #"id:"T/2""#] {
            XCTAssertEqual(try path(text).text, text)
            XCTAssertEqual(try path(try path(text).text), try path(text))
        }
        XCTAssertEqual(NavigationPath(start: .current, segments: []).text, ".")
    }

    func testFromAParsedArgumentKeepsQuoting() throws {
        let command = try XCTUnwrap(CommandParser.parse(line: #"cd "a/b"/c"#, specs: TestSpecs.all).first)
        let word = try XCTUnwrap(command.words(for: "PATH").first)
        XCTAssertEqual(try NavigationPath.parse(word).segments, [.name("a/b"), .name("c")])
    }
}
