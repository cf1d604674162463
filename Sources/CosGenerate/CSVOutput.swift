#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One CSV file being written: rows are appended as bytes to a large buffer that is written to the
/// file in big chunks.
///
/// Tens of millions of rows go through here, so nothing is built as a `String` per row: numbers, dates
/// and timestamps are written digit by digit, and only free text goes through RFC 4180 quoting.
final class CSVOutput {
    let path: String
    private let descriptor: Int32
    private let capacity: Int
    private let storage: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var failed: GenerateError?
    /// Data rows written (the header is not counted).
    private(set) var rows = 0
    /// Bytes handed to the file so far plus those still buffered.
    var bytes: Int { flushedBytes + count }
    private var flushedBytes = 0

    /// Creates (or truncates) the file and writes the header row.
    init(path: String, header: [String], capacity: Int = 1 << 22) throws(GenerateError) {
        self.path = path
        self.capacity = capacity
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw GenerateError.cannotWrite(path: path, reason: CSVOutput.errorText()) }
        descriptor = fd
        storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        for (index, name) in header.enumerated() {
            if index > 0 { comma() }
            text(name)
        }
        newline()
    }

    deinit {
        storage.deallocate()
        if descriptor >= 0 { close(descriptor) }
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }

    // MARK: Rows

    /// Ends a data row.
    @inline(__always) func endRow() {
        newline()
        rows += 1
    }

    @inline(__always) func comma() { byte(UInt8(ascii: ",")) }

    @inline(__always) private func newline() {
        byte(UInt8(ascii: "\n"))
        if count > capacity - 65_536 { flush() }
    }

    @inline(__always) func byte(_ value: UInt8) {
        if count == capacity { flush() }
        storage[count] = value
        count += 1
    }

    /// Bytes written as they are (ids and other text known to need no quoting).
    func raw(_ value: [UInt8]) {
        if count + value.count > capacity { flush() }
        if value.count > capacity {
            value.withUnsafeBufferPointer { writeAll($0) }
            flushedBytes += value.count
            return
        }
        value.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { (storage + count).update(from: base, count: source.count) }
        }
        count += value.count
    }

    /// Text written as it is, without quoting.
    func text(_ value: String) {
        var value = value
        value.withUTF8 { source in
            if count + source.count > capacity { flush() }
            if source.count > capacity {
                writeAll(source)
                flushedBytes += source.count
                return
            }
            if let base = source.baseAddress { (storage + count).update(from: base, count: source.count) }
            count += source.count
        }
    }

    /// Free text as one RFC 4180 field: wrapped in quotes, with quotes doubled, when it holds a comma,
    /// a quote or a line break.
    func field(_ value: String) {
        let needsQuotes = value.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            text(value)
            return
        }
        byte(34)
        for unit in value.utf8 {
            if unit == 34 { byte(34) }
            byte(unit)
        }
        byte(34)
    }

    /// A non-negative or negative whole number.
    func int(_ value: Int) {
        if value < 0 {
            byte(UInt8(ascii: "-"))
            unsignedDigits(UInt64(value.magnitude), width: 1)
        } else {
            unsignedDigits(UInt64(value), width: 1)
        }
    }

    /// A whole number padded with zeros to `width` digits.
    func padded(_ value: Int, width: Int) {
        unsignedDigits(UInt64(max(0, value)), width: width)
    }

    @inline(__always) private func unsignedDigits(_ value: UInt64, width: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[n] = UInt8(48 + rest % 10)
                rest /= 10
                n += 1
            } while rest > 0
            while n < width && n < 20 {
                buffer[n] = 48
                n += 1
            }
            if count + n > capacity { flush() }
            for index in stride(from: n - 1, through: 0, by: -1) {
                storage[count] = buffer[index]
                count += 1
            }
        }
    }

    /// A decimal held in millionths, with at least `minimumFractionDigits` fractional digits and no
    /// trailing zeros beyond them: `decimal(12_500_000, minimumFractionDigits: 2)` is `12.50`.
    func decimal(micros: Int64, minimumFractionDigits: Int = 0) {
        if micros < 0 { byte(UInt8(ascii: "-")) }
        let magnitude = micros.magnitude
        unsignedDigits(magnitude / 1_000_000, width: 1)
        var fraction = magnitude % 1_000_000
        var digits = 6
        while digits > minimumFractionDigits && fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        if digits > 0 {
            byte(UInt8(ascii: "."))
            unsignedDigits(fraction, width: digits)
        }
    }

    /// `YYYY-MM-DD`.
    func date(_ year: Int, _ month: Int, _ day: Int) {
        unsignedDigits(UInt64(year), width: 4)
        byte(UInt8(ascii: "-"))
        unsignedDigits(UInt64(month), width: 2)
        byte(UInt8(ascii: "-"))
        unsignedDigits(UInt64(day), width: 2)
    }

    // MARK: Output

    /// Writes the buffered bytes to the file.
    func flush() {
        guard count > 0 else { return }
        writeAll(UnsafeBufferPointer(start: storage, count: count))
        flushedBytes += count
        count = 0
    }

    private func writeAll(_ source: UnsafeBufferPointer<UInt8>) {
        guard failed == nil, let base = source.baseAddress else { return }
        var offset = 0
        while offset < source.count {
            let written = write(descriptor, base + offset, source.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failed = GenerateError.cannotWrite(path: path, reason: CSVOutput.errorText())
                return
            }
            offset += written
        }
    }

    /// Flushes what is left and reports the first write error, if any.
    func finish() throws(GenerateError) {
        flush()
        if let failed { throw failed }
    }
}
