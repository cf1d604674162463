#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What kind of file a path names, in words for messages: data files must be regular files (a FIFO
/// would block the import, a device such as `/dev/zero` would never end).
public enum FileKind {
    /// `a FIFO (named pipe)`, `a character device`, ... for a `stat` file type (`st_mode & S_IFMT`).
    public static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFREG: return "a regular file"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a directory"
        case S_IFLNK: return "a symbolic link"
        default: return "a special file"
        }
    }

    /// Nil when `path` is a regular file (following symbolic links) or does not exist; else what is
    /// wrong with it, for a message (`is a FIFO (named pipe), not a regular file: ...`).
    static func notRegularFileProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        if type == S_IFREG { return nil }
        if type == S_IFDIR { return "is a directory, not a file" }
        return "is \(describe(type)), not a regular file: data files must be regular files"
    }
}
