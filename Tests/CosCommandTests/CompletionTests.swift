import XCTest
@testable import CosCommand

final class CompletionTests: XCTestCase {
    private let provider = TestProvider()

    /// Completes with the cursor at the end of `line` (or at the `|` in it).
    private func complete(_ line: String, limit: Int = 100) -> Completion {
        var text = line
        var cursor = line.count
        if let bar = line.firstIndex(of: "|") {
            cursor = line.distance(from: line.startIndex, to: bar)
            text.remove(at: bar)
        }
        return Completer.complete(line: text, cursor: cursor, specs: TestSpecs.all, provider: provider,
                                  variables: ["org": "Acme AB"], limit: limit)
    }

    /// The line after applying the completion as the line reader does.
    private func applied(_ line: String) -> String {
        let completion = complete(line)
        var characters = Array(line.replacingOccurrences(of: "|", with: ""))
        let insertion = completion.candidates.count == 1 && completion.moreCount == 0
            ? completion.candidates[0].insertion : completion.commonInsertion
        characters.replaceSubrange(completion.replaceStart..<completion.replaceEnd, with: Array(insertion))
        return String(characters)
    }

    private func insertions(_ line: String) -> [String] { complete(line).candidates.map(\.insertion) }

    func testCommandNames() {
        XCTAssertEqual(applied("op"), "open ")
        XCTAssertEqual(insertions("s"), ["save ", "set ", "show ", "source ", "summary "])
        XCTAssertEqual(applied("s"), "s", "nothing in common: listed, not inserted")
        XCTAssertEqual(applied("so"), "source ")
        XCTAssertEqual(applied("pwd; car"), "pwd; cards ")
        XCTAssertEqual(complete("").candidates.count, 20)
        XCTAssertEqual(applied("OP"), "open ", "case-insensitive")
    }

    func testCommonPrefixIsInserted() {
        let completion = complete("hi")
        XCTAssertEqual(completion.candidates.map(\.display), ["history"])
        XCTAssertEqual(applied("t"), "t", "tickets, tree and trend share only the t")
        XCTAssertEqual(applied("tr"), "tre", "tree and trend share tre")
        XCTAssertEqual(complete("tr").candidates.map(\.display), ["tree", "trend"])
        XCTAssertEqual(applied("tre"), "tre")
        XCTAssertEqual(applied("tren"), "trend ")
    }

    func testFlags() {
        XCTAssertEqual(applied("tickets --un"), "tickets --uninvoiced ")
        XCTAssertEqual(insertions("tickets --"), ["--uninvoiced ", "--invoiced ", "--limit ", "--all ", "--format "])
        XCTAssertEqual(insertions("tickets "), ["--uninvoiced ", "--invoiced ", "--limit ", "--all ", "--format "],
                       "no argument left: the flags")
        XCTAssertEqual(insertions("tickets --all --in"), ["--invoiced "])
        XCTAssertEqual(insertions("pwd --"), [])
    }

    func testFlagValues() {
        XCTAssertEqual(insertions("tickets --format "), ["table ", "csv ", "json ", "markdown "])
        XCTAssertEqual(applied("tickets --format j"), "tickets --format json ")
        XCTAssertEqual(applied("tickets --format=m"), "tickets --format=markdown ")
        let completion = complete("tickets --format=m")
        XCTAssertEqual(completion.replaceStart, 17)
        XCTAssertEqual(insertions("tickets --limit "), [], "a free value")
        XCTAssertEqual(insertions("tickets --limit 5 --a"), ["--all "], "the value is consumed")
    }

    func testSettings() {
        XCTAssertEqual(applied("set fo"), "set format ")
        XCTAssertEqual(applied("set format c"), "set format csv ")
        XCTAssertEqual(insertions("set color "), ["auto ", "always ", "never "])
        XCTAssertEqual(applied("set a"), "set as", "as-of and ascii share as")
        XCTAssertEqual(applied("set as"), "set as")
        XCTAssertEqual(insertions("set format csv "), [])
    }

    func testOrganizationNamesAreQuotedWhenNeeded() {
        XCTAssertEqual(applied("open ze"), "open Zeta ")
        XCTAssertEqual(applied("open ake"), #"open "Åkesson & Söner AB" "#, "accents and case do not matter")
        XCTAssertEqual(applied("open acme"), #"open "Acme "#, "the common part, with an opening quote")
        XCTAssertEqual(applied(#"open "Acme C"#), #"open "Acme Corp" "#)
        XCTAssertEqual(applied("open 'Acme C"), "open 'Acme Corp' ")
        XCTAssertEqual(applied("open quoted"), #"open "Beta \"Quoted\" Ltd" "#)
        XCTAssertEqual(complete("open acme").candidates.map(\.display), ["Acme AB", "Acme Corp"])
    }

    func testScreenfulAndMore() {
        let completion = complete("open ", limit: 2)
        XCTAssertEqual(completion.candidates.map(\.display), ["Acme AB", "Acme Corp"])
        XCTAssertEqual(completion.moreCount, 3)
        XCTAssertEqual(complete("", limit: 5).moreCount, 15)
        let single = complete("open ak", limit: 1)
        XCTAssertEqual(single.moreCount, 0)
    }

    func testPathSegmentsAtAnyDepth() {
        XCTAssertEqual(applied("cd ty"), "cd types/")
        XCTAssertEqual(applied("cd types/Virt"), #"cd types/"Virtual "#)
        XCTAssertEqual(applied("cd types/Virtual\\ s"), #"cd types/"Virtual server"/"#)
        XCTAssertEqual(applied(#"cd types/"Virtual s"#), #"cd types/"Virtual server"/"#)
        XCTAssertEqual(applied("cd types/virtual s"), "cd types/virtual s", "a space ends the word")
        XCTAssertEqual(applied(#"cd types/"Virtual server"/l"#), #"cd types/"Virtual server"/Large/"#)
        XCTAssertEqual(applied(#"cd types/"Virtual server"/med"#), #"cd types/"Virtual server"/Médium/"#)
        XCTAssertEqual(applied(#"cd types/"Virtual server"/Large/vm-"#), #"cd types/"Virtual server"/Large/vm-001 "#)
        XCTAssertEqual(insertions(#"cd types/"Virtual server"/Large/"#), ["vm-001 ", #""vm/002" "#])
        XCTAssertEqual(applied("ls categories/clo"), #"ls categories/"Cloud Services"/"#)
        XCTAssertEqual(applied("cd /ac"), #"cd /"Acme AB"/"#)
        XCTAssertEqual(complete("cd types/Virt").replaceStart, 9)
    }

    func testPathSubstringMatchWhenNoPrefixMatches() {
        XCTAssertEqual(applied("cd categories/work"), "cd categories/Network/")
    }

    func testNoPathCompletionForIDsOrUnknownPaths() {
        XCTAssertEqual(insertions("cd id:4"), [])
        XCTAssertEqual(insertions("cd nowhere/x"), [])
        XCTAssertEqual(insertions("cd types/id:"), [])
    }

    func testFiles() {
        XCTAssertEqual(applied("source mo"), "source monthly.cos ")
        XCTAssertEqual(applied("source my"), #"source "my scripts"/"#)
        XCTAssertEqual(insertions(#"source "my scripts"/"#), [#""my scripts/q1.cos" "#, #""my scripts/q2.cos" "#])
        XCTAssertEqual(complete(#"source "my scripts"/"#).candidates.map(\.display), ["q1.cos", "q2.cos"])
        XCTAssertEqual(applied(#"save "my scripts"/"#), #"save "my scripts/q"#)
        XCTAssertEqual(insertions("source "), ["Makefile ", "monthly.cos ", #""my scripts"/"#], "dot files hidden")
        XCTAssertEqual(insertions("source ."), [".hidden.cos "])
        XCTAssertEqual(insertions("source M"), ["Makefile "], "file names are case-sensitive")
    }

    func testAFileAfterARedirect() {
        XCTAssertEqual(applied("tickets --all > mo"), "tickets --all > monthly.cos ")
        XCTAssertEqual(applied("cd types >> my"), #"cd types >> "my scripts"/"#)
        XCTAssertEqual(insertions("pwd >"), ["Makefile ", "monthly.cos ", #""my scripts"/"#])
        XCTAssertEqual(applied("ls > x; op"), "ls > x; open ", "the next command completes as usual")
    }

    func testHelpCompletesCommandsAndFixedWords() {
        XCTAssertEqual(applied("help tic"), "help tickets ")
        XCTAssertEqual(applied("summary ty"), "summary types ")
        XCTAssertEqual(applied("period l"), "period last ")
    }

    func testNothingInCommentsUnknownCommandsOrAfterTheLastArgument() {
        XCTAssertEqual(insertions("pwd # op"), [])
        XCTAssertEqual(insertions("frobnicate x"), [])
        XCTAssertEqual(insertions("cd types x"), [])
        XCTAssertEqual(insertions("pwd "), [])
    }

    func testCursorInTheMiddleCompletesTheWordBeforeIt() {
        let completion = complete("op| Acme")
        XCTAssertEqual(completion.replaceStart, 0)
        XCTAssertEqual(completion.replaceEnd, 2)
        XCTAssertEqual(completion.candidates.map(\.insertion), ["open "])
    }

    func testVariablesInEarlierWords() {
        XCTAssertEqual(insertions("set $undefined "), [])
        XCTAssertEqual(complete("open $org; cd ty").candidates.map(\.insertion), ["types/"])
    }
}
