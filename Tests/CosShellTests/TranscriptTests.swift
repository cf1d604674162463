import CosPostgres
import CosStore
import Foundation
import XCTest

@testable import CosShell

/// Transcript tests, as psql's regression suite: each `Transcripts/NAME.cos` is run through the shell
/// on the shipped sample data with every command echoed, results and errors interleaved, and compared
/// with `Transcripts/NAME.out`. `COS_RECORD=1 swift test` writes the expected files anew; review the
/// diff before committing.
///
/// The run is fixed: the sample data's as-of date (2026-10-31), 100 columns, UTF-8, no colour,
/// `--keep-going` so every error stands under its command.
final class TranscriptTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts")

    func testEveryTranscript() throws {
        let scripts = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".cos") }.sorted()
        XCTAssertFalse(scripts.isEmpty, "no transcripts found in \(Self.directory.path)")
        let record = ProcessInfo.processInfo.environment["COS_RECORD"] == "1"
        var recorded: [String] = []
        for script in scripts {
            let name = String(script.dropLast(4))
            let actual = try Self.run(script: Self.directory.appendingPathComponent(script).path)
            let expectedURL = Self.directory.appendingPathComponent(name + ".out")
            let expected = try? String(contentsOf: expectedURL, encoding: .utf8)
            if record {
                if expected != actual {
                    try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
                    recorded.append(name)
                }
                continue
            }
            guard let expected else {
                XCTFail("\(name).out is missing: run COS_RECORD=1 swift test --filter TranscriptTests and review it")
                continue
            }
            if expected != actual {
                XCTFail("transcript \(name) differs from \(name).out:\n" + Self.firstDifference(expected, actual))
            }
        }
        if !recorded.isEmpty {
            XCTFail("recorded new expected output for \(recorded.joined(separator: ", ")): review the diff (git diff Tests/) and run again")
        }
    }

    /// Runs one script the way `cos --echo --keep-going -f SCRIPT sample-data` does, in process.
    static func run(script path: String) throws -> String {
        var options = ProgramOptions()
        options.echo = true
        options.keepGoing = true
        options.color = "never"
        options.width = 100
        let output = CapturedOutput()
        let source = try SampleStore.viewSource()
        let shell = try Shell(
            source: source, options: options, output: output,
            today: try XCTUnwrap(CivilDateToday.fixed), environment: ["LANG": "C.UTF-8", "COLUMNS": "100"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let name = URL(fileURLWithPath: path).lastPathComponent
        let outcome = shell.run(script: ScriptInput(name: name, text: text))
        var result = output.text
        if case .failed = outcome { result += "(exit status 1)\n" }
        // On a PostgreSQL source `set` also lists the source (which names the test server): the one line
        // that differs, left out of the comparison.
        if let postgres = source as? PostgresSource {
            result = result.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !($0.hasPrefix("source ") && $0.hasSuffix(postgres.displayName)) }.joined(separator: "\n")
        }
        return result
    }

    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(e.count, a.count) {
            let left = index < e.count ? String(e[index]) : "<end>"
            let right = index < a.count ? String(a[index]) : "<end>"
            if left != right { return "line \(index + 1):\n  expected: \(left)\n  actual:   \(right)" }
        }
        return "(no line differs: trailing whitespace?)"
    }
}
