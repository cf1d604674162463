#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Temporary files for sorted runs, in one directory (beside the store being written). Each file is
/// unlinked as soon as it is created, so nothing is left behind whatever happens to the process.
final class ScratchSpace: @unchecked Sendable {
    let directory: String

    init(directory: String) { self.directory = directory }

    /// A new empty file, already unlinked: its descriptor.
    func file() throws -> Int32 {
        var template = Array((directory + "/.cos-import-run-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        if fd < 0 {
            throw ImportError.failed("\(directory): cannot create a temporary file: " + String(cString: strerror(errno)))
        }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        return fd
    }
}

/// Appends bytes to a scratch file through a buffer.
final class RunWriter {
    let fd: Int32
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    @exclusivity(unchecked) private var used = 0
    @exclusivity(unchecked) private(set) var written = 0

    init(scratch: ScratchSpace, bufferSize: Int = 1 << 20) throws {
        fd = try scratch.file()
        capacity = bufferSize
        buffer = .allocate(capacity: bufferSize)
    }

    deinit { buffer.deallocate() }

    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        if used + bytes.count > capacity { try flush() }
        if bytes.count > capacity {
            try writeAll(bytes)
            return
        }
        if let base = bytes.baseAddress { (buffer + used).update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        used += bytes.count
    }

    @inline(__always)
    func append<T>(value: T) throws {
        var value = value
        try withUnsafeBytes(of: &value) { try append($0) }
    }

    func flush() throws {
        try writeAll(UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw ImportError.failed("cannot write a temporary file: " + String(cString: strerror(errno)))
            }
            offset += n
        }
        written += bytes.count
    }

    /// Flushes and hands the file over for reading from its start.
    func finish() throws -> RunReader {
        try flush()
        return try RunReader(fd: fd, length: written)
    }
}

/// Reads a scratch file from its start through a buffer; closes it when done.
final class RunReader {
    private let fd: Int32
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var fileOffset = 0
    private let length: Int

    init(fd: Int32, length: Int, bufferSize: Int = 1 << 17) throws {
        self.fd = fd
        self.length = length
        capacity = bufferSize
        buffer = .allocate(capacity: bufferSize)
    }

    deinit {
        buffer.deallocate()
        close(fd)
    }

    var atEnd: Bool { start == end && fileOffset == length }

    /// Makes at least `count` bytes available (fewer only at the end of the file); returns how many.
    @inline(__always)
    func ensure(_ count: Int) throws -> Int {
        if end - start >= count { return end - start }
        return try refill(count)
    }

    private func refill(_ count: Int) throws -> Int {
        let left = end - start
        if count > capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
            bigger.update(from: buffer + start, count: left)
            buffer.deallocate()
            buffer = bigger
            return try refillInto(capacity: count, left: left)
        }
        if start > 0 { (buffer).update(from: buffer + start, count: left) }
        return try refillInto(capacity: capacity, left: left)
    }

    private func refillInto(capacity: Int, left: Int) throws -> Int {
        start = 0
        end = left
        let size = max(capacity, self.capacity)
        while end < size, fileOffset < length {
            let n = pread(fd, buffer + end, min(size - end, length - fileOffset), off_t(fileOffset))
            if n < 0 {
                if errno == EINTR { continue }
                throw ImportError.failed("cannot read a temporary file: " + String(cString: strerror(errno)))
            }
            if n == 0 { break }
            end += n
            fileOffset += n
        }
        return end - start
    }

    /// The available bytes from the read position.
    @inline(__always)
    var bytes: UnsafeMutablePointer<UInt8> { buffer + start }

    @inline(__always)
    func skip(_ count: Int) { start += count }
}
