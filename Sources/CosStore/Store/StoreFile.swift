import Foundation

/// Opening a cos store file for reading.
public enum StoreFile {
    /// Opens a store read-only (SQLITE_OPEN_READONLY) after checking that it is a cos store of the
    /// format version this cos reads. Throws `StoreFileError`.
    public static func open(path: String) throws -> Database {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreFileError(message: "\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw StoreFileError(message: "\(path): a directory, not a cos store") }
        let db: Database
        do {
            db = try Database(path: path, readOnly: true)
        } catch let error as DatabaseError {
            throw StoreFileError(message: error.message)
        }
        let meta: [String: String]
        do {
            meta = try db.metadata()
        } catch {
            throw StoreFileError(message: "\(path): not a cos store")
        }
        guard meta["format"] == StoreSchema.formatName else { throw StoreFileError(message: "\(path): not a cos store") }
        let version = meta["format_version"] ?? "?"
        guard version == String(StoreSchema.formatVersion) else {
            throw StoreFileError(
                message: "\(path): a cos store of format version \(version); this cos reads version "
                    + "\(StoreSchema.formatVersion): import the data again with cos import")
        }
        return db
    }
}

/// A store file that cannot be opened; the message names the file.
public struct StoreFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
