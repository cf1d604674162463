import XCTest

@testable import CosShell

/// Every mistyped or hostile line gets a message and the shell goes on: 2,000 lines made of command
/// words, flags, quotes, escapes, variables, paths and odd characters, from a fixed seed, run through one
/// shell in process. A crash or a hang fails the test run; each line must end as done or failed with a
/// message, and the shell must still answer afterwards.
final class HostileLineTests: XCTestCase {
    /// SplitMix64: a fixed, dependency-free stream, so a failure can be reproduced.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    func testTheShellSurvivesEveryLine() throws {
        let words = [
            "open", "cd", "ls", "find", "tickets", "--all", "--limit", "\"", "'", "\\", "$x", "${", "${y}", "id:", "..",
            "/", "-", ";", "#", "set", "period", "as-of", "summary", "tree", "back", "show", "cards", "trend", "help",
            "let", "x", "Å", "🙂", "\t", "--", "=", "--limit=", "2026-01..", "last", "0", "-1", "99999999999999999999",
            "categories", "types", "objects", "contracts", "invoices", "\"(no profile)\"", "%", "_", "*", "pwd",
            "id:ORG-0001", "\u{0}", "format", "json", "width", "history",
        ]
        var options = ProgramOptions()
        options.color = "never"
        let output = CapturedOutput()
        let shell = try Shell(
            source: try SampleStore.shared(), options: options, output: output,
            today: try XCTUnwrap(CivilDateToday.fixed), environment: ["LANG": "C.UTF-8"])
        var random = Random(state: 42)
        var failures = 0
        for _ in 0..<2_000 {
            let line = (0..<random.next(9)).map { _ in words[random.next(words.count)] }.joined(separator: " ")
            switch shell.execute(line: line) {
            case .done, .quit: continue
            case .interrupted: XCTFail("nothing interrupts these lines: \(line)")
            case .failed(let error):
                failures += 1
                XCTAssertFalse(error.message.isEmpty, "a failure without a message for: \(line)")
            }
        }
        XCTAssertGreaterThan(failures, 500, "most random lines are mistakes and must be reported as such")
        XCTAssertEqual(shell.execute(line: "cd /; pwd"), .done, "the shell still answers after the hostile lines")
    }
}
