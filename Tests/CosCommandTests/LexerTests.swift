import XCTest
@testable import CosCommand

final class LexerTests: XCTestCase {
    private func words(_ line: String, _ variables: [String: String] = [:]) throws -> [[String]] {
        try CommandLexer.lex(line, variables: variables).map { $0.words.map(\.text) }
    }

    private func error(_ line: String, _ variables: [String: String] = [:]) -> String? {
        do {
            _ = try CommandLexer.lex(line, variables: variables)
            return nil
        } catch {
            return error.description
        }
    }

    func testSplitsOnSpacesAndTabs() throws {
        XCTAssertEqual(try words("  open   Acme\tAB "), [["open", "Acme", "AB"]])
    }

    func testQuotesMakeOneWord() throws {
        XCTAssertEqual(try words(#"open "Acme AB""#), [["open", "Acme AB"]])
        XCTAssertEqual(try words("open 'Acme AB'"), [["open", "Acme AB"]])
        XCTAssertEqual(try words(#"cd categories/"Cloud Services"/.."#), [["cd", "categories/Cloud Services/.."]])
        XCTAssertEqual(try words(#"open """#), [["open", ""]])
        XCTAssertEqual(try words(#"open 'it"s'"#), [["open", #"it"s"#]])
        XCTAssertEqual(try words(#"open "it's""#), [["open", "it's"]])
    }

    func testBackslashEscapes() throws {
        XCTAssertEqual(try words(#"open Acme\ AB"#), [["open", "Acme AB"]])
        XCTAssertEqual(try words(#"open "say \"hi\" \\ ok""#), [["open", #"say "hi" \ ok"#]])
        XCTAssertEqual(try words(#"open 'a\b'"#), [["open", #"a\b"#]], "no escapes inside single quotes")
        XCTAssertEqual(try words(#"open a\;b"#), [["open", "a;b"]])
    }

    func testSemicolonsSeparateCommands() throws {
        XCTAssertEqual(try words("open Acme; cards;;trend ; "), [["open", "Acme"], ["cards"], ["trend"]])
        XCTAssertEqual(try words(#"open "a;b"; pwd"#), [["open", "a;b"], ["pwd"]])
    }

    func testCommentsStartAtAWordStart() throws {
        XCTAssertEqual(try words("open Acme # the customer"), [["open", "Acme"]])
        XCTAssertEqual(try words("# only a comment"), [])
        XCTAssertEqual(try words("open C#Sharp"), [["open", "C#Sharp"]])
        XCTAssertEqual(try words(##"open "#1""##), [["open", "#1"]])
        XCTAssertEqual(try words("pwd; # nothing more; cards"), [["pwd"]])
    }

    func testColumnsAndSource() throws {
        let commands = try CommandLexer.lex(#"open "Åke AB";  cards"#)
        XCTAssertEqual(commands.map(\.column), [1, 17])
        XCTAssertEqual(commands.map(\.source), [#"open "Åke AB""#, "cards"])
        XCTAssertEqual(commands[0].words.map(\.column), [1, 6])
        XCTAssertEqual(commands[0].words[1].source, #""Åke AB""#)
    }

    func testVariables() throws {
        let vars = ["org": "Acme AB", "period": "2026-01..2026-06", "path": "types/Large"]
        XCTAssertEqual(try words("open $org", vars), [["open", "Acme AB"]], "a value is never split")
        XCTAssertEqual(try words("period ${period}", vars), [["period", "2026-01..2026-06"]])
        XCTAssertEqual(try words(#"open "$org and ${org}""#, vars), [["open", "Acme AB and Acme AB"]])
        XCTAssertEqual(try words("open '$org'", vars), [["open", "$org"]], "not expanded inside single quotes")
        XCTAssertEqual(try words(#"open \$org"#, vars), [["open", "$org"]])
        XCTAssertEqual(try words("find $5 $", vars), [["find", "$5", "$"]], "a $ without a name stays")
        XCTAssertEqual(try words("open x${org}y", vars), [["open", "xAcme ABy"]])
    }

    func testVariableValuesAreNotFlagsAndKeepPathSlashes() throws {
        let word = try XCTUnwrap(CommandLexer.lex("cd $path", variables: ["path": "--all/b"]).first?.words.last)
        XCTAssertFalse(word.isFlagLike)
        XCTAssertEqual(try NavigationPath.parse(word).segments, [.name("--all"), .name("b")])
    }

    func testFlagLikeWords() throws {
        let flags = try XCTUnwrap(CommandLexer.lex(#"tickets --all "--limit" \--x -- -"#).first).words.map(\.isFlagLike)
        XCTAssertEqual(flags, [false, true, false, false, true, false])
    }

    func testErrorMessages() {
        XCTAssertEqual(error(#"open "Acme"#), "unterminated quote at column 6")
        XCTAssertEqual(error("open 'Acme"), "unterminated quote at column 6")
        XCTAssertEqual(error(#"open "a" 'b"#), "unterminated quote at column 10")
        XCTAssertEqual(error(#"open Acme\"#), #"nothing follows the backslash at column 10; write \\ for a backslash"#)
        XCTAssertEqual(error("open $org"), "undefined variable $org at column 6; set it with --var org=VALUE or let org VALUE")
        XCTAssertEqual(error(#"open "x ${org}""#), "undefined variable $org at column 9; set it with --var org=VALUE or let org VALUE")
        XCTAssertEqual(error("open ${org"), "unterminated ${ at column 6; write ${NAME}")
        XCTAssertEqual(error("open ${a-b}"), #"bad variable name "a-b" at column 6; names are letters, digits and _"#)
        XCTAssertEqual(error("open ${}"), #"bad variable name "" at column 6; names are letters, digits and _"#)
    }

    private func redirects(_ line: String) throws -> [String?] {
        try CommandLexer.lex(line, variables: ["out": "my file.csv"]).map { command in
            command.redirect.map { ($0.append ? ">>" : ">") + $0.file.text + "@\($0.column)" }
        }
    }

    func testRedirectsSendACommandsOutputToAFile() throws {
        XCTAssertEqual(try words("tickets --all > out.csv"), [["tickets", "--all"]])
        XCTAssertEqual(try redirects("tickets --all > out.csv"), [">out.csv@15"])
        XCTAssertEqual(try redirects("pwd >> log.txt; ls>x.json; cards"), [">>log.txt@5", ">x.json@19", nil])
        XCTAssertEqual(try words("ls>x.json"), [["ls"]], "a > ends a word, as in a shell")
        XCTAssertEqual(try redirects("tickets > $out --all"), [">my file.csv@9"])
        XCTAssertEqual(try words("tickets > $out --all", ["out": "f"]), [["tickets", "--all"]], "words may follow the file")
        XCTAssertEqual(try redirects(#"ls > "a;b.md""#), [">a;b.md@4"])
        // A quoted or escaped > is text.
        XCTAssertEqual(try words(#"cd "a>b"/'c>d'/e\>f"#), [["cd", "a>b/c>d/e>f"]])
        XCTAssertEqual(try redirects(#"cd "a>b""#), [nil])
        XCTAssertEqual(Quoting.quote("a>b"), #""a>b""#, "a name holding > is written quoted, so it reads back")
        XCTAssertEqual(error("pwd >"), "> needs a FILE after it at column 5; write COMMAND > FILE, or quote a > that is part of a name")
        XCTAssertEqual(error("pwd > ; ls"), "> needs a FILE after it at column 5; write COMMAND > FILE, or quote a > that is part of a name")
        XCTAssertEqual(error("pwd > > x"), "> needs a FILE after it at column 5; write COMMAND > FILE, or quote a > that is part of a name")
        XCTAssertEqual(error("pwd > a > b"), "a command writes to one file only at column 9; write COMMAND > FILE once")
        XCTAssertEqual(error("> x"), "> FILE needs a command before it at column 1; write COMMAND > FILE (last > FILE writes the last output again)")
        XCTAssertEqual(try CommandParser.parse(line: "tickets --limit 5 >> 'q 1.csv'", specs: TestSpecs.all).first?.redirect?.text, #">> "q 1.csv""#)
    }

    func testColumnsCountCharactersNotBytes() {
        XCTAssertEqual(error(#"open Åäö "x"#), "unterminated quote at column 10")
    }

    func testMessageWithoutColumn() {
        XCTAssertThrowsError(try CommandLexer.lex(#"open "x"#)) { error in
            XCTAssertEqual((error as? CommandError)?.messageWithoutColumn, "unterminated quote")
            XCTAssertEqual((error as? CommandError)?.column, 6)
        }
    }
}

/// Issue 12, point 13: lines and words past `CommandLimits` are refused by the lexer, before anything
/// is looked up.
final class LexerLimitTests: XCTestCase {
    func testALineOverTheLimitIsRefusedWhole() {
        let line = "open " + String(repeating: "a", count: CommandLimits.lineBytes)
        XCTAssertThrowsError(try CommandLexer.lex(line)) { error in
            XCTAssertEqual(
                "\(error)", "the line is 65541 bytes long, longer than the limit of 65536 bytes at column 1; nothing was run")
        }
    }

    func testAWordOverTheLimitIsRefusedAtItsColumn() throws {
        let word = String(repeating: "é", count: 2049)  // 4098 bytes
        XCTAssertThrowsError(try CommandLexer.lex("open " + word)) { error in
            XCTAssertEqual((error as? CommandError)?.kind, .wordTooLong(bytes: 4098, limit: 4096))
            XCTAssertEqual((error as? CommandError)?.column, 6)
        }
        XCTAssertNoThrow(try CommandLexer.lex("open " + String(repeating: "a", count: 4096)))
        // A variable's value counts as the word it becomes.
        XCTAssertThrowsError(try CommandLexer.lex("open \"$x\"", variables: ["x": String(repeating: "b", count: 5000)]))
    }
}
