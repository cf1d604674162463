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
    /// Warnings for standard error: a cache store that could not be trusted and was rebuilt, a cache
    /// directory others can write to.
    public var warnings: [String] = []
}

/// Opens what the user names: a cos store file, or a CSV data directory, which is imported into a
/// cache store first.
///
/// The cache store lives in `$XDG_CACHE_HOME/cos` (else `~/.cache/cos`), one file per directory (named
/// by a hash of its absolute path). Its `meta` row `source_key` is the export's fingerprint on disk:
/// each file's path, device, inode, size and modification time. The store is reused only when
/// - the key matches (nothing in the export changed);
/// - the cache directory is the user's own and no one else can write to it (0700 when cos creates it);
/// - the store file is a regular file (not a link) owned by the user and writable by no one else
///   (cos writes it 0600, whatever the umask).
/// Otherwise it is rebuilt, with a warning when it was there but not trusted. When the cache
/// directory itself cannot be trusted, the export is imported into a private temporary store for this
/// run only (nothing is left behind), with a warning.
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
        var warnings: [String] = []
        try CacheSecurity.createPrivateDirectory(cache)
        let key = sourceKey(directory: directory)
        if let problem = CacheSecurity.untrustedDirectoryProblem(cache) {
            warnings.append("\(cache): \(problem): the cache is not used; the data is imported for this run only")
            var opened = try openPrivately(directory: directory, key: key, progress: progress)
            opened.warnings = warnings + opened.warnings
            return opened
        }
        let store = cache + "/" + cacheFileName(for: directory)
        if let problem = CacheSecurity.untrustedFileProblem(store) {
            warnings.append("\(store): \(problem): ignored, the cache is built again")
        } else if let db = try? StoreFile.open(path: store), let meta = try? db.metadata(), meta["source_key"] == key,
            // A cache made before stores recorded the export fingerprint is made again.
            meta[ExportFingerprint.metaKey] != nil
        {
            return OpenedData(database: db, storePath: store, sourceDirectory: directory, importSummary: nil)
        }
        let summary = try CacheSecurity.privately { () throws -> ImportSummary in
            var importer = Importer(directory: directory, destination: store, progress: progress)
            importer.extraMeta["source_key"] = key
            // The cache's own file: whatever is there was judged above and is replaced.
            importer.force = true
            return try importer.run()
        }
        var opened = OpenedData(
            database: try StoreFile.open(path: store), storePath: store, sourceDirectory: directory, importSummary: summary)
        opened.warnings = warnings
        return opened
    }

    /// Imports into a fresh 0700 directory of the system's temporary directory, opens the store and
    /// removes it from the file system at once (the open connection keeps it until the end of the run).
    static func openPrivately(
        directory: String, key: String, progress: ((ImportProgress) -> Void)?
    ) throws -> OpenedData {
        var template = Array((NSTemporaryDirectory() + "/cos-private-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, let result = mkdtemp(base) else { return nil }
            return String(cString: result)
        }
        guard let privateDirectory = made else {
            throw ImportError.failed("cannot create a private temporary directory: " + String(cString: strerror(errno)))
        }
        defer { try? FileManager.default.removeItem(atPath: privateDirectory) }
        let store = privateDirectory + "/" + cacheFileName(for: directory)
        let summary = try CacheSecurity.privately { () throws -> ImportSummary in
            var importer = Importer(directory: directory, destination: store, progress: progress)
            importer.extraMeta["source_key"] = key
            // The cache's own file: whatever is there was judged above and is replaced.
            importer.force = true
            return try importer.run()
        }
        let db = try StoreFile.open(path: store)
        return OpenedData(database: db, storePath: store, sourceDirectory: directory, importSummary: summary)
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

    /// The export's fingerprint on disk: a format line, then each input file's absolute path, device,
    /// inode, size and modification time (nanoseconds), one per line; a missing file is listed as
    /// missing, so that adding it changes the key. A file replaced by another (a new inode) changes it
    /// even when its size and time were forged to match.
    static func sourceKey(directory: String) -> String {
        var lines: [String] = ["cos-source-key 2"]
        for name in ExportFile.allCases.map(\.fileName) + ["manifest.json"] {
            let filePath = directory + "/" + name
            var info = stat()
            if stat(filePath, &info) == 0 {
                let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                lines.append("\(filePath)\t\(info.st_dev)\t\(info.st_ino)\t\(info.st_size)\t\(nanoseconds)")
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
