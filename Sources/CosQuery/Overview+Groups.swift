import CosModel
import CosStore
import CosView

extension Overview {
    /// A product category of an organization: `trend` (quantity vs. amount per month and currency) and
    /// `products`.
    public func category(organization: Key, category: Key, asOf: CivilDate, period: Period) throws -> View {
        let org = try organizationName(organization)
        let cat = try entity(.category, category)
        let currencies = try self.currencies(organization: organization)
        let filter = GroupFilter.category(category)
        return View(
            kind: "category", title: "\(cat.name) (category of \(org.name))",
            context: ContextPath([org.name, "categories", cat.name]), asOf: asOf, period: period,
            tables: [
                try groupTrend(organization, filter, currencies: currencies, period: period),
                try products(organization, filter, period: period),
            ])
    }

    /// A product of an organization (`categories/CAT/PRODUCT`): `trend` and `objects`, the objects its
    /// tickets in the period charge (tickets without an object form the `(no object)` row).
    public func product(organization: Key, product: Key, asOf: CivilDate, period: Period) throws -> View {
        let org = try organizationName(organization)
        guard
            let found = try firstRow(
                "SELECT p.id, p.name, p.category_k, c.name FROM product p JOIN product_category c ON c.k = p.category_k WHERE p.k = ?",
                [.integer(product)], { ($0.text(0) ?? "", $0.text(1) ?? "", $0.int64(2), $0.text(3) ?? "") })
        else { throw QueryError.notFound(what: "product", key: product) }
        let currencies = try self.currencies(organization: organization)
        let filter = GroupFilter.product(category: found.2, product: product)
        let objectRows = try productObjects(organization, product: product, period: period)
        return View(
            kind: "product", title: "\(found.1) (product in \(found.3) of \(org.name))",
            context: ContextPath([org.name, "categories", found.3, found.1]), asOf: asOf, period: period,
            tables: [
                try groupTrend(organization, filter, currencies: currencies, period: period),
                objectsTable(objectRows),
            ])
    }

    /// An object type of an organization: `trend`, `by_object_profile` and `products`. `objectType` nil
    /// is the `(no object)` group (tickets that charge no object): `trend` and `products`.
    public func objectType(organization: Key, objectType: Key?, asOf: CivilDate, period: Period) throws -> View {
        let org = try organizationName(organization)
        let type = try objectType.map { try entity(.objectType, $0) } ?? (id: "", name: Overview.noObject)
        let currencies = try self.currencies(organization: organization)
        let filter = GroupFilter.objectType(objectType)
        return View(
            kind: "object_type", title: "\(type.name) (object type of \(org.name))",
            context: ContextPath([org.name, "types", type.name]), asOf: asOf, period: period,
            tables: [
                try groupTrend(organization, filter, currencies: currencies, period: period),
                try objectType.map { try summary(.objectProfile(within: $0), organization: organization, period: period) },
                try products(organization, filter, period: period),
            ].compactMap { $0 })
    }

    /// An object profile of an organization (`profile` nil: the type's `(no profile)` group): `trend`,
    /// `products` and `objects`.
    ///
    /// `objects` lists the organization's objects of the profile that were active during the period or
    /// have charge tickets in it, each with the amount and number of its tickets in the period. An
    /// object with no tickets shows zero in its contract's currency (or the organization's first
    /// currency when it has no contract).
    public func objectProfile(
        organization: Key, objectType: Key, profile: Key?, asOf: CivilDate, period: Period
    ) throws -> View {
        let org = try organizationName(organization)
        let type = try entity(.objectType, objectType)
        let profileName = try profile.map { try entity(.objectProfile, $0).name } ?? "(no profile)"
        let currencies = try self.currencies(organization: organization)
        let filter = GroupFilter.objectProfile(objectType: objectType, profile: profile)
        let objectRows = try profileObjects(organization, filter, currencies: currencies, period: period)
        return View(
            kind: "object_profile", title: "\(profileName) (\(type.name) profile of \(org.name))",
            context: ContextPath([org.name, "types", type.name, profileName]), asOf: asOf, period: period,
            tables: [
                try groupTrend(organization, filter, currencies: currencies, period: period),
                try products(organization, filter, period: period),
                objectsTable(objectRows),
            ])
    }

    // MARK: - Tables shared by the group views

    /// `trend`: the tickets' quantity and amount per month of the period, currency and unit (quantities
    /// of different units are never added).
    func groupTrend(_ organization: Key, _ filter: GroupFilter, currencies: [String], period: Period) throws -> ViewTable {
        try unitTrend(
            "SELECT r.month, r.currency, p.unit, sum(r.quantity), sum(r.amount) FROM ticket_rollup r"
                + " JOIN product p ON p.k = r.product_k"
                + " WHERE r.organization_k = ? AND r.month BETWEEN ? AND ?\(filter.sql("r"))"
                + " GROUP BY r.month, r.currency, p.unit",
            [.integer(organization)] + monthBounds(period) + filter.values, currencies: currencies, period: period)
    }

    /// `products`: per product and currency the tickets' quantity, amount and count in the period.
    func products(_ organization: Key, _ filter: GroupFilter, period: Period) throws -> ViewTable {
        try productSummary(
            """
            SELECT p.id, p.name, p.unit, r.currency, sum(r.quantity), sum(r.amount), sum(r.tickets)
            FROM ticket_rollup r JOIN product p ON p.k = r.product_k
            WHERE r.organization_k = ? AND r.month BETWEEN ? AND ?\(filter.sql("r"))
            GROUP BY r.product_k, p.id, p.name, p.unit, r.currency
            """, period: period, values: { [.integer(organization)] + self.monthBounds($0) + filter.values })
    }

    /// The objects of a profile active in the period or charged in it.
    func profileObjects(_ organization: Key, _ filter: GroupFilter, currencies: [String], period: Period) throws
        -> [ObjectLine]
    {
        var sums = ObjectSums()
        try each(
            "SELECT object_k, currency, amount FROM charge_ticket"
                + " WHERE organization_k = ? AND month BETWEEN ? AND ?\(filter.sql(""))",
            [.integer(organization)] + monthBounds(period) + filter.values
        ) { sums.add($0, objectColumn: 0, currencyColumn: 1, amountColumn: 2) }
        var charged: [Key: [(currency: String, amount: Int64, tickets: Int64)]] = [:]
        try sums.forEach { object, currency, amount, tickets in
            guard let object else { return }
            charged[object, default: []].append((currency, amount, tickets))
        }
        var lines: [ObjectLine] = []
        let from = Int64(period.from.ordinal)
        let to = Int64(period.to.ordinal)
        for row in try fetch(
            """
            SELECT o.k, o.id, o.name, o.active_from, o.active_to, o.from_month, o.to_month, c.currency
            FROM object o LEFT JOIN contract c ON c.k = o.contract_k
            WHERE o.organization_k = ?\(filter.sql("o"))
            """, [.integer(organization)] + filter.values,
            { row in
                (
                    row.int64(0), row.text(1), row.text(2) ?? "", row.text(3), row.optionalText(4), row.int64(5),
                    row.optionalInt64(6), row.optionalText(7)
                )
            })
        {
            let (key, id, name, activeFrom, activeTo, fromMonth, toMonth, contractCurrency) = row
            if let tickets = charged[key] {
                for (currency, amount, count) in tickets {
                    lines.append(ObjectLine(id: id, name: name, activeFrom: activeFrom, activeTo: activeTo,
                                            currency: currency, amount: amount, tickets: count))
                }
                continue
            }
            // Active during the period: starts by its end, ends (if ever) at or after its start, and
            // never ends before it starts (such an object is never active).
            let endsOK = toMonth.map { $0 >= from && $0 >= fromMonth } ?? true
            guard fromMonth <= to, endsOK else { continue }
            lines.append(ObjectLine(id: id, name: name, activeFrom: activeFrom, activeTo: activeTo,
                                    currency: contractCurrency ?? currencies.first, amount: 0, tickets: 0))
        }
        return lines
    }

    /// The objects a product's tickets in the period charge, with their sums per currency (tickets
    /// without an object form the `(no object)` line).
    func productObjects(_ organization: Key, product: Key, period: Period) throws -> [ObjectLine] {
        // The product decides the category, so the product key alone selects the tickets, and the
        // covering index ticket_product_objects serves the scan without reading ticket rows.
        var sums = ObjectSums()
        try each(
            "SELECT object_k, currency, amount FROM charge_ticket"
                + " WHERE organization_k = ? AND product_k = ? AND month BETWEEN ? AND ?",
            [.integer(organization), .integer(product)] + monthBounds(period)
        ) { sums.add($0, objectColumn: 0, currencyColumn: 1, amountColumn: 2) }
        let details = try objectDetails(sums.sortedObjects)
        var lines: [ObjectLine] = []
        lines.reserveCapacity(sums.count)
        try sums.forEach { object, currency, amount, tickets in
            let found = object.flatMap { details[$0] }
            lines.append(ObjectLine(
                id: found?.id, name: found?.name ?? "(no object)", activeFrom: found?.activeFrom,
                activeTo: found?.activeTo, currency: currency, amount: amount, tickets: tickets))
        }
        return lines
    }

    /// The id, name and active dates of objects by key (`sorted`: distinct keys in increasing order),
    /// read in batches of a fixed size (one prepared statement; the last batch repeats its last key).
    func objectDetails(_ sorted: [Key], batch: Int = 256) throws
        -> [Key: (id: String?, name: String, activeFrom: String?, activeTo: String?)]
    {
        let sql = "SELECT k, id, name, active_from, active_to FROM object WHERE k IN ("
            + Array(repeating: "?", count: batch).joined(separator: ", ") + ")"
        var result: [Key: (id: String?, name: String, activeFrom: String?, activeTo: String?)] = [:]
        result.reserveCapacity(sorted.count)
        var start = 0
        while start < sorted.count {
            let end = min(start + batch, sorted.count)
            var values = sorted[start..<end].map { SQLValue.integer($0) }
            while values.count < batch { values.append(.integer(sorted[end - 1])) }
            try each(sql, values) { row in
                result[row.int64(0)] = (row.optionalText(1), row.text(2) ?? "", row.optionalText(3), row.optionalText(4))
            }
            start = end
        }
        return result
    }

    /// `objects`: an object per row with its amount and ticket count, by currency then amount.
    func objectsTable(_ lines: [ObjectLine]) -> ViewTable {
        // By currency, amount (largest first), name and id. Indexes are sorted, not the lines, by keys
        // taken out beforehand (a currency's rank, the amount): a comparison that read the lines
        // themselves copied each line (retaining and releasing its five strings), which was half the
        // time of a product view with ten thousand objects. Names and ids are compared only on ties.
        let currencyNames = Array(Set(lines.map { $0.currency ?? "" })).sorted()
        var rankOf: [String: Int] = [:]
        for (rank, name) in currencyNames.enumerated() { rankOf[name] = rank }
        let ranks = lines.map { rankOf[$0.currency ?? "", default: 0] }
        let amounts = lines.map(\.amount)
        let order = lines.withUnsafeBufferPointer { buffer in
            lines.indices.sorted { i, j in
                if ranks[i] != ranks[j] { return ranks[i] < ranks[j] }
                if amounts[i] != amounts[j] { return amounts[i] > amounts[j] }
                if buffer[i].name != buffer[j].name { return buffer[i].name < buffer[j].name }
                return (buffer[i].id ?? "") < (buffer[j].id ?? "")
            }
        }
        return ViewTable(
            name: "objects", title: "Objects",
            columns: [
                Columns.id("object_id", "Id"), Columns.text("object", "Object"),
                ViewColumn("active_from", "Active from", .date), ViewColumn("active_to", "Active to", .date),
                Columns.currency, Columns.money(), Columns.count("tickets", "Tickets"),
            ],
            rows: order.map { i in
                let line = lines[i]
                return [
                    Cells.text(line.id), .text(line.name), Cells.date(line.activeFrom), Cells.date(line.activeTo),
                    Cells.text(line.currency), Cells.money(line.amount), Cells.count(line.tickets),
                ]
            })
    }
}

/// One row of an `objects` table.
struct ObjectLine {
    var id: String?
    var name: String
    var activeFrom: String?
    var activeTo: String?
    var currency: String?
    var amount: Int64
    var tickets: Int64
}
