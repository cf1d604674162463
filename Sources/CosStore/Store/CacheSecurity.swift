import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a cache directory and a cache store can be trusted: another user who can write there could
/// put a forged store in place of the real one (ten times the real Total Invoicing), and an export may
/// be private. cos creates its cache directory 0700 and its cache files 0600, whatever the umask.
enum CacheSecurity {
    /// Creates `path` (and missing parents) with mode 0700, independent of the umask. An existing
    /// directory is left as it is (`untrustedDirectoryProblem` judges it).
    static func createPrivateDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, !FileManager.default.fileExists(atPath: parent) {
            try createPrivateDirectory(parent)
        }
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw ImportError.failed("\(path): cannot create the cache directory: " + String(cString: strerror(errno)))
        }
        // mkdir's mode passes through the umask: set it exactly.
        chmod(path, 0o700)
    }

    /// Nil when `directory` is a directory of this user that no one else can write to; else why not.
    static func untrustedDirectoryProblem(_ directory: String) -> String? {
        var info = stat()
        guard lstat(directory, &info) == 0 else { return "cannot be examined: " + String(cString: strerror(errno)) }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard stat(directory, &info) == 0 else { return "is a broken symbolic link" }
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { return "is not a directory" }
        if info.st_uid != geteuid() { return "the cache directory belongs to another user (uid \(info.st_uid))" }
        if info.st_mode & (S_IWGRP | S_IWOTH) != 0 {
            return "others can write to the cache directory (mode \(String(info.st_mode & 0o7777, radix: 8)))"
        }
        return nil
    }

    /// Nil when `file` does not exist or is a regular file of this user that no one else can write
    /// to; else why it cannot be trusted.
    static func untrustedFileProblem(_ file: String) -> String? {
        var info = stat()
        guard lstat(file, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        if type != S_IFREG { return "the cache store is \(FileKind.describe(type)), not a regular file" }
        if info.st_uid != geteuid() { return "the cache store belongs to another user (uid \(info.st_uid))" }
        if info.st_mode & (S_IWGRP | S_IWOTH) != 0 {
            return "others can write to the cache store (mode \(String(info.st_mode & 0o7777, radix: 8)))"
        }
        return nil
    }

    /// Runs `body` (an import) with the umask at 077, so that the files it creates are 0600 from the
    /// first byte, then restores the umask.
    static func privately<T>(_ body: () throws -> T) throws -> T {
        let previous = umask(0o077)
        defer { umask(previous) }
        return try body()
    }
}
