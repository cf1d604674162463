import Foundation
import XCTest

/// Non-interactive runs of the real `cos` executable: exit statuses, `FILE:LINE:COLUMN` of the failing
/// command, `--keep-going`, `--var`, `source` nesting, piped standard input, and `save` then re-run.
final class ScriptRunTests: XCTestCase {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `cos` built beside this test bundle.
    static var executable: URL {
        let bundle = Bundle(for: ScriptRunTests.self).bundleURL
        for directory in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = directory.appendingPathComponent("cos")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return SampleStore.root.appendingPathComponent(".build/debug/cos")
    }

    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cos-script-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func cos(_ arguments: [String], input: String? = nil, data: Bool = true) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = (data ? [SampleStore.sampleData] : []) + ["--width", "100"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = directory.appendingPathComponent("cache").path
        environment["HOME"] = directory.path
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "COS_DATA")
        process.environment = environment
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    func testASuccessfulScriptExitsZero() throws {
        let script = try write("ok.cos", "open id:ORG-0001\ncards\n")
        let run = try cos(["-f", script])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Total Invoicing"), run.stdout)
        XCTAssertEqual(run.stderr, "")
    }

    func testTheFirstFailingCommandStopsTheScriptWithFileLineAndColumn() throws {
        let script = try write("bad.cos", "# a comment\nopen id:ORG-0001\ncd categories/nowhere\npwd\n")
        let run = try cos(["-f", script])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "\(script):3:4: no category \"nowhere\" here\n")
        XCTAssertFalse(run.stdout.contains("/Åkesson & Söner AB\n"), "pwd after the failure must not run")
    }

    func testKeepGoingRunsToTheEndAndStillExitsOne() throws {
        let script = try write("bad.cos", "opne x\npwd\nset width 10\npwd\n")
        let run = try cos(["--keep-going", "-f", script])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(
            run.stderr,
            "\(script):1:1: unknown command \"opne\"; did you mean \"open\"?\n"
                + "\(script):3:11: width takes a number of columns from 20 to 1000, or auto, not \"10\"\n")
        XCTAssertEqual(run.stdout, "/\n/\n")
    }

    func testCommandsAndVariables() throws {
        let run = try cos(["--var", "org=id:ORG-0005", "-c", "open $org", "-c", "pwd"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasSuffix("/\"Sakura Network KK\"\n"), run.stdout)
        let undefined = try cos(["-c", "open $who"])
        XCTAssertEqual(undefined.status, 1)
        XCTAssertEqual(undefined.stderr, "-c:1:6: undefined variable $who; set it with --var who=VALUE or let who VALUE\n")
    }

    func testPipedStandardInputRunsLikeAScript() throws {
        let run = try cos([], input: "pwd\nperiod last 2\nbogus\npwd\n")
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "/\nperiod 2026-09..2026-10\n")
        XCTAssertTrue(run.stderr.hasPrefix("<stdin>:3:1: unknown command \"bogus\""), run.stderr)
    }

    func testSourceNestsAndReportsTheInnerLine() throws {
        let inner = try write("inner.cos", "pwd\n\ncd nowhere\n")
        let outer = try write("outer.cos", "open id:ORG-0001\nsource \(inner)\npwd\n")
        let run = try cos(["-f", outer])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(
            run.stderr,
            "\(inner):3:4: \"nowhere\" is not a part of /\"Åkesson & Söner AB\"; use categories, products, types, profiles, objects, contracts, invoices or organizations\n")
        let looping = try write("loop.cos", "source \(directory.path)/loop.cos\n")
        let deep = try cos(["-f", looping])
        XCTAssertEqual(deep.status, 1)
        XCTAssertTrue(deep.stderr.contains("scripts nest at most 16 deep"), deep.stderr)
    }

    func testBadUsageAndUnreadableDataExitTwo() throws {
        XCTAssertEqual(try cos(["--format", "yaml"]).status, 2)
        XCTAssertEqual(try cos(["--bogus"]).stderr, "cos: unknown option --bogus\ntry cos --help\n")
        let missing = try cos(["/nonexistent/data", "-c", "pwd"], data: false)
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "cos: /nonexistent/data: no such file or directory\n")
        let notScript = try cos(["-f", "/nonexistent/script.cos"])
        XCTAssertEqual(notScript.status, 2)
    }

    func testSaveThenRerunGivesTheSameAnswer() throws {
        let saved = directory.appendingPathComponent("saved.cos").path
        let first = try cos(["-c", "period 2026-05..2026-07; open id:ORG-0001; cd categories/Cloud; tickets --limit 3; save \(saved)"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let script = try String(contentsOfFile: saved, encoding: .utf8)
        XCTAssertTrue(script.contains("as-of 2026-10-31\nperiod 2025-11..2026-10\n"), script)
        // Moves are written as cd to the place's ids, the names beside them as a comment.
        XCTAssertTrue(
            script.contains(
                #"period 2026-05..2026-07\#ncd /id:ORG-0001  # /"Åkesson & Söner AB"\#n"#
                    + #"cd /id:ORG-0001/categories/id:cloud  # /"Åkesson & Söner AB"/categories/"Cloud Services"\#ntickets --limit=3\#n"#),
            script)
        // Next month, with another as-of date on the command line, the pinned script answers the same.
        let again = try cos(["--as-of", "2026-11-30", "-f", saved])
        XCTAssertEqual(again.status, 0, again.stderr)
        // The pinned as-of and period lines print what they set; the answer follows them.
        let pinned = "as-of 2026-10-31, period 2025-11..2026-10\nperiod 2025-11..2026-10\n"
        XCTAssertTrue(again.stdout.hasPrefix(pinned), again.stdout)
        let answer = first.stdout.components(separatedBy: "saved ").first ?? ""
        XCTAssertTrue(answer.contains("Charge tickets"), answer)
        XCTAssertEqual(String(again.stdout.dropFirst(pinned.count)), answer, "re-running the saved script changes the answer")
    }

    func testAShebangScriptRuns() throws {
        let script = try write("question.cos", "#!/usr/bin/env -S cos -f\npwd\n")
        let run = try cos(["-f", script])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "/\n")
    }
}
