#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming, byte-level reader of the contract's CSV dialect (RFC 4180 with a header row).
///
/// It reads the file in large chunks and never splits lines with String APIs: one pass over the bytes
/// with a small state machine, copying each record's field bytes into a reused buffer. Memory does not
/// grow with the file.
///
/// Dialect: UTF-8 with an optional byte-order mark; LF or CRLF line ends; `"` quoting where `""` is a
/// quote and a quoted field may hold commas and line breaks (kept as they are). Decisions where
/// RFC 4180 is silent:
/// - a blank line (no bytes at all) is skipped, wherever it is;
/// - a `"` inside an unquoted field is an ordinary character (`ab"c` is the value `ab"c`);
/// - a lone CR not followed by LF is an ordinary character.
///
/// Problems inside one record (a wrong number of fields, text after a closing quote, invalid UTF-8)
/// are reported on the record (`CSVRecord.problem`) so the caller can list every bad row; an
/// unterminated quote ends the file.
///
/// The hot stored properties here, in `CSVRecord` and in the import's `IDTable` are marked
/// `@exclusivity(unchecked)`: they are touched for every field of millions of rows, never from two
/// accesses at once (one thread, no overlapping `inout`), and the run-time check cost about a sixth of
/// the reading time.
public final class CSVReader {
    /// The name used in messages (`charge_tickets.csv`).
    public let fileName: String
    private let fd: Int32
    @exclusivity(unchecked) private var chunk: UnsafeMutableBufferPointer<UInt8>
    @exclusivity(unchecked) private var chunkCount = 0
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var atEOF = false
    @exclusivity(unchecked) private var line = 1
    @exclusivity(unchecked) private var startedFile = false
    @exclusivity(unchecked) private var bytesBeforeChunk = 0
    /// A chunk held a NUL byte: from then on each record is searched for one (`nulProblem`).
    @exclusivity(unchecked) private var sawNUL = false
    /// The file's size in bytes when it was opened.
    public let fileSize: Int

    /// Bytes of the file consumed so far (for a progress bar).
    public var bytesRead: Int { bytesBeforeChunk + position }

    /// The header's names as written (trimmed of spaces), in file order.
    public private(set) var header: [String] = []
    /// `header.count`, read for every record (a plain stored Int: reading the array was checked for
    /// exclusive access each time).
    @exclusivity(unchecked) private var headerCount = 0
    /// The record read by the last `next()`.
    public let record = CSVRecord()
    /// Called with the bytes of every buffer refill, in file order: every byte of the file exactly
    /// once (the export fingerprint digests them as they are read, with no second pass).
    public var onRead: ((UnsafeRawBufferPointer) -> Void)?

    /// Opens a file. Throws `CSVFileError` when it does not exist or cannot be read.
    public init(path: String, fileName: String, chunkSize: Int = 1 << 20) throws {
        self.fileName = fileName
        let (fd, info) = try CSVReader.openRegularFile(path, fileName: fileName)
        self.fd = fd
        fileSize = Int(info.st_size)
        chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(chunkSize, 16))
    }

    deinit {
        chunk.deallocate()
        close(fd)
    }

    /// Opens a data file for reading, refusing anything but a regular file (a symbolic link to one is
    /// fine). The file is opened non-blocking first, so that a FIFO with no writer cannot block the
    /// import before it is refused, and set back to blocking once it is known to be a regular file.
    /// A FIFO, a device (`/dev/zero` would never end) or a socket is an error naming the file.
    static func openRegularFile(_ path: String, fileName: String) throws -> (fd: Int32, info: stat) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        if fd < 0 {
            let code = errno
            if code == ENOENT {
                throw CSVFileError(file: fileName, line: nil, message: "the file is missing")
            }
            throw CSVFileError(file: fileName, line: nil, message: "cannot be read: " + String(cString: strerror(code)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw CSVFileError(file: fileName, line: nil, message: "cannot be read: " + String(cString: strerror(code)))
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            close(fd)
            throw CSVFileError(file: fileName, line: nil, message: "is a directory, not a file")
        }
        if type != S_IFREG {
            close(fd)
            throw CSVFileError(
                file: fileName, line: nil,
                message: "is \(FileKind.describe(type)), not a regular file: data files must be regular files")
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return (fd, info)
    }


    /// Reads the header row. Throws for an empty file, a header with a problem (invalid UTF-8, a bad
    /// quote) and a duplicated column name (compared case-insensitively, surrounding spaces ignored).
    ///
    /// `columns`: the names a reader looks up (a file's contract columns). When given, only those may
    /// not be named twice; any other column is ignored by the contract, so it may repeat (`notes,notes`)
    /// without making a lookup ambiguous. nil: no name may repeat.
    @discardableResult
    public func readHeader(columns: Set<String>? = nil) throws -> [String] {
        guard try next() else {
            throw CSVFileError(file: fileName, line: 1, message: "the file is empty: there is no header row")
        }
        if let problem = record.problem {
            throw CSVFileError(file: fileName, line: problem.line, message: problem.message)
        }
        var names: [String] = []
        var seen: [String: Int] = [:]
        for i in 0..<record.count {
            let name = CSVReader.normalizedName(record.string(i))
            // Columns without a name (a trailing comma in the header) are unknown columns, not duplicates.
            if !name.isEmpty, seen[name] != nil, columns.map({ $0.contains(name) }) ?? true {
                throw CSVFileError(
                    file: fileName, line: record.line,
                    message: "the header names column \(ImportProblems.quote(name)) twice")
            }
            seen[name] = i
            names.append(name)
        }
        header = names
        headerCount = names.count
        return names
    }

    /// Header names compare case-insensitively with surrounding spaces ignored.
    public static func normalizedName(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars)).lowercased()
    }

    /// The position of a header column, or nil.
    public func columnIndex(_ name: String) -> Int? {
        let wanted = CSVReader.normalizedName(name)
        return header.firstIndex(of: wanted)
    }

    private func fill() throws {
        bytesBeforeChunk += chunkCount
        position = 0
        chunkCount = 0
        guard !atEOF, let base = chunk.baseAddress else { return }
        // Once per chunk: a signal stops the import even inside one endless record.
        try ImportSignals.check()
        while true {
            let n = read(fd, base, chunk.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVFileError(
                    file: fileName, line: line, message: "cannot be read: " + String(cString: strerror(errno)))
            }
            if n == 0 { atEOF = true } else { onRead?(UnsafeRawBufferPointer(start: base, count: n)) }
            if !sawNUL, n > 0, memchr(base, 0, n) != nil { sawNUL = true }
            chunkCount = n
            return
        }
    }

    private enum State { case fieldStart, unquoted, quoted, quoteSeen }

    /// Reads the next record into `record`. Returns false at the end of the file.
    public func next() throws -> Bool {
        record.reset()
        var state = State.fieldStart
        var pendingCR = false
        var quoteLine = 0
        var highBits: UInt8 = 0
        record.line = line
        if !startedFile {
            startedFile = true
            try fill()
            // Skip a UTF-8 byte-order mark.
            if chunkCount >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { position = 3 }
        }
        while true {
            if position >= chunkCount {
                try fill()
                if chunkCount == 0 { break }
            }
            // Scan the bytes of this chunk.
            var i = position
            let end = chunkCount
            let bytes = chunk
            scan: while i < end {
                let byte = bytes[i]
                if pendingCR {
                    pendingCR = false
                    if byte != 10 { record.append(13) }
                }
                switch state {
                case .fieldStart, .unquoted:
                    if state == .fieldStart && byte == 34 {
                        state = .quoted
                        record.currentQuoted = true
                        quoteLine = line
                        i += 1
                        continue scan
                    }
                    // Copy a run of ordinary bytes at once.
                    var j = i
                    while j < end {
                        let b = bytes[j]
                        if b == 44 || b == 10 || b == 13 { break }
                        highBits |= b
                        j += 1
                    }
                    if j > i { record.append(bytes, from: i, to: j) }
                    state = .unquoted
                    i = j
                    if i >= end { break scan }
                    let b = bytes[i]
                    i += 1
                    if b == 44 {
                        record.endField()
                        state = .fieldStart
                    } else if b == 13 {
                        pendingCR = true
                    } else {
                        line += 1
                        if record.isBlank {
                            record.line = line
                            state = .fieldStart
                            continue scan
                        }
                        position = i
                        finish(highBits: highBits)
                        return true
                    }
                case .quoted:
                    var j = i
                    while j < end {
                        let b = bytes[j]
                        if b == 34 { break }
                        if b == 10 { line += 1 }
                        highBits |= b
                        j += 1
                    }
                    if j > i { record.append(bytes, from: i, to: j) }
                    i = j
                    if i < end {
                        i += 1
                        state = .quoteSeen
                    }
                case .quoteSeen:
                    i += 1
                    if byte == 34 {
                        record.append(34)
                        state = .quoted
                    } else if byte == 44 {
                        record.endField()
                        state = .fieldStart
                    } else if byte == 13 {
                        pendingCR = true
                    } else if byte == 10 {
                        line += 1
                        position = i
                        finish(highBits: highBits)
                        return true
                    } else {
                        if record.problem == nil {
                            // Named by the line where the record starts, as every problem of a
                            // record (a quoted field before it may have run over lines).
                            record.problem = CSVProblem(
                                line: record.line, message: "text after a closing quote (a quote inside a quoted field is written \"\")")
                        }
                        highBits |= byte
                        record.append(byte)
                        state = .unquoted
                    }
                }
            }
            position = i
        }
        // End of the file.
        if pendingCR && state != .quoteSeen { record.append(13) }
        if state == .quoted {
            record.problem = CSVProblem(
                line: quoteLine, message: "unterminated quote: the quoted field that starts on this line never ends")
            record.endField()
            return true
        }
        if record.isBlank && !record.currentQuoted { return false }
        finish(highBits: highBits)
        return true
    }

    private func finish(highBits: UInt8) {
        record.endField()
        if record.isTooLong, record.problem == nil {
            record.problem = CSVProblem(
                line: record.line, message: "the row is longer than \(CSVRecord.maximumBytes >> 20) MB (a quote that is never closed?)")
        }
        if highBits & 0x80 != 0, record.problem == nil, let bad = record.firstInvalidUTF8() {
            record.problem = CSVProblem(line: record.line + record.lineBreaks(before: bad), message: "invalid UTF-8")
        }
        if sawNUL, record.problem == nil { record.problem = nulProblem() }
        if headerCount > 0, record.count != headerCount, record.problem == nil {
            record.problem = CSVProblem(
                line: record.line,
                message: "the row has \(record.count) field\(record.count == 1 ? "" : "s"), the header has \(headerCount)")
        }
    }
}

extension CSVReader {
    /// A NUL byte in the record, reported with its line and column: SQLite and C strings end text at a
    /// NUL, so a value holding one would be cut silently (and two ids differing after it would clash).
    /// The contract's text is UTF-8 without NUL; `FILE:LINE: column COLUMN: value "...": ...`.
    func nulProblem() -> CSVProblem? {
        guard let offset = record.firstNUL() else { return nil }
        let field = record.field(containing: offset)
        // A header name comes from the data: its control characters are escaped as in values.
        let column = field < header.count && !header[field].isEmpty ? String(ImportProblems.quote(header[field]).dropFirst().dropLast()) : String(field + 1)
        return CSVProblem(
            line: record.line + record.lineBreaks(before: offset),
            message: "column \(column): value \(ImportProblems.quote(record.string(field))): "
                + "a NUL byte (\\0) is not allowed in a value")
    }
}

/// A problem inside one record: where and what.
public struct CSVProblem: Sendable, Equatable {
    public let line: Int
    public let message: String
}

/// A problem that makes a whole file unreadable: missing, empty, a bad header.
public struct CSVFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
