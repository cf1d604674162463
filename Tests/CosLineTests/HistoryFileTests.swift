import Foundation
import XCTest
@testable import CosLine

final class HistoryFileTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "cos-history-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private var path: String { directory + "/.cos_history" }

    private func fileLines() throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private func mode() throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    func testWritesEveryLineTrimmedWithMode0600() throws {
        var history = HistoryFile(path: path)
        XCTAssertTrue(try history.add("  open \"Åke AB\"  "))
        XCTAssertEqual(try fileLines(), ["open \"Åke AB\"", ""])
        XCTAssertEqual(try mode(), 0o600)
        XCTAssertTrue(try history.add("cards"))
        XCTAssertEqual(try fileLines(), ["open \"Åke AB\"", "cards", ""])
    }

    func testDropsEmptyLinesAndConsecutiveDuplicates() throws {
        var history = HistoryFile(path: path)
        XCTAssertTrue(try history.add("pwd"))
        XCTAssertFalse(try history.add("pwd "), "the same once trimmed")
        XCTAssertFalse(try history.add("   "))
        XCTAssertTrue(try history.add("cards"))
        XCTAssertTrue(try history.add("pwd"), "not consecutive")
        XCTAssertEqual(history.entries, ["pwd", "cards", "pwd"])
        XCTAssertEqual(try fileLines(), ["pwd", "cards", "pwd", ""])
    }

    func testSurvivesARestart() throws {
        var first = HistoryFile(path: path)
        try first.add("open Acme")
        try first.add("tickets --all")
        var second = HistoryFile(path: path)
        XCTAssertEqual(second.entries, ["open Acme", "tickets --all"])
        XCTAssertFalse(try second.add("tickets --all"), "the last line of the earlier run counts")
    }

    func testKeepsOnlyTheLastLinesAndStays0600() throws {
        var history = HistoryFile(path: path, limit: 5)
        for n in 1...7 { try history.add("cmd \(n)") }
        XCTAssertEqual(history.entries, ["cmd 3", "cmd 4", "cmd 5", "cmd 6", "cmd 7"])
        XCTAssertEqual(try fileLines(), ["cmd 3", "cmd 4", "cmd 5", "cmd 6", "cmd 7", ""])
        XCTAssertEqual(try mode(), 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [".cos_history"], "no temporary file left")
    }

    func testLoadingTrimsToTheLimitAndSkipsLibeditMarker() throws {
        try "_HiStOrY_V2_\na\na\nb\nc\nd\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(HistoryFile(path: path, limit: 3).entries, ["b", "c", "d"])
        XCTAssertEqual(HistoryFile(path: path).entries, ["a", "b", "c", "d"])
    }

    func testNarrowsAWiderMode() throws {
        _ = FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o644])
        var history = HistoryFile(path: path)
        try history.add("pwd")
        XCTAssertEqual(try mode(), 0o600)
    }

    func testAPastedLineBreakStaysOneEntry() throws {
        var history = HistoryFile(path: path)
        try history.add("open a\nb")
        XCTAssertEqual(try fileLines(), ["open a b", ""])
    }

    func testUnwritableFileThrowsAndKeepsTheEntry() {
        var history = HistoryFile(path: directory + "/missing/dir/.cos_history")
        XCTAssertThrowsError(try history.add("pwd")) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot write history to \(self.directory)/missing/dir/.cos_history: "))
        }
        XCTAssertEqual(history.entries, ["pwd"])
    }

    func testDefaultPathIsInHome() {
        XCTAssertTrue(HistoryFile.defaultPath.hasSuffix("/.cos_history"))
    }
}
