import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary file an import writes before renaming it over its destination:
/// `.NAME.cos-import-PID.tmp` beside the destination `NAME`, so the rename stays on one file system.
///
/// A killed import (SIGKILL, a power cut) leaves such a file behind; the next import into the same
/// destination removes the ones whose process no longer runs.
enum TemporaryStore {
    static func path(for destination: String) -> String {
        let url = URL(fileURLWithPath: destination)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".cos-import-\(getpid()).tmp"
    }

    /// Removes leftovers of killed imports into `destination`.
    static func removeStale(for destination: String) {
        let url = URL(fileURLWithPath: destination)
        let directory = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".cos-import-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let pidText = name.dropFirst(prefix.count).dropLast(4)
            guard let pid = Int32(pidText) else { continue }
            if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) {
                unlink(directory + "/" + name)
                unlink(directory + "/" + name + "-journal")
            }
        }
    }

    static func remove(_ path: String) {
        unlink(path)
        unlink(path + "-journal")
    }

    /// Flushes the file to disk so the rename publishes complete data.
    static func sync(_ path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
