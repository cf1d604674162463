import Foundation
import XCTest
@testable import CosRender

final class TerminalTests: XCTestCase {
    func testUTF8FromTheLocale() {
        XCTAssertTrue(TerminalInfo.isUTF8(environment: ["LANG": "en_US.UTF-8"]))
        XCTAssertTrue(TerminalInfo.isUTF8(environment: ["LC_CTYPE": "sv_SE.utf8", "LANG": "C"]))
        XCTAssertFalse(TerminalInfo.isUTF8(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]), "LC_ALL wins")
        XCTAssertTrue(TerminalInfo.isUTF8(environment: ["LC_ALL": "", "LANG": "en_US.UTF-8"]), "empty is unset")
        XCTAssertFalse(TerminalInfo.isUTF8(environment: [:]), "the C locale is ASCII")
        XCTAssertFalse(TerminalInfo.isUTF8(environment: ["LANG": "en_US.ISO-8859-1"]))
    }

    func testWidth() {
        XCTAssertEqual(TerminalInfo.width(windowColumns: 132, environment: ["COLUMNS": "90"]), 132)
        XCTAssertEqual(TerminalInfo.width(windowColumns: nil, environment: ["COLUMNS": "90"]), 90)
        XCTAssertEqual(TerminalInfo.width(windowColumns: nil, environment: ["COLUMNS": "wide"]), 80)
        XCTAssertEqual(TerminalInfo.width(windowColumns: nil, environment: ["COLUMNS": "-5"]), 80)
        XCTAssertEqual(TerminalInfo.width(windowColumns: nil, environment: [:]), 80)
    }

    func testColourPolicy() {
        XCTAssertTrue(TerminalInfo.useColor(policy: .auto, isTerminal: true, environment: [:]))
        XCTAssertFalse(TerminalInfo.useColor(policy: .auto, isTerminal: false, environment: [:]))
        XCTAssertFalse(TerminalInfo.useColor(policy: .auto, isTerminal: true, environment: ["NO_COLOR": "1"]))
        XCTAssertTrue(TerminalInfo.useColor(policy: .auto, isTerminal: true, environment: ["NO_COLOR": ""]))
        XCTAssertTrue(TerminalInfo.useColor(policy: .always, isTerminal: false, environment: ["NO_COLOR": "1"]))
        XCTAssertFalse(TerminalInfo.useColor(policy: .never, isTerminal: true, environment: [:]))
    }

    func testDetectWhenNotATerminal() throws {
        let pipe = Pipe()
        let info = TerminalInfo.detect(descriptor: pipe.fileHandleForWriting.fileDescriptor, environment: ["COLUMNS": "99"])
        XCTAssertFalse(info.isTerminal)
        XCTAssertEqual(info.width, 99)
        XCTAssertNil(info.height)
    }

    func testPagerDecision() {
        let terminal = TerminalInfo(isTerminal: true, width: 80, height: 5, unicode: true)
        let tall = String(repeating: "line\n", count: 5)
        let short = String(repeating: "line\n", count: 4)
        XCTAssertTrue(Pager.shouldPage(tall, terminal: terminal, enabled: true))
        XCTAssertFalse(Pager.shouldPage(short, terminal: terminal, enabled: true))
        XCTAssertFalse(Pager.shouldPage(tall, terminal: terminal, enabled: false), "set pager off")
        var piped = terminal
        piped.isTerminal = false
        XCTAssertFalse(Pager.shouldPage(tall, terminal: piped, enabled: true), "never when not a terminal")
        XCTAssertEqual(Pager.command(environment: [:]), "less -FRSX")
        XCTAssertEqual(Pager.command(environment: ["PAGER": "  "]), "less -FRSX")
        XCTAssertEqual(Pager.command(environment: ["PAGER": "more"]), "more")
    }

    func testPagerReceivesTheTextAndFailureIsReported() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cos-pager-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = String(repeating: "Åkesson 東京 1,234.50\n", count: 2000)
        XCTAssertTrue(Pager.page(text, command: "cat > '\(file.path)'"))
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), text)
        XCTAssertFalse(Pager.page("x\n", command: "cos-no-such-pager-\(getpid()) 2>/dev/null"))
        // A pager that quits without reading must not kill the process with SIGPIPE.
        XCTAssertTrue(Pager.page(String(repeating: "y\n", count: 200_000), command: "true"))
    }
}

final class OptionsTests: XCTestCase {
    func testOptionsForOutput() {
        let terminal = TerminalInfo(isTerminal: true, width: 100, height: 40, unicode: true)
        let options = RenderOptions.forOutput(terminal, format: .table, colorPolicy: .auto, environment: [:])
        XCTAssertEqual(options, RenderOptions(format: .table, width: 100, height: 40, unicode: true, color: true))
        let piped = TerminalInfo(isTerminal: false, width: 80, height: nil, unicode: false)
        let always = RenderOptions.forOutput(piped, format: .table, colorPolicy: .always, environment: ["NO_COLOR": "1"])
        XCTAssertTrue(always.color)
        XCTAssertFalse(always.unicode)
        let json = RenderOptions.forOutput(terminal, format: .json, colorPolicy: .always, environment: [:], command: "show")
        XCTAssertFalse(json.color, "machine formats carry no escapes")
        XCTAssertEqual(json.command, "show")
        let narrow = RenderOptions.forOutput(terminal, format: .table, colorPolicy: .never, environment: [:], width: 50, ascii: true)
        XCTAssertEqual(narrow.width, 50)
        XCTAssertFalse(narrow.unicode)
        XCTAssertFalse(narrow.color)
    }
}
