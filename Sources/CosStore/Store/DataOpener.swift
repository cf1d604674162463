import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `cos PATH` opened: a store, read-only, and where it came from.
public struct OpenedData {
    /// The store, opened read-only.
    public let database: Database
    /// The store file (the cache store when a directory was opened).
    public let storePath: String
    /// The CSV directory when one was opened, else nil.
    public let sourceDirectory: String?
    /// The import that built the cache store now, or nil when a store was opened or the cache reused.
    public let importSummary: ImportSummary?
}

/// Opens what the user names: a cos store file, or a CSV data directory, which is imported into a
/// cache store first.
///
/// The cache store lives in `$XDG_CACHE_HOME/cos` (else `~/.cache/cos`), one file per directory (named
/// by a hash of its absolute path). Its `meta` row `source_key` lists each file's path, size and
/// modification time: the store is reused when they are all unchanged, rebuilt when anything changed.
public enum DataOpener {
    /// Opens `path`. Throws `ImportError` (bad data, interrupted import) or `StoreFileError`.
    public static func open(
        path: String, cacheDirectory: String? = nil, progress: ((ImportProgress) -> Void)? = nil
    ) throws -> OpenedData {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreFileError(message: "\(path): no such file or directory")
        }
        guard isDirectory.boolValue else {
            return OpenedData(database: try StoreFile.open(path: path), storePath: path, sourceDirectory: nil, importSummary: nil)
        }
        let directory = URL(fileURLWithPath: path).standardizedFileURL.path
        let cache = cacheDirectory ?? defaultCacheDirectory()
        do {
            try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        } catch {
            throw ImportError.failed("\(cache): cannot create the cache directory")
        }
        let store = cache + "/" + cacheFileName(for: directory)
        let key = sourceKey(directory: directory)
        // A cache made before stores recorded the export fingerprint is made again.
        if let db = try? StoreFile.open(path: store), let meta = try? db.metadata(), meta["source_key"] == key,
            meta[ExportFingerprint.metaKey] != nil
        {
            return OpenedData(database: db, storePath: store, sourceDirectory: directory, importSummary: nil)
        }
        var importer = Importer(directory: directory, destination: store, progress: progress)
        importer.extraMeta["source_key"] = key
        let summary = try importer.run()
        return OpenedData(database: try StoreFile.open(path: store), storePath: store, sourceDirectory: directory, importSummary: summary)
    }

    /// `$XDG_CACHE_HOME/cos`, else `~/.cache/cos`.
    public static func defaultCacheDirectory() -> String {
        if let xdg = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/cos" }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/cos"
    }

    /// `NAME-HASH.cos`: the directory's last component (for people) and a hash of its absolute path.
    static func cacheFileName(for directory: String) -> String {
        let base = URL(fileURLWithPath: directory).lastPathComponent
        let safe = String(base.unicodeScalars.map { scalar -> Character in
            let c = Character(scalar)
            return (c.isLetter || c.isNumber || c == "-" || c == "_") && scalar.isASCII ? c : "_"
        }.prefix(40))
        return "\(safe.isEmpty ? "data" : safe)-\(hexHash(directory)).cos"
    }

    /// Each input file's absolute path, size and modification time (nanoseconds), one per line; a
    /// missing file is listed as missing, so that adding it changes the key.
    static func sourceKey(directory: String) -> String {
        var lines: [String] = []
        for name in ExportFile.allCases.map(\.fileName) + ["manifest.json"] {
            let filePath = directory + "/" + name
            var info = stat()
            if stat(filePath, &info) == 0 {
                let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                lines.append("\(filePath)\t\(info.st_size)\t\(nanoseconds)")
            } else {
                lines.append("\(filePath)\tmissing")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// 64-bit FNV-1a, in hex: stable across runs (Swift's `Hasher` is seeded per process).
    static func hexHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
