import CosStore

/// Small results of statements that read only reference tables (organizations, categories, products,
/// object types, object profiles: `StoreTable.Placement.reference`), kept for as long as the same load
/// is read.
///
/// A view names its groups one lookup at a time (`SELECT id, name FROM object_profile WHERE k = ?`):
/// 41 of the 57 statements of an organization's view on the quick set. In SQLite each is a few
/// microseconds; to a server each is a round trip. A load never changes once swapped in, so the
/// answers stay true until the schema's namespace changes (a re-import), when the cache is emptied.
/// Only results of at most `rowLimit` rows are kept, and at most `entryLimit` of them.
struct ReferenceCache {
    static let rowLimit = 64
    static let entryLimit = 50_000

    private var namespace: String?
    /// By the statement's and values' bytes: Swift's String equality is canonical equivalence, under
    /// which the ids `café` (NFC) and `café` (NFD) would be one key; the contract compares ids exactly.
    private var entries: [[UInt8]: [[String?]]] = [:]
    private var verdicts: [String: Bool] = [:]

    /// Reads of the data of `namespace` from now on (nil: nothing may be reused).
    mutating func use(_ namespace: String?) {
        if namespace != self.namespace || namespace == nil { entries.removeAll() }
        self.namespace = namespace
    }

    /// Whether the statement reads reference tables only (and so may be kept).
    mutating func isCacheable(_ sql: String) -> Bool {
        if let verdict = verdicts[sql] { return verdict }
        let verdict = namespace != nil && Self.readsOnlyReferenceTables(sql)
        if namespace != nil { verdicts[sql] = verdict }
        return verdict
    }

    func rows(_ sql: String, _ values: [SQLValue]) -> [[String?]]? {
        entries[Self.key(sql, values)]
    }

    mutating func store(_ sql: String, _ values: [SQLValue], _ result: PostgresResult) {
        guard result.rowCount <= Self.rowLimit else { return }
        if entries.count >= Self.entryLimit { entries.removeAll() }
        entries[Self.key(sql, values)] = result.allText
    }

    static func key(_ sql: String, _ values: [SQLValue]) -> [UInt8] {
        var key = sql
        for value in values {
            switch value {
            case .null: key += "\u{0}n"
            case .integer(let v): key += "\u{0}i\(v)"
            case .text(let v): key += "\u{0}t\(v)"
            case .real(let v): key += "\u{0}r\(v)"
            }
        }
        return Array(key.utf8)
    }

    static let referenceTables = Set(StoreSchema.tables.filter { $0.placement == .reference }.map(\.name))
    static let otherTables = Set(StoreSchema.tables.filter { $0.placement != .reference }.map(\.name))

    /// Every table the statement names after FROM or JOIN is a reference table, and it names no other.
    static func readsOnlyReferenceTables(_ sql: String) -> Bool {
        let words = sql.split(whereSeparator: { " \n\t(),".contains($0) }).map(String.init)
        var named = 0
        for (index, word) in words.enumerated() {
            if otherTables.contains(word) { return false }
            if ["FROM", "JOIN"].contains(word.uppercased()), index + 1 < words.count {
                guard referenceTables.contains(words[index + 1]) else { return false }
                named += 1
            }
        }
        return named > 0
    }
}

/// A cached row, read as `PostgresRow` reads a result's (the same text, the same integers).
struct CachedRow: ResultRow {
    let values: [String?]

    func isNull(_ index: Int) -> Bool { index >= values.count || values[index] == nil }

    func int64(_ index: Int) -> Int64 {
        guard index < values.count, var text = values[index] else { return 0 }
        return text.withUTF8 { PostgresRow.parseInteger($0).value }
    }

    func int(_ index: Int) -> Int { Int(int64(index)) }

    func text(_ index: Int) -> String? { index < values.count ? values[index] : nil }
}
