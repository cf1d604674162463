import CosModel

extension ExportLoader {
    /// Charge tickets: checked row by row, never held in memory. Each ticket carries copies of its
    /// contract's organization and currency, its product's category, its object's type and profile,
    /// and the month of its `period_start`. While they stream in, the tickets are sorted into
    /// `charge_ticket` order and summed into `ticket_rollup`, `product_object` and the months of each
    /// object (for the run tables).
    func loadChargeTickets(_ r: ExportFileReader) throws {
        // Locals, not properties, on the hot path: each access to a class's stored property is checked
        // for exclusivity at run time, and there are a dozen per row.
        var problems = self.problems
        defer { self.problems = problems }
        let (contracts, objects, products, invoices) = (self.contracts, self.objects, self.products, self.invoices)
        let (contractOrganization, contractCurrency) = (self.contractOrganization, self.contractCurrency)
        let (productCategory, objectType, objectProfile) = (self.productCategory, self.objectType, self.objectProfile)
        let (invoiceOrganization, invoiceCurrency) = (self.invoiceOrganization, self.invoiceCurrency)
        let ids = FactIDCheck(scratch: scratch)
        let tickets = RecordSorter(budget: memoryBudget / 2, scratch: scratch)
        let rollup = Aggregator(combines: [.sum, .sum, .sum, .min, .max], capacity: 1 << 18, scratch: scratch)
        let productObjects = Aggregator(combines: [.sum, .sum, .sum], capacity: 1 << 18, scratch: scratch)
        let objectMonths = Aggregator(combines: [], capacity: 1 << 18, scratch: scratch)
        let objectSums = Aggregator(combines: [.sum, .sum, .sum], capacity: 1 << 18, scratch: scratch)
        let foreign = Aggregator(combines: [.max], capacity: 1 << 12, scratch: scratch)
        let objectOrganization = self.objectOrganization
        var record = RecordBuilder()
        var key = SortKey()
        var bytes: [UInt8] = []
        var rows = 0
        defer { rowCounts[.chargeTickets, default: 0] += rows }
        while try r.next(&problems) {
            rows += 1
            try progress.row()
            _ = r.present(0, &problems)
            let contract = r.reference(1, to: contracts, required: true, &problems) ?? 0
            let object = r.reference(2, to: objects, required: false, &problems) ?? 0
            let product = r.reference(3, to: products, required: true, &problems) ?? 0
            let start = r.date(4, required: true, &problems)
            let end = r.date(5, required: true, &problems)
            let parsedQuantity = r.decimal(6, required: true, &problems)
            let unitPrice = r.decimal(7, required: false, &problems)
            let parsedAmount = r.decimal(8, required: true, &problems)
            let invoice = r.reference(9, to: invoices, required: false, &problems) ?? 0
            let organization = Int(contractOrganization[contract])
            let currency = contractCurrency[contract]
            if invoice != 0, contract != 0 {
                let invoiceOrg = Int(invoiceOrganization[invoice])
                if invoiceOrg != 0, organization != 0, invoiceOrg != organization {
                    r.report(
                        9, "the invoice belongs to organization \"\(organizations.id(invoiceOrg))\", the ticket's "
                            + "contract \"\(contracts.id(contract))\" to organization \"\(organizations.id(organization))\"",
                        &problems)
                }
                let invoiceCurrency = invoiceCurrency[invoice]
                if invoiceCurrency != 0, currency != 0, invoiceCurrency != currency {
                    r.report(
                        9, "the invoice is in \(Currency.text(invoiceCurrency)), the ticket's contract \"\(contracts.id(contract))\" "
                            + "in \(Currency.text(currency))", &problems)
                }
            }
            // A row without an id is reported already; checked, it would also count as a duplicate.
            if r.isNull(0) { continue }
            try r.withBytes(0) { try ids.add($0, ordinal: r.ordinal) }
            guard problems.isEmpty else { continue }
            let month = start?.monthValue.ordinal ?? 0
            let startDay = start?.daysSinceEpoch ?? 0
            let endDay = end?.daysSinceEpoch ?? 0
            let category = Int(productCategory[product])
            let type = Int(objectType[object])
            let profile = Int(objectProfile[object])
            let (quantity, amount) = (parsedQuantity ?? 0, parsedAmount ?? 0)
            key.reset()
            key.int(organization)
            key.int(month)
            key.int(startDay)
            r.withBytes(0) { key.text($0) }
            record.int(organization)
            record.int(month)
            record.int(startDay)
            r.withBytes(0) { record.text($0) }
            record.int(r.ordinal)
            record.int(contract)
            Currency.append(currency, to: &record)
            record.key(object)
            record.int(product)
            record.int(category)
            record.key(type)
            record.key(profile)
            record.int(endDay)
            record.int(quantity)
            record.int(unitPrice)
            record.int(amount)
            record.key(invoice)
            try tickets.add(key: key, &record, scratchBuffer: &bytes)
            let c = UInt64(currency)
            try rollup.add(
                SumKeys.ticketRollup(organization, month, contract, product, type, profile, invoice, currency),
                1, amount, quantity, Int64(startDay), Int64(endDay))
            if object != 0 {
                try productObjects.add(SumKeys.productObject(organization, product, object, currency, month, contract), 1, amount, quantity)
                try objectMonths.add((Pack.two(organization, object), UInt64(category) << 32 | c << 17 | UInt64(month), 0, 0))
                try objectSums.add(SumKeys.objectMonth(organization, type, object, currency, month), 1, amount, quantity)
                let owner = Int(objectOrganization[object])
                if owner != organization { try foreign.add((Pack.two(organization, object), 0, 0, 0), Int64(owner)) }
            }
        }
        self.problems = problems
        try checkUniqueIDs(.chargeTickets, ids)
        problems = self.problems
        guard problems.isEmpty else { return }
        try drain(tickets, into: StoreSchema.chargeTicket)
        var writer = TableWriter(StoreSchema.ticketRollup, sink: sink)
        try rollup.forEachSorted { key, values in
            let product = Int(key.1 & 0xFFFF_FFFF)
            let invoice = Int(key.3 >> 16)
            writer.record.int(Int(key.0 >> 32))
            writer.record.int(Int(key.0 & 0xFFFF_FFFF))
            Currency.append(UInt16(truncatingIfNeeded: key.3), to: &writer.record)
            writer.record.int(Int(key.1 >> 32))
            writer.record.int(product)
            writer.record.int(Int(productCategory[product]))
            writer.record.key(Int(key.2 >> 32))
            writer.record.key(Int(key.2 & 0xFFFF_FFFF))
            writer.record.key(invoice)
            writer.record.int(invoice == 0 ? 0 : 1)
            for value in values { writer.record.int(value) }
            try writer.addRow()
        }
        try writer.finish()
        writer = TableWriter(StoreSchema.productObject, sink: sink)
        try productObjects.forEachSorted { key, values in
            let product = Int(key.0 & 0xFFFF_FFFF)
            let object = Int(key.1 >> 32)
            writer.record.int(Int(key.0 >> 32))
            writer.record.int(product)
            writer.record.int(object)
            Currency.append(UInt16(truncatingIfNeeded: key.1 >> 17) & 0x7FFF, to: &writer.record)
            writer.record.int(Int(key.1 & 0x1FFFF))
            writer.record.int(Int(key.2))
            writer.record.int(Int(productCategory[product]))
            writer.record.int(Int(objectType[object]))
            writer.record.key(Int(objectProfile[object]))
            for value in values { writer.record.int(value) }
            try writer.addRow()
        }
        try writer.finish()
        writer = TableWriter(StoreSchema.objectMonth, sink: sink)
        try objectSums.forEachSorted { key, values in
            let object = Int(key.1 >> 32)
            writer.record.int(Int(key.0 >> 32))
            writer.record.int(Int(key.0 & 0xFFFF_FFFF))
            writer.record.int(object)
            Currency.append(UInt16(truncatingIfNeeded: key.1 >> 17) & 0x7FFF, to: &writer.record)
            writer.record.int(Int(key.1 & 0x1FFFF))
            writer.record.key(Int(objectProfile[object]))
            for value in values { writer.record.int(value) }
            try writer.addRow()
        }
        try writer.finish()
        try checkTicketSums(rollup, productObjects, objectSums)
        writer = TableWriter(StoreSchema.foreignObject, sink: sink)
        try foreign.forEachSorted { key, values in
            writer.record.int(Int(key.0 >> 32))
            writer.record.int(Int(key.0 & 0xFFFF_FFFF))
            writer.record.int(values[0])
            try writer.addRow()
        }
        try writer.finish()
        try writeRuns(objectMonths)
    }

    /// Refuses the data when a ticket rollup's exact sum does not fit in 64 bits (`SumOverflow`).
    private func checkTicketSums(_ rollup: Aggregator, _ productObjects: Aggregator, _ objectSums: Aggregator) throws {
        guard rollup.overflowed != nil || productObjects.overflowed != nil || objectSums.overflowed != nil else { return }
        if let problem = try ticketSumOverflow(
            rollup: rollup.overflowedKeys, productObject: productObjects.overflowedKeys, objectMonth: objectSums.overflowedKeys)
        {
            throw problem
        }
        if [rollup, productObjects, objectSums].contains(where: { $0.overflowedKeys.count >= 64 }) {
            throw SumOverflow.tooMany("charge_tickets.csv")
        }
    }

    /// `category_object_runs` and `profile_object_runs` from the months in which each object has
    /// tickets (per organization, object, category and currency, in that order).
    private func writeRuns(_ objectMonths: Aggregator) throws {
        let categoryRuns = Aggregator(combines: [.sum], capacity: 1 << 16, scratch: scratch)
        let profileRuns = Aggregator(combines: [.sum], capacity: 1 << 16, scratch: scratch)
        let (objectType, objectProfile) = (self.objectType, self.objectProfile)
        // The object being read: its organization, key, and per currency the months of any category.
        var current: (organization: Int, object: Int) = (0, 0)
        var monthsByCurrency: [UInt64: [Int]] = [:]
        // The category and currency being read.
        var group: (category: Int, currency: UInt64) = (0, 0)

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
        var categoryMonths: [Int] = []
        func endCategoryGroup() throws {
            guard !categoryMonths.isEmpty else { return }
            let org = current.organization
            try addRuns(categoryMonths) { kind, first, last in
                try categoryRuns.add((Pack.two(org, group.category), group.currency << 16 | kind, Pack.two(first, last), 0), 1)
            }
            monthsByCurrency[group.currency, default: []].append(contentsOf: categoryMonths)
            categoryMonths.removeAll(keepingCapacity: true)
        }
        func endObject() throws {
            try endCategoryGroup()
            guard current.object != 0 else { return }
            let type = Int(objectType[current.object])
            let profile = Int(objectProfile[current.object])
            for (currency, months) in monthsByCurrency {
                try addRuns(months.sorted()) { kind, first, last in
                    try profileRuns.add(
                        (Pack.two(current.organization, type), UInt64(profile) << 32 | currency << 16 | kind, Pack.two(first, last), 0), 1)
                }
            }
            monthsByCurrency.removeAll(keepingCapacity: true)
        }
        try objectMonths.forEachSorted { key, _ in
            let organization = Int(key.0 >> 32)
            let object = Int(key.0 & 0xFFFF_FFFF)
            let category = Int(key.1 >> 32)
            let currency = (key.1 >> 17) & 0x7FFF
            let month = Int(key.1 & 0x1FFFF)
            if organization != current.organization || object != current.object {
                try endObject()
                current = (organization, object)
                group = (category, currency)
            } else if category != group.category || currency != group.currency {
                try endCategoryGroup()
                group = (category, currency)
            }
            categoryMonths.append(month)
        }
        try endObject()
        var writer = TableWriter(StoreSchema.categoryRuns, sink: sink)
        try categoryRuns.forEachSorted { key, values in
            writer.record.int(Int(key.0 >> 32))
            writer.record.int(Int(key.0 & 0xFFFF_FFFF))
            Currency.append(UInt16(truncatingIfNeeded: key.1 >> 16), to: &writer.record)
            writer.record.int(Int(key.1 & 0xFFFF))
            writer.record.int(Int(key.2 >> 32))
            writer.record.int(Int(key.2 & 0xFFFF_FFFF))
            writer.record.int(values[0])
            try writer.addRow()
        }
        try writer.finish()
        writer = TableWriter(StoreSchema.profileRuns, sink: sink)
        try profileRuns.forEachSorted { key, values in
            writer.record.int(Int(key.0 >> 32))
            writer.record.int(Int(key.0 & 0xFFFF_FFFF))
            writer.record.key(Int(key.1 >> 32))
            Currency.append(UInt16(truncatingIfNeeded: key.1 >> 16), to: &writer.record)
            writer.record.int(Int(key.1 & 0xFFFF))
            writer.record.int(Int(key.2 >> 32))
            writer.record.int(Int(key.2 & 0xFFFF_FFFF))
            writer.record.int(values[0])
            try writer.addRow()
        }
        try writer.finish()
    }

    /// Usage events: checked row by row and summed per organization (the object's), object, month
    /// (UTC) and product into `object_usage`, and per organization and month into `usage_rollup`.
    func loadUsageEvents(_ r: ExportFileReader) throws {
        var problems = self.problems
        defer { self.problems = problems }
        let (objects, products, objectOrganization) = (self.objects, self.products, self.objectOrganization)
        let ids = FactIDCheck(scratch: scratch)
        let usage = Aggregator(combines: [.sum, .sum], capacity: 1 << 20, scratch: scratch)
        var rows = 0
        defer { rowCounts[.usageEvents, default: 0] += rows }
        while try r.next(&problems) {
            rows += 1
            try progress.row()
            _ = r.present(0, &problems)
            let object = r.reference(1, to: objects, required: true, &problems) ?? 0
            let product = r.reference(2, to: products, required: true, &problems) ?? 0
            let occurred = r.timestamp(3, &problems)
            let quantity = r.decimal(4, required: true, &problems)
            if r.isNull(0) { continue }
            try r.withBytes(0) { try ids.add($0, ordinal: r.ordinal) }
            guard problems.isEmpty else { continue }
            let organization = Int(objectOrganization[object])
            let month = occurred?.utcMonth.ordinal ?? 0
            try usage.add(SumKeys.objectUsage(organization, object, month, product), 1, quantity ?? 0)
        }
        self.problems = problems
        try checkUniqueIDs(.usageEvents, ids)
        problems = self.problems
        guard problems.isEmpty else { return }
        let rollup = Aggregator(combines: [.sum, .sum], capacity: 1 << 16, scratch: scratch)
        let writer = TableWriter(StoreSchema.objectUsage, sink: sink)
        try usage.forEachSorted { key, values in
            let organization = Int(key.0 >> 32)
            let month = Int(key.1 >> 32)
            writer.record.int(organization)
            writer.record.int(Int(key.0 & 0xFFFF_FFFF))
            writer.record.int(month)
            writer.record.int(Int(key.1 & 0xFFFF_FFFF))
            writer.record.int(values[0])
            writer.record.int(values[1])
            try writer.addRow()
            try rollup.add(SumKeys.organizationMonth(organization, month), values)
        }
        try writer.finish()
        if usage.overflowed != nil || rollup.overflowed != nil {
            if let problem = try usageSumOverflow(objectUsage: usage.overflowedKeys, organizationMonth: rollup.overflowedKeys) {
                throw problem
            }
            if usage.overflowedKeys.count >= 64 || rollup.overflowedKeys.count >= 64 { throw SumOverflow.tooMany("usage_events.csv") }
        }
        let rollupWriter = TableWriter(StoreSchema.usageRollup, sink: sink)
        try rollup.forEachSorted { key, values in
            rollupWriter.record.int(Int(key.0 >> 32))
            rollupWriter.record.int(Int(key.0 & 0xFFFF_FFFF))
            rollupWriter.record.int(values[0])
            rollupWriter.record.int(values[1])
            try rollupWriter.addRow()
        }
        try rollupWriter.finish()
    }

    /// Reports the rows of a fact file whose ids are not unique, on each later row: "the id is not
    /// unique: it is also on line N" (N the first row with that id). Rows whose ids' hashes collide are
    /// read again from the file and compared exactly.
    func checkUniqueIDs(_ file: ExportFile, _ ids: FactIDCheck) throws {
        let candidates = try ids.candidates()
        guard !candidates.isEmpty else { return }
        let wanted = Set(candidates)
        var found: [Int: (id: String, line: Int)] = [:]
        let csv = try CSVReader(path: directory + "/" + file.fileName, fileName: file.fileName)
        try csv.readHeader()
        let position = csv.columnIndex("id") ?? 0
        var ordinal = 0
        while found.count < wanted.count, try csv.next() {
            ordinal += 1
            if wanted.contains(ordinal) { found[ordinal] = (csv.record.string(position), csv.record.line) }
        }
        var first: [String: Int] = [:]
        var pairs: [(k: Int, first: Int, id: String)] = []
        var hidden = 0
        for k in candidates {
            guard let row = found[k] else { continue }
            if let firstK = first[row.id] {
                if pairs.count < 1000 { pairs.append((k, firstK, row.id)) } else { hidden += 1 }
            } else {
                first[row.id] = k
            }
        }
        for pair in pairs {
            problems.add(
                file: file, line: found[pair.k]?.line ?? 0, column: "id", value: pair.id,
                "the id is not unique: it is also on line \(found[pair.first]?.line ?? 0)")
        }
        problems.addUnlisted(hidden)
    }
}
