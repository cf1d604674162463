import CosModel

/// Sums the store keeps (the rollups' amounts and quantities, integer millionths in 64 bits) that do
/// not fit: the import refuses the data with the place that made the sum overflow, in the contract's
/// form `FILE:LINE: column COLUMN: value "VALUE": what is wrong`, naming the organization and the
/// currency (and the month) whose sum it is.
///
/// SQLite's `sum()` only says "integer overflow". When a rollup statement fails that way, the import
/// calls `ExportLoader.ticketSumOverflow()`, which runs the tickets again in file order, sums them per
/// rollup group in 128 bits and reports the first ticket after which its group's sum leaves the range.
/// This runs only on that failure path: a clean import pays nothing for it.
enum SumOverflow {
    /// The largest sum a store holds, as shown in messages.
    static let limit = ExactDecimal(micros: Int64.max).description

    /// `the amounts of organization "ORG-1" in SEK in 2026-03 add up to more than cos can hold exactly
    /// (a sum's limit is 9223372036854.775807)`.
    static func what(_ figures: String, organization: String, currency: String?, month: Month?, detail: String = "")
        -> String
    {
        var text = "the \(figures) of organization \(ImportProblems.quote(organization))"
        if let currency, !currency.isEmpty { text += " in \(currency)" }
        if let month { text += " in \(month)" }
        return text + detail + " add up to more than cos can hold exactly (a sum's limit is \(limit))"
    }
}

extension DatabaseError {
    /// SQLite's `sum()` left the range of 64-bit integers ("integer overflow").
    public var isIntegerOverflow: Bool { message.hasPrefix("integer overflow") }
}

extension ExportLoader {
    /// After a rollup of the charge tickets failed with "integer overflow": the problem, naming the
    /// file, the line of the ticket that made its group's sum (of `amount` or `quantity`) overflow,
    /// the organization, the currency and the month. Nil when no sum overflows in file order (SQLite
    /// sums in an order of its own; the caller then reports the database's error).
    func ticketSumOverflow() throws -> ImportError? {
        struct Group: Hashable {
            var organization, month, contract, product, type, profile: Int64
            var invoiced: Bool
            var currency: String
        }
        var sums: [Group: (amount: Int128, quantity: Int128)] = [:]
        var found: (k: Int, column: Int, group: Group)?
        try db.forEachRow(
            """
            SELECT k, organization_k, month, currency, contract_k, product_k, object_type_k, object_profile_k,
                   invoice_k IS NOT NULL, amount, quantity
            FROM charge_ticket ORDER BY k
            """
        ) { row in
            guard found == nil else { return }
            let group = Group(
                organization: row.int64(1), month: row.int64(2), contract: row.int64(4), product: row.int64(5),
                type: row.optionalInt64(6) ?? 0, profile: row.optionalInt64(7) ?? 0, invoiced: row.int64(8) != 0,
                currency: row.text(3) ?? "")
            var sum = sums[group, default: (0, 0)]
            sum.amount += Int128(row.int64(9))
            sum.quantity += Int128(row.int64(10))
            sums[group] = sum
            if Int64(exactly: sum.amount) == nil {
                found = (row.int(0), 8, group)
            } else if Int64(exactly: sum.quantity) == nil {
                found = (row.int(0), 6, group)
            }
        }
        guard let found else { return nil }
        var (line, value) = (0, "")
        try withRow(of: .chargeTickets, ordinal: found.k, column: found.column) { line = $0; value = $1 }
        let group = found.group
        let what =
            found.column == 8
            ? SumOverflow.what(
                "amounts", organization: organizations.id(Int(group.organization)), currency: group.currency,
                month: Month(ordinal: Int(group.month)))
            : SumOverflow.what(
                "quantities", organization: organizations.id(Int(group.organization)), currency: group.currency,
                month: Month(ordinal: Int(group.month)),
                detail: " for product \(ImportProblems.quote(products.id(Int(group.product))))")
        var report = ImportProblems()
        report.add(
            file: .chargeTickets, line: line, column: ExportFile.chargeTickets.columns[found.column].name, value: value,
            what)
        return ImportError(kind: .badData, lines: report.report(), problemCount: report.count)
    }

    /// The usage events' quantities of one organization in one month (`usage_rollup`) overflowed at the
    /// event on `line`.
    func usageSumOverflow(_ key: UsageRollupKey, line: Int, value: String) -> ImportError {
        var report = ImportProblems()
        report.add(
            file: .usageEvents, line: line, column: "quantity", value: value,
            SumOverflow.what(
                "usage quantities", organization: organizations.id(Int(key.organization)), currency: nil,
                month: Month(ordinal: Int(key.month))))
        return ImportError(kind: .badData, lines: report.report(), problemCount: report.count)
    }

    /// Reads `file` again up to the record with this ordinal (its key `k`) and hands over its line and
    /// the text of `column`: messages name lines, the store only keys.
    func withRow(of file: ExportFile, ordinal: Int, column: Int, _ body: (Int, String) -> Void) throws {
        let reader = try ExportFileReader(directory: directory, file: file)
        var ignored = ImportProblems()
        while try reader.next(&ignored) {
            if reader.ordinal == ordinal {
                body(reader.line, reader.string(column))
                return
            }
            if reader.ordinal > ordinal { return }
        }
    }
}
