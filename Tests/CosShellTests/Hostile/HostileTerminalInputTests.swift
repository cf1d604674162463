import CosLine
import CosRender
import CosStore
import Foundation
import XCTest

@testable import CosShell

/// Issue 12, point 3, through the shell: an organization named with the payload (clear the
/// screen, set the window title, ring the bell, C1 and DEL) in a copy of the sample data. Nothing the
/// shell writes (results, errors, the echo, the prompt, completion listings, the banner) carries a raw
/// control character; JSON escapes them; CSV keeps them.
final class HostileTerminalInputTests: HostileTestCase {
    static let payload = "\u{1B}[2J\u{1B}]0;PWNED\u{07} Evil\u{85} Corp\u{7F}"
    static let shown = "\\e[2J\\e]0;PWNED\\x07 Evil\\u{85} Corp\\x7f"

    /// A control character other than a line feed or a tab (C0, DEL, C1), if any.
    static func rawControl(_ text: String) -> String? {
        TerminalSafeText.firstRawControl(in: text, allowSGR: false, allowTab: true)
    }

    func evilExport() throws -> String {
        let export = try sampleCopy()
        try edit(export, "organizations.csv", replacing: "Müller GmbH", with: Self.payload)
        // A category too, for `ls` and `cd` listings, and a product for the tickets.
        try edit(export, "product_categories.csv", replacing: "Cloud Services", with: "Cloud\u{1B}[31m Services")
        return export
    }

    func testNoRawControlCharacterReachesTheTerminalFormats() throws {
        let export = try evilExport()
        let script = [
            "open id:ORG-0002", "pwd", "ls categories", "find Evil", "tickets --limit 3", "summary", "tree",
            "open \"\(Self.payload)\"", "cd categories/nowhere\u{1B}[2J", "history", "let x \u{1B}]0;T\u{07}", "open $x",
        ].joined(separator: "\n")
        for format in ["table", "markdown"] {
            let run = try cos(
                [export, "--format", format, "--echo", "--keep-going", "--color", "always"], input: Data(script.utf8))
            XCTAssertFalse(run.hung)
            let unstyled = run.stdout.replacingOccurrences(
                of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
            XCTAssertNil(Self.rawControl(unstyled), "\(format) stdout: \(run.stdout.debugDescription)")
            XCTAssertNil(Self.rawControl(run.stderr), "\(format) stderr: \(run.stderr.debugDescription)")
            XCTAssertTrue(run.stdout.contains(Self.shown), format)
            XCTAssertTrue(run.stderr.contains("nowhere\\e[2J"), run.stderr)
        }
    }

    func testJSONEscapesAndCSVKeepsTheBytes() throws {
        let export = try evilExport()
        let json = try cos([export, "--format", "json", "-c", "open id:ORG-0002", "-c", "pwd"])
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertNil(Self.rawControl(json.stdout))
        XCTAssertTrue(json.stdout.contains("\\u001b[2J\\u001b]0;PWNED\\u0007 Evil\\u0085 Corp\\u007f"), json.stdout)
        let csv = try cos([export, "--format", "csv", "--table", "organizations", "-c", "find Evil"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertTrue(csv.stdout.contains(Self.payload), csv.stdout.debugDescription)
    }

    func testAnImportReportShowsC1ControlsEscaped() throws {
        let export = try sampleCopy()
        try edit(export, "invoices.csv", replacing: ",final,SEK,", with: ",final\u{9B}2J,SEK,")
        let run = try cos(["import", export, "-o", directory + "/s.cos"])
        XCTAssertEqual(run.status, 2)
        XCTAssertNil(Self.rawControl(run.stderr), run.stderr.debugDescription)
        XCTAssertTrue(run.stderr.contains("value \"final\\u{9b}2J\": not a status"), run.stderr)
    }

    // MARK: In process: the prompt, completion listings, the banner and the interactive error

    func shell(_ export: String) throws -> (Shell, CapturedOutput) {
        let store = directory + "/evil.cos"
        _ = try Importer(directory: export, destination: store).run()
        let output = CapturedOutput()
        var options = ProgramOptions()
        options.color = "never"
        let shell = try Shell(
            source: try StoreFile.open(path: store), options: options, output: output,
            today: try XCTUnwrap(CivilDateToday.fixed), environment: ["LANG": "C.UTF-8"])
        return (shell, output)
    }

    func testThePromptCompletionBannerAndErrorsAreSafe() throws {
        let (shell, output) = try shell(try evilExport())
        XCTAssertEqual(shell.execute(line: "open id:ORG-0002"), .done)
        let prompt = shell.prompt(width: 1000)
        XCTAssertEqual(prompt, "cos:/\"" + Self.shown + "\"> ", "the path writer quotes the name; the sanitizer escapes it")
        // Completion: the listed candidates are escaped; the inserted text is the name itself.
        let provider = ShellCompletionProvider(shell: shell)
        let completion = Interactive.safeListing(provider.complete(line: "open Evil", cursor: 9))
        let displays = completion.candidates.map(\.display)
        XCTAssertFalse(displays.isEmpty)
        for display in displays { XCTAssertNil(Self.rawControl(display), display.debugDescription) }
        XCTAssertTrue(completion.candidates.contains { $0.insertion.contains(Self.payload) })
        let listing = completion.listing(width: 80, maxRows: 10).joined(separator: "\n")
        XCTAssertNil(Self.rawControl(listing))
        // Messages of every kind.
        shell.output.message(DataCheck.banner(shell, version: "test") + Self.payload)
        // A failing script line prints its message (it echoes the argument) through `message`.
        _ = shell.run(script: ScriptInput(name: "s\u{1B}", lines: ["cd \"\(Self.payload)\""]))
        XCTAssertNil(Self.rawControl(output.text), output.text.debugDescription)
        XCTAssertTrue(output.text.contains(Self.shown))
        let error = shell.errorText("no \(Self.payload)")
        XCTAssertNil(Self.rawControl(error))
    }
}
