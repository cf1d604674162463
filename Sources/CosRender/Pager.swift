#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Long output through `$PAGER` (default `less -FRSX`), as psql does: only on a terminal, only when
/// the text is taller than the screen, never when the pager is switched off; when the pager cannot be
/// started the text is printed directly.
public enum Pager {
    /// `less -FRSX`: quit if one screen, keep colours, chop long lines, leave the screen as it was.
    public static let defaultCommand = "less -FRSX"

    /// `$PAGER` when set and not blank, else `less -FRSX`.
    public static func command(environment: [String: String]) -> String {
        if let pager = environment["PAGER"], pager.contains(where: { $0 != " " }) { return pager }
        return defaultCommand
    }

    /// Whether `text` should go through the pager: paging on, output on a terminal of known height,
    /// and more lines than fit (one row is kept for the prompt).
    public static func shouldPage(_ text: String, terminal: TerminalInfo, enabled: Bool) -> Bool {
        guard enabled, terminal.isTerminal, let height = terminal.height, height > 0 else { return false }
        var lines = 0
        for byte in text.utf8 where byte == UInt8(ascii: "\n") {
            lines += 1
            if lines >= height { return true }
        }
        return false
    }

    /// Runs `command` through `/bin/sh -c` (popen) with `text` on its input and waits for it. Returns
    /// false when it could not be started or the shell could not find or run it (exit status 126 or
    /// 127), so that the caller prints the text itself.
    @discardableResult
    public static func page(_ text: String, command: String) -> Bool {
        // Anything buffered by stdio goes out before the pager takes the screen.
        fflush(nil)
        // A pager quit before reading everything closes the pipe; that must not kill the shell.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        guard let pipe = popen(command, "w") else { return false }
        var bytes = Array(text.utf8)
        var written = 0
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while written < buffer.count {
                let count = fwrite(base + written, 1, buffer.count - written, pipe)
                if count <= 0 { break }
                written += count
            }
        }
        bytes.removeAll()
        let status = pclose(pipe)
        // -1 comes from a last flush into a pipe the pager already closed (the user quit early): the
        // pager ran, so the text must not be printed a second time.
        if status == -1 { return true }
        let exitCode = (status >> 8) & 0xFF
        return !(exitCode == 126 || exitCode == 127)
    }
}
