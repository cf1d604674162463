import CosRender
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where the shell writes: results to standard output, messages to standard error.
///
/// Transcript tests use a `CapturedOutput` that interleaves both, so each error stands under the
/// command that made it, as in psql's regression files.
///
/// Results are rendered text (the renderers made their data safe for a terminal already). Messages go
/// through `message`, which shows control characters as visible escapes (`TerminalSafeText`) before
/// `writeMessage` writes them: errors echo what was typed and what the data holds.
public protocol ShellOutput: AnyObject {
    /// A command's result (a rendered view, a list).
    func result(_ text: String)
    /// Writes a message on standard error as it is: text made safe already (`message` does that; an
    /// error rendered with colour by `Renderer.renderError` comes here directly).
    func writeMessage(_ text: String)
    /// True when results go to a terminal (colour, pager and prompts depend on it).
    var resultsAreTerminal: Bool { get }
    /// True once results can no longer be written (a write error, or the reader closed the pipe):
    /// scripts and the prompt stop reading commands.
    var isBroken: Bool { get }
}

extension ShellOutput {
    /// A message for the user on standard error (errors, "interrupted", warnings, the banner): control
    /// characters shown as visible escapes, line breaks kept.
    public func message(_ text: String) { writeMessage(TerminalSafeText.message(text)) }

    public var isBroken: Bool { false }
}

/// The process's standard output and standard error.
public final class StandardOutput: ShellOutput {
    public init() {}

    /// Rendered text, written as it is (the renderers made the data in it safe; CSV keeps its bytes).
    public func result(_ text: String) { Self.writeRaw(text.hasSuffix("\n") ? text : text + "\n", to: STDOUT_FILENO) }
    public func writeMessage(_ text: String) { Self.writeRaw(text.hasSuffix("\n") ? text : text + "\n", to: STDERR_FILENO) }
    public var resultsAreTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    public var isBroken: Bool { Self.failure.load(ordering: .relaxed) != 0 || Self.closed.load(ordering: .relaxed) }

    /// The first error writing standard output (an errno: ENOSPC, EIO, EFBIG...), 0 for none. A
    /// closed pipe (EPIPE) is not a failure: `closed` is set and nothing more is written, quietly.
    static let failure = Atomic<Int32>(0)
    static let closed = Atomic<Bool>(false)

    /// The program's exit status once it is done: `status`, or 1 after one message when standard
    /// output could not be written (a full disk, `/dev/full`, an I/O error).
    static func finalStatus(_ status: Int32) -> Int32 {
        let code = failure.load(ordering: .relaxed)
        guard code != 0 else { return status }
        writeRaw("cos: cannot write to standard output: \(String(cString: strerror(code)))\n", to: STDERR_FILENO)
        return 1
    }

    /// Writes the text and a final newline if it lacks one; control characters (from paths, arguments
    /// or data in a message) are shown as visible escapes, line breaks kept.
    static func write(_ text: String, to descriptor: Int32) {
        let safe = TerminalSafeText.message(text)
        writeRaw(safe.hasSuffix("\n") ? safe : safe + "\n", to: descriptor)
    }

    /// Writes all bytes, retrying on EINTR and waiting when the descriptor is non-blocking and full.
    /// On standard output, an error is recorded (`failure`, reported once by `finalStatus`) and a
    /// closed pipe ends the writing quietly (`closed`); after either nothing more is written there.
    /// Errors on standard error cannot be reported anywhere and are ignored.
    static func writeRaw(_ text: String, to descriptor: Int32) {
        if descriptor == STDOUT_FILENO, failure.load(ordering: .relaxed) != 0 || closed.load(ordering: .relaxed) { return }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&poller, 1, -1)
                    continue
                }
                if descriptor == STDOUT_FILENO {
                    if code == EPIPE {
                        closed.store(true, ordering: .relaxed)
                    } else {
                        _ = failure.compareExchange(expected: 0, desired: code, ordering: .relaxed)
                    }
                }
                return
            }
            offset += written
        }
    }
}

/// Output kept in memory, results and messages interleaved in order: for tests.
public final class CapturedOutput: ShellOutput {
    public private(set) var text = ""
    public init() {}

    public func result(_ text: String) { append(text) }
    public func writeMessage(_ text: String) { append(text) }
    public var resultsAreTerminal: Bool { false }

    private func append(_ piece: String) {
        text += piece
        if !piece.hasSuffix("\n") { text += "\n" }
    }
}
