import CosModel

extension ExportLoader {
    /// Charge tickets: checked and written row by row, never held in memory. The ticket carries copies
    /// of its contract's organization and currency, its product's category, its object's type and
    /// profile, and the month of its `period_start`.
    func loadChargeTickets(_ r: ExportFileReader) throws {
        let insert = try db.statement(
            """
            INSERT INTO charge_ticket(k, id, contract_k, organization_k, currency, object_k, product_k, category_k,
                                      object_type_k, object_profile_k, month, period_start, period_end, quantity,
                                      unit_price, amount, invoice_k)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // Locals, not properties, on the hot path: each access to a class's stored property is checked
        // for exclusivity at run time, and there are a dozen per row.
        var problems = self.problems
        defer { self.problems = problems }
        let (contracts, objects, products, invoices) = (self.contracts, self.objects, self.products, self.invoices)
        let (contractOrganization, contractCurrency) = (self.contractOrganization, self.contractCurrency)
        let (productCategory, objectType, objectProfile) = (self.productCategory, self.objectType, self.objectProfile)
        let (invoiceOrganization, invoiceCurrency) = (self.invoiceOrganization, self.invoiceCurrency)
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
            _ = r.date(5, required: true, &problems)
            let quantity = r.decimal(6, required: true, &problems)
            let unitPrice = r.decimal(7, required: false, &problems)
            let amount = r.decimal(8, required: true, &problems)
            let invoice = r.reference(9, to: invoices, required: false, &problems) ?? 0
            let organization = contractOrganization[contract]
            let currency = contractCurrency[contract]
            if invoice != 0, contract != 0 {
                let invoiceOrg = invoiceOrganization[invoice]
                if invoiceOrg != 0, organization != 0, invoiceOrg != organization {
                    r.report(
                        9, "the invoice belongs to organization \"\(organizations.id(invoiceOrg))\", the ticket's "
                            + "contract \"\(contracts.id(contract))\" to organization \"\(organizations.id(organization))\"",
                        &problems)
                }
                if let invoiceCurrency = invoiceCurrency[invoice], let currency, invoiceCurrency != currency {
                    r.report(
                        9, "the invoice is in \(invoiceCurrency), the ticket's contract \"\(contracts.id(contract))\" "
                            + "in \(currency)", &problems)
                }
            }
            // A row without an id is reported already; stored, it would also count as a duplicate.
            if r.isNull(0) { continue }
            insert.bind(int: Int64(r.ordinal), at: 1)
            r.withBytes(0) { insert.bind(bytes: $0, at: 2) }
            insert.bind(int: Int64(contract), at: 3)
            insert.bind(int: Int64(organization), at: 4)
            insert.bind(text: currency ?? "", at: 5)
            insert.bind(optional: object == 0 ? nil : Int64(object), at: 6)
            insert.bind(int: Int64(product), at: 7)
            insert.bind(int: Int64(productCategory[product]), at: 8)
            let type = objectType[object]
            let profile = objectProfile[object]
            insert.bind(optional: type == 0 ? nil : Int64(type), at: 9)
            insert.bind(optional: profile == 0 ? nil : Int64(profile), at: 10)
            insert.bind(int: Int64(start?.monthValue.ordinal ?? 0), at: 11)
            r.withBytes(4) { insert.bind(bytes: $0, at: 12) }
            r.withBytes(5) { insert.bind(bytes: $0, at: 13) }
            insert.bind(int: quantity ?? 0, at: 14)
            insert.bind(optional: unitPrice, at: 15)
            insert.bind(int: amount ?? 0, at: 16)
            insert.bind(optional: invoice == 0 ? nil : Int64(invoice), at: 17)
            try insert.runAndReset()
        }
    }

    /// Usage events: checked and written row by row. An event counts for its object's organization;
    /// `occurred_at` is stored in UTC and its month taken in UTC.
    func loadUsageEvents(_ r: ExportFileReader) throws {
        let insert = try db.statement(
            """
            INSERT INTO usage_event(k, id, object_k, product_k, organization_k, occurred_at, month, quantity)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var problems = self.problems
        defer { self.problems = problems }
        let (objects, products, objectOrganization) = (self.objects, self.products, self.objectOrganization)
        var rows = 0
        defer { rowCounts[.usageEvents, default: 0] += rows }
        // usage_rollup is summed here, during the load, instead of by a GROUP BY that reads and sorts
        // every event again afterwards: a few thousand (organization, month) pairs at most.
        var sums: [UsageRollupKey: (events: Int64, quantity: Int64)] = [:]
        var overflowed: (key: UsageRollupKey, line: Int, value: String)?
        while try r.next(&problems) {
            rows += 1
            try progress.row()
            _ = r.present(0, &problems)
            let object = r.reference(1, to: objects, required: true, &problems) ?? 0
            let product = r.reference(2, to: products, required: true, &problems) ?? 0
            let occurred = r.timestamp(3, &problems)
            let quantity = r.decimal(4, required: true, &problems)
            if r.isNull(0) { continue }
            insert.bind(int: Int64(r.ordinal), at: 1)
            r.withBytes(0) { insert.bind(bytes: $0, at: 2) }
            insert.bind(int: Int64(object), at: 3)
            insert.bind(int: Int64(product), at: 4)
            insert.bind(int: Int64(objectOrganization[object]), at: 5)
            if let occurred {
                ExportLoader.withUTCText(occurred) { insert.bind(bytes: $0, at: 6) }
            } else {
                insert.bind(text: "", at: 6)
            }
            insert.bind(int: Int64(occurred?.utcMonth.ordinal ?? 0), at: 7)
            insert.bind(int: quantity ?? 0, at: 8)
            try insert.runAndReset()
            let key = UsageRollupKey(
                organization: Int64(objectOrganization[object]), month: Int64(occurred?.utcMonth.ordinal ?? 0))
            let sum = sums[key, default: (0, 0)]
            let (total, overflow) = sum.quantity.addingReportingOverflow(quantity ?? 0)
            if overflow, overflowed == nil { overflowed = (key, r.line, r.string(4)) }
            sums[key] = (sum.events + 1, total)
        }
        if let overflowed { throw usageSumOverflow(overflowed.key, line: overflowed.line, value: overflowed.value) }
        let rollup = try db.statement("INSERT INTO usage_rollup(organization_k, month, events, quantity) VALUES(?, ?, ?, ?)")
        for (key, sum) in sums.sorted(by: { ($0.key.organization, $0.key.month) < ($1.key.organization, $1.key.month) }) {
            rollup.bind(int: key.organization, at: 1)
            rollup.bind(int: key.month, at: 2)
            rollup.bind(int: sum.events, at: 3)
            rollup.bind(int: sum.quantity, at: 4)
            try rollup.runAndReset()
        }
    }

    /// `Timestamp.description` (`YYYY-MM-DDTHH:MM:SSZ`) written into a stack buffer: the same text
    /// without building Strings for each of millions of events.
    static func withUTCText(_ timestamp: Timestamp, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let seconds = timestamp.secondsSinceEpoch
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let date = CivilDate(daysSinceEpoch: Int(days))
        guard (0...9999).contains(date.year) else {
            var text = timestamp.description
            text.withUTF8 { body($0) }
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            func put(_ value: Int, _ at: Int, _ digits: Int) {
                var v = value
                for i in stride(from: at + digits - 1, through: at, by: -1) {
                    buffer[i] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(date.year, 0, 4)
            buffer[4] = 45
            put(date.month, 5, 2)
            buffer[7] = 45
            put(date.day, 8, 2)
            buffer[10] = 84
            put(secondOfDay / 3600, 11, 2)
            buffer[13] = 58
            put(secondOfDay / 60 % 60, 14, 2)
            buffer[16] = 58
            put(secondOfDay % 60, 17, 2)
            buffer[19] = 90
            body(UnsafeBufferPointer(buffer))
        }
    }

    /// Checks that the ids of a fact file are unique, in the store: the unique index when the data is
    /// clean so far (it is needed anyway), else a query. Duplicates are reported with their lines,
    /// found by reading the file again (only when there are duplicates).
    func checkUniqueIDs(_ file: ExportFile) throws {
        var indexError: DatabaseError?
        if problems.isEmpty {
            let prefix = "CREATE UNIQUE INDEX \(file.table)_id "
            let sql = StoreSchema.indexes.first { $0.hasPrefix(prefix) } ?? prefix + "ON \(file.table)(id)"
            do {
                try db.execute(sql)
                return
            } catch let error as DatabaseError where !error.isInterrupt {
                // Most likely a duplicate id: find them below (else the error is thrown there).
                indexError = error
            }
        }
        var first: [String: Int] = [:]
        var pairs: [(k: Int, first: Int, id: String)] = []
        var hidden = 0
        try db.forEachRow(
            """
            SELECT k, id FROM \(file.table)
            WHERE id IN (SELECT id FROM \(file.table) GROUP BY id HAVING count(*) > 1) ORDER BY k
            """
        ) { row in
            let k = row.int(0)
            let id = row.text(1) ?? ""
            if let firstK = first[id] {
                if pairs.count < 1000 { pairs.append((k, firstK, id)) } else { hidden += 1 }
            } else {
                first[id] = k
            }
        }
        guard !pairs.isEmpty else {
            if let indexError { throw indexError }
            return
        }
        var wanted = Set<Int>()
        for pair in pairs {
            wanted.insert(pair.k)
            wanted.insert(pair.first)
        }
        var lines: [Int: Int] = [:]
        let csv = try CSVReader(path: directory + "/" + file.fileName, fileName: file.fileName)
        try csv.readHeader()
        var ordinal = 0
        while lines.count < wanted.count, try csv.next() {
            ordinal += 1
            if wanted.contains(ordinal) { lines[ordinal] = csv.record.line }
        }
        for pair in pairs {
            let line = lines[pair.k] ?? 0
            problems.add(
                file: file, line: line, column: "id", value: pair.id,
                "the id is not unique: it is also on line \(lines[pair.first] ?? 0)")
        }
        problems.addUnlisted(hidden)
    }
}

/// An organization and month of `usage_rollup`, summed during the load of the usage events.
struct UsageRollupKey: Hashable {
    var organization: Int64
    var month: Int64
}
