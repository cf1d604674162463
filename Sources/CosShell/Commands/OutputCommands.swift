import CosRender

#if canImport(Glibc)
import Glibc
#endif

/// `last` and `copy`: the last output again, in full, or on the clipboard as Markdown.
enum OutputCommands {
    static func last(_ shell: Shell, _ invocation: Invocation) throws {
        guard !shell.lastOutput.isEmpty else { throw ShellError("no output yet: last shows the output of the last command that showed something") }
        let pieces = shell.lastOutput
        shell.replaying = true
        defer { shell.replaying = false }
        // Kept again as what this command showed (so `last > FILE` then `copy` still has it).
        for text in try shell.renderLastOutput(format: nil) { shell.emit(text) }
        shell.currentOutput = pieces
    }

    /// Puts the last output on the clipboard as Markdown, through the terminal (OSC 52): it works
    /// over SSH and needs no clipboard program, but only a terminal can do it.
    static func copy(_ shell: Shell, _ invocation: Invocation) throws {
        guard !shell.lastOutput.isEmpty else { throw ShellError("nothing to copy yet: copy takes the output of the last command that showed something") }
        guard shell.output.resultsAreTerminal else {
            throw ShellError(
                "copy puts the output on the clipboard through the terminal (OSC 52), and the output here is not a terminal; "
                    + "write it to a file instead: last > answer.md")
        }
        let markdown = try shell.renderLastOutput(format: .markdown).joined(separator: "\n")
        StandardOutput.writeRaw(Clipboard.osc52(markdown), to: STDOUT_FILENO)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).count
        shell.output.message(
            "copied \(lines) line\(lines == 1 ? "" : "s") of Markdown to the clipboard (through the terminal; in tmux, set-clipboard on)")
    }
}
