import Foundation
import XCTest

@testable import CosShell

/// The manual page, `cos --help` and the completion scripts are made from the command, settings and
/// option tables; these tests fail when one of them leaves out something `help` says.
final class ManualPageTests: XCTestCase {
    /// The man page as plain words: fonts dropped, roff escapes undone, lines and spaces folded.
    static let page: String = {
        var text = ManualPage.roff()
        for (roff, plain) in [("\\fB", ""), ("\\fI", ""), ("\\fR", ""), ("\\-", "-"), ("\\e", "\\"), ("\\&", ""), ("\\(dq", "\"")] {
            text = text.replacingOccurrences(of: roff, with: plain)
        }
        return fold(text.split(separator: "\n").filter { !$0.hasPrefix(".") || $0.hasPrefix(".SS") }
            .map { $0.hasPrefix(".SS ") ? String($0.dropFirst(4)) : String($0) }.joined(separator: " "))
    }()

    static func fold(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    func assertInPage(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(Self.page.contains(Self.fold(text)), "the man page lacks \(what): \(text)", file: file, line: line)
    }

    func testEveryCommandIsInTheManualAsHelpExplainsIt() {
        for command in CommandTable.commands {
            let spec = command.spec
            assertInPage(spec.usage, "the usage of \(spec.name)")
            // Every line of `help COMMAND`'s text, in order within its paragraph.
            for paragraph in (spec.description.isEmpty ? spec.summary : spec.description).components(separatedBy: "\n") {
                assertInPage(paragraph, "the description of \(spec.name)")
            }
            for flag in spec.flags where !flag.summary.isEmpty { assertInPage(flag.summary, "--\(flag.name) of \(spec.name)") }
            for example in spec.examples { assertInPage(example, "an example of \(spec.name)") }
        }
    }

    func testEverySettingAndOptionIsInTheManualAndInHelp() {
        for entry in SettingsTable.all {
            assertInPage("\(entry.name) \(entry.aliases.isEmpty ? "" : "(also \(entry.aliases.joined(separator: ", "))) ")\(entry.takes); default \(entry.defaultText). \(entry.summary).", "the setting \(entry.name)")
            assertInPage(entry.flags.joined(separator: ", ") + " " + entry.placeholder + " " + entry.summary, "the flag of \(entry.name)")
        }
        for flag in ProgramFlags.table + ProgramFlags.importTable {
            assertInPage(flag.names.joined(separator: ", ") + (flag.value.map { " " + $0 } ?? "") + " " + flag.summary, flag.name)
        }
        for flag in ProgramFlags.table {
            XCTAssertTrue(ProgramOptions.usage.contains(flag.summary), "cos --help lacks \(flag.name)")
            for name in flag.names { XCTAssertTrue(ProgramOptions.usage.contains(name), "cos --help lacks \(name)") }
        }
        XCTAssertTrue(ManualPage.roff().hasPrefix(#".\""#))
        XCTAssertTrue(ManualPage.roff().contains(".TH COS 1 \"\" \"cos \(CosProgram.version)\""))
    }

    func testRoffEscapes() {
        XCTAssertEqual(ManualPage.escape(#"a\b"#), #"a\eb"#)
        XCTAssertEqual(ManualPage.escape(".hidden"), #"\&.hidden"#, "a leading dot would be a request")
        XCTAssertEqual(ManualPage.escape("'quote"), #"\&'quote"#)
        XCTAssertEqual(ManualPage.bold("--as-of"), #"\fB\-\-as\-of\fR"#)
        XCTAssertEqual(ManualPage.text("One\ntwo.\n  a  table\n  kept\nThree."), [
            ".PP", "One two.", ".nf", "  a  table", "  kept", ".fi", ".PP", "Three.",
        ])
    }

    func testTheCompletionScriptsOfferWhatTheCommandLineTakes() throws {
        let bash = CompletionScripts.script(for: "bash")
        let zsh = CompletionScripts.script(for: "zsh")
        for name in ProgramFlags.allNames + ProgramFlags.importTable.flatMap(\.names) {
            XCTAssertTrue(bash.contains(" " + name + " ") || bash.contains("'" + name + " ") || bash.contains(" " + name + "'")
                || bash.contains(name + ")") || bash.contains(name + "|"), "bash lacks \(name)")
            XCTAssertTrue(zsh.contains(name), "zsh lacks \(name)")
        }
        XCTAssertTrue(zsh.hasPrefix("#compdef cos\n"))
        XCTAssertEqual(CompletionScripts.zshEscaped("a [b]: it's"), #"a \[b\]\: it'\''s"#)
        XCTAssertThrowsError(try ProgramOptions.parse(["--completion", "fish"])) {
            XCTAssertEqual(($0 as? UsageError)?.message, "--completion takes bash or zsh, not \"fish\"")
        }
        XCTAssertEqual(try ProgramOptions.parse(["--completion", "zsh"]).mode, .completion("zsh"))
        XCTAssertEqual(try ProgramOptions.parse(["--man-page"]).mode, .manual)
    }

    /// bash itself completes with the script: flags, their values, subcommands and import's flags.
    func testBashCompletesWithTheScript() throws {
        let bash = URL(fileURLWithPath: "/bin/bash")
        guard FileManager.default.isExecutableFile(atPath: bash.path) else { throw XCTSkip("no /bin/bash") }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("cos-completion-\(UUID().uuidString).bash")
        try CompletionScripts.script(for: "bash").write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let emptyDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("cos-completion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: emptyDirectory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: emptyDirectory) }
        func complete(_ words: [String]) throws -> [String] {
            let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
            let process = Process()
            process.executableURL = bash
            process.arguments = [
                "-c", "source '\(script.path)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _cos; printf '%s\\n' \"${COMPREPLY[@]}\"",
            ]
            // An empty directory: file names complete too, and /tmp may hold an `imp...` of someone's.
            process.currentDirectoryURL = emptyDirectory
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        XCTAssertEqual(try complete(["cos", "--for"]), ["--format"])
        XCTAssertEqual(try complete(["cos", "--format", "j"]), ["json"])
        XCTAssertEqual(try complete(["cos", "--colour", ""]), ["auto", "always", "never"])
        XCTAssertEqual(try complete(["cos", "--completion", ""]), ["bash", "zsh"])
        XCTAssertEqual(try complete(["cos", "imp"]), ["import"])
        XCTAssertEqual(try complete(["cos", "import", "dir", "--fr"]), ["--from-schema"])
        XCTAssertEqual(try complete(["cos", "--keep"]), ["--keep-going"])
    }
}
