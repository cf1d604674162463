import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// The hostile-input suite's workshop: a temporary directory per test, copies of the shipped sample
/// data edited into each case, and runs of the real `cos` executable that can never hang the test run
/// (a run past its deadline is killed and reported as a hang).
class HostileTestCase: XCTestCase {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
        /// The run was still going at its deadline and was killed.
        let hung: Bool
        let seconds: Double
    }

    /// The test's own temporary directory (removed afterwards).
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "cos-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        _ = try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts `cos ARGUMENTS` with its standard output on a pipe (and standard input on `input`, else
    /// nothing), for tests that talk to a running shell.
    func startCos(_ arguments: [String], input: Pipe? = nil) throws -> (process: Process, output: Pipe) {
        let process = Process()
        process.executableURL = ScriptRunTests.executable
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        if let input { process.standardInput = input } else { process.standardInput = FileHandle.nullDevice }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    /// What `pipe` gives until its first line break, waiting at most `seconds` (without waiting for
    /// the writer to close it).
    func firstLine(of pipe: Pipe, within seconds: Double = 20) -> String {
        let reader = pipe.fileHandleForReading
        _ = fcntl(reader.fileDescriptor, F_SETFL, fcntl(reader.fileDescriptor, F_GETFL) | O_NONBLOCK)
        var answer = ""
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, !answer.contains("\n") {
            var buffer = [UInt8](repeating: 0, count: 256)
            let n = read(reader.fileDescriptor, &buffer, 256)
            if n > 0 { answer += String(decoding: buffer[..<n], as: UTF8.self) } else { usleep(20_000) }
        }
        return answer
    }

    /// A copy of sample-data/ named `name` inside the test's directory.
    func sampleCopy(_ name: String = "export") throws -> String {
        let path = directory + "/" + name
        try FileManager.default.copyItem(atPath: SampleStore.sampleData, toPath: path)
        return path
    }

    /// Replaces the first occurrence of `old` in a file of an export (a test error when it is absent).
    func edit(_ export: String, _ file: String, replacing old: String, with new: String) throws {
        let path = export + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let range = text.range(of: old) else {
            XCTFail("\(file) has no \(old)")
            return
        }
        try Data(text.replacingCharacters(in: range, with: new).utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Line `number` (1 is the header) of a file of an export.
    func line(_ export: String, _ file: String, _ number: Int) throws -> String {
        let lines = try String(contentsOfFile: export + "/" + file, encoding: .utf8).components(separatedBy: "\n")
        return lines[number - 1]
    }

    func append(_ export: String, _ file: String, _ text: String) throws {
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: export + "/" + file))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    }

    /// The environment of every run: caches and home inside the test's directory.
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = directory + "/cache"
        environment["HOME"] = directory + "/home"
        environment["LANG"] = "C.UTF-8"
        environment["COLUMNS"] = "100"
        environment.removeValue(forKey: "COS_DATA")
        environment.removeValue(forKey: "NO_COLOR")
        return environment
    }

    /// Runs `cos ARGUMENTS` with `input` on standard input (nothing when nil, a closed pipe), output to
    /// files, killed at `deadline` seconds. `during` runs once the process started (to send a signal).
    func cos(
        _ arguments: [String], input: Data? = nil, stdout: String? = nil, deadline: Double = 60,
        extraEnvironment: [String: String] = [:], during: ((Process) -> Void)? = nil
    ) throws -> Run {
        let process = Process()
        process.executableURL = ScriptRunTests.executable
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        let outPath = stdout ?? directory + "/.stdout-\(UUID().uuidString)"
        let errPath = directory + "/.stderr-\(UUID().uuidString)"
        if stdout == nil { _ = FileManager.default.createFile(atPath: outPath, contents: nil) }
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try XCTUnwrap(FileHandle(forWritingAtPath: outPath))
        let err = try XCTUnwrap(FileHandle(forWritingAtPath: errPath))
        process.standardOutput = out
        process.standardError = err
        let inPipe = Pipe()
        process.standardInput = inPipe
        let started = Date()
        try process.run()
        if let input {
            let writer = inPipe.fileHandleForWriting
            DispatchQueue.global().async {
                writer.write(input)
                try? writer.close()
            }
        } else {
            try inPipe.fileHandleForWriting.close()
        }
        during?(process)
        var hung = false
        while process.isRunning {
            if Date().timeIntervalSince(started) > deadline {
                hung = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdoutText = stdout == nil ? (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" : ""
        let stderrText = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Run(
            status: process.terminationStatus, stdout: stdoutText, stderr: stderrText, hung: hung,
            seconds: Date().timeIntervalSince(started))
    }
}
