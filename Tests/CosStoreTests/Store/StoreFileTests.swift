import Foundation
import XCTest

@testable import CosStore

/// Atomic imports, opening stores, and the cache of imported directories.
final class StoreFileTests: ImportTestCase {
    func testFailedImportLeavesNoFile() throws {
        let directory = try TestData.write(self, TestData.appending("usage_events.csv", "E9,O1,P1,yesterday,1"))
        let destination = directory + "/store.cos"
        XCTAssertThrowsError(try Importer(directory: directory, destination: destination).run())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("cos") }, [])
    }

    func testFailedImportLeavesAnExistingStoreByteIdentical() throws {
        let directory = try TestData.write(self)
        let destination = directory + "/store.cos"
        _ = try Importer(directory: directory, destination: destination).run()
        let before = try Data(contentsOf: URL(fileURLWithPath: destination))
        // A bad row in the last file read.
        try TestData.write(into: directory, TestData.appending("usage_events.csv", "E9,O1,P1,2025-01-01,1.1234567"))
        XCTAssertThrowsError(try Importer(directory: directory, destination: destination).run()) { error in
            XCTAssertEqual(
                "\(error)", "usage_events.csv:5: column quantity: value \"1.1234567\": more than 6 digits after the decimal point")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: destination)), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("cos-import") }, [])
    }

    func testSuccessfulImportReplacesTheStore() throws {
        let directory = try TestData.write(self)
        let destination = directory + "/store.cos"
        // An older store of other data is replaced (a file that is not a store is not: WriteTargetTests).
        let other = try TestData.write(self, ["charge_tickets.csv": "id,contract_id,product_id,period_start,period_end,quantity,amount\n"])
        _ = try Importer(directory: other, destination: destination).run()
        XCTAssertEqual(try int(try StoreFile.open(path: destination), "SELECT count(*) FROM charge_ticket"), 0)
        let summary = try Importer(directory: directory, destination: destination).run()
        XCTAssertEqual(summary.rowCount, 3 + 4 + 2 + 2 + 2 + 3 + 3 + 4 + 5 + 3)
        XCTAssertTrue(summary.description.hasPrefix("imported 31 rows in "))
        XCTAssertTrue(summary.description.contains("\n  charge_tickets.csv      5\n"))
        XCTAssertEqual(try int(try StoreFile.open(path: destination), "SELECT count(*) FROM charge_ticket"), 5)
    }

    func testStaleTemporaryFilesAreRemoved() throws {
        let directory = try TestData.write(self)
        let destination = directory + "/store.cos"
        // A process id that does not run (beyond the kernel's pid limit).
        let stale = directory + "/.store.cos.cos-import-99999999.tmp"
        try Data("partial".utf8).write(to: URL(fileURLWithPath: stale))
        let unrelated = directory + "/.other.cos.cos-import-99999999.tmp"
        try Data("partial".utf8).write(to: URL(fileURLWithPath: unrelated))
        _ = try Importer(directory: directory, destination: destination).run()
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
        XCTAssertTrue(FileManager.default.fileExists(atPath: unrelated))
    }

    func testProgressReportsEveryFileAndStep() throws {
        let directory = try TestData.write(self)
        var done: [String] = []
        _ = try Importer(directory: directory, destination: directory + "/s.cos") { progress in
            if progress.isStepDone { done.append("\(progress.step):\(progress.rows)") }
        }.run()
        XCTAssertEqual(
            done,
            ["organizations.csv:3", "contracts.csv:4", "product_categories.csv:2", "products.csv:2", "object_types.csv:2",
             "object_profiles.csv:3", "objects.csv:3", "invoices.csv:4", "charge_tickets.csv:5", "usage_events.csv:3",
             "writing:0", "statistics:0"])
    }

    func testMissingDirectory() {
        XCTAssertThrowsError(try Importer(directory: "/nonexistent/data", destination: "/tmp/x.cos").run()) { error in
            XCTAssertEqual("\(error)", "/nonexistent/data: no such directory")
        }
    }

    func testOpenNotAStore() throws {
        let directory = try TestData.temporaryDirectory(self)
        let text = directory + "/notes.txt"
        try Data("hello, this is not a database at all, just some text...".utf8).write(to: URL(fileURLWithPath: text))
        XCTAssertThrowsError(try StoreFile.open(path: text)) { XCTAssertEqual("\($0)", "\(text): not a cos store") }
        let other = directory + "/other.sqlite"
        try Database(path: other, readOnly: false, create: true).execute("CREATE TABLE t(x)")
        XCTAssertThrowsError(try StoreFile.open(path: other)) { XCTAssertEqual("\($0)", "\(other): not a cos store") }
        XCTAssertThrowsError(try StoreFile.open(path: directory + "/none.cos")) {
            XCTAssertEqual("\($0)", "\(directory)/none.cos: no such file")
        }
    }

    func testOpenWrongVersion() throws {
        let directory = try TestData.write(self)
        let destination = directory + "/store.cos"
        _ = try Importer(directory: directory, destination: destination).run()
        // A store of an older format (version 3; format 5 had object_month in object order, 4 no index
        // of uninvoiced tickets) asks for a new import.
        try Database(path: destination, readOnly: false).execute("UPDATE meta SET value = '3' WHERE key = 'format_version'")
        XCTAssertThrowsError(try StoreFile.open(path: destination)) {
            XCTAssertEqual(
                "\($0)",
                "\(destination): a cos store of format version 3; this cos reads version \(StoreSchema.formatVersion): import the data again with cos import")
        }
    }

    func testOpenedStoreIsReadOnly() throws {
        let db = try importStore()
        XCTAssertThrowsError(try db.execute("DELETE FROM organization"))
    }

    func testDirectoryCacheReusedAndRebuilt() throws {
        let directory = try TestData.write(self)
        let cache = try TestData.temporaryDirectory(self) + "/cache"
        let first = try DataOpener.open(path: directory, cacheDirectory: cache)
        XCTAssertNotNil(first.importSummary)
        XCTAssertEqual(first.sourceDirectory, URL(fileURLWithPath: directory).standardizedFileURL.path)
        XCTAssertTrue(first.storePath.hasPrefix(cache + "/"))

        let second = try DataOpener.open(path: directory, cacheDirectory: cache)
        XCTAssertNil(second.importSummary, "nothing changed: the cache is reused")
        XCTAssertEqual(second.storePath, first.storePath)

        // Change one file (its size changes): rebuilt.
        try TestData.write(into: directory, TestData.appending("usage_events.csv", "E4,O1,P1,2025-03-01,4"))
        let third = try DataOpener.open(path: directory, cacheDirectory: cache)
        XCTAssertNotNil(third.importSummary)
        XCTAssertEqual(try int(third.database, "SELECT sum(events) FROM object_usage"), 4)

        // Same size, another modification time: rebuilt.
        let path = directory + "/usage_events.csv"
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: path)
        XCTAssertNotNil(try DataOpener.open(path: directory, cacheDirectory: cache).importSummary)
        XCTAssertNil(try DataOpener.open(path: directory, cacheDirectory: cache).importSummary)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache).count, 1)
    }

    func testDirectoryWithBadDataLeavesTheCacheAlone() throws {
        let directory = try TestData.write(self)
        let cache = try TestData.temporaryDirectory(self) + "/cache"
        let first = try DataOpener.open(path: directory, cacheDirectory: cache)
        let before = try Data(contentsOf: URL(fileURLWithPath: first.storePath))
        try FileManager.default.removeItem(atPath: directory + "/invoices.csv")
        XCTAssertThrowsError(try DataOpener.open(path: directory, cacheDirectory: cache)) { error in
            XCTAssertEqual((error as? ImportError)?.kind, .badData)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: first.storePath)), before)
    }

    func testDefaultCacheDirectory() {
        let saved = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"]
        defer {
            if let saved { setenv("XDG_CACHE_HOME", saved, 1) } else { unsetenv("XDG_CACHE_HOME") }
        }
        setenv("XDG_CACHE_HOME", "/var/cache/someone", 1)
        XCTAssertEqual(DataOpener.defaultCacheDirectory(), "/var/cache/someone/cos")
        unsetenv("XDG_CACHE_HOME")
        XCTAssertEqual(DataOpener.defaultCacheDirectory(), (ProcessInfo.processInfo.environment["HOME"] ?? "") + "/.cache/cos")
    }

    func testOpenerOpensAStoreFile() throws {
        let directory = try TestData.write(self)
        let destination = directory + "/store.cos"
        _ = try Importer(directory: directory, destination: destination).run()
        let opened = try DataOpener.open(path: destination, cacheDirectory: directory + "/cache")
        XCTAssertEqual(opened.storePath, destination)
        XCTAssertNil(opened.sourceDirectory)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/cache"))
    }
}

/// Ctrl-C between two statements of a command: SQLite forgets an interrupt when no statement runs,
/// so the store remembers it until the command's reads end.
final class StoreInterruptTests: XCTestCase {
    func testAnInterruptBetweenStatementsCancelsTheRestOfTheCommand() throws {
        let directory = try TestData.write(self)
        let destination = directory + "/store.cos"
        _ = try Importer(directory: directory, destination: destination).run()
        let db = try StoreFile.open(path: destination)
        db.beginReading()
        XCTAssertNotNil(try db.scalar("SELECT count(*) FROM organization"))
        db.interrupt()
        XCTAssertThrowsError(try db.scalar("SELECT count(*) FROM organization")) { error in
            XCTAssertEqual((error as? DatabaseError)?.isInterrupt, true, "\(error)")
        }
        XCTAssertThrowsError(try db.scalar("SELECT count(*) FROM contract"), "every later statement of the command")
        db.endReading()
        XCTAssertNotNil(try db.scalar("SELECT count(*) FROM organization"), "after the command, completion reads again")
        db.interrupt()
        db.beginReading()
        XCTAssertNotNil(try db.scalar("SELECT count(*) FROM organization"), "the next command reads")
    }
}
