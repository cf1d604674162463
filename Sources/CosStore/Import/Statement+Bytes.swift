import CSQLite

extension Statement {
    /// Binds text straight from a CSV field's bytes (no String on the import's hot path).
    @inline(__always)
    func bind(bytes: UnsafeBufferPointer<UInt8>, at index: Int32) {
        if let base = bytes.baseAddress, bytes.count > 0 {
            sqlite3_bind_text(pointer, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                Int32(bytes.count), SQLITE_TRANSIENT)
        } else {
            sqlite3_bind_text(pointer, index, "", 0, SQLITE_TRANSIENT)
        }
    }

    /// Binds an integer, or NULL for nil.
    @inline(__always)
    func bind(optional value: Int64?, at index: Int32) {
        if let value { sqlite3_bind_int64(pointer, index, value) } else { sqlite3_bind_null(pointer, index) }
    }

    /// Binds text, or NULL for nil.
    @inline(__always)
    func bind(optionalText value: String?, at index: Int32) {
        if let value { bind(text: value, at: index) } else { bindNull(at: index) }
    }
}
