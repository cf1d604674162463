import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 12, points 4, 5 and 6 through the real executable: the cache of `cos DIR` in a directory
/// others can write, what `import -o` and `save` may replace, and write errors (a full device, a file
/// size limit, a closed pipe).
final class HostileTargetInputTests: HostileTestCase {
    // MARK: 4. A forged cache

    func testACacheDirectoryOthersCanWriteIsNotTrusted() throws {
        let cache = directory + "/shared"
        try FileManager.default.createDirectory(atPath: cache + "/cos", withIntermediateDirectories: true)
        XCTAssertEqual(chmod(cache + "/cos", 0o777), 0)
        let run = try cos([SampleStore.sampleData, "-c", "pwd"], extraEnvironment: ["XDG_CACHE_HOME": cache])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(
            run.stderr,
            "cos: warning: \(cache)/cos: others can write to the cache directory (mode 777): the cache is not used; "
                + "the data is imported for this run only\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache + "/cos"), [])
    }

    // MARK: 5. What import -o and save replace

    func testImportReplacesOnlyACosStoreOrANewPath() throws {
        let export = try sampleCopy()
        let notes = directory + "/notes.txt"
        try Data("notes\n".utf8).write(to: URL(fileURLWithPath: notes))
        let fifo = directory + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let link = directory + "/link.cos"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: notes)
        try FileManager.default.createDirectory(atPath: directory + "/adir", withIntermediateDirectories: true)
        let cases: [(String, [String], String)] = [
            ("/dev/null", [], "/dev/null: is a character device, not a file: a store is never written to a device"),
            ("/dev/null", ["--force"], "/dev/null: is a character device, not a file: a store is never written to a device"),
            (notes, [], "\(notes): the file exists and is not a cos store: nothing was written (--force replaces it)"),
            (fifo, [], "\(fifo): is a FIFO (named pipe), not a cos store: nothing was written (--force replaces it)"),
            (link, [], "\(link): is a symbolic link: nothing was written (--force replaces the link itself, never the file it points to)"),
            (directory + "/adir", ["--force"], "\(directory)/adir: is a directory: name a store file inside it (\(directory)/adir/NAME.cos)"),
            (directory + "/adir/", [], "\(directory)/adir/: names a directory (it ends with /): name a file, like \(directory)/adir/NAME.cos"),
            (export + "/invoices.csv", ["--force"], "\(export)/invoices.csv: is an input file of this import: nothing was written"),
            (directory + "/nodir/x.cos", [], "\(directory)/nodir/x.cos: the directory \(directory)/nodir does not exist"),
        ]
        for (target, flags, message) in cases {
            let run = try cos(["import", export, "-o", target] + flags, deadline: 30)
            XCTAssertFalse(run.hung, target)
            XCTAssertEqual(run.status, 2, target)
            XCTAssertEqual(run.stderr, "cos import: \(message)\n", target)
        }
        var info = stat()
        XCTAssertEqual(stat("/dev/null", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/null must stay a device")
        XCTAssertEqual(try String(contentsOfFile: notes, encoding: .utf8), "notes\n")
        XCTAssertEqual(lstat(fifo, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
        XCTAssertTrue(try String(contentsOfFile: export + "/invoices.csv", encoding: .utf8).hasPrefix("id,"))
        // A store is replaced; --force replaces the notes and the link itself (not its target).
        let store = directory + "/s.cos"
        XCTAssertEqual(try cos(["import", export, "-o", store]).status, 0)
        XCTAssertEqual(try cos(["import", export, "-o", store]).status, 0)
        XCTAssertEqual(try cos(["import", export, "-o", link, "--force"]).status, 0)
        XCTAssertEqual(lstat(link, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFREG)
        XCTAssertEqual(try String(contentsOfFile: notes, encoding: .utf8), "notes\n")
    }

    func testSaveWritesOnlyToARegularFileOrANewPath() throws {
        let fifo = directory + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let cases: [(String, String)] = [
            (directory, "\(directory): is a directory: name a file inside it (\(directory)/NAME)"),
            ("/dev/full", "/dev/full: is a character device, not a regular file: nothing was written"),
            ("/dev/null", "/dev/null: is a character device, not a regular file: nothing was written"),
            (fifo, "\(fifo): is a FIFO (named pipe), not a regular file: nothing was written"),
        ]
        for (target, message) in cases {
            let run = try cos([SampleStore.sampleData, "-c", "pwd", "-c", "save \(target)"], deadline: 30)
            XCTAssertFalse(run.hung, target)
            XCTAssertEqual(run.status, 1, target)
            XCTAssertEqual(run.stdout, "/\n", "it does not say it saved")
            XCTAssertEqual(run.stderr, "-c:2:6: \(message)\n", target)
        }
    }

    // MARK: 6. Write errors

    func testAFullDeviceIsOneMessageAndStatus1() throws {
        for arguments in [
            [SampleStore.sampleData, "-c", "open id:ORG-0001"], [SampleStore.sampleData, "--format", "csv", "-c", "open id:ORG-0001"],
            ["--help"], ["import", SampleStore.sampleData, "-o", directory + "/s.cos"],
        ] {
            let run = try cos(arguments, stdout: "/dev/full")
            XCTAssertEqual(run.status, 1, "\(arguments)")
            XCTAssertEqual(run.stderr, "cos: cannot write to standard output: No space left on device\n", "\(arguments)")
        }
        // Piped commands stop at the first result that cannot be written.
        let run = try cos([SampleStore.sampleData], input: Data(String(repeating: "pwd\n", count: 1000).utf8), stdout: "/dev/full")
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "cos: cannot write to standard output: No space left on device\n")
    }

    /// A file size limit (`ulimit -f`, SIGXFSZ ignored) makes a write fail half-way, as a full disk does:
    /// a CSV export cut short is status 1 with the reason, and `save` says it did not save.
    func testAWriteThatFailsHalfWayIsReported() throws {
        let out = directory + "/out.csv"
        let script = directory + "/q.cos"
        // A store made beforehand: the limit is for the output, not for a cache import.
        let store = directory + "/s.cos"
        XCTAssertEqual(try cos(["import", SampleStore.sampleData, "-o", store]).status, 0)
        let shell = "trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\""
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", shell + " > \(out)", ScriptRunTests.executable.path, store, "--format", "csv",
            "-c", "open id:ORG-0001", "-c", "tickets --all --limit none"]
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertEqual(stderr, "cos: cannot write to standard output: File too large\n")

        let saving = Process()
        saving.executableURL = URL(fileURLWithPath: "/bin/bash")
        let commands = (0..<3000).map { _ in "-c 'let x 1'" }.joined(separator: " ")
        saving.arguments = ["-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" \(store) \(commands) -c 'save \(script)'",
            ScriptRunTests.executable.path]
        saving.environment = environment
        let savingErr = Pipe()
        saving.standardError = savingErr
        saving.standardOutput = FileHandle.nullDevice
        try saving.run()
        let savingText = String(decoding: savingErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        saving.waitUntilExit()
        XCTAssertEqual(saving.terminationStatus, 1)
        XCTAssertEqual(savingText, "-c:3001:6: cannot write \(script): File too large; nothing was written\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: script))
    }

    /// A reader that closes the pipe early is not an error: no message (with SIGPIPE ignored, as a
    /// parent may leave it, the shell stops reading commands instead of running for ever).
    func testAClosedPipeStaysQuiet() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "trap '' PIPE; yes pwd | \"$0\" \(SampleStore.sampleData) | head -3; echo \"${PIPESTATUS[1]}\" >&2",
            ScriptRunTests.executable.path]
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(stdout, "/\n/\n/\n")
        XCTAssertTrue(stderr.hasSuffix("0\n"), stderr)
        XCTAssertFalse(stderr.contains("cos:"), stderr)
    }
}
