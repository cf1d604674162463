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
    /// currency when it has no contract). An object of another organization that the organization's
    /// tickets in the period charge is listed too (the contract allows such tickets; they count for
    /// the contract's organization and are in the profile's trend and products, as in the product
    /// view's objects), so the table adds up to the trend. An object whose `active_to` is before its
    /// `active_from` is never active (compared by day, also within one month).
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

    /// The objects of a profile active in the period or charged in it, with their sums from
    /// `object_month` (the type's objects are one range of it, each object's currencies and months in
    /// order, so SQLite sums per object without sorting); charged objects of other organizations are
    /// read from theirs (`objectDetails`).
    ///
    /// `passFrom`: the fewest objects of the group read by one pass over the organization's objects.
    func profileObjects(_ organization: Key, _ filter: GroupFilter, currencies: [String], period: Period, passFrom: Int64 = 256) throws
        -> [ObjectLine]
    {
        var charged: [Key: [(currency: String, amount: Int64, tickets: Int64)]] = [:]
        try each(
            "SELECT object_k, currency, sum(amount), sum(tickets) FROM object_month"
                + " WHERE organization_k = ?\(filter.sql("")) AND month BETWEEN ? AND ? GROUP BY object_k, currency",
            [.integer(organization)] + filter.values + monthBounds(period)
        ) { row in
            charged[row.int64(0), default: []].append((row.text(1) ?? "", row.int64(2), row.int64(3)))
        }
        var lines: [ObjectLine] = []
        let from = Int64(period.from.ordinal)
        let to = Int64(period.to.ordinal)
        // An object's contract's currency from the organization's few contracts, not a join per object.
        var contractCurrencies: [Key: String] = [:]
        try each("SELECT k, currency FROM contract WHERE organization_k = ?", [.integer(organization)]) { row in
            contractCurrencies[row.int64(0)] = row.text(1)
        }
        // A large group (thousands of the organization's objects) is read in one pass over the
        // organization's objects, its type and profile compared in each row (`+` keeps SQLite off the
        // object_group index): a search of the table for each object of the group through that index
        // cost several times more. A small group is read through the index. The count reads the
        // index alone.
        let groupSize = try integer(
            "SELECT count(*) FROM object WHERE organization_k = ?\(filter.sql(""))", [.integer(organization)] + filter.values) ?? 0
        var groupCondition = filter.sql("")
        if groupSize >= passFrom, case .objectProfile(_, let profile) = filter {
            groupCondition = " AND +object_type_k = ? AND +object_profile_k " + (profile == nil ? "IS NULL" : "= ?")
        }
        for row in try fetch(
            """
            SELECT k, id, name, active_from_day, active_to_day, from_month, to_month, contract_k
            FROM object WHERE organization_k = ?\(groupCondition)
            """, [.integer(organization)] + filter.values,
            { row in
                (
                    row.int64(0), row.text(1), row.text(2) ?? "", row.optionalInt64(3), row.optionalInt64(4), row.int64(5),
                    row.optionalInt64(6), row.optionalInt64(7)
                )
            })
        {
            let (key, id, name, activeFrom, activeTo, fromMonth, toMonth, contract) = row
            let contractCurrency = contract.flatMap { contractCurrencies[$0] }
            if let tickets = charged.removeValue(forKey: key) {
                for (currency, amount, count) in tickets {
                    lines.append(ObjectLine(id: id, name: name, activeFrom: activeFrom, activeTo: activeTo,
                                            currency: currency, amount: amount, tickets: count))
                }
                continue
            }
            // Active during the period: starts by its end, ends (if ever) at or after its start, and
            // never ends before it starts (such an object is never active: by day, so an object that
            // ends on the 10th of the month it starts on the 20th is not either).
            let endsOK = toMonth.map { $0 >= from } ?? true
            let endsBeforeStart = activeTo.map { end in activeFrom.map { end < $0 } ?? false } ?? false
            guard fromMonth <= to, endsOK, !endsBeforeStart else { continue }
            lines.append(ObjectLine(id: id, name: name, activeFrom: activeFrom, activeTo: activeTo,
                                    currency: contractCurrency ?? currencies.first, amount: 0, tickets: 0))
        }
        // What is left was charged by this organization's tickets but belongs to another organization.
        let foreign = charged.keys.sorted()
        guard !foreign.isEmpty else { return lines }
        let details = try objectDetails(organization: organization, foreign)
        for key in foreign {
            let found = details[key]
            for (currency, amount, count) in charged[key] ?? [] {
                lines.append(ObjectLine(
                    id: found?.id, name: found?.name ?? "", activeFrom: found?.activeFrom, activeTo: found?.activeTo,
                    currency: currency, amount: amount, tickets: count))
            }
        }
        return lines
    }

    /// The objects a product's tickets in the period charge, with their sums per currency (tickets
    /// without an object form the `(no object)` line).
    func productObjects(_ organization: Key, product: Key, period: Period) throws -> [ObjectLine] {
        // product_object is in (product, object, currency, month) order: SQLite sums each object's
        // months as it reads them, without sorting.
        var sums: [(object: Key?, currency: String, amount: Int64, tickets: Int64)] = []
        var currency = ""
        try each(
            """
            SELECT object_k, currency, sum(amount), sum(tickets) FROM product_object
            WHERE organization_k = ? AND product_k = ? AND month BETWEEN ? AND ? GROUP BY object_k, currency
            """,
            [.integer(organization), .integer(product)] + monthBounds(period)
        ) { row in
            if !row.text(1, equals: currency) { currency = row.text(1) ?? "" }
            sums.append((row.int64(0), currency, row.int64(2), row.int64(3)))
        }
        try each(
            """
            SELECT currency, sum(amount), sum(tickets) FROM ticket_rollup
            WHERE organization_k = ? AND month BETWEEN ? AND ? AND product_k = ? AND object_type_k IS NULL GROUP BY currency
            """,
            [.integer(organization)] + monthBounds(period) + [.integer(product)]
        ) { row in sums.append((nil, row.text(0) ?? "", row.int64(1), row.int64(2))) }
        var keys: [Key] = []
        for sum in sums { if let object = sum.object, object != keys.last { keys.append(object) } }
        let details = try objectDetails(organization: organization, keys)
        var lines: [ObjectLine] = []
        lines.reserveCapacity(sums.count)
        for (object, currency, amount, tickets) in sums {
            let found = object.flatMap { details[$0] }
            lines.append(ObjectLine(
                id: found?.id, name: found?.name ?? Self.noObjectName, activeFrom: found?.activeFrom,
                activeTo: found?.activeTo, currency: currency, amount: amount, tickets: tickets))
        }
        return lines
    }

    /// The name of the line of tickets that charge no object.
    static let noObjectName = "(no object)"

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
                    Cells.text(line.id), .text(line.name), Cells.day(line.activeFrom), Cells.day(line.activeTo),
                    Cells.text(line.currency), Cells.money(line.amount), Cells.count(line.tickets),
                ]
            })
    }
}

/// One row of an `objects` table.
struct ObjectLine {
    var id: String?
    var name: String
    /// Day numbers (days since 1970-01-01).
    var activeFrom: Int64?
    var activeTo: Int64?
    var currency: String?
    var amount: Int64
    var tickets: Int64
}
