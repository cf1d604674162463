/// Rows for `COPY table (columns) FROM STDIN` in PostgreSQL's text format, written into a buffer that is
/// sent to the server whenever it fills: tabs between fields, a newline after each row, `\N` for NULL,
/// and backslash escapes for a backslash, tab, newline or carriage return inside a text value.
///
/// The buffer has a fixed size, so memory does not grow with the number of rows.
public final class CopyWriter {
    private let connection: PostgresConnection
    private var buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    @exclusivity(unchecked) private var used = 0
    @exclusivity(unchecked) private var fieldsInRow = 0
    public private(set) var rows = 0

    /// Starts `COPY table(columns) FROM STDIN` (with `FREEZE` when the table was created in this
    /// transaction: the rows need no later visibility work, and index-only scans work at once).
    public init(connection: PostgresConnection, table: String, columns: [String], freeze: Bool, capacity: Int = 1 << 18) throws {
        self.connection = connection
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
        do {
            try connection.beginCopy(
                "COPY \(table) (" + columns.joined(separator: ", ") + ") FROM STDIN" + (freeze ? " WITH (FREEZE)" : ""))
        } catch {
            buffer.deallocate()
            throw error
        }
    }

    deinit { buffer.deallocate() }

    @inline(__always)
    private func separate() throws {
        if used + 64 > capacity { try flush() }
        if fieldsInRow > 0 {
            buffer[used] = 0x09
            used += 1
        }
        fieldsInRow += 1
    }

    @inline(__always)
    public func integer(_ value: Int64) throws {
        try separate()
        var v = value
        if v == 0 {
            buffer[used] = 0x30
            used += 1
            return
        }
        if v < 0 {
            buffer[used] = 0x2D
            used += 1
        }
        // Digits backwards into a small scratch area at the end of this field's room.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            while v != 0 {
                let digit = v % 10
                scratch[count] = UInt8(48 + (digit < 0 ? -digit : digit))
                count += 1
                v /= 10
            }
            for i in 0..<count { buffer[used + i] = scratch[count - 1 - i] }
        }
        used += count
    }

    @inline(__always)
    public func optionalInteger(_ value: Int64?) throws {
        if let value { try integer(value) } else { try null() }
    }

    public func null() throws {
        try separate()
        buffer[used] = 0x5C
        buffer[used + 1] = 0x4E
        used += 2
    }

    /// A text value from its UTF-8 bytes, escaped as COPY's text format requires.
    public func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try separate()
        for byte in bytes {
            if used + 2 > capacity { try flush() }
            switch byte {
            case 0x5C:
                buffer[used] = 0x5C
                buffer[used + 1] = 0x5C
                used += 2
            case 0x09:
                buffer[used] = 0x5C
                buffer[used + 1] = 0x74
                used += 2
            case 0x0A:
                buffer[used] = 0x5C
                buffer[used + 1] = 0x6E
                used += 2
            case 0x0D:
                buffer[used] = 0x5C
                buffer[used + 1] = 0x72
                used += 2
            default:
                buffer[used] = byte
                used += 1
            }
        }
    }

    public func text(_ value: String) throws {
        var value = value
        try value.withUTF8 { try text($0) }
    }

    public func optionalText(_ value: String?) throws {
        if let value { try text(value) } else { try null() }
    }

    /// Ends the row.
    @inline(__always)
    public func endRow() throws {
        if used + 1 > capacity { try flush() }
        buffer[used] = 0x0A
        used += 1
        fieldsInRow = 0
        rows += 1
    }

    private func flush() throws {
        guard used > 0 else { return }
        try connection.putCopyData(UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
    }

    /// Sends what is left and ends the COPY; the server's verdict (a bad row) is thrown here.
    public func finish() throws {
        try flush()
        try connection.endCopy()
    }

    /// Abandons the COPY (the transaction is then rolled back by the caller).
    public func abort(_ reason: String) {
        try? connection.endCopy(failure: reason)
    }
}
