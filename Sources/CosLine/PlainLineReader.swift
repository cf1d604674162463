import CEditLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor, a file or a string: no prompt, no echo, no editing.
///
/// Lines end at `\n`; a `\r` before it (CRLF) is dropped; a last line without a newline is still a
/// line. A UTF-8 byte-order mark at the very start is skipped, and bytes that are not UTF-8 become
/// U+FFFD. A Ctrl-C that interrupts a read gives `.interrupted`.
public final class PlainLineReader: LineReader {
    private let fileDescriptor: Int32
    private let closesDescriptor: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var atStart = true
    /// The 1-based number of the line last returned (0 before the first): for `FILE:LINE` messages.
    public private(set) var lineNumber = 0
    /// What was wrong with the line last returned, if anything: it was not UTF-8 (its bytes that are
    /// not became U+FFFD), or it was longer than `maximumLineBytes` (the rest of it, up to its line
    /// break, was read and dropped, so memory stays bounded however long a line is).
    public private(set) var lastLineProblem: LineProblem?
    /// Lines longer than this many bytes are cut there and reported (`lastLineProblem`).
    public var maximumLineBytes = Int.max

    /// Why a line read by `PlainLineReader` cannot be trusted as it is.
    public enum LineProblem: Equatable, Sendable {
        /// Byte `offset` (0-based) is the first that is not UTF-8.
        case invalidUTF8(offset: Int)
        /// The line had `bytes` bytes or more, past the limit.
        case tooLong(bytes: Int)
    }
    /// Bytes dropped from the current line past `maximumLineBytes`.
    private var droppedBytes = 0

    /// Reads from an open file descriptor (standard input by default); it is closed with the reader
    /// only when `closing`.
    public init(fileDescriptor: Int32 = 0, closing: Bool = false) {
        self.fileDescriptor = fileDescriptor
        self.closesDescriptor = closing
    }

    /// Reads the lines of `text` (for `-c` commands and tests).
    public init(text: String) {
        self.fileDescriptor = -1
        self.closesDescriptor = false
        self.buffer = Array(text.utf8)
        self.atEnd = true
    }

    /// Opens the file at `path` for reading.
    public init(path: String) throws(LineReaderError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LineReaderError(path: path, errno: errno) }
        self.fileDescriptor = descriptor
        self.closesDescriptor = true
    }

    deinit {
        if closesDescriptor { close(fileDescriptor) }
    }

    public func readLine(prompt: String) -> LineEvent {
        while true {
            if atStart { skipByteOrderMark() }
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")), !atStart {
                let line = take(upTo: newline)
                start = newline + 1
                return .line(line)
            }
            // A line past the limit keeps only its first `maximumLineBytes` bytes in memory.
            if !atStart, buffer.count - start > maximumLineBytes {
                droppedBytes += buffer.count - start - maximumLineBytes
                buffer.removeLast(buffer.count - start - maximumLineBytes)
            }
            if atEnd {
                guard start < buffer.count else { return .endOfFile }
                let line = take(upTo: buffer.count)
                start = buffer.count
                return .line(line)
            }
            switch fill() {
            case .data: continue
            case .end: atEnd = true
            case .interrupted: return .interrupted
            }
        }
    }

    /// Decides whether the input starts with a UTF-8 byte-order mark, reading no more than needed
    /// (an interactive pipe may have sent only `q\n`).
    private func skipByteOrderMark() {
        let available = buffer.count - start
        if available >= 1 && buffer[start] != 0xEF {
            atStart = false
        } else if available >= 3 {
            atStart = false
            if buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF { start += 3 }
        } else if atEnd {
            atStart = false
        }
    }

    private enum FillResult { case data, end, interrupted }

    private func fill() -> FillResult {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 65_536 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        // A Ctrl-C while waiting for input (a pipe, a slow terminal) ends the wait.
        cos_signals_interrupt_reads(1)
        defer { cos_signals_interrupt_reads(0) }
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return .data
            }
            if count == 0 { return .end }
            if errno == EINTR {
                if cos_sigint_is_set() != 0 { return .interrupted }
                continue
            }
            // A read error (EIO, EISDIR...) ends the input like an end of file.
            return .end
        }
    }

    private func take(upTo end: Int) -> String {
        var stop = end
        if stop > start && buffer[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
        lineNumber += 1
        lastLineProblem = nil
        if droppedBytes > 0 || stop - start > maximumLineBytes {
            lastLineProblem = .tooLong(bytes: stop - start + droppedBytes)
            droppedBytes = 0
            stop = min(stop, start + maximumLineBytes)
        }
        let bytes = buffer[start..<stop]
        if lastLineProblem == nil, bytes.contains(where: { $0 >= 0x80 }), String(validating: bytes, as: UTF8.self) == nil {
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            var offset = 0
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput: break decoding
                case .error:
                    lastLineProblem = .invalidUTF8(offset: offset)
                    break decoding
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A file that could not be opened for reading.
public struct LineReaderError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let errno: Int32

    public var description: String { "\(path): \(String(cString: strerror(errno)))" }
}

