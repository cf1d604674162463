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

/// A ticket of an organization by its key and its primary key in `charge_ticket` (month, period
/// start day, id), by which its row is read.
struct TicketRef: Hashable {
    let key: Key
    let month: Int
    let start: Int64
    let id: String
}

/// A ticket behind a finding: its key, what the summary adds up, and what its kind adds to its row.
struct TicketFinding {
    let ticket: TicketRef
    let currency: String
    let amount: Int64
    /// The period start (days since 1970-01-01).
    let periodStart: Int64
    /// left_behind: the last final invoice's date; outside_object_life: the object's active dates;
    /// outside_contract: the contract's dates (days).
    var dates: (Int64?, Int64?) = (nil, nil)
    /// duplicate: the ticket it repeats.
    var original: TicketRef?
}

/// Everything one audit found, from one pass over the organization's tickets.
struct AuditFacts {
    var tickets: [AuditKind: [TicketFinding]] = [:]
    /// Object-months: the object's key, id, name, contract number, active dates and the month.
    var objectMonths: [(object: Key, id: String?, name: String, contract: String?, from: Int64, to: Int64?, month: Month)] = []
    /// Final invoices whose tickets do not add up, and stale drafts.
    var invoices: [AuditKind: [InvoiceFinding]] = [:]
}

struct InvoiceFinding {
    let id: String?
    let number: String
    /// Days since 1970-01-01.
    let date: Int64
    let currency: String
    let total: Int64
    let tickets: Int64
    let sum: Int64
}

extension Overview {
    /// `audit` at an organization or a contract: table `findings`, one row per kind and currency with
    /// the count, the amount and the oldest date behind it (a kind with nothing found has one row with
    /// a count of 0). Every kind covers all time up to the as-of date, except `unbilled_object_month`,
    /// which covers the months of the period that ended before it.
    public func audit(_ scope: Scope, asOf: CivilDate, period: Period) throws -> View {
        let target = try auditTarget(scope)
        let facts = try auditFacts(target, asOf: asOf, period: period)
        var rows: [[Cell]] = []
        for kind in AuditKind.allCases {
            // Per currency: count, amount, oldest; object-months have no currency and no amount.
            var byCurrency: [String: (count: Int64, amount: Int64?, oldest: Cell, order: String)] = [:]
            func add(_ currency: String, _ amount: Int64?, _ oldest: Cell) throws {
                var entry = byCurrency[currency] ?? (0, amount.map { _ in 0 }, oldest, oldest.plainText)
                entry.count += 1
                if let amount {
                    let (sum, overflow) = (entry.amount ?? 0).addingReportingOverflow(amount)
                    if overflow { throw QueryError.overflow(what: "the amount of the \(kind.rawValue) findings") }
                    entry.amount = sum
                }
                if oldest.plainText < entry.order {
                    entry.oldest = oldest
                    entry.order = oldest.plainText
                }
                byCurrency[currency] = entry
            }
            for found in facts.tickets[kind] ?? [] { try add(found.currency, found.amount, Cells.day(found.periodStart)) }
            for found in facts.invoices[kind] ?? [] {
                try add(found.currency, kind == .invoiceMismatch ? found.sum &- found.total : found.total, Cells.day(found.date))
            }
            if kind == .unbilledObjectMonth {
                for found in facts.objectMonths { try add("", nil, .month(found.month)) }
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
        let facts = try auditFacts(target, asOf: asOf, period: period)
        var rows: [(order: String, cells: [Cell])] = []
        switch kind {
        case .leftBehind, .onVoidInvoice, .outsideObjectLife, .outsideContract, .duplicate:
            let found = facts.tickets[kind] ?? []
            let details = try ticketDetails(organization: target.organization, found.map(\.ticket))
            for finding in found {
                guard let detail = details[finding.ticket.key] else { continue }
                var extra: [Cell]
                switch kind {
                case .leftBehind: extra = [Cells.day(finding.dates.0)]
                case .onVoidInvoice: extra = [detail.invoiceID, detail.invoice]
                case .outsideObjectLife, .outsideContract: extra = [Cells.day(finding.dates.0), Cells.day(finding.dates.1)]
                default: extra = [finding.original.map { Cell.text($0.id) } ?? .null, detail.invoice]
                }
                rows.append((Self.dayText(finding.periodStart) + "\u{0}" + detail.cells[0].plainText, detail.cells + extra))
            }
        case .unbilledObjectMonth:
            for found in facts.objectMonths {
                rows.append((
                    found.month.description + "\u{0}" + found.name + "\u{0}" + (found.id ?? ""),
                    [
                        Cells.text(found.id), .text(found.name), Cells.text(found.contract), .month(found.month),
                        Cells.day(found.from), Cells.day(found.to),
                    ]
                ))
            }
        case .invoiceMismatch:
            for found in facts.invoices[kind] ?? [] {
                rows.append((
                    Self.dayText(found.date) + "\u{0}" + (found.id ?? ""),
                    [
                        Cells.text(found.id), .text(found.number), Cells.day(found.date), .text(found.currency),
                        Cells.count(found.tickets), Cells.money(found.sum), Cells.money(found.total),
                        Cells.money(found.sum &- found.total),
                    ]
                ))
            }
        case .staleDraft:
            for found in facts.invoices[kind] ?? [] {
                let days = Int64(asOf.daysSinceEpoch) - found.date
                rows.append((
                    Self.dayText(found.date) + "\u{0}" + (found.id ?? ""),
                    [
                        Cells.text(found.id), .text(found.number), Cells.day(found.date),
                        Cells.count(days), .text(found.currency), Cells.count(found.tickets),
                        Cells.money(found.total),
                    ]
                ))
            }
        }
        rows.sort { $0.order < $1.order }
        let table = ViewTable(
            name: kind.rawValue, title: kind.summary.prefix(1).uppercased() + kind.summary.dropFirst(),
            columns: Self.auditColumns(kind), rows: rows.map(\.cells))
        return View(
            kind: "audit", title: "Audit of \(target.title): \(kind.rawValue)", context: target.context, asOf: asOf,
            period: period, tables: [table])
    }

    /// Where an audit looks: an organization, or one contract of it.
    struct AuditTarget {
        let organization: Key
        let contract: Key?
        let title: String
        let context: ContextPath
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

    static let ticketColumns: [ViewColumn] = [
        Columns.id("id", "Ticket"), Columns.number("contract", "Contract"), Columns.id("object_id", "Object id"),
        Columns.text("object", "Object"), Columns.id("product_id", "Product id"), Columns.text("product", "Product"),
        ViewColumn("period_start", "Period start", .date), ViewColumn("period_end", "Period end", .date),
        Columns.money(), Columns.currency,
    ]

    static func auditColumns(_ kind: AuditKind) -> [ViewColumn] {
        switch kind {
        case .leftBehind: return ticketColumns + [ViewColumn("last_final_invoice", "Last final invoice", .date)]
        case .onVoidInvoice: return ticketColumns + [Columns.id("invoice_id", "Invoice id"), Columns.number("invoice", "Invoice")]
        case .unbilledObjectMonth:
            return [
                Columns.id("object_id", "Id"), Columns.text("object", "Object"), Columns.number("contract", "Contract"),
                Columns.month, ViewColumn("active_from", "Active from", .date), ViewColumn("active_to", "Active to", .date),
            ]
        case .outsideObjectLife:
            return ticketColumns + [ViewColumn("active_from", "Active from", .date), ViewColumn("active_to", "Active to", .date)]
        case .outsideContract:
            return ticketColumns + [ViewColumn("start_date", "Contract start", .date), ViewColumn("end_date", "Contract end", .date)]
        case .invoiceMismatch:
            return [
                Columns.id("invoice_id", "Id"), Columns.number("invoice", "Invoice"), ViewColumn("invoice_date", "Date", .date),
                Columns.currency, Columns.count("tickets", "Tickets"), Columns.money("tickets_amount", "Tickets' sum"),
                Columns.money("total_amount", "Total"), Columns.money("difference", "Difference"),
            ]
        case .duplicate:
            return ticketColumns + [Columns.id("duplicate_of", "Duplicate of"), Columns.number("invoice", "Invoice")]
        case .staleDraft:
            return [
                Columns.id("invoice_id", "Id"), Columns.number("invoice", "Invoice"), ViewColumn("invoice_date", "Date", .date),
                Columns.count("days", "Days old"), Columns.currency, Columns.count("tickets", "Tickets"),
                Columns.money("total_amount", "Total"),
            ]
        }
    }

    /// `YYYY-MM-DD` of a day number (empty for none): it sorts as the dates do.
    static func dayText(_ day: Int64?) -> String { day.map { CivilDate(daysSinceEpoch: Int($0)).description } ?? "" }

    // MARK: - One pass

    /// Finds every kind with one pass over the organization's tickets in `charge_ticket` order
    /// (month, period start, id: its key, no sort), against the organization's invoices, contracts and
    /// objects held in memory. Equal tickets (duplicates) share their month and period start, so they
    /// are found among the tickets of one period start, which are consecutive. An audit of a contract
    /// reads the whole organization too (an invoice's tickets may come from several contracts) and
    /// keeps the contract's findings.
    func auditFacts(_ target: AuditTarget, asOf: CivilDate, period: Period) throws -> AuditFacts {
        let org = SQLValue.integer(target.organization)
        let day = Int64(asOf.daysSinceEpoch)
        struct Invoice {
            let id: String?
            let number: String
            let date: Int64
            let status: String
            let currency: String
            let total: Int64
        }
        // The organization's invoices by position; the scan adds to the sums by position (an invoice's
        // strings are never copied per ticket).
        var invoices: [Invoice] = []
        var invoiceAt: [Key: Int] = [:]
        var latestFinal: [String: Int64] = [:]
        try each(
            "SELECT k, id, number, invoice_day, status, currency, total_amount FROM invoice WHERE organization_k = ?", [org]
        ) { row in
            let invoice = Invoice(
                id: row.text(1), number: row.text(2) ?? "", date: row.int64(3), status: row.text(4) ?? "",
                currency: row.text(5) ?? "", total: row.int64(6))
            invoiceAt[row.int64(0)] = invoices.count
            invoices.append(invoice)
            if invoice.status == "final", invoice.date <= day, invoice.date > latestFinal[invoice.currency] ?? Int64.min {
                latestFinal[invoice.currency] = invoice.date
            }
        }
        let isVoid = invoices.map { $0.status == "void" }
        var invoiceTickets = [Int64](repeating: 0, count: invoices.count)
        var invoiceSums = [Int64](repeating: 0, count: invoices.count)
        var invoiceOfContract = [Bool](repeating: false, count: invoices.count)
        // A ticket's currency is its contract's.
        var contracts: [Key: (start: Int64, end: Int64?, currency: String)] = [:]
        try each("SELECT k, start_day, end_day, currency FROM contract WHERE organization_k = ?", [org]) { row in
            contracts[row.int64(0)] = (row.int64(1), row.optionalInt64(2), row.text(3) ?? "")
        }
        // The organization's objects: their active dates for the scan, the rest for object-months.
        var objects: [Key: (from: Int64, to: Int64?)] = [:]
        var objectRows: [(key: Key, id: String?, name: String, contract: Key?, number: String?, from: Int64, to: Int64?)] = []
        try each(
            """
            SELECT o.k, o.id, o.name, o.contract_k, c.number, o.active_from_day, o.active_to_day FROM object o
            LEFT JOIN contract c ON c.organization_k = ? AND c.k = o.contract_k
            WHERE o.organization_k = ?
            """, [org, org]
        ) { row in
            let key = row.int64(0), from = row.int64(5), to = row.optionalInt64(6)
            objects[key] = (from, to)
            objectRows.append((key, row.text(1), row.text(2) ?? "", row.optionalInt64(3), row.optionalText(4), from, to))
        }
        let months = period.months.filter { $0.lastDay < asOf }
        let firstDays = months.map { Int64($0.firstDay.daysSinceEpoch) }, lastDays = months.map { Int64($0.lastDay.daysSinceEpoch) }
        let firstMonth = months.first?.ordinal ?? 0
        let lastMonth = months.last?.ordinal ?? -1
        var billed = Set<Int64>()
        var facts = AuditFacts()
        let contract = target.contract

        // The tickets of one month and period start, by what makes tickets equal (for duplicates).
        struct Same: Hashable {
            let product: Int64
            let object: Int64
            let contract: Int64
            let end: Int64
            let amount: Int64
        }
        var run: (month: Int, start: Int64) = (-1, Int64.min)
        var runGroups: [Same: [TicketRef]] = [:]
        var runCurrency: [Same: String] = [:]
        func closeRun() {
            for (same, members) in runGroups where members.count > 1 {
                guard let first = members.min(by: { $0.key < $1.key }) else { continue }
                for member in members where member.key != first.key && (contract == nil || same.contract == contract) {
                    facts.tickets[.duplicate, default: []].append(TicketFinding(
                        ticket: member, currency: runCurrency[same] ?? "", amount: same.amount, periodStart: member.start,
                        original: first))
                }
            }
            runGroups.removeAll(keepingCapacity: true)
            runCurrency.removeAll(keepingCapacity: true)
        }
        var lastInvoice: (key: Int64, at: Int?) = (-1, nil)
        var lastObject: (key: Int64, life: (from: Int64, to: Int64?)?) = (-1, nil)
        var lastContract: (key: Int64, dates: (start: Int64, end: Int64?, currency: String)?) = (-1, nil)
        let scanSQL = """
            SELECT k, product_k, object_k, month, contract_k, period_start_day, period_end_day, amount, invoice_k, id
            FROM charge_ticket WHERE organization_k = ?
            ORDER BY month, period_start_day
            """
        // Generic over the row type: the embedded store's rows are read without a protocol call per column.
        func consume<R: ResultRow>(_ row: R) throws {
            let ticket = row.int64(0)
            let ticketContract = row.int64(4)
            let amount = row.int64(7)
            // Every invoice's tickets count, whatever their dates (the invoice view's sum).
            var invoice: Int?
            if !row.isNull(8) {
                let key = row.int64(8)
                if key == lastInvoice.key {
                    invoice = lastInvoice.at
                } else {
                    invoice = invoiceAt[key]
                    lastInvoice = (key, invoice)
                }
            }
            if let at = invoice {
                invoiceTickets[at] += 1
                let (sum, overflow) = invoiceSums[at].addingReportingOverflow(amount)
                if overflow { throw QueryError.overflow(what: "the tickets of an invoice") }
                invoiceSums[at] = sum
                if ticketContract == contract { invoiceOfContract[at] = true }
            }
            let start = row.int64(5)
            guard start <= day else { return }
            let end = row.int64(6)
            let product = row.int64(1)
            let object = row.isNull(2) ? -1 : row.int64(2)
            let month = row.int(3)
            if ticketContract != lastContract.key { lastContract = (ticketContract, contracts[ticketContract]) }
            let currency = lastContract.dates?.currency ?? ""
            if month != run.month || start != run.start {
                closeRun()
                run = (month, start)
            }
            let ref = TicketRef(key: ticket, month: month, start: start, id: row.text(9) ?? "")
            let same = Same(product: product, object: object, contract: ticketContract, end: end, amount: amount)
            if runGroups[same] == nil { runCurrency[same] = currency }
            runGroups[same, default: []].append(ref)
            if object >= 0, month >= firstMonth, month <= lastMonth {
                billed.insert(object &* 4096 &+ Int64(month - firstMonth))
            }
            guard contract == nil || ticketContract == contract else { return }
            let finding = TicketFinding(ticket: ref, currency: currency, amount: amount, periodStart: start)
            if row.isNull(8), let latest = latestFinal[currency], end < latest {
                var found = finding
                found.dates = (latest, nil)
                facts.tickets[.leftBehind, default: []].append(found)
            }
            if let at = invoice, isVoid[at] {
                facts.tickets[.onVoidInvoice, default: []].append(finding)
            }
            if object >= 0, object != lastObject.key {
                lastObject = (object, objects[object])
            }
            if object >= 0, let life = lastObject.life, end < life.from || (life.to.map { start > $0 } ?? false) {
                var found = finding
                found.dates = (life.from, life.to)
                facts.tickets[.outsideObjectLife, default: []].append(found)
            }
            if let dates = lastContract.dates, end < dates.start || (dates.end.map { start > $0 } ?? false) {
                var found = finding
                found.dates = (dates.start, dates.end)
                facts.tickets[.outsideContract, default: []].append(found)
            }
        }
        if let database = source as? Database {
            do {
                try database.forEachRow(scanSQL, [org]) { try consume($0) }
            } catch let error as DatabaseError {
                throw QueryError.database(message: error.message, interrupted: error.isInterrupt)
            }
        } else {
            try each(scanSQL, [org]) { try consume($0) }
        }
        closeRun()

        // Invoices: final ones dated by the as-of date whose tickets do not add up; drafts left more
        // than 30 days. A contract's are those that carry one of its tickets.
        let staleBefore = day - 30
        for (at, invoice) in invoices.enumerated() where contract == nil || invoiceOfContract[at] {
            let found = InvoiceFinding(
                id: invoice.id, number: invoice.number, date: invoice.date, currency: invoice.currency, total: invoice.total,
                tickets: invoiceTickets[at], sum: invoiceSums[at])
            if invoice.status == "final", invoice.date <= day, invoiceSums[at] != invoice.total {
                facts.invoices[.invoiceMismatch, default: []].append(found)
            }
            if invoice.status == "draft", invoice.date < staleBefore {
                facts.invoices[.staleDraft, default: []].append(found)
            }
        }

        // Object-months: each month of the period that ended before the as-of date, for each object
        // active on every day of it, with no ticket whose period_start falls in it.
        if !months.isEmpty {
            for object in objectRows where contract == nil || object.contract == contract {
                // Active on every day of some month: from by the last month's first day, to (if any) on
                // or after the first month's last day.
                guard object.from <= firstDays[firstDays.count - 1], object.to.map({ $0 >= lastDays[0] }) ?? true else { continue }
                for (index, month) in months.enumerated() {
                    guard object.from <= firstDays[index] else { continue }
                    if let to = object.to, to < lastDays[index] { continue }
                    if billed.contains(object.key &* 4096 &+ Int64(month.ordinal - firstMonth)) { continue }
                    facts.objectMonths.append((object.key, object.id, object.name, object.number, object.from, object.to, month))
                }
            }
        }
        return facts
    }

    /// The cells of tickets (the ticket kinds' common columns), with their invoice's id and number,
    /// each read by its primary key (one prepared statement). Keyed by ticket key.
    func ticketDetails(organization: Key, _ tickets: [TicketRef]) throws -> [Key: (cells: [Cell], invoiceID: Cell, invoice: Cell)] {
        let org = SQLValue.integer(organization)
        let sql = """
            SELECT t.k, t.id, c.number, o.id, o.name, p.id, p.name, t.period_start_day, t.period_end_day, t.amount, t.currency,
                   i.id, i.number
            FROM charge_ticket t JOIN contract c ON c.organization_k = ? AND c.k = t.contract_k
            JOIN product p ON p.k = t.product_k
            LEFT JOIN object o ON o.organization_k = ? AND o.k = t.object_k
            LEFT JOIN invoice i ON i.organization_k = ? AND i.k = t.invoice_k
            WHERE t.organization_k = ? AND t.month = ? AND t.period_start_day = ? AND t.id = ?
            """
        var result: [Key: (cells: [Cell], invoiceID: Cell, invoice: Cell)] = [:]
        for ticket in Set(tickets) where result[ticket.key] == nil {
            try each(sql, [org, org, org, org, .integer(Int64(ticket.month)), .integer(ticket.start), .text(ticket.id)]) { row in
                result[row.int64(0)] = (
                    [
                        Cells.text(row.text(1)), Cells.text(row.text(2)), Cells.text(row.optionalText(3)),
                        Cells.text(row.optionalText(4)), Cells.text(row.text(5)), Cells.text(row.text(6)),
                        Cells.day(row.optionalInt64(7)), Cells.day(row.optionalInt64(8)), Cells.money(row.int64(9)),
                        Cells.text(row.text(10)),
                    ],
                    Cells.text(row.optionalText(11)), Cells.text(row.optionalText(12))
                )
            }
        }
        return result
    }
}
