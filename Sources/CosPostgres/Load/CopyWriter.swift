/// Rows for `COPY table (columns) FROM STDIN`, written into a buffer that is sent to the server
/// whenever it fills, in one of PostgreSQL's two formats:
/// - **text**: tabs between fields, a newline after each row, `\N` for NULL, and backslash escapes for
///   a backslash, tab, newline or carriage return inside a text value;
/// - **binary** (`columnTypes` given): per row the field count, per field its length (-1 for NULL) and
///   its bytes: an `integer` as 4 bytes and a `bigint` as 8, big-endian, a text as its UTF-8 bytes.
///   The server reads it without parsing digits or escapes: the bulk of an import (integers, mostly)
///   costs the server about a tenth less than the text format, and the client less too.
///
/// The buffer has a fixed size, so memory does not grow with the number of rows.
public final class CopyWriter {
    /// A column's type in the binary format (`PostgresLayout.type`).
    public enum ColumnType: Sendable {
        case int4, int8, text
    }

    private let connection: PostgresConnection
    private var buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    @exclusivity(unchecked) private var used = 0
    @exclusivity(unchecked) private var fieldsInRow = 0
    public private(set) var rows = 0
    /// The columns' types when the format is binary; nil for text.
    private let types: [ColumnType]?
    private let table: String
    private let columns: [String]

    /// Starts `COPY table(columns) FROM STDIN` (with `FREEZE` when the table was created in this
    /// transaction: the rows need no later visibility work, and index-only scans work at once), in the
    /// binary format when `columnTypes` (one per column) is given, else in the text format.
    public init(
        connection: PostgresConnection, table: String, columns: [String], freeze: Bool, columnTypes: [ColumnType]? = nil,
        capacity: Int = 1 << 18
    ) throws {
        self.connection = connection
        self.capacity = capacity
        self.table = table
        self.columns = columns
        if let columnTypes, columnTypes.count != columns.count {
            throw PostgresError(kind: .query, sqlState: nil, message: "COPY \(table): \(columnTypes.count) types for \(columns.count) columns")
        }
        types = columnTypes
        buffer = .allocate(capacity: capacity)
        var options: [String] = []
        if columnTypes != nil { options.append("FORMAT binary") }
        if freeze { options.append("FREEZE") }
        do {
            try connection.beginCopy(
                "COPY \(table) (" + columns.joined(separator: ", ") + ") FROM STDIN"
                    + (options.isEmpty ? "" : " WITH (" + options.joined(separator: ", ") + ")"))
        } catch {
            buffer.deallocate()
            throw error
        }
        if columnTypes != nil {
            // The header: signature, flags (none), header extension length (none).
            let signature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]
            for byte in signature { append(byte) }
            append32(0)
            append32(0)
        }
    }

    /// The type of the current field (binary), or nil (text, or more fields than columns).
    @inline(__always)
    private var fieldType: ColumnType? {
        guard let types, fieldsInRow < types.count else { return nil }
        return types[fieldsInRow]
    }

    @inline(__always)
    private func append(_ byte: UInt8) {
        buffer[used] = byte
        used += 1
    }

    @inline(__always)
    private func append32(_ value: UInt32) {
        UnsafeMutableRawPointer(buffer + used).storeBytes(of: value.bigEndian, as: UInt32.self)
        used += 4
    }

    @inline(__always)
    private func append64(_ value: UInt64) {
        UnsafeMutableRawPointer(buffer + used).storeBytes(of: value.bigEndian, as: UInt64.self)
        used += 8
    }

    /// Binary: the row's field count before its first field.
    @inline(__always)
    private func startBinaryField() throws {
        if used + 64 > capacity { try flush() }
        guard let types else { return }
        if fieldsInRow == 0 {
            let count = UInt16(truncatingIfNeeded: types.count)
            append(UInt8(count >> 8))
            append(UInt8(count & 0xFF))
        }
        guard fieldsInRow < types.count else {
            throw PostgresError(kind: .query, sqlState: nil, message: "COPY \(table): more values in a row than its \(types.count) columns")
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
        if types != nil {
            try startBinaryField()
            switch fieldType {
            case .int8:
                append32(8)
                append64(UInt64(bitPattern: value))
                fieldsInRow += 1
                return
            case .int4:
                guard let narrow = Int32(exactly: value) else {
                    throw PostgresError(
                        kind: .query, sqlState: "22003",
                        message: "COPY \(table): value \(value) of column \(columns[fieldsInRow]) is out of range for type integer")
                }
                append32(4)
                append32(UInt32(bitPattern: narrow))
                fieldsInRow += 1
                return
            case .text, nil:
                // An integer in a text column: its digits.
                var digits = String(value)
                try digits.withUTF8 { try text($0) }
                return
            }
        }
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
        if types != nil {
            try startBinaryField()
            append32(UInt32(bitPattern: -1))
            fieldsInRow += 1
            return
        }
        try separate()
        buffer[used] = 0x5C
        buffer[used + 1] = 0x4E
        used += 2
    }

    /// A text value from its UTF-8 bytes, escaped as COPY's text format requires.
    public func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if types != nil {
            try startBinaryField()
            guard fieldType == .text else {
                throw PostgresError(
                    kind: .query, sqlState: "22P02",
                    message: "COPY \(table): a text value for the integer column \(columns[fieldsInRow])")
            }
            guard let length = UInt32(exactly: bytes.count), length < 1 << 30 else {
                throw PostgresError(kind: .query, sqlState: "54000", message: "COPY \(table): a text value of more than 1 GB")
            }
            append32(length)
            fieldsInRow += 1
            var rest = UnsafeRawBufferPointer(bytes)
            while !rest.isEmpty {
                if used == capacity { try flush() }
                let n = min(rest.count, capacity - used)
                if let base = rest.baseAddress { UnsafeMutableRawPointer(buffer + used).copyMemory(from: base, byteCount: n) }
                used += n
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            }
            return
        }
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
        if let types {
            guard fieldsInRow == types.count else {
                throw PostgresError(
                    kind: .query, sqlState: nil, message: "COPY \(table): a row of \(fieldsInRow) values for \(types.count) columns")
            }
            fieldsInRow = 0
            rows += 1
            return
        }
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
        if types != nil {
            // The trailer: a field count of -1.
            if used + 2 > capacity { try flush() }
            append(0xFF)
            append(0xFF)
        }
        try flush()
        try connection.endCopy()
    }

    /// Abandons the COPY (the transaction is then rolled back by the caller).
    public func abort(_ reason: String) {
        try? connection.endCopy(failure: reason)
    }
}
