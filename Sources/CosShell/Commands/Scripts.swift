import CosCommand
import CosStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `source`, `save`, `history`, `help`, `quit`.
enum Scripts {
    static func source(_ shell: Shell, _ invocation: Invocation) throws {
        let path = invocation.argument("FILE") ?? ""
        guard shell.sourceDepth < Shell.sourceDepthLimit else {
            throw ShellError("source: scripts nest at most \(Shell.sourceDepthLimit) deep (does \(path) source itself?)")
        }
        let script = try openScript(path, column: invocation.column(of: "FILE"))
        shell.sourceDepth += 1
        defer { shell.sourceDepth -= 1 }
        switch shell.run(script: script) {
        case .done: return
        case .quit: throw QuitRequest()
        case .interrupted: throw InterruptedError()
        case .failed: throw ShellError.reported
        }
    }

    /// A script file opened for reading line by line as `source` and `-f` run it: a regular file, or
    /// a pipe (`cos -f <(make-script)`, a FIFO), so a script is never read whole before it runs and
    /// a line that is not UTF-8 or too long is an error on its own line. A directory or a device
    /// (`/dev/zero` would never end) is refused with a message naming it.
    static func openScript(_ path: String, column: Int?) throws -> ScriptInput {
        let descriptor = open(expandHome(path), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw ShellError("cannot read \(path): \(reason)", column: column)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw ShellError("cannot read \(path): \(reason)", column: column)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO, S_IFSOCK:
            return ScriptInput(name: path, readingFrom: descriptor, closing: true)
        case S_IFDIR:
            close(descriptor)
            throw ShellError("\(path) is a directory, not a script", column: column)
        default:
            close(descriptor)
            throw ShellError("\(path) is a device, not a script", column: column)
        }
    }

    static func expandHome(_ path: String) -> String {
        if path == "~" || path.hasPrefix("~/") {
            return NSHomeDirectory() + path.dropFirst()
        }
        return path
    }

    static func save(_ shell: Shell, _ invocation: Invocation) throws {
        let path = invocation.argument("FILE") ?? ""
        var lines = [
            "#!/usr/bin/env -S cos -f",
            "# Saved by cos: the commands of a session, with the as-of date and period it started with,",
            "# so that running it again gives the same answer.",
        ]
        if let source = shell.sourceDescription { lines.append("# Data: \(source)") }
        lines += [
            "as-of \(shell.startSettings.asOf)",
            "period \(shell.startSettings.period)",
        ]
        if let fingerprint = shell.data.fingerprint {
            // A replay on other data warns (fails under --strict): the answer would not be the same.
            lines.insert("# Saved on the data \(shell.data.name.replacingAll("\n", with: " ")).", at: 3)
            lines.append("expect-data \(fingerprint)")
        }
        lines += shell.journal
        let text = lines.joined(separator: "\n") + "\n"
        do {
            // Only a new path or a regular file; every write checked (WriteTarget).
            try WriteTarget.write(text, toFile: expandHome(path))
        } catch let error as WriteTargetError {
            throw ShellError(error.message, column: invocation.column(of: "FILE"))
        }
        shell.say("saved \(shell.journal.count) command\(shell.journal.count == 1 ? "" : "s") to \(path)", command: invocation.text)
    }

    static func history(_ shell: Shell, _ invocation: Invocation) throws {
        let limit = try Views.number(invocation, flag: "limit", default: nil)
        let all = shell.typed.enumerated().map { (index: $0.offset + 1, line: $0.element) }
        let shown = limit.map { Array(all.suffix($0)) } ?? all
        let width = String(all.count).count
        let text = shown.map { String(repeating: " ", count: width - String($0.index).count) + "\($0.index)  \($0.line)" }
        shell.say(text.joined(separator: "\n"), command: invocation.text)
    }

    static func help(_ shell: Shell, _ invocation: Invocation) throws {
        if let name = invocation.argument("COMMAND") {
            guard let spec = CommandParser.spec(named: name, in: CommandTable.specs) else {
                let hint = suggest(for: name, among: CommandTable.specs.flatMap(\.allNames), limit: 1).first
                    .map { "; did you mean \"\($0)\"?" } ?? ""
                throw ShellError("no command \"\(name)\"\(hint) (help lists them)", column: invocation.column(of: "COMMAND"))
            }
            shell.say(spec.helpText, command: invocation.text)
            return
        }
        let width = CommandTable.specs.map { $0.name.count }.max() ?? 0
        var lines = CommandTable.specs.map { spec in
            "  " + spec.name + String(repeating: " ", count: width - spec.name.count + 2) + spec.summary
        }
        lines.insert("Commands (help COMMAND explains one):", at: 0)
        lines.append("")
        lines.append("Several commands on a line are separated by ;  # starts a comment.")
        lines.append("COMMAND > FILE writes its output to FILE (>> adds to it); last shows it again, copy copies it.")
        lines.append("Tab completes commands, flags, organization names and paths.")
        shell.say(lines.joined(separator: "\n"), command: invocation.text)
    }

    static func quit(_ shell: Shell, _ invocation: Invocation) throws {
        throw QuitRequest()
    }
}
