import CSQLite
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where cos may write a file the user names: the one check behind `cos import -o FILE`, `save FILE`
/// (and any other command that writes a named file), so that a typing mistake never turns a device, a
/// FIFO, a directory, somebody's notes or the export itself into a store or a script.
///
/// The rules:
/// - **A new path** is fine when its directory exists (`nodir/x.cos`: the directory `nodir` does not
///   exist). A path that ends with `/` names a directory, not a file.
/// - **A script or text file** (`checkFile`, used by `save`): an existing regular file, or a symbolic
///   link to one (the file it points to is written), is replaced; anything else (a directory, a
///   device such as `/dev/full`, a FIFO, a socket) is refused.
/// - **A store** (`checkStore`, used by `cos import -o`): an existing cos store (of any format
///   version) or an empty file is replaced. Anything else is refused, unless `force`: then a regular
///   file that is not a store, a symbolic link (the link itself is replaced, never the file it points
///   to), a FIFO or a socket (the node is replaced) are replaced too. Never, even with `force`: a
///   device, a directory, or one of the import's own input files (the same file, whatever path,
///   link or hard link names it).
public enum WriteTarget {
    /// The path to write for a text file named `path` (symbolic links followed), after checking it
    /// is a new path or a regular file. Throws `WriteTargetError` with a message for the user.
    @discardableResult
    public static func checkFile(_ path: String) throws -> String {
        try checkName(path)
        var info = stat()
        if lstat(path, &info) != 0 {
            try checkParent(of: path)
            return path
        }
        var resolved = path
        if info.st_mode & S_IFMT == S_IFLNK {
            resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            if stat(path, &info) != 0 {
                // A link to nothing: written where it points, if that directory exists.
                try checkParent(of: resolved, named: path)
                return resolved
            }
        }
        let type = info.st_mode & S_IFMT
        switch type {
        case S_IFREG: return resolved
        case S_IFDIR: throw WriteTargetError("\(path): is a directory: name a file inside it (\(slash(path))NAME)")
        default: throw WriteTargetError("\(path): is \(FileKind.describe(type)), not a regular file: nothing was written")
        }
    }

    /// Writes `text` to the file `path` names, after `checkFile`: into a temporary file beside it,
    /// every write checked (a full disk, an I/O error, a file size limit), flushed to disk, then renamed
    /// over it. A failure removes the temporary file and leaves an existing file as it was. A file
    /// that existed keeps its permission bits.
    public static func write(_ text: String, toFile path: String) throws {
        let target = try checkFile(path)
        var existing = stat()
        let mode: mode_t = stat(target, &existing) == 0 ? existing.st_mode & 0o7777 : 0o666
        let url = URL(fileURLWithPath: target)
        let temporary = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".cos-write-\(getpid()).tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure(path, errno) }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                throw failure(path, code)
            }
            offset += written
        }
        if existing.st_mode != 0 { fchmod(fd, mode) }
        if fsync(fd) != 0, errno != EINVAL {
            let code = errno
            close(fd)
            throw failure(path, code)
        }
        if close(fd) != 0 { throw failure(path, errno) }
        if rename(temporary, target) != 0 { throw failure(path, errno) }
        ok = true
    }

    private static func failure(_ path: String, _ code: Int32) -> WriteTargetError {
        WriteTargetError("cannot write \(path): \(String(cString: strerror(code))); nothing was written")
    }

    /// Checks that an import may write its store to `path`. `inputs` are the files the import reads
    /// (never replaced, even with `force`).
    public static func checkStore(_ path: String, inputs: [String], force: Bool) throws {
        try checkName(path, example: "NAME.cos")
        var info = stat()
        if lstat(path, &info) != 0 {
            try checkParent(of: path)
            return
        }
        let type = info.st_mode & S_IFMT
        var target = stat()
        if stat(path, &target) == 0 {
            for input in inputs {
                var other = stat()
                if stat(input, &other) == 0, other.st_dev == target.st_dev, other.st_ino == target.st_ino {
                    throw WriteTargetError(
                        "\(path): is \(input == path ? "an input file" : "the input file \(input)") of this import: "
                            + "nothing was written")
                }
            }
        }
        let hint = "nothing was written (--force replaces it)"
        switch type {
        case S_IFDIR:
            throw WriteTargetError("\(path): is a directory: name a store file inside it (\(slash(path))NAME.cos)")
        case S_IFCHR, S_IFBLK:
            throw WriteTargetError("\(path): is \(FileKind.describe(type)), not a file: a store is never written to a device")
        case S_IFREG:
            if info.st_size == 0 || isCosStore(path) { return }
            if !force { throw WriteTargetError("\(path): the file exists and is not a cos store: \(hint)") }
        case S_IFLNK:
            if !force {
                throw WriteTargetError(
                    "\(path): is a symbolic link: nothing was written (--force replaces the link itself, never the file it points to)")
            }
        default:
            if !force { throw WriteTargetError("\(path): is \(FileKind.describe(type)), not a cos store: \(hint)") }
        }
    }

    /// True for an SQLite file whose `meta` table says it is a cos store (any format version). Opened
    /// read-only; only called for a regular file (opening a FIFO would block).
    public static func isCosStore(_ path: String) -> Bool {
        var header = [UInt8](repeating: 0, count: 16)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        let n = read(fd, &header, 16)
        close(fd)
        guard n == 16, header == Array("SQLite format 3\u{0}".utf8) else { return false }
        guard let db = try? Database(path: path, readOnly: true) else { return false }
        guard case .text(let format)? = try? db.scalar("SELECT value FROM meta WHERE key = 'format'") else { return false }
        return format == StoreSchema.formatName
    }

    private static func checkName(_ path: String, example: String = "NAME") throws {
        if path.isEmpty { throw WriteTargetError("an empty file name") }
        if path.hasSuffix("/") {
            throw WriteTargetError("\(path): names a directory (it ends with /): name a file, like \(path)\(example)")
        }
    }

    private static func checkParent(of path: String, named name: String? = nil) throws {
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        var info = stat()
        guard stat(directory, &info) == 0 else {
            throw WriteTargetError("\(name ?? path): the directory \(directory) does not exist")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw WriteTargetError("\(name ?? path): \(directory) is not a directory")
        }
    }

    private static func slash(_ path: String) -> String { path.hasSuffix("/") ? path : path + "/" }
}

/// A path cos will not write to; the message names it and says why.
public struct WriteTargetError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
