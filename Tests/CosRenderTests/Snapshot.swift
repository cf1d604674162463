import Foundation
import XCTest

/// Golden files under `Snapshots/`, beside this file. `COS_RECORD=1 swift test` writes them anew (the
/// test then fails, asking for the diff to be reviewed); otherwise output must match exactly.
enum Snapshot {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["COS_RECORD"] == "1" }

    static func check(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = directory.appendingPathComponent(name)
        if recording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
                XCTFail("recorded \(name): review the diff (git diff Tests/CosRenderTests/Snapshots) and run the tests again without COS_RECORD", file: file, line: line)
            } catch {
                XCTFail("could not record \(name): \(error)", file: file, line: line)
            }
            return
        }
        guard let data = try? Data(contentsOf: url), let expected = String(data: data, encoding: .utf8) else {
            XCTFail("no snapshot \(name); record it with COS_RECORD=1 swift test --filter CosRenderTests", file: file, line: line)
            return
        }
        if expected == text { return }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = text.components(separatedBy: "\n")
        let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expectedLines.count, actualLines.count)
        let wanted = first < expectedLines.count ? expectedLines[first] : "(end)"
        let got = first < actualLines.count ? actualLines[first] : "(end)"
        XCTFail("\(name) differs at line \(first + 1):\n  expected: \(wanted)\n  actual:   \(got)\n(COS_RECORD=1 re-records)", file: file, line: line)
    }
}
