import CEditLine
import CLibEdit

#if canImport(Glibc)
import Glibc
#endif

/// Reads lines on a terminal with libedit's native API: emacs keys, Ctrl-R history search, tab
/// completion through a Swift function, and a history file written after every line.
///
/// Ctrl-C at the prompt gives `.interrupted` (the shell prints a new prompt); Ctrl-D on an empty line
/// gives `.endOfFile`; Ctrl-Z then `fg`, and window resizes, leave the line as it was. Use it only
/// when standard input and output are terminals; otherwise use `PlainLineReader`.
public final class EditLineReader: LineReader {
    /// Completes the line: given the line and the cursor (in characters), what to do.
    public typealias CompletionFunction = (_ line: String, _ cursor: Int) -> LineCompletion

    private let editor: OpaquePointer
    private let libeditHistory: OpaquePointer
    private var historyFile: HistoryFile?
    private var reportedHistoryError = false
    /// The completion function; nil turns completion off.
    public var completion: CompletionFunction?

    /// Sets up libedit on the terminal. `historyPath` nil keeps history in memory only.
    /// Returns nil when libedit cannot start (no usable terminal).
    public init?(programName: String = "cos", historyPath: String? = HistoryFile.defaultPath,
                 historyLimit: Int = 10_000, completion: CompletionFunction? = nil) {
        guard let editor = cos_el_init(programName) else { return nil }
        guard let history = cos_history_init() else {
            cos_el_end(editor)
            return nil
        }
        self.editor = editor
        self.libeditHistory = history
        self.completion = completion
        cos_history_setsize(history, Int32(clamping: historyLimit))
        cos_history_setunique(history, 1)
        if let historyPath {
            let file = HistoryFile(path: historyPath, limit: historyLimit)
            for entry in file.entries { cos_history_enter(history, entry) }
            historyFile = file
        }
        cos_el_set_history(editor, history)
        cos_el_set_editor(editor, "emacs")
        cos_el_set_signal(editor, 0)
        cos_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        cos_el_addfn(editor, "cos-complete", "complete the word before the cursor", { editor, _ in
            guard let editor, let data = cos_el_clientdata(editor) else { return UInt8(CC_ERROR) }
            return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().complete()
        })
        cos_el_bind(editor, "^I", "cos-complete")
        cos_el_bind(editor, "^R", "em-inc-search-prev")
        // The user's ~/.editrc may change keys (vi mode, for one); a missing file is fine.
        el_source(editor, nil)
        // Ctrl-C, resizes and fg are handled by cos, never by libedit (see docs/libedit.md).
        cos_signals_install(1)
    }

    deinit {
        cos_el_end(editor)
        cos_history_end(libeditHistory)
    }

    /// The history, oldest first (for the `history` command).
    public var history: [String] { historyFile?.entries ?? memoryHistory }
    private var memoryHistory: [String] = []

    /// Reads one line after showing `prompt`. Invisible parts of the prompt (colour sequences) go
    /// between two `"\u{1}"` characters so libedit does not count them. A non-empty line is added to
    /// the history (and the file) before it is returned.
    public func readLine(prompt: String) -> LineEvent {
        cos_el_set_prompt(editor, prompt)
        // At the prompt, signals interrupt the read: Ctrl-C must end el_gets.
        cos_signals_interrupt_reads(1)
        cos_sigint_clear()
        defer { cos_signals_interrupt_reads(0) }
        var count: Int32 = 0
        guard let text = el_gets(editor, &count), count > 0 else {
            if cos_sigint_is_set() != 0 {
                cos_sigint_clear()
                writeOut("^C\n")
                return .interrupted
            }
            writeOut("\n")
            return .endOfFile
        }
        var line = String(cString: text)
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        remember(line)
        return .line(line)
    }

    /// Adds a line to the history (libedit's for Ctrl-R and the arrows, and the file).
    private func remember(_ line: String) {
        let entry = HistoryFile.clean(line)
        guard !entry.isEmpty else { return }
        cos_history_enter(libeditHistory, entry)
        guard historyFile != nil else {
            if memoryHistory.last != entry { memoryHistory.append(entry) }
            return
        }
        do {
            try historyFile?.add(entry)
        } catch {
            if !reportedHistoryError {
                reportedHistoryError = true
                writeError("cos: \(error)\n")
            }
        }
    }

    /// Called by libedit on TAB.
    private func complete() -> UInt8 {
        guard let completion, let info = el_line(editor), let buffer = UnsafeRawPointer(info.pointee.buffer),
              let cursorPointer = UnsafeRawPointer(info.pointee.cursor),
              let endPointer = UnsafeRawPointer(info.pointee.lastchar)
        else { return UInt8(CC_ERROR) }
        let cursorOffset = cursorPointer - buffer
        let endOffset = endPointer - buffer
        let bytes = UnsafeRawBufferPointer(start: buffer, count: max(endOffset, 0))
        let before = String(decoding: bytes[..<max(0, min(cursorOffset, bytes.count))], as: UTF8.self)
        let line = String(decoding: bytes, as: UTF8.self)
        let cursor = before.count
        let answer = completion(line, cursor)

        let characters = Array(before)
        let start = min(max(answer.replaceStart, 0), cursor)
        let current = String(characters[start...])
        switch answer.action(current: current) {
        case .none:
            return UInt8(CC_REFRESH_BEEP)
        case .replace(let text):
            // el_deletestr counts wide characters: Unicode scalars here.
            el_deletestr(editor, Int32(current.unicodeScalars.count))
            if el_insertstr(editor, text) != 0 {
                _ = current.isEmpty ? 0 : el_insertstr(editor, current)
                return UInt8(CC_REFRESH_BEEP)
            }
            return UInt8(CC_REFRESH)
        case .list:
            let size = TerminalSize.current() ?? TerminalSize(rows: 24, columns: 80)
            let lines = answer.listing(width: size.columns, maxRows: max(size.rows - 3, 3))
            writeOut("\r\n" + lines.joined(separator: "\r\n") + "\r\n")
            return UInt8(CC_REDISPLAY)
        }
    }

    private func writeOut(_ text: String) { writeAll(text, to: 1) }
    private func writeError(_ text: String) { writeAll(text, to: 2) }

    private func writeAll(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
