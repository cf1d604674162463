import Foundation
@testable import CosShell
import XCTest

/// The export fingerprint end to end with the real executable: `set`, `save`'s `expect-data` line, a
/// replay on other data (a warning; under `--strict` a failure with exit status 1), and the first line
/// of Markdown output.
extension ScriptRunTests {
    /// The fingerprint as `set fingerprint` prints it on the sample data.
    func sampleFingerprint() throws -> String {
        let run = try cos(["-c", "set fingerprint"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let value = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "fingerprint ", with: "")
        XCTAssertEqual(value.count, 64, run.stdout)
        return value
    }

    /// A copy of the sample data with one more organization: other data, another fingerprint.
    func otherData() throws -> String {
        let copy = directory.appendingPathComponent("other-data").path
        try FileManager.default.copyItem(atPath: SampleStore.sampleData, toPath: copy)
        let organizations = copy + "/organizations.csv"
        let text = try String(contentsOfFile: organizations, encoding: .utf8) + "ORG-NEW,99999,Newcomer AB,\n"
        try text.write(toFile: organizations, atomically: true, encoding: .utf8)
        return copy
    }

    func testSaveWritesExpectDataAndAReplayOnOtherDataWarnsOrFailsUnderStrict() throws {
        let fingerprint = try sampleFingerprint()
        let saved = directory.appendingPathComponent("saved.cos").path
        let first = try cos(["-c", "open id:ORG-0001; cards; save \(saved)"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let script = try String(contentsOfFile: saved, encoding: .utf8)
        let lines = script.components(separatedBy: "\n")
        let line = try XCTUnwrap(lines.firstIndex(of: "expect-data \(fingerprint)"), script) + 1
        XCTAssertLessThan(line, try XCTUnwrap(lines.firstIndex(of: #"cd /id:ORG-0001  # /"Åkesson & Söner AB""#)) + 1, "expect-data comes before the commands")

        // The same data: silent, even under --strict.
        let same = try cos(["--strict", "-f", saved])
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(same.stderr, "")

        // Other data: a warning naming the script line; the answer still comes.
        let other = try otherData()
        let warned = try cos([other, "-f", saved], data: false)
        XCTAssertEqual(warned.status, 0, warned.stderr)
        XCTAssertTrue(
            warned.stderr.hasPrefix("\(saved):\(line): warning: the data differs from the data this was saved from: expected fingerprint \(fingerprint), "),
            warned.stderr)
        XCTAssertTrue(warned.stdout.contains("Total Invoicing"), warned.stdout)

        // Under --strict the script stops there with exit status 1.
        let strict = try cos([other, "--strict", "-f", saved], data: false)
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.hasPrefix("\(saved):\(line):13: the data differs"), strict.stderr)
        XCTAssertFalse(strict.stdout.contains("Total Invoicing"), strict.stdout)
    }

    func testExpectDataTakesAPrefixAndRefusesWhatIsNoFingerprint() throws {
        let fingerprint = try sampleFingerprint()
        XCTAssertEqual(try cos(["--strict", "-c", "expect-data \(fingerprint.prefix(8).uppercased())"]).status, 0)
        let short = try cos(["-c", "expect-data abc"])
        XCTAssertEqual(short.status, 1)
        XCTAssertTrue(short.stderr.contains("expect-data takes a data fingerprint"), short.stderr)
        let wrong = try cos(["--strict", "-c", "expect-data 00000000"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.contains("expected fingerprint 00000000, Nordvik"), wrong.stderr)
    }

    func testMarkdownStartsWithTheDataLine() throws {
        let fingerprint = try sampleFingerprint()
        let run = try cos(["--format", "markdown", "-c", "open id:ORG-0001"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let first = run.stdout.components(separatedBy: "\n").first ?? ""
        XCTAssertEqual(
            first,
            "Data: Nordvik IT & Telecom billing export (small) · fingerprint `\(fingerprint)` · as of 2026-10-31 · period 2025-11..2026-10")
    }
}

/// The interactive banner names the data and the first 12 digits of its fingerprint.
final class BannerTests: XCTestCase {
    func testTheBannerNamesTheDataAndItsFingerprint() throws {
        let db = try SampleStore.shared()
        let fingerprint = try XCTUnwrap(try db.metadata()["fingerprint"])
        let shell = try Shell(
            source: db, options: ProgramOptions(), output: CapturedOutput(), today: try XCTUnwrap(CivilDateToday.fixed),
            environment: [:])
        let banner = DataCheck.banner(shell, version: "9.9")
        XCTAssertTrue(
            banner.hasPrefix(
                "cos 9.9 · Nordvik IT & Telecom billing export (small) · data \(fingerprint.prefix(12)) · as of 2026-10-31 · period 2025-11..2026-10\n"),
            banner)
    }
}
