import Foundation
import XCTest
@testable import CosLine

final class PlainLineReaderTests: XCTestCase {
    private func lines(_ reader: PlainLineReader) -> [LineEvent] {
        var events: [LineEvent] = []
        while true {
            let event = reader.readLine(prompt: "ignored> ")
            events.append(event)
            if event == .endOfFile || events.count > 30_000 { return events }
        }
    }

    func testLinesCRLFAndMissingFinalNewline() {
        let reader = PlainLineReader(text: "open Acme\r\ncards\n\nlast")
        XCTAssertEqual(lines(reader), [.line("open Acme"), .line("cards"), .line(""), .line("last"), .endOfFile])
        XCTAssertEqual(reader.lineNumber, 4)
    }

    func testEmptyInputAndOnlyANewline() {
        XCTAssertEqual(lines(PlainLineReader(text: "")), [.endOfFile])
        XCTAssertEqual(lines(PlainLineReader(text: "\n")), [.line(""), .endOfFile])
        XCTAssertEqual(lines(PlainLineReader(text: "\r\n")), [.line(""), .endOfFile])
    }

    func testByteOrderMarkAndBadUTF8() {
        XCTAssertEqual(lines(PlainLineReader(text: "\u{FEFF}pwd\nÅke\n")), [.line("pwd"), .line("Åke"), .endOfFile])
        let path = temporaryFile(bytes: [0x6F, 0xFF, 0x6B, 0x0A])
        XCTAssertEqual(try lines(PlainLineReader(path: path)), [.line("o\u{FFFD}k"), .endOfFile])
    }

    func testReadsAFileInChunksLargerThanItsBuffer() throws {
        // 20,000 lines of 10 bytes: 200 kB, several reads of 64 kB with lines cut across them.
        let text = (0..<20_000).map { String(format: "line %05d", $0) }.joined(separator: "\n") + "\n"
        let path = temporaryFile(bytes: Array(text.utf8))
        let events = lines(try PlainLineReader(path: path))
        XCTAssertEqual(events.count, 20_001)
        XCTAssertEqual(events[12_345], .line("line 12345"))
        XCTAssertEqual(events[19_999], .line("line 19999"))
    }

    func testReadsAPipe() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let bytes = Array("a\nb".utf8)
        _ = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        let reader = PlainLineReader(fileDescriptor: fds[0])
        XCTAssertEqual(lines(reader), [.line("a"), .line("b"), .endOfFile])
        close(fds[0])
    }

    func testMissingFile() {
        XCTAssertThrowsError(try PlainLineReader(path: "/nonexistent/x.cos")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/x.cos: No such file or directory")
        }
    }

    private func temporaryFile(bytes: [UInt8]) -> String {
        let path = NSTemporaryDirectory() + "cos-plain-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }
}

final class InterruptTests: XCTestCase {
    func testCtrlCInterruptsAWaitingReadAndWakesTheWatcher() throws {
        XCTAssertTrue(InterruptFlag.install())
        InterruptFlag.clear()
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        defer { close(fds[0]); close(fds[1]) }
        let reader = PlainLineReader(fileDescriptor: fds[0])
        let readingThread = pthread_self()
        let woke = expectation(description: "watcher woke")
        Thread.detachNewThread {
            if InterruptFlag.wait(milliseconds: 5_000) { woke.fulfill() }
        }
        Thread.detachNewThread {
            usleep(200_000)
            pthread_kill(readingThread, SIGINT)
        }
        // Nothing is ever written: only the signal can end this read.
        XCTAssertEqual(reader.readLine(prompt: ""), .interrupted)
        XCTAssertTrue(InterruptFlag.isSet)
        wait(for: [woke], timeout: 5)
        InterruptFlag.clear()
        XCTAssertFalse(InterruptFlag.isSet)
        // The wait masks SIGINT in the thread that calls it (a watcher never takes the signal itself),
        // so it runs on a thread of its own: the test runner's thread must keep receiving signals.
        let timedOut = expectation(description: "the wait times out")
        Thread.detachNewThread {
            if !InterruptFlag.wait(milliseconds: 10) { timedOut.fulfill() }
        }
        wait(for: [timedOut], timeout: 5)
    }
}
