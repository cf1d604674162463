import Foundation
import XCTest

@testable import CosStore

#if canImport(Glibc)
    import Glibc
#endif

/// A signal during an import: the temporary file is removed and an existing store is left alone.
final class ImportSignalTests: ImportTestCase {
    private func interrupted(by signal: Int32, during step: String) throws {
        let directory = try TestData.write(self)
        let destination = directory + "/store.cos"
        _ = try Importer(directory: directory, destination: destination).run()
        let before = try Data(contentsOf: URL(fileURLWithPath: destination))
        var raised = false
        XCTAssertThrowsError(
            try Importer(directory: directory, destination: destination) { progress in
                if progress.step == step && !raised {
                    raised = true
                    raise(signal)
                }
            }.run()
        ) { error in
            XCTAssertEqual((error as? ImportError)?.kind, .interrupted(signal: signal), "\(error)")
        }
        XCTAssertTrue(raised)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: destination)), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("cos-import") }, [])
    }

    func testSIGINTWhileReading() throws { try interrupted(by: SIGINT, during: "charge_tickets.csv") }
    func testSIGTERMWhileReading() throws { try interrupted(by: SIGTERM, during: "organizations.csv") }
    func testSIGHUPWhileFinishing() throws { try interrupted(by: SIGHUP, during: "statistics") }

    func testPreviousHandlerIsRestored() throws {
        let previous = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, previous) }
        let directory = try TestData.write(self)
        _ = try Importer(directory: directory, destination: directory + "/s.cos").run()
        let current = signal(SIGHUP, SIG_IGN)
        XCTAssertEqual(unsafeBitCast(current, to: Int.self), unsafeBitCast(SIG_IGN, to: Int.self))
    }
}
