import Foundation
import XCTest

@testable import CosStore

/// Helpers: import a data set and return the store, or the report's lines.
class ImportTestCase: XCTestCase {
    /// Imports the valid set with `changes` into a new store and opens it.
    func importStore(_ changes: [String: String?] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> Database {
        let directory = try TestData.write(self, changes)
        let destination = directory + "/store.cos"
        do {
            _ = try Importer(directory: directory, destination: destination).run()
        } catch {
            XCTFail("import failed:\n\(error)", file: file, line: line)
            throw error
        }
        return try StoreFile.open(path: destination)
    }

    /// Imports the valid set with `changes`, expecting bad data; returns the report's lines.
    func problems(_ changes: [String: String?], file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let directory = try TestData.write(self, changes)
        let destination = directory + "/store.cos"
        do {
            _ = try Importer(directory: directory, destination: destination).run()
            XCTFail("the import succeeded", file: file, line: line)
            return []
        } catch let error as ImportError {
            XCTAssertEqual(error.kind, .badData, file: file, line: line)
            XCTAssertFalse(FileManager.default.fileExists(atPath: destination), "a store was left", file: file, line: line)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("cos-import") }
            XCTAssertEqual(leftovers, [], file: file, line: line)
            return error.lines
        }
    }

    func int(_ db: Database, _ sql: String, _ values: [SQLValue] = []) throws -> Int64? {
        if case .integer(let value) = try db.scalar(sql, values) { return value }
        return nil
    }

    func text(_ db: Database, _ sql: String, _ values: [SQLValue] = []) throws -> String? {
        if case .text(let value) = try db.scalar(sql, values) { return value }
        return nil
    }
}
