public extension StoreSchema {
    /// A store's streamed derived tables against `derivations` (plain SQL over its base tables): for
    /// each table whose rows differ, a line saying how (row counts, rows the SQL does not give, rows
    /// missing from the store). Empty when every derived table holds exactly the rows its `SELECT`
    /// gives. The tests run it over every fixture and generated export.
    static func derivationMismatches(in db: Database) throws -> [String] {
        func count(_ sql: String) throws -> Int64 {
            guard case .integer(let n)? = try db.scalar("SELECT count(*) FROM (\(sql)) x") else { return -1 }
            return n
        }
        var mismatches: [String] = []
        for derivation in derivations {
            let name = derivation.table.name
            let stored = "SELECT \(derivation.table.columns.map(\.name).joined(separator: ", ")) FROM \(name)"
            let derived = "SELECT * FROM (\(derivation.select)) derived"
            let (storedRows, derivedRows) = (try count(stored), try count(derived))
            if storedRows != derivedRows { mismatches.append("\(name): \(storedRows) rows stored, \(derivedRows) derived") }
            let extra = try count("\(stored) EXCEPT \(derived)")
            if extra != 0 { mismatches.append("\(name): \(extra) stored rows the SQL does not give") }
            let missing = try count("\(derived) EXCEPT \(stored)")
            if missing != 0 { mismatches.append("\(name): \(missing) rows of the SQL missing from the store") }
        }
        return mismatches
    }
}
