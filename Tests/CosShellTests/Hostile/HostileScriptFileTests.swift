import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// `-f FILE` and `source FILE` read a script line by line as it runs, like piped standard input: a
/// pipe works (`cos -f <(make-script)`), each line runs as it arrives, a bad line is an error on its
/// own line, and a directory or a device is refused by name (a device such as `/dev/zero` would never
/// end). Before, the file was read whole first: a pipe was "not readable", and one bad byte anywhere
/// refused the whole script without a line.
final class HostileScriptFileTests: HostileTestCase {
    /// A script from a FIFO: the first line is answered while the writer still holds the pipe open.
    func testAScriptFromAPipeRunsLineByLine() throws {
        let fifo = directory + "/script.fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let (process, output) = try startCos([SampleStore.sampleData, "-f", fifo])
        // Opening for writing waits until cos opened it for reading.
        let writer = try XCTUnwrap(FileHandle(forWritingAtPath: fifo))
        writer.write(Data("pwd\n".utf8))
        let answer = firstLine(of: output)
        XCTAssertEqual(answer, "/\n", "the first line was not answered before the script ended")
        XCTAssertTrue(process.isRunning)
        writer.write(Data("open id:ORG-0001\npwd\n".utf8))
        try writer.close()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }

    /// A line that is not UTF-8 is an error on its line; the lines before it ran, and with
    /// `--keep-going` the lines after it run too. A byte-order mark and CRLF line ends are read as text.
    func testABadLineOfAScriptFileIsAnErrorOnItsLine() throws {
        let script = directory + "/bad.cos"
        var text = Data([0xEF, 0xBB, 0xBF] + Array("pwd\r\nperiod last 2\n".utf8))
        text.append(contentsOf: [0xFF, 0xFE, 0x20] + Array("pwd\npwd\n".utf8))
        try text.write(to: URL(fileURLWithPath: script))
        let stops = try cos([SampleStore.sampleData, "-f", script])
        XCTAssertEqual(stops.status, 1)
        XCTAssertEqual(stops.stdout, "/\nperiod 2026-09..2026-10\n")
        XCTAssertEqual(stops.stderr, "\(script):3: the line is not UTF-8 text (byte 1 is not UTF-8); it was not run\n")
        let goesOn = try cos([SampleStore.sampleData, "--keep-going", "-f", script])
        XCTAssertEqual(goesOn.stdout, "/\nperiod 2026-09..2026-10\n/\n")
        let sourced = try cos([SampleStore.sampleData, "-c", "source \(script)"])
        XCTAssertEqual(sourced.status, 1)
        XCTAssertEqual(sourced.stdout, "/\nperiod 2026-09..2026-10\n")
        XCTAssertTrue(sourced.stderr.hasPrefix("\(script):3: the line is not UTF-8 text"), sourced.stderr)
    }

    /// A directory, a device and a missing file are refused with their names: exit status 2 for
    /// `-f`, a failed command (with the column of the file) for `source`.
    func testDirectoriesDevicesAndMissingFilesAreRefusedByName() throws {
        let zero = try cos([SampleStore.sampleData, "-f", "/dev/zero"], deadline: 20)
        XCTAssertFalse(zero.hung)
        XCTAssertEqual(zero.status, 2)
        XCTAssertEqual(zero.stderr, "cos: /dev/zero is a device, not a script\n")
        let folder = try cos([SampleStore.sampleData, "-f", directory])
        XCTAssertEqual(folder.status, 2)
        XCTAssertEqual(folder.stderr, "cos: \(directory) is a directory, not a script\n")
        let missing = try cos([SampleStore.sampleData, "-f", directory + "/nothing.cos"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "cos: cannot read \(directory)/nothing.cos: no such file\n")
        let sourced = try cos([SampleStore.sampleData, "-c", "source /dev/zero"], deadline: 20)
        XCTAssertFalse(sourced.hung)
        XCTAssertEqual(sourced.status, 1)
        XCTAssertEqual(sourced.stderr, "-c:1:8: /dev/zero is a device, not a script\n")
    }
}
