import CosModel
import Foundation
import XCTest

@testable import CosShell

/// `COMMAND > FILE`, `>> FILE`, `last` and `copy`, on the sample data, in a temporary directory.
final class RedirectTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cos-redirect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func file(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    /// A shell whose results and messages are kept in memory; `--color always` so that a file
    /// without colour shows the redirection took it away.
    func shell(_ settings: [String: String] = ["color": "always"]) throws -> (Shell, CapturedOutput) {
        var options = ProgramOptions()
        for (name, value) in settings { options[setting: name] = value }
        let output = CapturedOutput()
        let shell = try Shell(
            source: try SampleStore.shared(), options: options, output: output,
            today: try XCTUnwrap(CivilDateToday.fixed), environment: ["LANG": "C.UTF-8", "COLUMNS": "100"])
        return (shell, output)
    }

    /// Runs lines; returns what reached the screen.
    @discardableResult
    func run(_ shell: Shell, _ output: CapturedOutput, _ lines: String...) -> String {
        let before = output.text
        _ = shell.run(script: ScriptInput(name: "t", lines: lines))
        return String(output.text.dropFirst(before.count))
    }

    func testTheFileGetsWhatTheScreenWouldInTheFormatItsNameAsks() throws {
        let (shell, output) = try shell()
        run(shell, output, "cd /id:ORG-0005")
        let screen = run(shell, output, "set format csv", "tickets --limit 3", "set format table")
        XCTAssertEqual(run(shell, output, "tickets --limit 3 > \(path("t.csv"))"), "", "nothing on the screen")
        XCTAssertEqual(try file("t.csv"), String(screen.drop { $0 != "#" }), "the same CSV as --format csv")
        // JSON: one line, the command without its redirection.
        run(shell, output, "pwd > \(path("p.json"))")
        XCTAssertEqual(try file("p.json"), "{\"command\":\"pwd\",\"message\":\"/\\\"Sakura Network KK\\\"\"}\n")
        // Markdown; any other name gets the format setting (a table), never colour.
        run(shell, output, "cards > \(path("c.MD"))", "cards > \(path("c.txt"))")
        let markdown = try file("c.MD")
        XCTAssertTrue(markdown.contains("| Card"), markdown)
        XCTAssertTrue(try file("c.txt").contains("Total Invoicing"))
        XCTAssertFalse(try file("c.txt").contains("\u{1B}["), "no colour in a file, even with --color always")
        XCTAssertTrue(run(shell, output, "cards").contains("\u{1B}["), "the screen keeps its colour")
    }

    func testAppendAndReplace() throws {
        let (shell, output) = try shell()
        run(shell, output, "pwd > \(path("log.txt"))", "open id:ORG-0005 > \(path("other.txt"))", "pwd >> \(path("log.txt"))")
        XCTAssertEqual(try file("log.txt"), "/\n/\"Sakura Network KK\"\n")
        run(shell, output, "pwd > \(path("log.txt"))")
        XCTAssertEqual(try file("log.txt"), "/\"Sakura Network KK\"\n", "> replaces the file")
        XCTAssertEqual(shell.stack.current.path, "/\"Sakura Network KK\"", "a redirected command still does what it does")
    }

    func testAFailedCommandLeavesTheFileAsItWas() throws {
        let (shell, output) = try shell()
        try "keep\n".write(toFile: path("keep.txt"), atomically: true, encoding: .utf8)
        let screen = run(shell, output, "cd /nowhere > \(path("keep.txt"))")
        XCTAssertTrue(screen.contains("no organization matches \"nowhere\""), screen)
        XCTAssertEqual(try file("keep.txt"), "keep\n")
        run(shell, output, "open nobody > \(path("new.txt"))")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("new.txt")), "no file for a command that failed")
    }

    /// The rule of every file cos writes (`WriteTarget`): a new path in an existing directory or a
    /// regular file (through a link to one); never a directory, a device or a FIFO.
    func testOnlyARegularFileOrANewPathIsWritten() throws {
        let (shell, output) = try shell()
        try "x\n".write(toFile: path("real.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: path("link.txt"), withDestinationPath: path("real.txt"))
        XCTAssertEqual(mkfifo(path("fifo"), 0o600), 0)
        let cases: [(String, String)] = [
            ("fifo", "\(path("fifo")): is a FIFO (named pipe), not a regular file: nothing was written"),
            ("", "\(directory.path)/: names a directory (it ends with /): name a file, like \(directory.path)/NAME"),
            ("no/such.txt", "\(path("no/such.txt")): the directory \(path("no")) does not exist"),
        ]
        for (name, message) in cases {
            let screen = run(shell, output, "pwd > \(directory.path)/\(name)")
            XCTAssertEqual(screen, "t:1:7: \(message)\n", name)
        }
        XCTAssertEqual(run(shell, output, "pwd > /dev/null"), "t:1:7: /dev/null: is a character device, not a regular file: nothing was written\n")
        XCTAssertEqual(run(shell, output, "pwd >> /dev/null"), "t:1:8: /dev/null: is a character device, not a regular file: nothing was written\n")
        // A link to a regular file writes that file, as save does.
        XCTAssertEqual(run(shell, output, "pwd >> \(path("link.txt"))"), "")
        XCTAssertEqual(try file("real.txt"), "x\n/\n")
        XCTAssertEqual(run(shell, output, "pwd > \(path("link.txt"))"), "")
        XCTAssertEqual(try file("real.txt"), "/\n")
        var status = stat()
        XCTAssertEqual(lstat(path("link.txt"), &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFLNK, "the link stays a link")
    }

    func testSaveKeepsTheRedirection() throws {
        let (shell, output) = try shell()
        run(shell, output, "period > \(path("p.txt"))", "save \(path("s.cos"))")
        let script = try file("s.cos")
        XCTAssertTrue(script.hasSuffix("period > \(path("p.txt"))\n"), script)
    }

    func testSaveWritesASourcedScriptsCommandsOnce() throws {
        let (shell, output) = try shell()
        try "period last 3\n".write(toFile: path("x.cos"), atomically: true, encoding: .utf8)
        run(shell, output, "source \(path("x.cos"))", "save \(path("s.cos"))")
        let script = try file("s.cos")
        XCTAssertTrue(script.hasSuffix("\nperiod last 3\n"), script)
        XCTAssertFalse(script.contains("source"), "the saved script stands alone and replays each command once")
    }

    func testLastShowsTheLastOutputAgainInFull() throws {
        let (shell, output) = try shell(["color": "never"])
        XCTAssertEqual(
            run(shell, output, "last"), "t:1:1: no output yet: last shows the output of the last command that showed something\n")
        let tickets = run(shell, output, "cd /id:ORG-0005", "tickets --limit 4")
        let shown = tickets.components(separatedBy: "Charge tickets").dropFirst().joined(separator: "Charge tickets")
        run(shell, output, "set format table")  // shows nothing: the last output stays the tickets
        XCTAssertEqual(run(shell, output, "last"), "Charge tickets" + shown)
        run(shell, output, "last > \(path("again.md"))")
        let again = try file("again.md")
        XCTAssertTrue(again.contains("## Charge tickets of Sakura Network KK"), again)
        XCTAssertEqual(run(shell, output, "pwd", "last"), "/\"Sakura Network KK\"\n/\"Sakura Network KK\"\n")
    }

    func testCopyNeedsATerminalAndSaysSo() throws {
        let (shell, output) = try shell()
        XCTAssertEqual(
            run(shell, output, "copy"),
            "t:1:1: nothing to copy yet: copy takes the output of the last command that showed something\n")
        run(shell, output, "pwd")
        XCTAssertEqual(
            run(shell, output, "copy"),
            "t:1:1: copy puts the output on the clipboard through the terminal (OSC 52), and the output here is not "
                + "a terminal; write it to a file instead: last > answer.md\n")
        XCTAssertEqual(
            run(shell, output, "copy > \(path("x.md"))"),
            "t:1:6: copy writes to the clipboard, not to a file (last > FILE writes the last output to one)\n")
        // OSC 52: ESC ] 52 ; c ; base64 BEL. "hé" is 68 C3 A9 in UTF-8, "aMOp" in base64.
        XCTAssertEqual(Clipboard.osc52("hé"), "\u{1B}]52;c;aMOp\u{07}")
        XCTAssertEqual(RedirectTarget.format(forExtensionOf: "a/b.c/answer.Markdown"), .markdown)
        XCTAssertNil(RedirectTarget.format(forExtensionOf: "dir.json/answer"))
        XCTAssertNil(RedirectTarget.format(forExtensionOf: ".json"), "a dot file has no extension")
    }
}
