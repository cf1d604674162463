import CosModel
import CosStore
import CosView

extension Overview {
    /// An object: `details`, `trend` (its tickets' quantity and amount per month), `products`, `usage`
    /// (its usage events and their quantity per month, UTC) and the first page of its `tickets`.
    public func object(organization: Key, object: Key, asOf: CivilDate, period: Period) throws -> View {
        guard
            let found = try firstRow(
                """
                SELECT o.id, o.name, o.object_type_k, t.id, t.name, p.id, p.name, c.number, o.active_from_day,
                       o.active_to_day
                FROM object o JOIN object_type t ON t.k = o.object_type_k
                LEFT JOIN object_profile p ON p.k = o.object_profile_k
                LEFT JOIN contract c ON c.organization_k = o.organization_k AND c.k = o.contract_k
                WHERE o.organization_k = ? AND o.k = ?
                """, [.integer(organization), .integer(object)],
                { row in
                    (
                        id: row.text(0), name: row.text(1) ?? "", type: row.int64(2), typeID: row.text(3),
                        typeName: row.text(4), profileID: row.optionalText(5), profile: row.optionalText(6),
                        contract: row.optionalText(7), activeFrom: row.optionalInt64(8), activeTo: row.optionalInt64(9)
                    )
                })
        else { throw QueryError.notFound(what: "object", key: object) }
        let org = try organizationName(organization)
        let currencies = try self.currencies(organization: organization)
        let active: String
        let from = found.activeFrom.map { CivilDate(daysSinceEpoch: Int($0)) }
        let to = found.activeTo.map { CivilDate(daysSinceEpoch: Int($0)) }
        if let from, from > asOf {
            active = "not yet active"
        } else if let to, to < asOf {
            active = "ended"
        } else {
            active = "active"
        }
        let details = ViewTable(
            name: "details", title: "Object",
            columns: [
                Columns.id("object_id", "Id"), Columns.text("object", "Object"), Columns.text("organization", "Organization"),
                Columns.id("object_type_id", "Type id"), Columns.text("object_type", "Object type"),
                Columns.id("object_profile_id", "Profile id"), Columns.text("object_profile", "Object profile"),
                Columns.number("contract", "Contract"), ViewColumn("active_from", "Active from", .date),
                ViewColumn("active_to", "Active to", .date), Columns.text("status", "Status"),
            ],
            rows: [[
                Cells.text(found.id), .text(found.name), .text(org.name), Cells.text(found.typeID),
                Cells.text(found.typeName), Cells.text(found.profileID), .text(found.profile ?? "(no profile)"),
                Cells.text(found.contract), Cells.day(found.activeFrom), Cells.day(found.activeTo), .text(active),
            ]], presentation: .record)
        let objectKeys: [SQLValue] = [.integer(organization), .integer(object)]
        // The object's tickets, whatever organization's contract they are on, via ticket_object
        // (organization_k, object_k, month, ...): few enough to sum directly. Per month, currency and
        // unit: quantities of different units are never added.
        let owners = try objectTicketOrganizations(organization: organization, object: object)
        let trend = try unitTrend(
            "SELECT t.month, t.currency, p.unit, sum(t.quantity), sum(t.amount) FROM charge_ticket t"
                + " JOIN product p ON p.k = t.product_k"
                + " WHERE \(owners.sql) AND t.object_k = ? AND t.month BETWEEN ? AND ? GROUP BY t.month, t.currency, p.unit",
            owners.values + [.integer(object)] + monthBounds(period), currencies: currencies, period: period)
        let products = try productSummary(
            """
            SELECT p.id, p.name, p.unit, t.currency, sum(t.quantity), sum(t.amount), count(*)
            FROM charge_ticket t JOIN product p ON p.k = t.product_k
            WHERE \(owners.sql) AND t.object_k = ? AND t.month BETWEEN ? AND ?
            GROUP BY p.id, p.name, p.unit, t.currency
            """, period: period, values: { owners.values + [.integer(object)] + self.monthBounds($0) })
        var usage: [Int: (Int64, Int64)] = [:]
        for row in try fetch(
            """
            SELECT month, sum(events), sum(quantity) FROM object_usage
            WHERE organization_k = ? AND object_k = ? AND month BETWEEN ? AND ? GROUP BY month
            """, objectKeys + monthBounds(period), { ($0.int(0), $0.int64(1), $0.int64(2)) })
        {
            usage[row.0] = (row.1, row.2)
        }
        let usageTable = ViewTable(
            name: "usage", title: "Usage events",
            columns: [Columns.month, Columns.count("events", "Events"), Columns.quantity()],
            rows: period.months.map { month in
                let value = usage[month.ordinal] ?? (0, 0)
                return [.month(month), Cells.count(value.0), Cells.money(value.1)]
            }, presentation: .trend(month: "month", values: ["events", "quantity"], split: nil))
        let tickets = try ticketTable(
            .object(organization: organization, object: object), filter: .any, allTime: false, offset: 0,
            limit: embeddedTicketLimit, period: period, rest: "tickets lists them")
        return View(
            kind: "object", title: "\(found.name) (object of \(org.name))", context: ContextPath([org.name, "objects", found.name]),
            asOf: asOf, period: period, tables: [details, trend, products, usageTable, tickets])
    }

    /// A contract: `details` (with its status as of the as-of date), `uninvoiced` and `invoiced` ticket
    /// totals of all time (count, amount, oldest period start, newest period end), its
    /// `uninvoiced_tickets` of all time oldest first and its `invoiced_tickets` newest first (a page of
    /// each unless `embeddedTicketLimit` is nil).
    public func contract(organization: Key, contract: Key, asOf: CivilDate, period: Period) throws -> View {
        guard
            let found = try firstRow(
                "SELECT id, number, name, currency, start_day, end_day FROM contract WHERE organization_k = ? AND k = ?",
                [.integer(organization), .integer(contract)],
                { row in
                    (
                        id: row.text(0), number: row.text(1) ?? "", name: row.optionalText(2), currency: row.text(3) ?? "",
                        start: row.optionalInt64(4), end: row.optionalInt64(5)
                    )
                })
        else { throw QueryError.notFound(what: "contract", key: contract) }
        let org = try organizationName(organization)
        let status = Self.contractStatus(start: found.start, end: found.end, asOf: asOf)
        let details = ViewTable(
            name: "details", title: "Contract",
            columns: [
                Columns.id("contract_id", "Id"), Columns.number("contract", "Number"), Columns.text("name", "Name"),
                Columns.text("organization", "Organization"), Columns.currency,
                ViewColumn("start_date", "Start", .date), ViewColumn("end_date", "End", .date),
                Columns.text("status", "Status"),
            ],
            rows: [[
                Cells.text(found.id), .text(found.number), Cells.text(found.name), .text(org.name), .text(found.currency),
                Cells.day(found.start), Cells.day(found.end), .text(status),
            ]], presentation: .record)
        var byFlag: [Int64: (Int64, Int64, Int64?, Int64?)] = [:]
        for row in try fetch(
            """
            SELECT invoiced, sum(tickets), sum(amount), min(first_period_start_day), max(last_period_end_day)
            FROM ticket_rollup WHERE organization_k = ? AND contract_k = ? GROUP BY invoiced
            """, [.integer(organization), .integer(contract)],
            { ($0.int64(0), $0.int64(1), $0.int64(2), $0.optionalInt64(3), $0.optionalInt64(4)) })
        {
            byFlag[row.0] = (row.1, row.2, row.3, row.4)
        }
        func totals(_ name: String, _ title: String, _ flag: Int64) -> ViewTable {
            let value = byFlag[flag] ?? (0, 0, nil, nil)
            return ViewTable(
                name: name, title: title,
                columns: [
                    Columns.currency, Columns.count("tickets", "Tickets"), Columns.money(),
                    ViewColumn("oldest_period_start", "Oldest period", .date),
                    ViewColumn("newest_period_end", "Newest period", .date),
                ],
                rows: [[.text(found.currency), Cells.count(value.0), Cells.money(value.1), Cells.day(value.2), Cells.day(value.3)]])
        }
        // The view is there to find leftovers: the uninvoiced tickets come first, oldest first, then
        // the latest invoiced ones, newest first; each table counts all of its kind.
        let uninvoicedTickets = try ticketTable(
            .contract(organization: organization, contract: contract), filter: .uninvoiced, allTime: true, offset: 0, limit: embeddedTicketLimit,
            period: period, name: "uninvoiced_tickets", title: "Uninvoiced tickets, oldest first",
            rest: "tickets --uninvoiced --all lists them")
        let invoicedTickets = try ticketTable(
            .contract(organization: organization, contract: contract), filter: .invoiced, allTime: true, offset: 0,
            limit: embeddedTicketLimit.map { max(1, $0 / 2) }, newestFirst: true, period: period,
            name: "invoiced_tickets", title: "Latest invoiced tickets, newest first",
            rest: "tickets --invoiced --all lists them")
        return View(
            kind: "contract", title: "Contract \(found.number) of \(org.name)",
            context: ContextPath([org.name, "contracts", found.number]), asOf: asOf, period: period,
            tables: [
                details, totals("uninvoiced", "Uninvoiced tickets", 0), totals("invoiced", "Invoiced tickets", 1),
                uninvoicedTickets, invoicedTickets,
            ], notes: ["Ticket totals and tickets cover every period of the contract."])
    }

    /// `active` while the as-of date is within the contract's dates, `ended` after its end date,
    /// `not started` before its start date.
    static func contractStatus(start: Int64?, end: Int64?, asOf: CivilDate) -> String {
        let today = Int64(asOf.daysSinceEpoch)
        if let start, start > today { return "not started" }
        if let end, end < today { return "ended" }
        return "active"
    }

    /// An invoice: `details`, `reconciliation` (its tickets' sum against its total, and the difference)
    /// and the first page of its `tickets`.
    public func invoice(organization: Key, invoice: Key, asOf: CivilDate, period: Period) throws -> View {
        guard
            let found = try firstRow(
                "SELECT id, number, invoice_day, status, currency, total_amount FROM invoice WHERE organization_k = ? AND k = ?",
                [.integer(organization), .integer(invoice)],
                { row in
                    (
                        id: row.text(0), number: row.text(1) ?? "", date: row.optionalInt64(2), status: row.text(3) ?? "",
                        currency: row.text(4) ?? "", total: row.int64(5)
                    )
                })
        else { throw QueryError.notFound(what: "invoice", key: invoice) }
        let org = try organizationName(organization)
        let details = ViewTable(
            name: "details", title: "Invoice",
            columns: [
                Columns.id("invoice_id", "Id"), Columns.number("invoice", "Number"), Columns.text("organization", "Organization"),
                ViewColumn("invoice_date", "Date", .date), Columns.text("status", "Status"), Columns.currency,
                Columns.money("total_amount", "Total"),
            ],
            rows: [[
                Cells.text(found.id), .text(found.number), .text(org.name), Cells.day(found.date), .text(found.status),
                .text(found.currency), Cells.money(found.total),
            ]], presentation: .record)
        // The invoice's tickets summed from ticket_rollup (an invoice is one organization's).
        let sums = try firstRow(
            "SELECT coalesce(sum(tickets), 0), coalesce(sum(amount), 0) FROM ticket_rollup WHERE organization_k = ? AND invoice_k = ?",
            [.integer(organization), .integer(invoice)], { ($0.int64(0), $0.int64(1)) }) ?? (0, 0)
        let (difference, overflow) = sums.1.subtractingReportingOverflow(found.total)
        if overflow { throw QueryError.overflow(what: "the difference between the tickets and the invoice total") }
        let reconciliation = ViewTable(
            name: "reconciliation", title: "Tickets against the invoice total",
            columns: [
                Columns.currency, Columns.count("tickets", "Tickets"), Columns.money("tickets_amount", "Tickets' sum"),
                Columns.money("invoice_total", "Invoice total"), Columns.money("difference", "Difference"),
            ],
            rows: [[.text(found.currency), Cells.count(sums.0), Cells.money(sums.1), Cells.money(found.total), Cells.money(difference)]],
            presentation: .record)
        let tickets = try ticketTable(
            .invoice(organization: organization, invoice: invoice), filter: .any, allTime: true, offset: 0,
            limit: embeddedTicketLimit, period: period, rest: "tickets --all lists them")
        return View(
            kind: "invoice", title: "Invoice \(found.number) of \(org.name)",
            context: ContextPath([org.name, "invoices", found.number]), asOf: asOf, period: period,
            tables: [details, reconciliation, tickets],
            notes: ["The difference is the tickets' sum minus the invoice total."])
    }
}

extension Overview {
    /// The organizations whose tickets charge an object: its own, then those in
    /// `object_ticket_organization` (a contract may charge another organization's object), as
    /// `t.organization_k IN (?, ...)` with its values (one value in the common case).
    func objectTicketOrganizations(organization: Key, object: Key) throws -> (sql: String, values: [SQLValue]) {
        let others = try fetch(
            "SELECT ticket_organization_k FROM object_ticket_organization WHERE organization_k = ? AND object_k = ?",
            [.integer(organization), .integer(object)], { $0.int64(0) })
        let all = [organization] + others.filter { $0 != organization }
        if all.count == 1 { return ("t.organization_k = ?", [.integer(organization)]) }
        return ("t.organization_k IN (" + all.map { _ in "?" }.joined(separator: ", ") + ")", all.map { .integer($0) })
    }
}
