import CosModel
import CosStore
import CosView

/// What `audit` looks for: what a billing run left behind, or rows that look wrong. Each kind is
/// defined exactly in docs/data-contract.md ("What billing left behind").
public enum AuditKind: String, CaseIterable, Sendable {
    /// Uninvoiced tickets that end before the organization's latest final invoice in their currency.
    case leftBehind = "left_behind"
    /// Tickets on a void invoice: billed nowhere.
    case onVoidInvoice = "on_void_invoice"
    /// An object active every day of a (finished) month of the period with no ticket in that month.
    case unbilledObjectMonth = "unbilled_object_month"
    /// Tickets whose period lies wholly outside their object's active dates.
    case outsideObjectLife = "outside_object_life"
    /// Tickets whose period lies wholly outside their contract's dates.
    case outsideContract = "outside_contract"
    /// Final invoices whose tickets' sum differs from their total.
    case invoiceMismatch = "invoice_mismatch"
    /// Tickets equal to an earlier one in contract, object, product, period and amount.
    case duplicate
    /// Draft invoices dated more than 30 days before the as-of date.
    case staleDraft = "stale_draft"

    /// One line for `help audit` and the findings' notes.
    public var summary: String {
        switch self {
        case .leftBehind: return "uninvoiced tickets ending before the latest final invoice in their currency"
        case .onVoidInvoice: return "tickets on a void invoice"
        case .unbilledObjectMonth: return "objects active a whole month of the period with no ticket in it"
        case .outsideObjectLife: return "tickets wholly outside their object's active dates"
        case .outsideContract: return "tickets wholly outside their contract's dates"
        case .invoiceMismatch: return "final invoices whose tickets do not add up to their total"
        case .duplicate: return "tickets repeating an earlier one (contract, object, product, period, amount)"
        case .staleDraft: return "draft invoices dated more than 30 days before the as-of date"
        }
    }
}

/// One row behind a finding: its currency and amount (nil for object-months), the date or month it
/// dates from, and the cells of its detail table.
struct AuditRow {
    var currency: String?
    var amount: Int64?
    var oldest: Cell
    var order: String
    var cells: [Cell]
}

extension Overview {
    /// `audit` at an organization or a contract: table `findings`, one row per kind and currency with
    /// the count, the amount and the oldest date behind it (a kind with nothing found has one row with
    /// a count of 0). Every kind covers all time up to the as-of date, except `unbilled_object_month`,
    /// which covers the months of the period that ended before it.
    public func audit(_ scope: Scope, asOf: CivilDate, period: Period) throws -> View {
        let target = try auditTarget(scope)
        var rows: [[Cell]] = []
        for kind in AuditKind.allCases {
            let found = try auditRows(kind, target, asOf: asOf, period: period)
            var byCurrency: [String: (count: Int64, amount: Int64?, oldest: Cell)] = [:]
            for row in found {
                let currency = row.currency ?? ""
                var entry = byCurrency[currency] ?? (0, row.amount.map { _ in 0 }, row.oldest)
                entry.count += 1
                if let amount = row.amount {
                    let (sum, overflow) = (entry.amount ?? 0).addingReportingOverflow(amount)
                    if overflow { throw QueryError.overflow(what: "the amount of the \(kind.rawValue) findings") }
                    entry.amount = sum
                }
                if Self.sortText(row.oldest) < Self.sortText(entry.oldest) { entry.oldest = row.oldest }
                byCurrency[currency] = entry
            }
            if byCurrency.isEmpty {
                rows.append([.text(kind.rawValue), .null, Cells.count(0), .null, .null])
                continue
            }
            for (currency, entry) in byCurrency.sorted(by: { $0.key < $1.key }) {
                rows.append([
                    .text(kind.rawValue), currency.isEmpty ? .null : .text(currency), Cells.count(entry.count),
                    Cells.money(entry.amount), entry.oldest,
                ])
            }
        }
        let findings = ViewTable(
            name: "findings", title: "Findings",
            columns: [
                Columns.text("kind", "Kind"), Columns.currency, Columns.count("count", "Count"), Columns.money(),
                ViewColumn("oldest", "Oldest", .date),
            ], rows: rows)
        return View(
            kind: "audit", title: "Audit of \(target.title)", context: target.context, asOf: asOf, period: period,
            tables: [findings],
            notes: [
                "All time up to the as-of date \(asOf); unbilled_object_month: the months of the period \(period) that ended before it.",
                "audit KIND lists the rows behind a kind.",
            ])
    }

    /// `audit KIND`: the rows behind one kind, oldest first, in a table named after the kind.
    public func audit(_ scope: Scope, kind: AuditKind, asOf: CivilDate, period: Period) throws -> View {
        let target = try auditTarget(scope)
        let found = try auditRows(kind, target, asOf: asOf, period: period)
            .sorted { $0.order < $1.order }
        let table = ViewTable(name: kind.rawValue, title: kind.summary.prefix(1).uppercased() + kind.summary.dropFirst(),
                              columns: Self.auditColumns(kind), rows: found.map(\.cells))
        return View(
            kind: "audit", title: "Audit of \(target.title): \(kind.rawValue)", context: target.context, asOf: asOf,
            period: period, tables: [table])
    }

    /// Where an audit looks: an organization, or one contract of it.
    struct AuditTarget {
        let organization: Key
        let contract: Key?
        let title: String
        let context: String
    }

    func auditTarget(_ scope: Scope) throws -> AuditTarget {
        switch scope {
        case .organization, .contract:
            let about = try describe(scope)
            if case .contract(_, let contract) = scope {
                return AuditTarget(organization: about.organization, contract: contract, title: about.title, context: about.context)
            }
            return AuditTarget(organization: about.organization, contract: nil, title: about.title, context: about.context)
        default:
            throw QueryError.notApplicable("audit looks at an organization or a contract: cd to one (cd /ORG, cd contracts/NUMBER)")
        }
    }

    /// Text that sorts dates and months alike (`2026-03` before `2026-03-01`).
    static func sortText(_ cell: Cell) -> String { cell.plainText }

    // MARK: - The kinds

    func auditRows(_ kind: AuditKind, _ target: AuditTarget, asOf: CivilDate, period: Period) throws -> [AuditRow] {
        switch kind {
        case .leftBehind: return try leftBehind(target, asOf: asOf)
        case .onVoidInvoice: return try onVoidInvoice(target, asOf: asOf)
        case .unbilledObjectMonth: return try unbilledObjectMonths(target, asOf: asOf, period: period)
        case .outsideObjectLife: return try outsideObjectLife(target, asOf: asOf)
        case .outsideContract: return try outsideContract(target, asOf: asOf)
        case .invoiceMismatch: return try invoiceMismatches(target, asOf: asOf)
        case .duplicate: return try duplicates(target, asOf: asOf)
        case .staleDraft: return try staleDrafts(target, asOf: asOf)
        }
    }

    /// The columns of the ticket kinds: the ticket, its contract, object and product, its period and
    /// amount, then what the kind adds.
    static let ticketColumns: [ViewColumn] = [
        Columns.id("id", "Ticket"), Columns.text("contract", "Contract"), Columns.id("object_id", "Object id"),
        Columns.text("object", "Object"), Columns.id("product_id", "Product id"), Columns.text("product", "Product"),
        ViewColumn("period_start", "Period start", .date), ViewColumn("period_end", "Period end", .date),
        Columns.money(), Columns.currency,
    ]

    static func auditColumns(_ kind: AuditKind) -> [ViewColumn] {
        switch kind {
        case .leftBehind: return ticketColumns + [ViewColumn("last_final_invoice", "Last final invoice", .date)]
        case .onVoidInvoice: return ticketColumns + [Columns.id("invoice_id", "Invoice id"), Columns.text("invoice", "Invoice")]
        case .unbilledObjectMonth:
            return [
                Columns.id("object_id", "Id"), Columns.text("object", "Object"), Columns.text("contract", "Contract"),
                Columns.month, ViewColumn("active_from", "Active from", .date), ViewColumn("active_to", "Active to", .date),
            ]
        case .outsideObjectLife:
            return ticketColumns + [ViewColumn("active_from", "Active from", .date), ViewColumn("active_to", "Active to", .date)]
        case .outsideContract:
            return ticketColumns + [ViewColumn("start_date", "Contract start", .date), ViewColumn("end_date", "Contract end", .date)]
        case .invoiceMismatch:
            return [
                Columns.id("invoice_id", "Id"), Columns.text("invoice", "Invoice"), ViewColumn("invoice_date", "Date", .date),
                Columns.currency, Columns.count("tickets", "Tickets"), Columns.money("tickets_amount", "Tickets' sum"),
                Columns.money("total_amount", "Total"), Columns.money("difference", "Difference"),
            ]
        case .duplicate:
            return ticketColumns + [Columns.id("duplicate_of", "Duplicate of"), Columns.text("invoice", "Invoice")]
        case .staleDraft:
            return [
                Columns.id("invoice_id", "Id"), Columns.text("invoice", "Invoice"), ViewColumn("invoice_date", "Date", .date),
                Columns.count("days", "Days old"), Columns.currency, Columns.count("tickets", "Tickets"),
                Columns.money("total_amount", "Total"),
            ]
        }
    }

    /// The select list and joins of a ticket row (columns 0...9 as `ticketColumns`), for tickets `t`
    /// of the organization bound first (the joined contract and object are the organization's).
    static let ticketSelect = """
        SELECT t.id, c.number, o.id, o.name, p.id, p.name, t.period_start_day, t.period_end_day, t.amount, t.currency
        """
    static let ticketJoins = """
        JOIN contract c ON c.organization_k = ? AND c.k = t.contract_k
        JOIN product p ON p.k = t.product_k
        LEFT JOIN object o ON o.organization_k = ? AND o.k = t.object_k
        """

    /// A ticket row's cells and its finding (oldest: its period start), with `extra` cells.
    static func ticketRow(_ row: any ResultRow, extra: [Cell]) -> AuditRow {
        let start = row.optionalInt64(6)
        return AuditRow(
            currency: row.text(9), amount: row.int64(8), oldest: Cells.day(start),
            order: Self.dayText(start) + "\u{0}" + (row.text(0) ?? ""),
            cells: [
                Cells.text(row.text(0)), Cells.text(row.text(1)), Cells.text(row.optionalText(2)), Cells.text(row.optionalText(3)),
                Cells.text(row.text(4)), Cells.text(row.text(5)), Cells.day(start), Cells.day(row.optionalInt64(7)),
                Cells.money(row.int64(8)), Cells.text(row.text(9)),
            ] + extra)
    }

    /// `YYYY-MM-DD` of a day number (empty for none): it sorts as the dates do.
    static func dayText(_ day: Int64?) -> String { day.map { CivilDate(daysSinceEpoch: Int($0)).description } ?? "" }

    /// The as-of date as a bound day number.
    func today(_ asOf: CivilDate) -> SQLValue { .integer(Int64(asOf.daysSinceEpoch)) }

    /// ` AND t.contract_k = ?` and its value, for an audit of one contract.
    func contractFilter(_ target: AuditTarget, alias: String = "t") -> (String, [SQLValue]) {
        guard let contract = target.contract else { return ("", []) }
        return (" AND \(alias).contract_k = ?", [.integer(contract)])
    }

    func leftBehind(_ target: AuditTarget, asOf: CivilDate) throws -> [AuditRow] {
        let org = SQLValue.integer(target.organization)
        let (filter, values) = contractFilter(target)
        return try fetch(
            Self.ticketSelect + ", f.latest FROM charge_ticket t\n" + Self.ticketJoins + """

                JOIN (SELECT currency, max(invoice_day) AS latest FROM invoice
                      WHERE organization_k = ? AND status = 'final' AND invoice_day <= ? GROUP BY currency) f
                  ON f.currency = t.currency
                WHERE t.organization_k = ? AND t.invoice_k IS NULL AND t.period_start_day <= ? AND t.period_end_day < f.latest
                """ + filter,
            [org, org, org, today(asOf), org, today(asOf)] + values
        ) { Self.ticketRow($0, extra: [Cells.day($0.optionalInt64(10))]) }
    }

    func onVoidInvoice(_ target: AuditTarget, asOf: CivilDate) throws -> [AuditRow] {
        let org = SQLValue.integer(target.organization)
        let (filter, values) = contractFilter(target)
        return try fetch(
            Self.ticketSelect + ", i.id, i.number FROM charge_ticket t\n" + Self.ticketJoins + """

                JOIN invoice i ON i.organization_k = ? AND i.k = t.invoice_k
                WHERE t.organization_k = ? AND i.status = 'void' AND t.period_start_day <= ?
                """ + filter,
            [org, org, org, org, today(asOf)] + values
        ) { Self.ticketRow($0, extra: [Cells.text($0.text(10)), Cells.text($0.text(11))]) }
    }

    func outsideObjectLife(_ target: AuditTarget, asOf: CivilDate) throws -> [AuditRow] {
        let org = SQLValue.integer(target.organization)
        let (filter, values) = contractFilter(target)
        return try fetch(
            Self.ticketSelect + ", o.active_from_day, o.active_to_day FROM charge_ticket t\n" + Self.ticketJoins + """

                WHERE t.organization_k = ? AND t.period_start_day <= ? AND o.k IS NOT NULL
                  AND (t.period_end_day < o.active_from_day OR t.period_start_day > o.active_to_day)
                """ + filter,
            [org, org, org, today(asOf)] + values
        ) { Self.ticketRow($0, extra: [Cells.day($0.optionalInt64(10)), Cells.day($0.optionalInt64(11))]) }
    }

    func outsideContract(_ target: AuditTarget, asOf: CivilDate) throws -> [AuditRow] {
        let org = SQLValue.integer(target.organization)
        let (filter, values) = contractFilter(target)
        return try fetch(
            Self.ticketSelect + ", c.start_day, c.end_day FROM charge_ticket t\n" + Self.ticketJoins + """

                WHERE t.organization_k = ? AND t.period_start_day <= ?
                  AND (t.period_end_day < c.start_day OR t.period_start_day > c.end_day)
                """ + filter,
            [org, org, org, today(asOf)] + values
        ) { Self.ticketRow($0, extra: [Cells.day($0.optionalInt64(10)), Cells.day($0.optionalInt64(11))]) }
    }

    func invoiceMismatches(_ target: AuditTarget, asOf: CivilDate) throws -> [AuditRow] {
        let org = SQLValue.integer(target.organization)
        var sql = """
            SELECT i.id, i.number, i.invoice_day, i.currency, i.total_amount, coalesce(sum(r.tickets), 0), coalesce(sum(r.amount), 0)
            FROM invoice i LEFT JOIN ticket_rollup r ON r.organization_k = ? AND r.invoice_k = i.k
            WHERE i.organization_k = ? AND i.status = 'final' AND i.invoice_day <= ?
            """
        var values: [SQLValue] = [org, org, today(asOf)]
        if let contract = target.contract {
            // A contract's invoices are those that carry at least one of its tickets.
            sql += " AND EXISTS (SELECT 1 FROM ticket_rollup x WHERE x.organization_k = ? AND x.invoice_k = i.k AND x.contract_k = ?)"
            values += [org, .integer(contract)]
        }
        sql += " GROUP BY i.k, i.id, i.number, i.invoice_day, i.currency, i.total_amount"
        var rows: [AuditRow] = []
        try each(sql, values) { row in
            let total = row.int64(4)
            let sum = row.int64(6)
            let (difference, overflow) = sum.subtractingReportingOverflow(total)
            if overflow { throw QueryError.overflow(what: "the difference between an invoice's tickets and its total") }
            guard difference != 0 else { return }
            let date = row.optionalInt64(2)
            rows.append(AuditRow(
                currency: row.text(3), amount: difference, oldest: Cells.day(date),
                order: Self.dayText(date) + "\u{0}" + (row.text(0) ?? ""),
                cells: [
                    Cells.text(row.text(0)), Cells.text(row.text(1)), Cells.day(date), Cells.text(row.text(3)),
                    Cells.count(row.int64(5)), Cells.money(sum), Cells.money(total), Cells.money(difference),
                ]))
        }
        return rows
    }

    func staleDrafts(_ target: AuditTarget, asOf: CivilDate) throws -> [AuditRow] {
        let org = SQLValue.integer(target.organization)
        let limit = CivilDate(daysSinceEpoch: asOf.daysSinceEpoch - 30)
        var sql = """
            SELECT i.id, i.number, i.invoice_day, i.currency, i.total_amount,
                   (SELECT coalesce(sum(r.tickets), 0) FROM ticket_rollup r WHERE r.organization_k = ? AND r.invoice_k = i.k)
            FROM invoice i WHERE i.organization_k = ? AND i.status = 'draft' AND i.invoice_day < ?
            """
        var values: [SQLValue] = [org, org, .integer(Int64(limit.daysSinceEpoch))]
        if let contract = target.contract {
            sql += " AND EXISTS (SELECT 1 FROM ticket_rollup x WHERE x.organization_k = ? AND x.invoice_k = i.k AND x.contract_k = ?)"
            values += [org, .integer(contract)]
        }
        return try fetch(sql, values) { row in
            let date = row.optionalInt64(2)
            let days = date.map { asOf.daysSinceEpoch - Int($0) }
            return AuditRow(
                currency: row.text(3), amount: row.int64(4), oldest: Cells.day(date),
                order: Self.dayText(date) + "\u{0}" + (row.text(0) ?? ""),
                cells: [
                    Cells.text(row.text(0)), Cells.text(row.text(1)), Cells.day(date),
                    days.map { Cells.count(Int64($0)) } ?? .null, Cells.text(row.text(3)), Cells.count(row.int64(5)),
                    Cells.money(row.int64(4)),
                ])
        }
    }

    /// Duplicates: groups of tickets equal in contract, object, product, period and amount are found
    /// by one GROUP BY over the organization's tickets; then each group's tickets are read (from its
    /// month and period start, a range of `charge_ticket`) in file order, and all but the first are the
    /// findings.
    func duplicates(_ target: AuditTarget, asOf: CivilDate) throws -> [AuditRow] {
        let org = SQLValue.integer(target.organization)
        let (filter, values) = contractFilter(target, alias: "t")
        let groups = try fetch(
            """
            SELECT t.product_k, t.object_k, t.currency, t.month, t.contract_k, t.period_start_day, t.period_end_day, t.amount
            FROM charge_ticket t WHERE t.organization_k = ? AND t.period_start_day <= ?\(filter)
            GROUP BY t.product_k, t.object_k, t.currency, t.month, t.contract_k, t.period_start_day, t.period_end_day, t.amount
            HAVING count(*) > 1
            """, [org, today(asOf)] + values
        ) { row -> [SQLValue] in
            [
                .integer(row.int64(0)), row.isNull(1) ? .null : .integer(row.int64(1)), .text(row.text(2) ?? ""),
                .integer(row.int64(3)), .integer(row.int64(4)), .integer(row.int64(5)), .integer(row.int64(6)),
                .integer(row.int64(7)),
            ]
        }
        var rows: [AuditRow] = []
        for group in groups {
            let objectCondition = group[1] == .null ? "t.object_k IS NULL" : "t.object_k = ?"
            let objectValue: [SQLValue] = group[1] == .null ? [] : [group[1]]
            let tickets = try fetch(
                Self.ticketSelect + ", t.k, i.number FROM charge_ticket t\n" + Self.ticketJoins + """

                    LEFT JOIN invoice i ON i.organization_k = ? AND i.k = t.invoice_k
                    WHERE t.organization_k = ? AND t.product_k = ? AND \(objectCondition) AND t.currency = ?
                      AND t.month = ? AND t.contract_k = ? AND t.period_start_day = ? AND t.period_end_day = ? AND t.amount = ?
                    ORDER BY t.k
                    """,
                [org, org, org, org, group[0]] + objectValue + Array(group[2...])
            ) { row in (row: Self.ticketRow(row, extra: []), invoice: row.optionalText(11)) }
            guard let first = tickets.first else { continue }
            let original = first.row.cells[0]
            for ticket in tickets.dropFirst() {
                var found = ticket.row
                found.cells += [original, Cells.text(ticket.invoice)]
                rows.append(found)
            }
        }
        return rows
    }

    /// Object-months: for each month of the period that ended before the as-of date, the objects
    /// active on every day of it (`active_from` on or before its first day, `active_to` null or on or
    /// after its last) that have no ticket whose `period_start` falls in it.
    func unbilledObjectMonths(_ target: AuditTarget, asOf: CivilDate, period: Period) throws -> [AuditRow] {
        let months = period.months.filter { $0.lastDay < asOf }
        guard let first = months.first, let last = months.last else { return [] }
        let org = SQLValue.integer(target.organization)
        var objectSQL = """
            SELECT o.k, o.id, o.name, c.number, o.active_from_day, o.active_to_day FROM object o
            LEFT JOIN contract c ON c.organization_k = ? AND c.k = o.contract_k
            WHERE o.organization_k = ? AND o.active_from_day <= ? AND (o.active_to_day IS NULL OR o.active_to_day >= ?)
            """
        var objectValues: [SQLValue] = [org, org, .integer(Int64(last.firstDay.daysSinceEpoch)), .integer(Int64(first.lastDay.daysSinceEpoch))]
        if let contract = target.contract {
            objectSQL += " AND o.contract_k = ?"
            objectValues.append(.integer(contract))
        }
        let objects = try fetch(objectSQL, objectValues) { row in
            (key: row.int64(0), id: row.text(1), name: row.text(2) ?? "", contract: row.optionalText(3),
             from: row.int64(4), to: row.optionalInt64(5))
        }
        guard !objects.isEmpty else { return [] }
        // The (object, month) pairs that have tickets, from object_month (no ticket row is read).
        var billed = Set<Int64>()
        try each(
            """
            SELECT object_k, month FROM object_month
            WHERE organization_k = ? AND month BETWEEN ? AND ?
            """, [org, .integer(Int64(first.ordinal)), .integer(Int64(last.ordinal))]
        ) { row in billed.insert(row.int64(0) &* 4096 &+ Int64(row.int(1) - first.ordinal)) }
        var rows: [AuditRow] = []
        for object in objects {
            for month in months {
                guard object.from <= Int64(month.firstDay.daysSinceEpoch) else { continue }
                if let to = object.to, to < Int64(month.lastDay.daysSinceEpoch) { continue }
                if billed.contains(object.key &* 4096 &+ Int64(month.ordinal - first.ordinal)) { continue }
                rows.append(AuditRow(
                    currency: nil, amount: nil, oldest: .month(month),
                    order: month.description + "\u{0}" + object.name + "\u{0}" + (object.id ?? ""),
                    cells: [
                        Cells.text(object.id), .text(object.name), Cells.text(object.contract), .month(month),
                        Cells.day(object.from), Cells.day(object.to),
                    ]))
            }
        }
        return rows
    }
}
