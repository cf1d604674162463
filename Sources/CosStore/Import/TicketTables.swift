/// The tables derived from the charge tickets, made on the writer thread from the tickets as they go
/// into `charge_ticket` (in its key order: organization, month, period start, id):
///
/// - `ticket_rollup`: summed per (organization, month) block, whose groups are few;
/// - `product_object`, `object_month`, `foreign_object`, and the months of each object behind
///   `category_object_runs` and `profile_object_runs`: summed per organization (all of one
///   organization's tickets are consecutive), then written in their own key order.
///
/// Each derived table's rows are spooled to a scratch file in that table's order (the organizations
/// come in increasing order) and handed to the sink after `charge_ticket`, a table at a time. The sums
/// are exact: 64-bit sums wrap in two's complement, and the groups whose sums overflowed are checked
/// against the file at the end (`SumOverflow`). Memory is a few per-organization hash tables, which
/// spill sorted runs when one organization alone has more groups than they hold.
final class TicketTables {
    private let loader: ExportLoader
    private let scratch: ScratchSpace
    private let rollup: Aggregator
    private let productObjects: Aggregator
    private let objectSums: Aggregator
    private let objectMonths: Aggregator
    private let foreign: Aggregator
    private let categoryRuns: Aggregator
    private let profileRuns: Aggregator
    private let spools: [String: Spool]
    private let record = RecordBuilder()
    @exclusivity(unchecked) private var columns = RecordColumns()

    deinit { columns.release() }
    @exclusivity(unchecked) private var organization = -1
    @exclusivity(unchecked) private var month = -1
    /// The groups whose sums overflowed (every organization's), for the check at the end.
    @exclusivity(unchecked) private var flagged: (rollup: [Aggregator.Key], productObject: [Aggregator.Key], objectMonth: [Aggregator.Key]) = ([], [], [])

    static let derived: [StoreTable] = [
        StoreSchema.ticketRollup, StoreSchema.productObject, StoreSchema.objectMonth, StoreSchema.foreignObject,
        StoreSchema.categoryRuns, StoreSchema.profileRuns,
    ]

    init(loader: ExportLoader, scratch: ScratchSpace) throws {
        self.loader = loader
        self.scratch = scratch
        rollup = Aggregator(combines: [.sum, .sum, .sum, .min, .max], capacity: 1 << 14, scratch: scratch)
        productObjects = Aggregator(combines: [.sum, .sum, .sum], capacity: 1 << 16, scratch: scratch)
        objectSums = Aggregator(combines: [.sum, .sum, .sum], capacity: 1 << 16, scratch: scratch)
        objectMonths = Aggregator(combines: [], capacity: 1 << 16, scratch: scratch)
        foreign = Aggregator(combines: [.max], capacity: 1 << 12, scratch: scratch)
        categoryRuns = Aggregator(combines: [.sum], capacity: 1 << 14, scratch: scratch)
        profileRuns = Aggregator(combines: [.sum], capacity: 1 << 14, scratch: scratch)
        var spools: [String: Spool] = [:]
        for table in TicketTables.derived { spools[table.name] = try Spool(scratch: scratch) }
        self.spools = spools
    }

    /// One `charge_ticket` row, in its key order.
    func add(_ row: UnsafeBufferPointer<UInt8>) throws {
        columns.read(row)
        let organization = Int(columns.integer(row, 0))
        let month = Int(columns.integer(row, 1))
        if organization != self.organization {
            try endMonth()
            try endOrganization()
            self.organization = organization
            self.month = month
        } else if month != self.month {
            try endMonth()
            self.month = month
        }
        let contract = Int(columns.integer(row, 5))
        let currency = currencyCode(row, 6)
        let object = columns.serial(7) == 0 ? 0 : Int(columns.integer(row, 7))
        let product = Int(columns.integer(row, 8))
        let category = Int(columns.integer(row, 9))
        let type = columns.serial(10) == 0 ? 0 : Int(columns.integer(row, 10))
        let profile = columns.serial(11) == 0 ? 0 : Int(columns.integer(row, 11))
        let startDay = columns.integer(row, 2)
        let endDay = columns.integer(row, 12)
        let quantity = columns.integer(row, 13)
        let amount = columns.integer(row, 15)
        let invoice = columns.serial(16) == 0 ? 0 : Int(columns.integer(row, 16))
        try rollup.add(
            SumKeys.ticketRollup(organization, month, contract, product, type, profile, invoice, currency),
            1, amount, quantity, startDay, endDay)
        guard object != 0 else { return }
        let c = UInt64(currency)
        try productObjects.add(SumKeys.productObject(organization, product, object, currency, month, contract), 1, amount, quantity)
        try objectSums.add(SumKeys.objectMonth(organization, type, object, currency, month), 1, amount, quantity)
        try objectMonths.add((Pack.two(organization, object), UInt64(category) << 32 | c << 17 | UInt64(month), 0, 0))
        let owner = Int(loader.objectOrganization[object])
        if owner != organization { try foreign.add((Pack.two(organization, object), 0, 0, 0), Int64(owner)) }
    }

    @inline(__always)
    private func currencyCode(_ row: UnsafeBufferPointer<UInt8>, _ column: Int) -> UInt16 {
        let serial = columns.serial(column)
        guard serial == 19, let base = row.baseAddress else { return 0 }
        return Currency.pack(UnsafeBufferPointer(start: base + columns.offset(column), count: 3))
    }

    /// The (organization, month) block's `ticket_rollup` rows, in key order.
    private func endMonth() throws {
        guard rollup.count > 0 else { return }
        let (productCategory, spool) = (loader.productCategory, spools[StoreSchema.ticketRollup.name])
        try rollup.forEachSorted { key, values in
            let product = Int(key.1 & 0xFFFF_FFFF)
            let invoice = Int(key.3 >> 16)
            record.int(Int(key.0 >> 32))
            record.int(Int(key.0 & 0xFFFF_FFFF))
            Currency.append(UInt16(truncatingIfNeeded: key.3), to: record)
            record.int(Int(key.1 >> 32))
            record.int(product)
            record.int(Int(productCategory[product]))
            record.key(Int(key.2 >> 32))
            record.key(Int(key.2 & 0xFFFF_FFFF))
            record.key(invoice)
            record.int(invoice == 0 ? 0 : 1)
            for value in values { record.int(value) }
            try spool?.add(record)
        }
        flagged.rollup += rollup.takeOverflowedKeys().prefix(64 - min(64, flagged.rollup.count))
    }

    /// The organization's rows of the tables keyed by product, object type and object.
    private func endOrganization() throws {
        guard organization >= 0 else { return }
        let (productCategory, objectType, objectProfile) = (loader.productCategory, loader.objectType, loader.objectProfile)
        var spool = spools[StoreSchema.productObject.name]
        try productObjects.forEachSorted { key, values in
            let product = Int(key.0 & 0xFFFF_FFFF)
            let object = Int(key.1 >> 32)
            record.int(Int(key.0 >> 32))
            record.int(product)
            record.int(object)
            Currency.append(UInt16(truncatingIfNeeded: key.1 >> 17) & 0x7FFF, to: record)
            record.int(Int(key.1 & 0x1FFFF))
            record.int(Int(key.2))
            record.int(Int(productCategory[product]))
            record.int(Int(objectType[object]))
            record.key(Int(objectProfile[object]))
            for value in values { record.int(value) }
            try spool?.add(record)
        }
        flagged.productObject += productObjects.takeOverflowedKeys().prefix(64 - min(64, flagged.productObject.count))
        spool = spools[StoreSchema.objectMonth.name]
        try objectSums.forEachSorted { key, values in
            // SumKeys.objectMonth: (organization, type), month, (object, currency).
            let object = Int(key.2 >> 16)
            record.int(Int(key.0 >> 32))
            record.int(Int(key.0 & 0xFFFF_FFFF))
            record.int(Int(key.1))
            record.int(object)
            Currency.append(UInt16(truncatingIfNeeded: key.2) & 0x7FFF, to: record)
            record.key(Int(objectProfile[object]))
            for value in values { record.int(value) }
            try spool?.add(record)
        }
        flagged.objectMonth += objectSums.takeOverflowedKeys().prefix(64 - min(64, flagged.objectMonth.count))
        spool = spools[StoreSchema.foreignObject.name]
        try foreign.forEachSorted { key, values in
            record.int(Int(key.0 >> 32))
            record.int(Int(key.0 & 0xFFFF_FFFF))
            record.int(values[0])
            try spool?.add(record)
        }
        try endRuns()
    }

    /// The organization's `category_object_runs` and `profile_object_runs` rows, from the months in
    /// which each of its objects has tickets (per object, category and currency, in that order).
    private func endRuns() throws {
        let (objectType, objectProfile) = (loader.objectType, loader.objectProfile)
        let organization = self.organization
        var current = 0
        var monthsByCurrency: [UInt64: [Int]] = [:]
        var group: (category: Int, currency: UInt64) = (0, 0)
        var categoryMonths: [Int] = []
        let (categoryRuns, profileRuns) = (self.categoryRuns, self.profileRuns)

        func addRuns(_ months: [Int], _ add: (_ kind: UInt64, _ first: Int, _ last: Int) throws -> Void) rethrows {
            var start = months[0]
            var previous = months[0]
            for month in months.dropFirst() where month != previous {
                if month != previous + 1 {
                    try add(1, start, previous)
                    try add(2, previous + 1, month - 1)
                    start = month
                }
                previous = month
            }
            try add(1, start, previous)
        }
        func endCategoryGroup() throws {
            guard !categoryMonths.isEmpty else { return }
            try addRuns(categoryMonths) { kind, first, last in
                try categoryRuns.add((Pack.two(organization, group.category), group.currency << 16 | kind, Pack.two(first, last), 0), 1)
            }
            monthsByCurrency[group.currency, default: []].append(contentsOf: categoryMonths)
            categoryMonths.removeAll(keepingCapacity: true)
        }
        func endObject() throws {
            try endCategoryGroup()
            guard current != 0 else { return }
            let type = Int(objectType[current])
            let profile = Int(objectProfile[current])
            for (currency, months) in monthsByCurrency {
                try addRuns(months.sorted()) { kind, first, last in
                    try profileRuns.add(
                        (Pack.two(organization, type), UInt64(profile) << 32 | currency << 16 | kind, Pack.two(first, last), 0), 1)
                }
            }
            monthsByCurrency.removeAll(keepingCapacity: true)
        }
        try objectMonths.forEachSorted { key, _ in
            let object = Int(key.0 & 0xFFFF_FFFF)
            let category = Int(key.1 >> 32)
            let currency = (key.1 >> 17) & 0x7FFF
            let month = Int(key.1 & 0x1FFFF)
            if object != current {
                try endObject()
                current = object
                group = (category, currency)
            } else if category != group.category || currency != group.currency {
                try endCategoryGroup()
                group = (category, currency)
            }
            categoryMonths.append(month)
        }
        try endObject()
        var spool = spools[StoreSchema.categoryRuns.name]
        try categoryRuns.forEachSorted { key, values in
            record.int(Int(key.0 >> 32))
            record.int(Int(key.0 & 0xFFFF_FFFF))
            Currency.append(UInt16(truncatingIfNeeded: key.1 >> 16), to: record)
            record.int(Int(key.1 & 0xFFFF))
            record.int(Int(key.2 >> 32))
            record.int(Int(key.2 & 0xFFFF_FFFF))
            record.int(values[0])
            try spool?.add(record)
        }
        spool = spools[StoreSchema.profileRuns.name]
        try profileRuns.forEachSorted { key, values in
            record.int(Int(key.0 >> 32))
            record.int(Int(key.0 & 0xFFFF_FFFF))
            record.key(Int(key.1 >> 32))
            Currency.append(UInt16(truncatingIfNeeded: key.1 >> 16), to: record)
            record.int(Int(key.1 & 0xFFFF))
            record.int(Int(key.2 >> 32))
            record.int(Int(key.2 & 0xFFFF_FFFF))
            record.int(values[0])
            try spool?.add(record)
        }
    }

    /// After the last ticket: checks the sums that overflowed, then hands each derived table to the
    /// sink in order.
    func finish() throws {
        try endMonth()
        try endOrganization()
        if !flagged.rollup.isEmpty || !flagged.productObject.isEmpty || !flagged.objectMonth.isEmpty {
            if let problem = try loader.ticketSumOverflow(
                rollup: flagged.rollup, productObject: flagged.productObject, objectMonth: flagged.objectMonth)
            {
                throw problem
            }
            if [flagged.rollup, flagged.productObject, flagged.objectMonth].contains(where: { $0.count >= 64 }) {
                throw SumOverflow.tooMany("charge_tickets.csv")
            }
        }
        for table in TicketTables.derived {
            let writer = loader.tableWriter(table)
            try spools[table.name]?.replay { try writer.add(record: $0) }
            try writer.finish()
        }
    }
}

/// Records written to a scratch file in order and read back once (a derived table waiting for its
/// turn at the sink).
final class Spool {
    private let writer: RunWriter
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity = 4096

    init(scratch: ScratchSpace) throws {
        writer = try RunWriter(scratch: scratch)
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Appends the record `builder` holds (and resets the builder).
    func add(_ builder: RecordBuilder) throws {
        let size = builder.size
        if size > capacity {
            buffer.deallocate()
            capacity = size * 2
            buffer = .allocate(capacity: capacity)
        }
        builder.write(to: buffer)
        try writer.append(value: Int32(size))
        try writer.append(UnsafeRawBufferPointer(start: buffer, count: size))
    }

    /// Hands every record back, in order.
    func replay(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let reader = try writer.finish()
        while try reader.ensure(4) >= 4 {
            var size: Int32 = 0
            withUnsafeMutableBytes(of: &size) { $0.baseAddress?.copyMemory(from: reader.bytes, byteCount: 4) }
            guard try reader.ensure(4 + Int(size)) >= 4 + Int(size) else { throw ImportError.failed("a temporary file ended early") }
            try body(UnsafeBufferPointer(start: reader.bytes + 4, count: Int(size)))
            reader.skip(4 + Int(size))
        }
    }
}
