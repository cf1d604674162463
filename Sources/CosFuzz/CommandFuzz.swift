import CosCommand
import CosModel
import CosShell
import CosRender
import Foundation

/// The command language: lexer, parser and every command, over the sample data. An input is up to
/// eight lines, run in order in a fresh shell (commands that take a file are parsed, not run). Every
/// failing line must say why; nothing the shell writes to a terminal format may carry a raw control
/// character; JSON output is one object per line; and the shell still answers `pwd` afterwards.
enum CommandFuzz {
    static let today = CivilDate(year: 2026, month: 11, day: 24) ?? CivilDate(daysSinceEpoch: 0)

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(8).map(String.init)
        // The lexer and parser alone, on every line, with a variable defined.
        for line in lines {
            _ = try? CommandLexer.lex(line, variables: ["x": "id:ORG-0001", "y": "\u{1B}[2J"])
        }
        let driver: ShellDriver
        do { driver = try ShellDriver(source: FuzzStore.shared, today: today) } catch { FuzzCheck.fail("no shell: \(error)") }
        var sawCSV = false
        for line in lines {
            let outcome = driver.run(line)
            if driver.format == "csv" { sawCSV = true }
            switch outcome {
            case .done, .interrupted, .notRun: continue
            case .quit: break
            case .failed(let message):
                if message.isEmpty { FuzzCheck.fail("a failed line without a message: \(line.debugDescription)") }
                continue
            }
            break
        }
        let output = driver.output
        if !sawCSV, let raw = TerminalSafeText.firstRawControl(in: output, allowSGR: false, allowTab: true) {
            FuzzCheck.fail("the shell wrote \(raw) for \(lines)")
        }
        if driver.run("cd /; pwd") != .done { FuzzCheck.fail("the shell no longer answers after \(lines)") }
    }
}
