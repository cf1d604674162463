import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The command history kept in a plain text file, one command per line (`~/.cos_history`).
///
/// Kept in Swift rather than with libedit's H_SAVE, whose file encodes spaces as `\040`: this file
/// stays readable and greppable, and its rules are tested without a terminal. The file is written
/// after every command, with mode 0600 (history can hold customer names); lines are trimmed; a line
/// equal to the one before it is not added; only the last `limit` lines are kept.
public struct HistoryFile: Sendable {
    /// Where the history lives.
    public let path: String
    /// The most lines kept.
    public let limit: Int
    /// The commands, oldest first.
    public private(set) var entries: [String]

    /// `$HOME/.cos_history`.
    public static var defaultPath: String {
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        return (home as NSString).appendingPathComponent(".cos_history")
    }

    /// Loads the history at `path`; a missing file is an empty history.
    public init(path: String = HistoryFile.defaultPath, limit: Int = 10_000) {
        self.path = path
        self.limit = max(limit, 1)
        self.entries = []
        guard let data = FileManager.default.contents(atPath: path) else { return }
        // Read as bytes: Foundation's trimming of 10,000 lines would cost more than the rest of the
        // start-up. The file holds trimmed lines already; only ASCII blanks are trimmed here.
        var loaded: [String] = []
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var lineStart = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
                var start = lineStart, end = index
                lineStart = index + 1
                while start < end && Self.isBlank(bytes[start]) { start += 1 }
                while end > start && Self.isBlank(bytes[end - 1]) { end -= 1 }
                guard start < end else { continue }
                let entry = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                // libedit's own files start with this marker; a history shared with one loses nothing else.
                if entry == "_HiStOrY_V2_" || entry == loaded.last { continue }
                loaded.append(entry)
            }
        }
        entries = Array(loaded.suffix(self.limit))
    }

    /// Adds a command and writes the file. Returns false when the line is not added (empty, or the
    /// same as the last one). Throws when the file cannot be written (the entry is kept in memory).
    @discardableResult
    public mutating func add(_ line: String) throws(HistoryError) -> Bool {
        let entry = Self.clean(line)
        guard !entry.isEmpty, entry != entries.last else { return false }
        entries.append(entry)
        if entries.count > limit {
            entries.removeFirst(entries.count - limit)
            try rewrite()
        } else {
            try append(entry)
        }
        return true
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// Trimmed, on one line (a pasted line break would split the entry in the file).
    static func clean(_ line: String) -> String {
        line.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }

    private func append(_ entry: String) throws(HistoryError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw HistoryError(path: path, errno: errno) }
        defer { close(descriptor) }
        // An existing file made with a wider mode is narrowed too.
        guard fchmod(descriptor, 0o600) == 0 else { throw HistoryError(path: path, errno: errno) }
        try write(Array((entry + "\n").utf8), to: descriptor)
    }

    /// Writes the whole history to a temporary file and renames it over the old one, so a crash never
    /// leaves half a history.
    private func rewrite() throws(HistoryError) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw HistoryError(path: temporary, errno: errno) }
        do throws(HistoryError) {
            guard fchmod(descriptor, 0o600) == 0 else { throw HistoryError(path: temporary, errno: errno) }
            try write(Array(entries.map { $0 + "\n" }.joined().utf8), to: descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw HistoryError(path: path, errno: code)
        }
    }

    private func write(_ bytes: [UInt8], to descriptor: Int32) throws(HistoryError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw HistoryError(path: path, errno: errno)
            }
            offset += written
        }
    }
}

/// The history file could not be written.
public struct HistoryError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let errno: Int32

    public var description: String { "cannot write history to \(path): \(String(cString: strerror(errno)))" }
}
