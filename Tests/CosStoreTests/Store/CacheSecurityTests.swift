import Foundation
import XCTest

@testable import CosStore

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 12, point 4: the cache store of `cos DIR` is trusted only when it is the user's own, in a
/// directory no one else can write, and built from the export as it is now (the fingerprint of its
/// files: path, device, inode, size, modification time).
final class CacheSecurityTests: ImportTestCase {
    func mode(_ path: String) throws -> Int {
        try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// The Total Invoicing of ORG-1 in the store (final invoices: I1 1500.50 SEK).
    func finalTotal(_ db: Database) throws -> Int64? {
        try int(db, "SELECT sum(total_amount) FROM invoice WHERE status = 'final' AND organization_k = 1")
    }

    /// A forged copy of the cache store: the same `meta` (so the same key), ten times the invoices.
    func forge(_ store: String) throws {
        let forged = store + ".forged"
        try FileManager.default.copyItem(atPath: store, toPath: forged)
        let db = try Database(path: forged, readOnly: false)
        try db.execute("UPDATE invoice SET total_amount = total_amount * 10")
        try FileManager.default.removeItem(atPath: store)
        try FileManager.default.moveItem(atPath: forged, toPath: store)
    }

    func testTheCacheIsCreated0700AndItsFiles0600WhateverTheUmask() throws {
        let directory = try TestData.write(self)
        let cache = try TestData.temporaryDirectory(self) + "/deeper/cache"
        let previous = umask(0)
        defer { umask(previous) }
        let opened = try DataOpener.open(path: directory, cacheDirectory: cache)
        XCTAssertEqual(try mode(cache), 0o700)
        XCTAssertEqual(try mode(opened.storePath), 0o600)
        XCTAssertEqual(opened.warnings, [])
    }

    func testAForgedCacheOfAnotherUserIsIgnoredAndRebuilt() throws {
        guard geteuid() == 0 else { throw XCTSkip("changing a file's owner needs root") }
        let directory = try TestData.write(self)
        let cache = try TestData.temporaryDirectory(self) + "/cache"
        let store = try DataOpener.open(path: directory, cacheDirectory: cache).storePath
        try forge(store)
        XCTAssertEqual(chown(store, 65534, 65534), 0)
        let opened = try DataOpener.open(path: directory, cacheDirectory: cache)
        XCTAssertNotNil(opened.importSummary, "rebuilt")
        XCTAssertEqual(try finalTotal(opened.database), 1_500_500_000)
        XCTAssertEqual(
            opened.warnings, ["\(store): the cache store belongs to another user (uid 65534): ignored, the cache is built again"])
        // Rebuilt as the user's own file, and reused from then on without a word.
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: store)[.ownerAccountID] as? Int, Int(geteuid()))
        let again = try DataOpener.open(path: directory, cacheDirectory: cache)
        XCTAssertNil(again.importSummary)
        XCTAssertEqual(again.warnings, [])
    }

    func testACacheStoreOthersCanWriteIsIgnored() throws {
        let directory = try TestData.write(self)
        let cache = try TestData.temporaryDirectory(self) + "/cache"
        let store = try DataOpener.open(path: directory, cacheDirectory: cache).storePath
        try forge(store)
        XCTAssertEqual(chmod(store, 0o666), 0)
        let opened = try DataOpener.open(path: directory, cacheDirectory: cache)
        XCTAssertEqual(try finalTotal(opened.database), 1_500_500_000)
        XCTAssertEqual(opened.warnings, ["\(store): others can write to the cache store (mode 666): ignored, the cache is built again"])
        XCTAssertEqual(try mode(store), 0o600)
    }

    func testASymbolicLinkInPlaceOfTheCacheStoreIsIgnored() throws {
        let directory = try TestData.write(self)
        let cache = try TestData.temporaryDirectory(self) + "/cache"
        let store = try DataOpener.open(path: directory, cacheDirectory: cache).storePath
        let elsewhere = try TestData.temporaryDirectory(self) + "/forged.cos"
        try FileManager.default.moveItem(atPath: store, toPath: elsewhere)
        try forge(elsewhere)
        try FileManager.default.createSymbolicLink(atPath: store, withDestinationPath: elsewhere)
        let opened = try DataOpener.open(path: directory, cacheDirectory: cache)
        XCTAssertEqual(try finalTotal(opened.database), 1_500_500_000)
        XCTAssertEqual(opened.warnings, ["\(store): the cache store is a symbolic link, not a regular file: ignored, the cache is built again"])
    }

    /// A cache directory others can write to is never used: the data is imported into a private
    /// temporary store for this run, which is gone from the file system once open.
    func testACacheDirectoryOthersCanWriteIsNotUsed() throws {
        let directory = try TestData.write(self)
        let cache = try TestData.temporaryDirectory(self) + "/shared"
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        XCTAssertEqual(chmod(cache, 0o1777), 0)
        let store = cache + "/" + DataOpener.cacheFileName(for: URL(fileURLWithPath: directory).standardizedFileURL.path)
        // A forged store planted where the cache store would be, with the right key.
        let planted = try DataOpener.open(path: directory, cacheDirectory: try TestData.temporaryDirectory(self) + "/mine")
        try FileManager.default.copyItem(atPath: planted.storePath, toPath: store)
        try forge(store)
        let opened = try DataOpener.open(path: directory, cacheDirectory: cache)
        XCTAssertEqual(try finalTotal(opened.database), 1_500_500_000)
        XCTAssertEqual(
            opened.warnings,
            ["\(cache): others can write to the cache directory (mode 1777): the cache is not used; the data is imported for this run only"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: opened.storePath), "the private store is unlinked once open")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache), [(store as NSString).lastPathComponent])
    }

    /// The key holds each file's inode: a file replaced by another of the same size and modification
    /// time is noticed.
    func testAFileReplacedWithTheSameSizeAndTimeIsNoticed() throws {
        let directory = try TestData.write(self)
        let cache = try TestData.temporaryDirectory(self) + "/cache"
        _ = try DataOpener.open(path: directory, cacheDirectory: cache)
        let path = directory + "/invoices.csv"
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "1500.50", with: "9500.50")
        try FileManager.default.removeItem(atPath: path)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate] as Any], ofItemAtPath: path)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, attributes[.size] as? Int)
        let opened = try DataOpener.open(path: directory, cacheDirectory: cache)
        XCTAssertNotNil(opened.importSummary, "rebuilt")
        XCTAssertEqual(try finalTotal(opened.database), 9_500_500_000)
    }

    func testTheKeyRecordsPathDeviceInodeSizeAndTime() throws {
        let directory = try TestData.write(self)
        let key = DataOpener.sourceKey(directory: directory)
        var info = stat()
        XCTAssertEqual(stat(directory + "/organizations.csv", &info), 0)
        let lines = key.components(separatedBy: "\n")
        XCTAssertEqual(lines.first, "cos-source-key 2")
        let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        XCTAssertEqual(lines[1], "\(directory)/organizations.csv\t\(info.st_dev)\t\(info.st_ino)\t\(info.st_size)\t\(nanoseconds)")
    }
}
