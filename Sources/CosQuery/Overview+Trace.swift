import CosModel
import CosStore
import CosView

extension Overview {
    /// `trace` at an object: month by month and product, its usage events (count and quantity), its
    /// charge tickets (count, quantity, amount per currency) and the invoices they are on (number and
    /// status), flagging usage without a ticket in its month and tickets without usage in their month
    /// where the object has usage events of the product at all (any month). Tables `trace` and
    /// `invoices`. Tickets fall in the month of their `period_start`, usage events in the month of
    /// their `occurred_at` (UTC); both are the object's rows of its own organization.
    public func trace(organization: Key, object: Key, asOf: CivilDate, period: Period) throws -> View {
        let about = try describe(.object(organization: organization, object: object))
        let tables = try traceTables(organization: organization, object: object, product: nil, period: period)
        return View(
            kind: "trace", title: "Trace of \(about.title)", context: about.context, asOf: asOf, period: period,
            tables: tables, notes: Self.traceNotes)
    }

    /// `trace TICKET_ID`: the trace of the ticket's object (of its product's tickets without an object
    /// when it has none) over the period, widened to the ticket's month, with the ticket first (table
    /// `ticket`). The ticket is looked up by its export id among the organization's tickets.
    public func trace(ticketID: String, organization: Key, asOf: CivilDate, period: Period) throws -> View {
        let org = SQLValue.integer(organization)
        guard
            let found = try firstRow(
                """
                SELECT t.id, c.number, o.id, o.name, p.id, p.name, t.period_start_day, t.period_end_day, t.quantity,
                       t.unit_price, t.amount, t.currency, i.id, i.number, i.status, t.month, t.object_k, t.product_k
                FROM charge_ticket t JOIN contract c ON c.organization_k = ? AND c.k = t.contract_k
                JOIN product p ON p.k = t.product_k
                LEFT JOIN object o ON o.organization_k = ? AND o.k = t.object_k
                LEFT JOIN invoice i ON i.organization_k = ? AND i.k = t.invoice_k
                WHERE t.organization_k = ? AND t.id = ?
                """, [org, org, org, org, .text(ticketID)],
                { row in
                    (
                        cells: [
                            Cells.text(row.text(0)), Cells.text(row.text(1)), Cells.text(row.optionalText(2)),
                            Cells.text(row.optionalText(3)), Cells.text(row.text(4)), Cells.text(row.text(5)),
                            Cells.day(row.optionalInt64(6)), Cells.day(row.optionalInt64(7)), Cells.money(row.int64(8)),
                            Cells.money(row.optionalInt64(9)), Cells.money(row.int64(10)), Cells.text(row.text(11)),
                            Cells.text(row.optionalText(12)), Cells.text(row.optionalText(13)), Cells.text(row.optionalText(14)),
                        ],
                        month: row.int(15), object: row.optionalInt64(16), product: row.int64(17)
                    )
                })
        else { throw QueryError.notApplicable("no charge ticket with id \"\(ticketID)\" in this organization") }
        let month = Month(ordinal: found.month)
        let range = Period(from: min(period.from, month), to: max(period.to, month)) ?? period
        let ticket = ViewTable(
            name: "ticket", title: "Charge ticket",
            columns: [
                Columns.id("id", "Ticket"), Columns.number("contract", "Contract"), Columns.id("object_id", "Object id"),
                Columns.text("object", "Object"), Columns.id("product_id", "Product id"), Columns.text("product", "Product"),
                ViewColumn("period_start", "Period start", .date), ViewColumn("period_end", "Period end", .date),
                Columns.quantity(), Columns.money("unit_price", "Unit price"), Columns.money(), Columns.currency,
                Columns.id("invoice_id", "Invoice id"), Columns.number("invoice", "Invoice"), Columns.text("status", "Status"),
            ], rows: [found.cells], presentation: .record)
        let tables = try traceTables(
            organization: organization, object: found.object, product: found.object == nil ? found.product : nil, period: range)
        let about: (title: String, context: ContextPath)
        if let object = found.object {
            let described = try describe(.object(organization: organization, object: object))
            about = (described.title, described.context)
        } else {
            let described = try describe(.organization(organization))
            about = ("\(found.cells[5].plainText) without an object (\(described.title))", described.context)
        }
        var notes = Self.traceNotes
        if range != period { notes.append("Widened from the period \(period) to the ticket's month \(month).") }
        return View(
            kind: "trace", title: "Trace of ticket \(ticketID): \(about.title)", context: about.context, asOf: asOf,
            period: range, tables: [ticket] + tables, notes: notes)
    }

    static let traceNotes = [
        "Flags: usage with no ticket of the product in its month; a ticket with no usage in its month, where the"
            + " object has usage events of the product at all."
    ]

    /// The `trace` and `invoices` tables of an object (`object`), or of a product's tickets without an
    /// object (`object` nil, `product` set), over the months of `period`.
    func traceTables(organization: Key, object: Key?, product: Key?, period: Period) throws -> [ViewTable] {
        let org = SQLValue.integer(organization)
        struct Cell2: Hashable {
            let month: Int
            let product: Key
        }
        struct Charged {
            var tickets: Int64 = 0
            var quantity: Int64 = 0
            var amount: Int64 = 0
            var invoices = Set<Key>()
        }
        // Tickets per month, product and currency.
        var charged: [Cell2: [String: Charged]] = [:]
        var invoiceKeys = Set<Key>()
        // Each invoice with the count and sum of the traced tickets on it.
        var onInvoice: [Key: (tickets: Int64, amount: Int64)] = [:]
        let ticketSQL: String
        let ticketValues: [SQLValue]
        if let object {
            ticketSQL = """
                SELECT month, product_k, currency, quantity, amount, invoice_k FROM charge_ticket
                WHERE organization_k = ? AND object_k = ? AND month BETWEEN ? AND ?
                """
            ticketValues = [org, .integer(object)] + monthBounds(period)
        } else {
            ticketSQL = """
                SELECT month, product_k, currency, quantity, amount, invoice_k FROM charge_ticket
                WHERE organization_k = ? AND product_k = ? AND object_k IS NULL AND month BETWEEN ? AND ?
                """
            ticketValues = [org, .integer(product ?? 0)] + monthBounds(period)
        }
        try each(ticketSQL, ticketValues) { row in
            let key = Cell2(month: row.int(0), product: row.int64(1))
            var entry = charged[key]?[row.text(2) ?? ""] ?? Charged()
            entry.tickets += 1
            let (quantity, o1) = entry.quantity.addingReportingOverflow(row.int64(3))
            let (amount, o2) = entry.amount.addingReportingOverflow(row.int64(4))
            if o1 || o2 { throw QueryError.overflow(what: "the tickets of a month") }
            entry.quantity = quantity
            entry.amount = amount
            if let invoice = row.optionalInt64(5) {
                entry.invoices.insert(invoice)
                invoiceKeys.insert(invoice)
                var sums = onInvoice[invoice] ?? (0, 0)
                let (sum, overflow) = sums.amount.addingReportingOverflow(row.int64(4))
                if overflow { throw QueryError.overflow(what: "the tickets of an invoice") }
                sums = (sums.tickets + 1, sum)
                onInvoice[invoice] = sums
            }
            charged[key, default: [:]][row.text(2) ?? ""] = entry
        }
        // Usage per month and product, and the products the object has usage of at all.
        var usage: [Cell2: (events: Int64, quantity: Int64)] = [:]
        var usedProducts = Set<Key>()
        if let object {
            try each(
                """
                SELECT month, product_k, sum(events), sum(quantity) FROM object_usage
                WHERE organization_k = ? AND object_k = ? AND month BETWEEN ? AND ? GROUP BY month, product_k
                """, [org, .integer(object)] + monthBounds(period)
            ) { row in usage[Cell2(month: row.int(0), product: row.int64(1))] = (row.int64(2), row.int64(3)) }
            try each(
                "SELECT DISTINCT product_k FROM object_usage WHERE organization_k = ? AND object_k = ?",
                [org, .integer(object)]
            ) { usedProducts.insert($0.int64(0)) }
        }
        // The invoices, by key.
        var invoices: [Key: (id: String?, number: String, date: Int64?, status: String, currency: String, total: Int64)] = [:]
        for key in invoiceKeys.sorted() {
            if let found = try firstRow(
                "SELECT id, number, invoice_day, status, currency, total_amount FROM invoice WHERE organization_k = ? AND k = ?",
                [org, .integer(key)],
                { ($0.text(0), $0.text(1) ?? "", $0.optionalInt64(2), $0.text(3) ?? "", $0.text(4) ?? "", $0.int64(5)) })
            {
                invoices[key] = found
            }
        }
        var names = NameCache(overview: self)
        var units: [Key: String?] = [:]
        var rows: [(month: Int, product: String, currency: String, cells: [Cell])] = []
        for key in Set(charged.keys).union(usage.keys) {
            let product = try names.lookup(.product, key.product)
            if units[key.product] == nil { units[key.product] = try productUnit(key.product) }
            let used = usage[key] ?? (0, 0)
            let byCurrency = charged[key] ?? [:]
            let currencies = byCurrency.keys.sorted()
            for (index, currency) in (currencies.isEmpty ? [nil] : currencies.map { Optional($0) }).enumerated() {
                let entry = currency.flatMap { byCurrency[$0] } ?? Charged()
                // Usage is shown once, on the first currency's row, so that it is never counted twice.
                let events = index == 0 ? used.events : 0
                let usageQuantity = index == 0 ? used.quantity : 0
                var flag: String?
                if used.events > 0 && byCurrency.isEmpty { flag = "usage, no ticket" }
                if entry.tickets > 0 && used.events == 0 && usedProducts.contains(key.product) { flag = "ticket, no usage" }
                let onInvoices = entry.invoices.compactMap { invoices[$0] }
                    .sorted { $0.number < $1.number }.map { "\($0.number) (\($0.status))" }.joined(separator: ", ")
                rows.append((
                    key.month, product?.name ?? "", currency ?? "",
                    [
                        Cells.month(Int64(key.month)), Cells.text(product?.id), Cells.text(product?.name),
                        Cells.text(units[key.product] ?? nil), Cells.count(events), Cells.money(usageQuantity),
                        Cells.count(entry.tickets), Cells.money(entry.tickets > 0 ? entry.quantity : 0),
                        currency == nil ? .null : Cells.money(entry.amount), Cells.text(currency),
                        onInvoices.isEmpty ? .null : .text(onInvoices), Cells.text(flag),
                    ]
                ))
            }
        }
        rows.sort { ($0.month, $0.product, $0.currency) < ($1.month, $1.product, $1.currency) }
        let trace = ViewTable(
            name: "trace", title: "Usage, tickets and invoices by month",
            columns: [
                Columns.month, Columns.id("product_id", "Product id"), Columns.text("product", "Product"),
                Columns.text("unit", "Unit"), Columns.count("events", "Events"), Columns.quantity("usage_quantity", "Usage"),
                Columns.count("tickets", "Tickets"), Columns.quantity(), Columns.money(), Columns.currency,
                Columns.number("invoices", "Invoices"), Columns.text("flag", "Flag"),
            ], rows: rows.map(\.cells))
        let invoiceRows = invoices.sorted { ($0.value.date ?? 0, $0.value.number) < ($1.value.date ?? 0, $1.value.number) }
            .map { key, found -> [Cell] in
                let sums = onInvoice[key] ?? (0, 0)
                return [
                    Cells.text(found.id), .text(found.number), Cells.day(found.date), .text(found.status), .text(found.currency),
                    Cells.count(sums.tickets), Cells.money(sums.amount), Cells.money(found.total),
                ]
            }
        let invoiceTable = ViewTable(
            name: "invoices", title: "Invoices of these tickets",
            columns: [
                Columns.id("invoice_id", "Id"), Columns.number("invoice", "Invoice"), ViewColumn("invoice_date", "Date", .date),
                Columns.text("status", "Status"), Columns.currency, Columns.count("tickets", "Tickets"),
                Columns.money("amount", "These tickets"), Columns.money("total_amount", "Invoice total"),
            ], rows: invoiceRows)
        return [trace, invoiceTable]
    }
}
