import CosStore
import Foundation

/// Stores for the tests, made by the real checked import (`Importer`) and opened read-only as the shell
/// opens them.
enum FixtureStore {
    struct FixtureError: Error, CustomStringConvertible {
        let description: String
    }

    /// Imports CSV texts (file name without `.csv` → text) into a fresh store and opens it.
    static func importing(_ files: [String: String]) throws -> Database {
        let directory = NSTemporaryDirectory() + "cos-query-fixture-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, text) in files {
            try text.write(toFile: directory + "/" + name + ".csv", atomically: true, encoding: .utf8)
        }
        return try importing(directory: directory)
    }

    /// Imports a data directory into a temporary store file and opens it read-only.
    static func importing(directory: String) throws -> Database {
        let store = NSTemporaryDirectory() + "cos-query-" + UUID().uuidString + ".cosstore"
        _ = try Importer(directory: directory, destination: store).run()
        let db = try StoreFile.open(path: store)
        // The open connection keeps the data; the name can go.
        try? FileManager.default.removeItem(atPath: store)
        return db
    }
}
