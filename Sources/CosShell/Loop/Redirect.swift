import CosCommand
import CosRender
import CosView
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where one command's output goes with `COMMAND > FILE` or `>> FILE`, as psql's `\o` and DuckDB's
/// `.once`: the rendered output is kept and written when the command has succeeded, so a failed
/// command leaves the file as it was. The format follows the file's extension (`.json`, `.csv`,
/// `.md`), else the `format` setting; a file never gets colour, a pager or a screenful.
final class RedirectTarget {
    /// The file as typed (messages name it so).
    let path: String
    let append: Bool
    /// The format its extension asks for, if any.
    let format: OutputFormat?
    private(set) var text = ""

    init(path: String, append: Bool) {
        self.path = path
        self.append = append
        self.format = RedirectTarget.format(forExtensionOf: path)
    }

    /// `.json` is JSON, `.csv` CSV, `.md` and `.markdown` Markdown (any case); anything else nil.
    static func format(forExtensionOf path: String) -> OutputFormat? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "json": return .json
        case "csv": return .csv
        case "md", "markdown": return .markdown
        default: return nil
        }
    }

    func add(_ piece: String) {
        text += piece.hasSuffix("\n") ? piece : piece + "\n"
    }

    /// Writes what the command produced.
    func write() throws {
        try OutputFile.write(text, to: Scripts.expandHome(path), named: path, append: append)
    }
}

/// Writing a file cos was asked to write (`> FILE`, `>> FILE`): only a regular file or a new path,
/// never through a symbolic link, never a device, FIFO or directory; every write checked.
///
/// This is the one place the shell's redirections open files. (`save` writes its script with
/// Foundation's atomic write; the shared "safe target" check of issue 12 can replace `checkTarget`
/// here when it lands.)
enum OutputFile {
    /// Refuses a target that is not a regular file or a new path, before anything runs.
    static func checkTarget(_ path: String, named name: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            guard errno == ENOENT else { throw ShellError("cannot write \(name): \(String(cString: strerror(errno)))") }
            // A new file: its directory must be there.
            let directory = (path as NSString).deletingLastPathComponent
            var isDirectory: ObjCBool = false
            guard directory.isEmpty || (FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue)
            else { throw ShellError("cannot write \(name): there is no directory \(directory)") }
            return
        }
        try checkKind(status.st_mode, named: name)
    }

    private static func checkKind(_ mode: mode_t, named name: String) throws {
        switch mode & S_IFMT {
        case S_IFREG: return
        case S_IFLNK: throw ShellError("will not write \(name): it is a symbolic link (name the file itself)")
        case S_IFDIR: throw ShellError("cannot write \(name): it is a directory")
        case S_IFIFO: throw ShellError("will not write \(name): it is a FIFO, not a regular file")
        case S_IFCHR, S_IFBLK: throw ShellError("will not write \(name): it is a device, not a regular file")
        default: throw ShellError("will not write \(name): it is not a regular file")
        }
    }

    /// Writes `text` to `path` (replacing the file, or at its end with `append`), mode 0644 for a
    /// new file. The file is opened without following a link and checked again once open, so it
    /// cannot be swapped for a link or device in between.
    static func write(_ text: String, to path: String, named name: String, append: Bool) throws {
        try checkTarget(path, named: name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | (append ? O_APPEND : 0), 0o644)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw ShellError("will not write \(name): it is a symbolic link (name the file itself)") }
            throw ShellError("cannot write \(name): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ShellError("cannot write \(name): \(String(cString: strerror(errno)))") }
        try checkKind(status.st_mode, named: name)
        if !append, ftruncate(descriptor, 0) != 0 {
            throw ShellError("cannot write \(name): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw ShellError("cannot write \(name): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}

/// One piece of a command's output, kept so that `last` can show it again and `copy` can put it on
/// the clipboard as Markdown.
enum OutputPiece {
    case view(View, command: String, rowLimit: Int?)
    case message(String, command: String)
    case list([String], title: String?, command: String)
}

/// `copy`: text on the terminal's clipboard through OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`), which
/// terminals (xterm, iTerm2, kitty, WezTerm, Windows Terminal, tmux with `set-clipboard on`) honour,
/// also over SSH.
enum Clipboard {
    static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }
}
