import XCTest

@testable import CosShell
import CosModel

final class ProgramOptionsTests: XCTestCase {
    func testShellOptions() throws {
        let options = try ProgramOptions.parse([
            "data", "-c", "open x", "--command=pwd", "--format", "json", "--as-of=2026-06-30", "--period", "last 3",
            "--width", "120", "--color", "never", "--var", "org=Acme AB", "--echo", "--keep-going", "--no-rc",
            "--table", "cards",
        ])
        XCTAssertEqual(options.mode, .shell)
        XCTAssertEqual(options.data, "data")
        XCTAssertEqual(options.commands, ["open x", "pwd"])
        XCTAssertEqual(options.format, "json")
        XCTAssertEqual(options.asOf, "2026-06-30")
        XCTAssertEqual(options.period, "last 3")
        XCTAssertEqual(options.width, 120)
        XCTAssertEqual(options.color, "never")
        XCTAssertEqual(options.variables, ["org": "Acme AB"])
        XCTAssertTrue(options.echo && options.keepGoing && options.noRC)
        XCTAssertEqual(options.table, "cards")
    }

    func testSubcommands() throws {
        XCTAssertEqual(try ProgramOptions.parse(["import", "dir", "-o", "out.cos"]).mode, .importData(directory: "dir", output: "out.cos"))
        XCTAssertEqual(
            try ProgramOptions.parse(["import", "dir", "--to", "postgresql://db/x", "--schema", "team", "--distributed"]).mode,
            .importPostgres(source: .directory("dir"), to: "postgresql://db/x", schema: "team", distributed: true))
        XCTAssertEqual(
            try ProgramOptions.parse(["import", "--from-schema=billing", "--to=service=db"]).mode,
            .importPostgres(source: .schema("billing"), to: "service=db", schema: nil, distributed: false))
        XCTAssertEqual(try ProgramOptions.parse(["postgresql://db/x", "--schema", "team"]).schema, "team")
        XCTAssertEqual(try ProgramOptions.parse(["generate", "-o", "x"]).mode, .generate(["-o", "x"]))
        XCTAssertEqual(try ProgramOptions.parse(["--help"]).mode, .help)
        XCTAssertEqual(try ProgramOptions.parse(["--version"]).mode, .version)
    }

    func testEveryUsageError() {
        let importUsage = "usage: cos import DIR -o FILE, or cos import DIR|--from-schema SCHEMA --to URL"
        let cases: [([String], String)] = [
            (["--format", "yaml"], "--format takes table, csv, json or markdown, not \"yaml\""),
            (["--width", "5"], "--width takes a number of columns from 20 to 1000, or auto, not \"5\""),
            (["--as-of", "yesterday"], "--as-of takes a date YYYY-MM-DD, not \"yesterday\""),
            (["--period", "2026-13"], "--period: expected a period as FROM..TO (2026-01..2026-06), YYYY-MM or last N, got \"2026-13\""),
            (["--pager=maybe"], "--pager takes on or off, not \"maybe\""),
            (["--limit"], "--limit needs a value"),
            (["--color", "red"], "--color takes auto, always or never, not \"red\""),
            (["--var", "novalue"], "--var takes NAME=VALUE, not \"novalue\""),
            (["--var", "1x=2"], "--var: \"1x\" is not a variable name (letters, digits and _, not starting with a digit)"),
            (["-c"], "-c needs a value"),
            (["-f", "a", "-f", "b"], "-f can be given once"),
            (["--formt", "csv"], "unknown option --formt (did you mean --format?)"),
            (["a", "b"], "only one DATA path can be given (got \"a\" and \"b\")"),
            (["--echo=yes"], "--echo takes no value"),
            (["import", "dir"], "cos import: missing -o FILE or --to URL (\(importUsage))"),
            (["import", "-o", "x"], "cos import: missing DIR (\(importUsage))"),
            (["import", "a", "b", "-o", "x"], "cos import: one DIR only (\(importUsage))"),
            (["import", "a", "-o", "x", "--to", "postgresql://db"], "cos import: -o FILE and --to URL cannot be combined (\(importUsage))"),
            (["import", "--to", "postgresql://db"], "cos import: missing DIR or --from-schema SCHEMA (\(importUsage))"),
            (["import", "a", "--from-schema", "b", "--to", "x"], "cos import: --from-schema builds from the database, without a DIR (\(importUsage))"),
            (["import", "a", "-o", "x", "--schema", "s"], "cos import: --from-schema, --schema and --distributed go with --to URL (\(importUsage))"),
            (["import", "a", "--too", "x"], "cos import: unknown option --too (did you mean --to?) (\(importUsage))"),
        ]
        for (arguments, message) in cases {
            XCTAssertThrowsError(try ProgramOptions.parse(arguments), "\(arguments)") { error in
                XCTAssertEqual((error as? UsageError)?.message, message, "\(arguments)")
            }
        }
    }
}
