import XCTest
@testable import CosCommand

final class ParserTests: XCTestCase {
    private func parse(_ line: String, _ variables: [String: String] = [:]) throws(CommandError) -> [ParsedCommand] {
        try CommandParser.parse(line: line, specs: TestSpecs.all, variables: variables)
    }

    private func error(_ line: String) -> String? {
        do {
            _ = try parse(line)
            return nil
        } catch {
            return error.description
        }
    }

    func testCommandWithArgument() throws {
        let command = try XCTUnwrap(parse(#"open "Acme AB""#).first)
        XCTAssertEqual(command.spec.name, "open")
        XCTAssertEqual(command.argument("ORG"), "Acme AB")
        XCTAssertEqual(command.positionals.map(\.column), [6])
        XCTAssertEqual(command.source, #"open "Acme AB""#)
        XCTAssertEqual(command.canonicalText, #"open "Acme AB""#)
    }

    /// `save` and the JSON `command` write `canonicalText`: a path must read back as the same path,
    /// so the quoted parts of a word stay quoted (an id holding `/`, a name holding a space, a
    /// quoted `id:` or `..`) and the plain ones stay plain.
    func testCanonicalTextReadsBackAsTheSamePath() throws {
        let lines = [
            #"cd contracts/id:"C/jp/1""#, #"cd /id:"acct 8"/contracts/id:C-kw"#, #"cd types/"(no object)""#,
            #"ls "A/B"/x"#, #"cd "id:x"/".."/-"#, #"cd ../../contracts"#, #"cd -/"Cloud Services"/Storage"#,
            ##"cd \#x/y"##, #"cd $p"#, #"cd $q/"a b""#,
        ]
        let variables = ["p": "categories/Cloud Services", "q": "-"]
        for line in lines {
            let command = try XCTUnwrap(parse(line, variables).first, line)
            let again = try XCTUnwrap(parse(command.canonicalText).first, command.canonicalText)
            XCTAssertEqual(
                try NavigationPath.parse(again.positionals[0]), try NavigationPath.parse(command.positionals[0]),
                "\(line) was written back as \(command.canonicalText)")
        }
        XCTAssertEqual(try parse(#"cd contracts/id:"C/jp/1""#).first?.canonicalText, #"cd contracts/id:"C/jp/1""#)
        XCTAssertEqual(try parse(#"cd types/"(no object)""#).first?.canonicalText, #"cd types/"(no object)""#)
        XCTAssertEqual(try parse("cd $p", variables).first?.canonicalText, #"cd categories/Cloud\ Services"#)
        XCTAssertEqual(try parse("open $q$q", variables).first?.canonicalText, #"open \--"#, "a positional, not a flag")
    }

    func testAliasesAndCase() throws {
        XCTAssertEqual(try parse("q").first?.spec.name, "quit")
        XCTAssertEqual(try parse("exit").first?.nameWord.text, "exit")
        XCTAssertEqual(try parse("OPEN x").first?.spec.name, "open")
    }

    func testFlagsInEveryForm() throws {
        let command = try XCTUnwrap(parse("tickets --uninvoiced --limit 20 --format=csv").first)
        XCTAssertTrue(command.has("uninvoiced"))
        XCTAssertFalse(command.has("all"))
        XCTAssertEqual(command.value(of: "limit"), "20")
        XCTAssertEqual(command.value(of: "format"), "csv")
        XCTAssertEqual(command.flags["limit"]?.column, 22)
        XCTAssertEqual(command.flags["limit"]?.valueColumn, 30)
        XCTAssertEqual(command.flags["format"]?.valueColumn, 42)
        XCTAssertEqual(command.canonicalText, "tickets --uninvoiced --limit=20 --format=csv")
    }

    func testQuotedFlagValueAndEmptyValue() throws {
        let command = try XCTUnwrap(parse(#"tickets --format="csv" --limit="#).first)
        XCTAssertEqual(command.value(of: "format"), "csv")
        XCTAssertEqual(command.value(of: "limit"), "")
    }

    func testDoubleDashEndsFlags() throws {
        let command = try XCTUnwrap(parse("find -- --all").first)
        XCTAssertEqual(command.argument("TEXT"), "--all")
        XCTAssertTrue(command.flags.isEmpty)
    }

    func testVariadicAndOptionalArguments() throws {
        XCTAssertEqual(try parse("find acme ab").first?.argument("TEXT"), "acme ab")
        XCTAssertEqual(try parse("find acme ab").first?.words(for: "TEXT").count, 2)
        XCTAssertNil(try parse("ls").first?.argument("WHAT"))
        let set = try XCTUnwrap(parse("set format csv").first)
        XCTAssertEqual(set.argument("KEY"), "format")
        XCTAssertEqual(set.argument("VALUE"), "csv")
        XCTAssertEqual(try parse("period last 6").first?.argument("PERIOD"), "last 6")
    }

    func testSeveralCommandsAndVariables() throws {
        let commands = try parse("open $org; cd ${where}; cards # done", ["org": "Acme AB", "where": "types"])
        XCTAssertEqual(commands.map(\.spec.name), ["open", "cd", "cards"])
        XCTAssertEqual(commands[0].argument("ORG"), "Acme AB")
        XCTAssertEqual(commands[0].source, "open $org", "the source keeps the variable")
        XCTAssertEqual(commands[0].canonicalText, #"open "Acme AB""#, "the canonical text pins its value")
        XCTAssertEqual(commands.map(\.column), [1, 12, 25])
    }

    func testForEachCommandTakesVariablesAfreshForEachCommand() throws {
        let specs = TestSpecs.all + [CommandSpec("let", arguments: [ArgumentSpec("NAME", .text), ArgumentSpec("VALUE", .text)], summary: "")]
        var variables: [String: String] = [:]
        var opened: [String] = []
        try CommandParser.forEachCommand(in: "let org 'Acme AB'; open $org ;; let org Zeta; open ${org} # done",
                                         specs: specs, variables: { variables }) { command in
            if command.spec.name == "let", let name = command.argument("NAME") { variables[name] = command.argument("VALUE") }
            if command.spec.name == "open" { opened.append(command.argument("ORG") ?? "") }
        }
        XCTAssertEqual(opened, ["Acme AB", "Zeta"])
        XCTAssertThrowsError(try CommandParser.forEachCommand(in: "pwd; open $nope", specs: specs, variables: { [:] }) { _ in }) {
            XCTAssertEqual(($0 as? CommandError)?.description,
                           "undefined variable $nope at column 11; set it with --var nope=VALUE or let nope VALUE")
        }
        var seen = 0
        XCTAssertThrowsError(try CommandParser.forEachCommand(in: "pwd; pwd; opne", specs: specs, variables: { [:] }) { _ in seen += 1 })
        XCTAssertEqual(seen, 2, "the commands before the error ran")
        try CommandParser.forEachCommand(in: "", specs: specs, variables: { [:] }) { _ in XCTFail("no command") }
    }

    func testErrorMessages() {
        XCTAssertEqual(error("opne Acme"), #"unknown command "opne" at column 1; did you mean "open"?"#)
        XCTAssertEqual(error("pwd; tikets"), #"unknown command "tikets" at column 6; did you mean "tickets"?"#)
        XCTAssertEqual(error("xyzzy"), #"unknown command "xyzzy" at column 1; type help for the list of commands"#)
        XCTAssertEqual(error("tickets --lmit 5"), "tickets: unknown flag --lmit at column 9; did you mean --limit?")
        XCTAssertEqual(error("tickets --zzz"),
                       "tickets: unknown flag --zzz at column 9; its flags are --uninvoiced, --invoiced, --limit, --all, --format")
        XCTAssertEqual(error("pwd --all"), "pwd: unknown flag --all at column 5; pwd takes no flags")
        XCTAssertEqual(error("open"), "open: missing ORG at column 5; usage: open ORG")
        XCTAssertEqual(error("  cd  "), "cd: missing PATH at column 5; usage: cd PATH")
        XCTAssertEqual(error("open Acme AB"), #"open: too many arguments, "AB" is one too many at column 11; "#
                       + #"usage: open ORG; to give a name with spaces, quote it: open "Acme AB""#)
        XCTAssertEqual(error("cd types Virtual server"), #"cd: too many arguments, "Virtual" is one too many at column 10; "#
                       + #"usage: cd PATH; to give a name with spaces, quote it: cd "types Virtual server""#)
        XCTAssertEqual(error("as-of 2026-01-01 x"), #"as-of: too many arguments, "x" is one too many at column 18; usage: as-of DATE"#)
        XCTAssertEqual(error("pwd here"), #"pwd: unexpected argument "here" at column 5; pwd takes no arguments"#)
        XCTAssertEqual(error("set format csv x"),
                       #"set: too many arguments, "x" is one too many at column 16; usage: set [KEY] [VALUE]"#)
        XCTAssertEqual(error("tickets --limit"), "tickets: --limit needs a value at column 9; write --limit N or --limit=N")
        XCTAssertEqual(error("tickets --limit --all"), "tickets: --limit needs a value at column 9; write --limit N or --limit=N")
        XCTAssertEqual(error("tickets --all=yes"), "tickets: --all takes no value at column 9")
        XCTAssertEqual(error(#"open "Acme"#), "unterminated quote at column 6")
    }

    func testUnknownCommandSuggestsSeveral() {
        XCTAssertEqual(error("se"), #"unknown command "se" at column 1; did you mean "set"?"#)
        XCTAssertEqual(error("sav"), #"unknown command "sav" at column 1; did you mean "save"?"#)
        XCTAssertEqual(error("hist"), #"unknown command "hist" at column 1; did you mean "history"?"#)
    }

    func testUsageAndHelpText() throws {
        let tickets = try XCTUnwrap(CommandParser.spec(named: "tickets", in: TestSpecs.all))
        XCTAssertEqual(tickets.usage, "tickets [--uninvoiced] [--invoiced] [--limit N] [--all] [--format FORMAT]")
        XCTAssertEqual(tickets.helpText, """
            usage: tickets [--uninvoiced] [--invoiced] [--limit N] [--all] [--format FORMAT]

            charge tickets

            flags:
              --uninvoiced  only uninvoiced tickets
              --invoiced    only invoiced tickets
              --limit N     at most N tickets
              --all         all time, not the period

            examples:
              tickets --uninvoiced --limit 20
            """)
        XCTAssertEqual(CommandParser.spec(named: "ls", in: TestSpecs.all)?.usage, "ls [WHAT]")
        XCTAssertEqual(CommandParser.spec(named: "find", in: TestSpecs.all)?.usage, "find TEXT...")
        XCTAssertEqual(CommandParser.spec(named: "period", in: TestSpecs.all)?.usage, "period FROM..TO | period last N")
    }

    func testQuoting() {
        XCTAssertEqual(Quoting.quote("Acme"), "Acme")
        XCTAssertEqual(Quoting.quote("Acme AB"), #""Acme AB""#)
        XCTAssertEqual(Quoting.quote(#"Say "hi" $x \ y"#), #""Say \"hi\" \$x \\ y""#)
        XCTAssertEqual(Quoting.quote(""), #""""#)
        XCTAssertEqual(Quoting.quote("#1"), ##""#1""##)
        XCTAssertEqual(Quoting.quote("a/b"), "a/b")
        XCTAssertEqual(Quoting.quote("a/b", forPathSegment: true), #""a/b""#)
        XCTAssertEqual(Quoting.quote("..", forPathSegment: true), "\"..\"")
        XCTAssertEqual(Quoting.quote("Åkesson"), "Åkesson")
    }

    func testQuotedTextReadsBack() throws {
        for text in ["Acme AB", #"a "b" c"#, "it's", #"back\slash"#, "$money", "semi;colon", "#hash", "--flag", ""] {
            let line = "open " + Quoting.quote(text)
            XCTAssertEqual(try parse(line).first?.argument("ORG"), text, line)
        }
    }
}
