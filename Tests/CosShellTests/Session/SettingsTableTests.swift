import CosModel
import CosRender
import XCTest

@testable import CosShell

/// The one table of settings: `set`, the command-line flags, completion and `help set` all come from it.
final class SettingsTableTests: XCTestCase {
    let asOf = CivilDate(parsing: "2026-10-31")

    func settings() throws -> Settings { Settings(asOf: try XCTUnwrap(asOf)) }

    func testEverySettingReadsBackWhatItWrites() throws {
        var settings = try settings()
        for entry in SettingsTable.all {
            // Every value completion offers is accepted, and what is then shown (without its
            // explanation in brackets) is accepted again and shown the same.
            let before = entry.read(settings)
            for text in [before.components(separatedBy: " (")[0]] + entry.values {
                var copy = settings
                XCTAssertNoThrow(try entry.write(&copy, text), "\(entry.name) \(text)")
                let shown = entry.read(copy).components(separatedBy: " (")[0]
                var again = copy
                XCTAssertNoThrow(try entry.write(&again, shown), "\(entry.name) \(shown)")
                XCTAssertEqual(entry.read(again).components(separatedBy: " (")[0], shown, entry.name)
            }
            XCTAssertThrowsError(try entry.write(&settings, "nonsense-\(entry.name)")) { error in
                XCTAssertEqual((error as? SettingError)?.message.hasPrefix(entry.name), true, "\(error)")
            }
            XCTAssertEqual(entry.read(settings), before, "a refused value changes nothing")
            XCTAssertEqual(entry.flags.first, "--" + entry.name)
        }
    }

    func testTypedValuesAndDefaults() throws {
        var settings = try settings()
        XCTAssertEqual(settings.format, .table)
        XCTAssertEqual(settings.color, .auto)
        XCTAssertEqual(settings.limit, 50)
        XCTAssertNil(settings.width)
        XCTAssertEqual(settings.timeoutMilliseconds, 30_000)
        try settings.set("format", to: "MD")
        XCTAssertEqual(settings.format, .markdown, "md is Markdown, any case")
        try settings.set("colour", to: "never")
        XCTAssertEqual(settings.color, ColorPolicy.never, "colour is color")
        try settings.set("limit", to: "off")
        XCTAssertNil(settings.limit)
        try settings.set("width", to: "120")
        XCTAssertEqual(settings.width, 120)
        try settings.set("timeout", to: "2min")
        XCTAssertEqual(settings.value(of: "timeout"), "2min")
        try settings.set("period", to: "last 3")
        XCTAssertEqual(settings.period.description, "2026-08..2026-10", "a relative period counts from the as-of date")
        try settings.set("as-of", to: "2026-03-15")
        try settings.set("period", to: "default")
        XCTAssertEqual(settings.period.description, "2025-04..2026-03")
        XCTAssertThrowsError(try settings.set("forma", to: "csv")) {
            XCTAssertEqual(
                ($0 as? SettingError)?.message,
                "unknown setting \"forma\"; did you mean \"format\"? (settings: format, as-of, period, limit, pager, color, ascii, width, timeout)")
        }
        XCTAssertThrowsError(try settings.set("width", to: "19")) {
            XCTAssertEqual(($0 as? SettingError)?.message, "width takes a number of columns from 20 to 1000, or auto, not \"19\"")
        }
    }

    func testTheTableDrivesTheFlagsCompletionAndHelp() throws {
        // Every setting is a flag of the program, checked by the table when the command line is read.
        let options = try ProgramOptions.parse(["--pager", "off", "--colour=always", "--timeout", "5s", "--limit", "none"])
        XCTAssertEqual(options.settings.map(\.name), ["pager", "color", "timeout", "limit"])
        XCTAssertEqual(options[setting: "color"], "always")
        XCTAssertThrowsError(try ProgramOptions.parse(["--timeout", "soon"])) {
            XCTAssertEqual(($0 as? UsageError)?.message, "--timeout takes a duration (500ms, 30s, 2min, 1h) or off, not \"soon\"")
        }
        XCTAssertTrue(ProgramFlags.allNames.contains("--ascii"))
        XCTAssertTrue(ProgramFlags.allNames.contains("--colour"))
        // Completion offers the table's names and values.
        let provider = ShellCompletionProvider(shell: try TestShell.make())
        XCTAssertEqual(provider.settingNames(), SettingsTable.all.map(\.name))
        XCTAssertEqual(provider.settingValues(for: "format"), ["table", "csv", "json", "markdown"])
        XCTAssertEqual(provider.settingValues(for: "COLOUR"), ["auto", "always", "never"])
        // help set and cos --help list every setting with what it takes and its default.
        let help = try XCTUnwrap(CommandTable.command(named: "set")).spec.helpText
        for entry in SettingsTable.all {
            XCTAssertTrue(help.contains("  \(entry.name) "), entry.name)
            XCTAssertTrue(help.contains(entry.takes + "; default " + entry.defaultText), entry.name)
            XCTAssertTrue(ProgramOptions.usage.contains(entry.summary), entry.name)
        }
    }

    func testTheCommandLineAppliesTheAsOfDateBeforeARelativePeriod() throws {
        var options = try ProgramOptions.parse(["--period", "last 2", "--as-of", "2026-06-30", "--format", "json"])
        XCTAssertEqual(options.settings.map(\.name), ["period", "as-of", "format"])
        options.noRC = true
        let shell = try TestShell.make(options)
        XCTAssertEqual(shell.settings.period.description, "2026-05..2026-06")
        XCTAssertEqual(shell.settings.format, .json)
        XCTAssertEqual(shell.startSettings, shell.settings, "save pins what the command line set")
    }
}

/// A shell on the sample data, its output kept in memory.
enum TestShell {
    static func make(_ options: ProgramOptions = ProgramOptions()) throws -> Shell {
        try Shell(
            source: try SampleStore.shared(), options: options, output: CapturedOutput(),
            today: try XCTUnwrap(CivilDateToday.fixed), environment: ["LANG": "C.UTF-8", "COLUMNS": "100"])
    }
}
