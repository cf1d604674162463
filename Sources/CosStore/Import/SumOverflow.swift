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

    /// More groups overflowed than the replay watches: the data is refused all the same.
    static func tooMany(_ file: String) -> ImportError {
        ImportError(
            kind: .badData,
            lines: ["\(file): the sums of many groups add up to more than cos can hold exactly (a sum's limit is \(limit))"],
            problemCount: 1)
    }
}

extension DatabaseError {
    /// SQLite's `sum()` left the range of 64-bit integers ("integer overflow").
    public var isIntegerOverflow: Bool { message.hasPrefix("integer overflow") }
}

/// The keys under which the import sums charge tickets, usage events and invoices (`Aggregator`
/// words): one definition for the load and for the replay that names an overflow's place.
enum SumKeys {
    typealias Key = Aggregator.Key

    /// `ticket_rollup`: organization, month, contract, product, type, profile, invoice, currency.
    @inline(__always)
    static func ticketRollup(_ organization: Int, _ month: Int, _ contract: Int, _ product: Int, _ type: Int, _ profile: Int, _ invoice: Int, _ currency: UInt16) -> Key {
        (Pack.two(organization, month), Pack.two(contract, product), Pack.two(type, profile), UInt64(invoice) << 16 | UInt64(currency))
    }

    /// `product_object`: organization, product, object, currency, month, contract.
    @inline(__always)
    static func productObject(_ organization: Int, _ product: Int, _ object: Int, _ currency: UInt16, _ month: Int, _ contract: Int) -> Key {
        (Pack.two(organization, product), UInt64(object) << 32 | UInt64(currency) << 17 | UInt64(month), UInt64(contract), 0)
    }

    /// `object_month`: organization, object type, month, object, currency.
    @inline(__always)
    static func objectMonth(_ organization: Int, _ type: Int, _ object: Int, _ currency: UInt16, _ month: Int) -> Key {
        (Pack.two(organization, type), UInt64(month), UInt64(UInt32(truncatingIfNeeded: object)) << 16 | UInt64(currency), 0)
    }

    /// `object_usage`: organization, object, month, product.
    @inline(__always)
    static func objectUsage(_ organization: Int, _ object: Int, _ month: Int, _ product: Int) -> Key {
        (Pack.two(organization, object), Pack.two(month, product), 0, 0)
    }

    /// `usage_rollup` and `object_activity_delta`: organization and month.
    @inline(__always)
    static func organizationMonth(_ organization: Int, _ month: Int) -> Key { (Pack.two(organization, month), 0, 0, 0) }

    /// `invoice_rollup`: organization, month, status, currency.
    @inline(__always)
    static func invoiceRollup(_ organization: Int, _ month: Int, _ status: InvoiceStatus, _ currency: UInt16) -> Key {
        (Pack.two(organization, month), UInt64(status.rawValue) << 16 | UInt64(currency), 0, 0)
    }

    static func same(_ a: Key, _ b: Key) -> Bool { a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && a.3 == b.3 }
}

/// The running exact sums of the groups whose 64-bit sums overflowed, while a file is read again.
struct OverflowWatch {
    struct Group {
        var key: Aggregator.Key
        var sums: [Int128]
        /// The first row (ordinal, line, value column) after which a sum was out of range.
        var first: (ordinal: Int, line: Int, column: Int, value: String, product: Int)?
    }

    var groups: [Group]

    init(_ keys: [Aggregator.Key], sums: Int) {
        groups = keys.map { Group(key: $0, sums: Array(repeating: 0, count: sums)) }
    }

    var isEmpty: Bool { groups.isEmpty }

    /// Adds a row's values (`columns[i]` is the file column of `values[i]`) to the group of `key`.
    mutating func add(_ key: Aggregator.Key, _ values: [Int64], columns: [Int], reader: ExportFileReader, product: Int = 0) {
        for g in groups.indices where SumKeys.same(groups[g].key, key) {
            for i in values.indices {
                groups[g].sums[i] += Int128(values[i])
                if groups[g].first == nil, Int64(exactly: groups[g].sums[i]) == nil {
                    groups[g].first = (reader.ordinal, reader.line, columns[i], reader.string(columns[i]), product)
                }
            }
        }
    }

    /// The group (with its first out-of-range row) whose exact total is out of range and whose first
    /// such row comes first; nil when every total fits (two's complement sums then hold them exactly).
    var overflow: Group? {
        groups.filter { group in group.sums.contains { Int64(exactly: $0) == nil } && group.first != nil }
            .min { ($0.first?.ordinal ?? 0) < ($1.first?.ordinal ?? 0) }
    }
}

extension ExportLoader {
    /// Charge tickets whose 64-bit sums overflowed in a rollup (`flagged`): reads the file again, sums
    /// those groups exactly in file order and returns the problem naming the ticket after which its
    /// group's sum (of `amount` or `quantity`) left the range, with the organization, the currency and
    /// the month. Nil when the groups' exact totals fit (the stored sums are exact then).
    func ticketSumOverflow(
        rollup: [Aggregator.Key], productObject: [Aggregator.Key], objectMonth: [Aggregator.Key]
    ) throws -> ImportError? {
        var watches = [OverflowWatch(rollup, sums: 2), OverflowWatch(productObject, sums: 2), OverflowWatch(objectMonth, sums: 2)]
        let reader = try ExportFileReader(directory: directory, file: .chargeTickets)
        var ignored = ImportProblems()
        while try reader.next(&ignored) {
            let contract = reader.reference(1, to: contracts, required: true, &ignored) ?? 0
            let object = reader.reference(2, to: objects, required: false, &ignored) ?? 0
            let product = reader.reference(3, to: products, required: true, &ignored) ?? 0
            let month = reader.date(4, required: true, &ignored)?.monthValue.ordinal ?? 0
            let quantity = reader.decimal(6, required: true, &ignored) ?? 0
            let amount = reader.decimal(8, required: true, &ignored) ?? 0
            let invoice = reader.reference(9, to: invoices, required: false, &ignored) ?? 0
            let organization = Int(contractOrganization[contract])
            let currency = contractCurrency[contract]
            let type = Int(objectType[object])
            let profile = Int(objectProfile[object])
            let keys = [
                SumKeys.ticketRollup(organization, month, contract, product, type, profile, invoice, currency),
                SumKeys.productObject(organization, product, object, currency, month, contract),
                SumKeys.objectMonth(organization, type, object, currency, month),
            ]
            for w in watches.indices where !watches[w].isEmpty && (w == 0 || object != 0) {
                watches[w].add(keys[w], [amount, quantity], columns: [8, 6], reader: reader, product: product)
            }
        }
        let found = watches.compactMap(\.overflow).min { ($0.first?.ordinal ?? 0) < ($1.first?.ordinal ?? 0) }
        guard let found, let first = found.first else { return nil }
        let organization = organizations.id(Int(found.key.0 >> 32))
        let currency: String
        let month: Month
        if watches[0].groups.contains(where: { SumKeys.same($0.key, found.key) }) {
            currency = Currency.text(UInt16(truncatingIfNeeded: found.key.3))
            month = Month(ordinal: Int(found.key.0 & 0xFFFF_FFFF))
        } else if watches[2].groups.contains(where: { SumKeys.same($0.key, found.key) }) {
            // object_month: the month, then the object and the currency.
            currency = Currency.text(UInt16(truncatingIfNeeded: found.key.2) & 0x7FFF)
            month = Month(ordinal: Int(found.key.1))
        } else {
            currency = Currency.text(UInt16(truncatingIfNeeded: found.key.1 >> 17) & 0x7FFF)
            month = Month(ordinal: Int(found.key.1 & 0x1FFFF))
        }
        let what =
            first.column == 8
            ? SumOverflow.what("amounts", organization: organization, currency: currency, month: month)
            : SumOverflow.what(
                "quantities", organization: organization, currency: currency, month: month,
                detail: " for product \(ImportProblems.quote(products.id(first.product)))")
        var report = ImportProblems()
        report.add(
            file: .chargeTickets, line: first.line, column: ExportFile.chargeTickets.columns[first.column].name,
            value: first.value, what)
        return ImportError(kind: .badData, lines: report.report(), problemCount: report.count)
    }

    /// Usage events whose 64-bit sums overflowed (`object_usage` or the organization's month in
    /// `usage_rollup`): the problem naming the event after which the sum left the range, or nil when the
    /// exact totals fit.
    func usageSumOverflow(objectUsage: [Aggregator.Key], organizationMonth: [Aggregator.Key]) throws -> ImportError? {
        var watches = [OverflowWatch(objectUsage, sums: 1), OverflowWatch(organizationMonth, sums: 1)]
        let reader = try ExportFileReader(directory: directory, file: .usageEvents)
        var ignored = ImportProblems()
        while try reader.next(&ignored) {
            let object = reader.reference(1, to: objects, required: true, &ignored) ?? 0
            let product = reader.reference(2, to: products, required: true, &ignored) ?? 0
            let month = reader.timestamp(3, &ignored)?.utcMonth.ordinal ?? 0
            let quantity = reader.decimal(4, required: true, &ignored) ?? 0
            let organization = Int(objectOrganization[object])
            let keys = [SumKeys.objectUsage(organization, object, month, product), SumKeys.organizationMonth(organization, month)]
            for w in watches.indices where !watches[w].isEmpty {
                watches[w].add(keys[w], [quantity], columns: [4], reader: reader)
            }
        }
        let found = watches.compactMap(\.overflow).min { ($0.first?.ordinal ?? 0) < ($1.first?.ordinal ?? 0) }
        guard let found, let first = found.first else { return nil }
        let organization = Int(found.key.0 >> 32)
        let month = watches[0].groups.contains(where: { SumKeys.same($0.key, found.key) })
            ? Int(found.key.1 >> 32) : Int(found.key.0 & 0xFFFF_FFFF)
        var report = ImportProblems()
        report.add(
            file: .usageEvents, line: first.line, column: "quantity", value: first.value,
            SumOverflow.what(
                "usage quantities", organization: organizations.id(organization), currency: nil,
                month: Month(ordinal: month)))
        return ImportError(kind: .badData, lines: report.report(), problemCount: report.count)
    }

    /// Invoices whose totals overflowed in `invoice_rollup`: the problem naming the invoice after which
    /// the sum left the range, or nil when the exact totals fit.
    func invoiceSumOverflow(_ flagged: [Aggregator.Key]) throws -> ImportError? {
        var watch = OverflowWatch(flagged, sums: 1)
        let reader = try ExportFileReader(directory: directory, file: .invoices)
        var ignored = ImportProblems()
        while try reader.next(&ignored) {
            let organization = reader.reference(1, to: organizations, required: true, &ignored) ?? 0
            let month = reader.date(3, required: true, &ignored)?.monthValue.ordinal ?? 0
            guard let status = reader.withBytes(4, { InvoiceStatus(caseInsensitive: $0) }) else { continue }
            let currency = reader.currencyCode(5, &ignored)
            let total = reader.decimal(6, required: true, &ignored) ?? 0
            watch.add(SumKeys.invoiceRollup(organization, month, status, currency), [total], columns: [6], reader: reader)
        }
        guard let found = watch.overflow, let first = found.first else { return nil }
        var report = ImportProblems()
        report.add(
            file: .invoices, line: first.line, column: "total_amount", value: first.value,
            SumOverflow.what(
                "invoice totals", organization: organizations.id(Int(found.key.0 >> 32)),
                currency: Currency.text(UInt16(truncatingIfNeeded: found.key.1)),
                month: Month(ordinal: Int(found.key.0 & 0xFFFF_FFFF))))
        return ImportError(kind: .badData, lines: report.report(), problemCount: report.count)
    }
}
