import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `cos import` killed mid-way by SIGKILL (which no handler can catch): the existing store is left
/// byte-identical, no partial store takes its place, and the next import removes the leftover
/// temporary file. (Caught signals and bad data are tested in process by CosStoreTests.)
final class ImportKillTests: XCTestCase {
    func testAKilledImportNeverDamagesTheExistingStore() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cos-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("export").path
        let store = directory.appendingPathComponent("billing.cos").path
        XCTAssertEqual(try run(["generate", "--orgs", "300", "-o", data]), 0)
        // An existing store, from the small sample data.
        XCTAssertEqual(try run(["import", SampleStore.sampleData, "-o", store]), 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: store))

        let process = Process()
        process.executableURL = ScriptRunTests.executable
        process.arguments = ["import", data, "-o", store]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the import has written part of its temporary file, then kill it.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, temporaryFiles(in: directory).isEmpty { usleep(20_000) }
        usleep(300_000)
        XCTAssertTrue(process.isRunning, "the import ended before it could be killed: make the data larger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)

        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: store)), before, "the existing store changed")
        XCTAssertEqual(temporaryFiles(in: directory).count, 1, "a killed import leaves only its temporary file")
        // The next import to the same place cleans up after the killed one and succeeds.
        XCTAssertEqual(try run(["import", SampleStore.sampleData, "-o", store]), 0)
        XCTAssertEqual(temporaryFiles(in: directory), [])
    }

    func temporaryFiles(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.contains("cos-import") }
    }

    func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = ScriptRunTests.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
