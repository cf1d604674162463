import Foundation
import XCTest
@testable import CosLine

/// The directory entries behind file-name completion (`source`, `save`, `> FILE`).
final class DirectoryListingTests: XCTestCase {
    func testEntriesAreSortedAndMarkDirectories() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cos-listing-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub dir"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data().write(to: directory.appendingPathComponent("b.cos"))
        try Data().write(to: directory.appendingPathComponent("a.cos"))
        let entries = DirectoryListing.entries(in: directory.path + "/")
        XCTAssertEqual(entries.map(\.name), ["a.cos", "b.cos", "sub dir"])
        XCTAssertEqual(entries.map(\.isDirectory), [false, false, true])
        XCTAssertTrue(DirectoryListing.entries(in: directory.path + "/missing/").isEmpty, "an unreadable directory has no entries")
    }

    func testHomeIsExpandedOnlyAtTheStart() {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        XCTAssertEqual(DirectoryListing.expandingHome("~/x"), home + "/x")
        XCTAssertEqual(DirectoryListing.expandingHome("~"), home)
        XCTAssertEqual(DirectoryListing.expandingHome("a/~/x"), "a/~/x")
        XCTAssertEqual(DirectoryListing.expandingHome("~user/x"), "~user/x")
    }
}
