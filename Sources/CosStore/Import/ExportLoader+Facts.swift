import CosModel

extension ExportLoader {
    /// Charge tickets: checked row by row, never held in memory. Each ticket carries copies of its
    /// contract's organization and currency, its product's category, its object's type and profile,
    /// and the month of its `period_start`. Here they are only sorted into `charge_ticket` order; the
    /// writer thread makes every derived table from that order (`TicketTables`).
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
        // Full arenas are sorted and written on the writer thread, which has little else to do until
        // the last ticket is read.
        let tickets = RecordSorter(budget: memoryBudget, scratch: scratch, helper: writer)
        // The entries of charge_ticket's object index, when the sink takes them ready made.
        let objectIndex = StoreSchema.chargeTicket.indexes.first { $0.name == "ticket_object" }
        let entrySink = objectIndex == nil ? nil : sink as? IndexEntrySink
        let ticketIndex = entrySink == nil ? nil : RecordSorter(budget: memoryBudget / 4, scratch: scratch, helper: writer)
        // Like every call to the sink, on the writer thread (before it writes the first ticket).
        if let entrySink, let objectIndex { try writer.submit { entrySink.expectEntries(for: [objectIndex]) } }
        let record = RecordBuilder()
        let key = SortKey()
        let indexKey = SortKey()
        let indexRecord = RecordBuilder()
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
            key.reset()
            key.int(organization)
            key.int(month)
            key.int(startDay)
            r.withBytes(0) { key.text($0) }
            if let ticketIndex, object != 0 {
                // ticket_object(organization_k, object_k, month, period_start_day, id).
                indexKey.reset()
                indexKey.int(organization)
                indexKey.int(object)
                indexKey.int(month)
                indexKey.int(startDay)
                r.withBytes(0) { indexKey.text($0) }
                indexRecord.int(organization)
                indexRecord.int(object)
                indexRecord.int(month)
                indexRecord.int(startDay)
                r.withBytes(0) { indexRecord.text($0) }
                try ticketIndex.add(key: indexKey, indexRecord)
            }
            record.int(organization)
            record.int(month)
            record.int(startDay)
            r.withBytes(0) { record.text($0) }
            record.int(r.ordinal)
            record.int(contract)
            Currency.append(currency, to: record)
            record.key(object)
            record.int(product)
            record.int(Int(productCategory[product]))
            record.key(Int(objectType[object]))
            record.key(Int(objectProfile[object]))
            record.int(end?.daysSinceEpoch ?? 0)
            record.int(parsedQuantity ?? 0)
            record.int(unitPrice)
            record.int(parsedAmount ?? 0)
            record.key(invoice)
            try tickets.add(key: key, record)
        }
        self.problems = problems
        // The tables are written on the writer thread while the ids are checked here (a duplicate
        // refuses the data, and the tables are thrown away with the rest).
        if problems.isEmpty {
            try later { try self.writeTicketTables(tickets, index: ticketIndex.flatMap { sorter in objectIndex.map { (sorter, $0) } }) }
        }
        try checkUniqueIDs(.chargeTickets, ids)
        problems = self.problems
    }

    /// `charge_ticket` from the sorted tickets (with its object index's entries when the sink takes
    /// them), and the tables derived from it (on the writer thread).
    private func writeTicketTables(_ tickets: RecordSorter, index: (RecordSorter, StoreIndex)?) throws {
        let derived = try TicketTables(loader: self, scratch: scratch)
        let writer = tableWriter(StoreSchema.chargeTicket)
        try tickets.forEachSorted { _, row in
            try writer.add(record: row)
            try derived.add(row)
        }
        try writer.flush()
        if let (sorter, objectIndex) = index, let entrySink = sink as? IndexEntrySink {
            let batch = RowBatch(table: StoreSchema.chargeTicket)
            try sorter.forEachSorted { _, entry in
                batch.append(record: entry)
                if batch.byteCount >= 1 << 20 {
                    try entrySink.writeEntries(batch, index: objectIndex)
                    batch.removeAll()
                }
            }
            if !batch.isEmpty { try entrySink.writeEntries(batch, index: objectIndex) }
        }
        try writer.finish()
        try derived.finish()
    }

    /// Usage events: checked row by row and summed per organization (the object's), object, month
    /// (UTC) and product into `object_usage`, and per organization and month into `usage_rollup`.
    func loadUsageEvents(_ r: ExportFileReader) throws {
        var problems = self.problems
        defer { self.problems = problems }
        let (objects, products, objectOrganization) = (self.objects, self.products, self.objectOrganization)
        let ids = FactIDCheck(scratch: scratch)
        let usage = Aggregator(combines: [.sum, .sum], capacity: 1 << 18, scratch: scratch)
        var rows = 0
        defer { rowCounts[.usageEvents, default: 0] += rows }
        // Consecutive events of the same object, month and product (exports often list an object's
        // events together) are summed here before they go to the hash table.
        var pending: (key: Aggregator.Key, events: Int64, quantity: Int64)?
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
            let key = SumKeys.objectUsage(organization, object, month, product)
            let value = quantity ?? 0
            if let open = pending {
                let (sum, overflow) = open.quantity.addingReportingOverflow(value)
                if SumKeys.same(open.key, key), !overflow {
                    pending = (key, open.events + 1, sum)
                    continue
                }
                try usage.add(open.key, open.events, open.quantity)
            }
            pending = (key, 1, value)
        }
        if let open = pending { try usage.add(open.key, open.events, open.quantity) }
        self.problems = problems
        if problems.isEmpty { try later { try self.writeUsageTables(usage) } }
        try checkUniqueIDs(.usageEvents, ids)
        problems = self.problems
    }

    /// `object_usage` and `usage_rollup` from the summed events (on the writer thread).
    private func writeUsageTables(_ usage: Aggregator) throws {
        let rollup = Aggregator(combines: [.sum, .sum], capacity: 1 << 16, scratch: scratch)
        let writer = tableWriter(StoreSchema.objectUsage)
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
        let rollupWriter = tableWriter(StoreSchema.usageRollup)
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
        // The partitions are sorted at the end (`findIDCandidates`), on this thread while the writer
        // thread still writes the last tables; the rows are read again only when there are candidates.
        let found = CandidateBox()
        found.check = ids
        pendingIDChecks.append((file, found))
    }

    /// Finds the rows whose ids' hashes collide, for every fact file read (after the last file, beside
    /// the writer thread's last jobs).
    func findIDCandidates() throws {
        for (_, found) in pendingIDChecks {
            if let check = found.check { found.candidates = try check.candidates() }
            found.check = nil
        }
    }

    /// Reports the duplicate fact ids (after `findIDCandidates`).
    func finishIDChecks() throws {
        for (file, found) in pendingIDChecks { try reportDuplicates(file, found.candidates) }
        pendingIDChecks.removeAll()
    }

    private func reportDuplicates(_ file: ExportFile, _ candidates: [Int]) throws {
        guard !candidates.isEmpty else { return }
        let wanted = Set(candidates)
        var found: [Int: (id: String, line: Int)] = [:]
        let csv = try CSVReader(path: directory + "/" + file.fileName, fileName: file.fileName)
        try csv.readHeader(columns: file.columnNames)
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

/// One fact-id check and, once found, its candidate rows.
final class CandidateBox {
    var check: FactIDCheck?
    var candidates: [Int] = []
}
