import CosModel
import CosStore
import CosView

extension Overview {
    /// The charge tickets of a context, in period-then-id order, one page of them.
    ///
    /// - Parameters:
    ///   - filter: invoiced, uninvoiced or any.
    ///   - allTime: true for tickets of every month (`tickets --all`), false for those in `period`.
    ///   - offset, limit: the page (`limit` nil: every ticket from `offset` on); `totalRows` of the
    ///     `tickets` table holds the number of matching tickets, counted from the rollup where the
    ///     context has one (never a full scan of tickets). With no limit and no offset the table is
    ///     the whole list, not a page.
    public func tickets(
        _ scope: Scope, filter: TicketFilter = .any, allTime: Bool = false, offset: Int = 0, limit: Int? = 50,
        asOf: CivilDate, period: Period
    ) throws -> View {
        guard offset >= 0, (limit ?? 0) >= 0 else { throw QueryError.badPage("offset and limit must not be negative") }
        let about = try describe(scope)
        let table = try ticketTable(scope, filter: filter, allTime: allTime, offset: offset, limit: limit, period: period)
        var notes: [String] = []
        if allTime { notes.append("All tickets of every period.") }
        if filter != .any { notes.append("Only \(filter.rawValue) tickets.") }
        return View(
            kind: "tickets", title: "Charge tickets of \(about.title)", context: about.context, asOf: asOf,
            period: period, tables: [table], notes: notes)
    }

    /// The `tickets` table of a scope (also embedded in the object, contract and invoice views).
    ///
    /// `newestFirst` pages from the other end (`offset` 0 is the newest ticket) and returns the page
    /// newest first: the latest invoiced tickets of a contract. `limit` nil is every ticket; the table
    /// is a page (`pageOffset`) unless `limit` is nil and `offset` 0.
    func ticketTable(
        _ scope: Scope, filter: TicketFilter, allTime: Bool, offset requestedOffset: Int, limit requestedLimit: Int?,
        newestFirst: Bool = false, period: Period, name: String = "tickets", title: String = "Charge tickets",
        rest: String? = nil
    ) throws -> ViewTable {
        // No limit is the largest page a statement takes; the total is counted either way.
        var offset = requestedOffset
        var limit = requestedLimit ?? Int(Int32.max)
        /// Newest first: the same page counted from the end of the oldest-first order.
        func fromTheEnd(_ total: Int64) {
            guard newestFirst else { return }
            let end = max(0, Int(total) - requestedOffset)
            offset = max(0, end - limit)
            limit = end - offset
        }
        // Where the scope's tickets are, as constant SQL on charge_ticket (alias t) and on ticket_rollup.
        var condition: String
        var values: [SQLValue]
        var rollupCondition: String?
        switch scope {
        case .organization(let org):
            (condition, values, rollupCondition) = ("t.organization_k = ?", [.integer(org)], "organization_k = ?")
        case .category(let org, let category):
            let group = GroupFilter.category(category)
            condition = "t.organization_k = ?" + group.sql("t")
            values = [.integer(org)] + group.values
            rollupCondition = "organization_k = ?" + group.sql("")
        case .product(let org, let product):
            let category = try integer("SELECT category_k FROM product WHERE k = ?", [.integer(product)])
            let group = GroupFilter.product(category: category, product: product)
            condition = "t.organization_k = ?" + group.sql("t")
            values = [.integer(org)] + group.values
            rollupCondition = "organization_k = ?" + group.sql("")
        case .objectType(let org, let type):
            let group = GroupFilter.objectType(type)
            condition = "t.organization_k = ?" + group.sql("t")
            values = [.integer(org)] + group.values
            rollupCondition = "organization_k = ?" + group.sql("")
        case .objectProfile(let org, let type, let profile):
            let group = GroupFilter.objectProfile(objectType: type, profile: profile)
            condition = "t.organization_k = ?" + group.sql("t")
            values = [.integer(org)] + group.values
            rollupCondition = "organization_k = ?" + group.sql("")
        case .object(let org, let object):
            // Every ticket of the object, whatever organization's contract it is on.
            let owners = try objectTicketOrganizations(organization: org, object: object)
            (condition, values, rollupCondition) = (owners.sql + " AND t.object_k = ?", owners.values + [.integer(object)], nil)
        case .contract(let org, let contract):
            (condition, values, rollupCondition) = (
                "t.organization_k = ? AND t.contract_k = ?", [.integer(org), .integer(contract)],
                "organization_k = ? AND contract_k = ?"
            )
        case .invoice(let org, let invoice):
            (condition, values, rollupCondition) = (
                "t.organization_k = ? AND t.invoice_k = ?", [.integer(org), .integer(invoice)],
                "organization_k = ? AND invoice_k = ?"
            )
        }
        // Period-then-id order: charge_ticket is clustered by (organization, month, period start, id),
        // and ticket_object (an object's tickets) is in the same order after the object.
        let order = "t.month, t.period_start_day, t.id"
        switch filter {
        case .any: break
        case .invoiced:
            condition += " AND t.invoice_k IS NOT NULL"
            rollupCondition? += " AND invoiced = 1"
        case .uninvoiced:
            condition += " AND t.invoice_k IS NULL"
            rollupCondition? += " AND invoiced = 0"
        }
        var low: Int64? = allTime ? nil : Int64(period.from.ordinal)
        var high: Int64? = allTime ? nil : Int64(period.to.ordinal)
        var pageOffset = offset
        let total: Int64
        var pageIsEmpty = limit == 0
        if let rollupCondition {
            // The rollup counts the scope's tickets per month: the total, and the months the page lies
            // in, so the paging index is read from the page's first month with a small residual offset
            // and never past its last month (months without matching tickets are never scanned).
            var rollupValues = values
            var sql = "SELECT month, sum(tickets) FROM ticket_rollup WHERE " + rollupCondition
            if !allTime {
                sql += " AND month BETWEEN ? AND ?"
                rollupValues += monthBounds(period)
            }
            let months = try fetch(sql + " GROUP BY month", rollupValues, { ($0.int64(0), $0.int64(1)) })
                .sorted { $0.0 < $1.0 }
            total = months.reduce(0) { $0 + $1.1 }
            fromTheEnd(total)
            pageOffset = offset
            pageIsEmpty = limit == 0
            var before: Int64 = 0
            // Saturating: the page's end past the last ticket is as good as the largest count.
            let (pageEnd, pastEnd) = Int64(offset).addingReportingOverflow(Int64(limit))
            let end = pastEnd ? Int64.max : pageEnd
            var first: Int64?
            var last: Int64?
            for (month, count) in months where count > 0 {
                if first == nil, before + count > Int64(offset) {
                    first = month
                    pageOffset = offset - Int(before)
                }
                if first != nil, last == nil, before + count >= end { last = month }
                before += count
            }
            if let first {
                low = first
                high = last ?? months.last?.0
            } else {
                pageIsEmpty = true
            }
        } else {
            var countCondition = condition
            var countValues = values
            if let low, let high {
                countCondition += " AND t.month BETWEEN ? AND ?"
                countValues += [.integer(low), .integer(high)]
            }
            total = try integer("SELECT count(*) FROM charge_ticket t WHERE " + countCondition, countValues)
            fromTheEnd(total)
            pageOffset = offset
            pageIsEmpty = limit == 0
        }
        if let low, let high {
            condition += " AND t.month BETWEEN ? AND ?"
            values += [.integer(low), .integer(high)]
        }
        // The page comes from the paging index in (month, period_start, id) order; the names are joined
        // to the page only (a subquery with LIMIT is not flattened into the join).
        // Objects are named afterwards (an object may belong to another organization).
        let organization = scope.organization
        var page = pageIsEmpty ? [] : try fetch(
            """
            SELECT t.id, c.number, t.object_k, p.id, p.name, t.period_start_day, t.period_end_day, t.quantity,
                   t.unit_price, t.amount, t.currency, i.number
            FROM (SELECT t.organization_k, t.id, t.contract_k, t.object_k, t.product_k, t.period_start_day,
                         t.period_end_day, t.quantity, t.unit_price, t.amount, t.currency, t.invoice_k, t.month
                  FROM charge_ticket t WHERE \(condition)
                  ORDER BY \(order) LIMIT ? OFFSET ?) t
            JOIN contract c ON c.organization_k = t.organization_k AND c.k = t.contract_k
            JOIN product p ON p.k = t.product_k
            LEFT JOIN invoice i ON i.organization_k = t.organization_k AND i.k = t.invoice_k
            ORDER BY \(order)
            """, values + [.integer(Int64(limit)), .integer(Int64(pageOffset))],
            { row -> (object: Key?, cells: [Cell]) in
                (
                    row.optionalInt64(2),
                    [
                        Cells.text(row.text(0)), Cells.text(row.text(1)), .null, .null, Cells.text(row.text(3)),
                        Cells.text(row.text(4)), Cells.day(row.optionalInt64(5)), Cells.day(row.optionalInt64(6)),
                        Cells.money(row.int64(7)), Cells.money(row.optionalInt64(8)), Cells.money(row.int64(9)),
                        Cells.text(row.text(10)), Cells.text(row.optionalText(11)),
                    ]
                )
            })
        let objects = try objectDetails(organization: organization, Array(Set(page.compactMap(\.object))).sorted())
        for index in page.indices {
            guard let object = page[index].object, let found = objects[object] else { continue }
            page[index].cells[2] = Cells.text(found.id)
            page[index].cells[3] = .text(found.name)
        }
        return ViewTable(
            name: name, title: title,
            columns: [
                Columns.id("id", "Ticket"), Columns.number("contract", "Contract"), Columns.id("object_id", "Object id"),
                Columns.text("object", "Object"), Columns.id("product_id", "Product id"),
                Columns.text("product", "Product"), ViewColumn("period_start", "Period start", .date),
                ViewColumn("period_end", "Period end", .date), Columns.quantity(),
                Columns.money("unit_price", "Unit price"), Columns.money(), Columns.currency,
                Columns.number("invoice", "Invoice"),
            ], rows: newestFirst ? page.reversed().map(\.cells) : page.map(\.cells), totalRows: Int(total),
            pageOffset: requestedLimit == nil && requestedOffset == 0 ? nil : requestedOffset, rest: rest)
    }

    /// A title and context path for a scope, and its organization.
    func describe(_ scope: Scope) throws -> (title: String, context: ContextPath, organization: Key) {
        switch scope {
        case .organization(let org):
            let name = try organizationName(org).name
            return (name, ContextPath([name]), org)
        case .category(let org, let category):
            let name = try organizationName(org).name
            let cat = try entity(.category, category).name
            return ("\(cat) (category of \(name))", ContextPath([name, "categories", cat]), org)
        case .product(let org, let product):
            let name = try organizationName(org).name
            guard
                let found = try firstRow(
                    "SELECT p.name, c.name FROM product p JOIN product_category c ON c.k = p.category_k WHERE p.k = ?",
                    [.integer(product)], { ($0.text(0) ?? "", $0.text(1) ?? "") })
            else { throw QueryError.notFound(what: "product", key: product) }
            return ("\(found.0) (product of \(name))", ContextPath([name, "categories", found.1, found.0]), org)
        case .objectType(let org, let type):
            let name = try organizationName(org).name
            let typeName = try type.map { try entity(.objectType, $0).name } ?? Overview.noObject
            return ("\(typeName) (object type of \(name))", ContextPath([name, "types", typeName]), org)
        case .objectProfile(let org, let type, let profile):
            let name = try organizationName(org).name
            let typeName = try entity(.objectType, type).name
            let profileName = try profile.map { try entity(.objectProfile, $0).name } ?? "(no profile)"
            return ("\(profileName) (\(typeName) profile of \(name))", ContextPath([name, "types", typeName, profileName]), org)
        case .object(let org, let object):
            let objectName = try entity(.object, object, organization: org).name
            let name = try organizationName(org).name
            return ("\(objectName) (object of \(name))", ContextPath([name, "objects", objectName]), org)
        case .contract(let org, let contract):
            let number = try entity(.contract, contract, organization: org).name
            let name = try organizationName(org).name
            return ("contract \(number) of \(name)", ContextPath([name, "contracts", number]), org)
        case .invoice(let org, let invoice):
            let number = try entity(.invoice, invoice, organization: org).name
            let name = try organizationName(org).name
            return ("invoice \(number) of \(name)", ContextPath([name, "invoices", number]), org)
        }
    }
}
