import CosCommand
import CosRender
import CosStore
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

/// Writing the file of `> FILE` and `>> FILE` by the same rule as every file cos writes
/// (`WriteTarget`, issue 12): a new path in an existing directory, or a regular file (a symbolic link
/// to one writes that file); never a directory, device, FIFO or socket; every write checked. `>`
/// replaces the file as `WriteTarget.write` does (a temporary file renamed over it, so a failure
/// leaves it as it was); `>>` adds to its end.
enum OutputFile {
    /// Refuses a target `WriteTarget` refuses, before anything runs.
    static func checkTarget(_ path: String) throws {
        do { try WriteTarget.checkFile(path) } catch let error as WriteTargetError { throw ShellError(error.message) }
    }

    static func write(_ text: String, to path: String, named name: String, append: Bool) throws {
        guard append else {
            do { try WriteTarget.write(text, toFile: path) } catch let error as WriteTargetError { throw ShellError(error.message) }
            return
        }
        let target: String
        do { target = try WriteTarget.checkFile(path) } catch let error as WriteTargetError { throw ShellError(error.message) }
        // The file checked above is opened without blocking (a FIFO swapped in meanwhile would make
        // open wait) and checked again once open.
        let descriptor = open(target, O_WRONLY | O_CREAT | O_APPEND | O_NONBLOCK | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw ShellError("\(name): \(String(cString: strerror(errno))): nothing was written") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw ShellError("\(name): is not a regular file: nothing was written")
        }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw ShellError("\(name): \(String(cString: strerror(errno))) after \(offset) of \(bytes.count) bytes")
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
