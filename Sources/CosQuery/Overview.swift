import CosModel
import CosStore
import CosView

/// The aggregation core: every view of the Customer Overview answered as a value from a `BillingSource`.
///
/// Every public query takes the as-of date and the period. Sums and trends come from the store's monthly
/// rollups (`ticket_rollup`, `invoice_rollup`, `usage_rollup`, `object_month`, `product_object`,
/// `object_activity_delta`); distinct object counts from the run rollups (`category_object_runs`,
/// `profile_object_runs`); ticket pages from `charge_ticket` (clustered by organization and month) with
/// the total row count taken from `ticket_rollup`. SQL is portable, with `?` placeholders: no user text
/// ever enters it. Every statement on a per-organization table filters on `organization_k = ?` (see
/// `StoreSchema`), so a Citus cluster answers each view from one shard.
public final class Overview {
    /// The store the views are answered from.
    public let source: any BillingSource
    /// The name of the group of tickets that charge no object (summaries, `types`).
    public static let noObject = "(no object)"
    /// The name of an object type's group of objects without a profile.
    public static let noProfile = "(no profile)"

    /// How many tickets a view that embeds a ticket list holds (object, contract, invoice): a page
    /// for a terminal; nil for every ticket (the machine formats and `show --full`, which never drop
    /// rows). A contract's latest invoiced tickets are half as many.
    public var embeddedTicketLimit: Int? = 20
    /// The organizations in memory for search and completion, loaded on the first search.
    var organizationIndex: OrganizationIndex?
    /// The source's data version the index was read at (`BillingSource.dataVersion()`).
    var organizationIndexVersion: String?

    public init(source: any BillingSource) {
        self.source = source
    }

    // MARK: - Running SQL

    /// Runs a query and maps every row; database errors become `QueryError.database`.
    func fetch<T>(_ sql: String, _ values: [SQLValue], _ map: (any ResultRow) throws -> T) throws -> [T] {
        var result: [T] = []
        do {
            try source.query(sql, values) { result.append(try map($0)) }
        } catch let error as DatabaseError {
            throw QueryError(error)
        }
        return result
    }

    /// Runs a query and hands every row to `body` without collecting them.
    func each(_ sql: String, _ values: [SQLValue], _ body: (any ResultRow) throws -> Void) throws {
        do {
            try source.query(sql, values, body)
        } catch let error as DatabaseError {
            throw QueryError(error)
        }
    }

    /// The first row of a query, mapped, or nil.
    func firstRow<T>(_ sql: String, _ values: [SQLValue], _ map: (any ResultRow) throws -> T) throws -> T? {
        try fetch(sql, values, map).first
    }

    /// A single integer (a count or a sum in millionths); 0 when the query returns no row or NULL.
    func integer(_ sql: String, _ values: [SQLValue]) throws -> Int64 {
        try firstRow(sql, values) { $0.optionalInt64(0) ?? 0 } ?? 0
    }

    // MARK: - Shared facts

    /// The currencies of an organization: those of its contracts and invoices, sorted.
    func currencies(organization: Key) throws -> [String] {
        let found = try fetch(
            """
            SELECT currency FROM contract WHERE organization_k = ?
            UNION SELECT currency FROM invoice WHERE organization_k = ?
            """, [.integer(organization), .integer(organization)]
        ) { $0.text(0) ?? "" }
        return Array(Set(found)).sorted()
    }

    /// The organization's name and export id.
    func organizationName(_ organization: Key) throws -> (id: String, name: String) {
        guard
            let found = try firstRow(
                "SELECT id, name FROM organization WHERE k = ?", [.integer(organization)],
                { ($0.text(0) ?? "", $0.text(1) ?? "") })
        else { throw QueryError.notFound(what: "organization", key: organization) }
        return (found.0, found.1)
    }

    /// The name and id of a row of a named table (`product_category`, `product`, `object_type`, ...).
    /// `table` is always one of this file's constants, never user text. Objects, contracts and invoices
    /// belong to an organization, which `organization` names.
    func entity(_ table: EntityTable, _ key: Key, organization: Key = 0) throws -> (id: String, name: String) {
        let values: [SQLValue] = table.perOrganization ? [.integer(organization), .integer(key)] : [.integer(key)]
        guard
            let found = try firstRow(table.selectByKey, values, { ($0.text(0) ?? "", $0.text(1) ?? "") })
        else { throw QueryError.notFound(what: table.noun, key: key) }
        return (found.0, found.1)
    }

    /// The id and name of objects by key, for lists of an organization's tickets: an object of another
    /// organization (`foreign_object`) is read from that organization. `sorted`: distinct keys in
    /// increasing order, read in batches of a fixed size (one prepared statement; the last batch
    /// repeats its last key).
    /// `rangeFrom`: the fewest keys read by one pass over their key range (when they lie close together).
    func objectDetails(organization: Key, _ sorted: [Key], batch: Int = 256, rangeFrom: Int = 64) throws
        -> [Key: (id: String?, name: String, activeFrom: Int64?, activeTo: Int64?)]
    {
        var result: [Key: (id: String?, name: String, activeFrom: Int64?, activeTo: Int64?)] = [:]
        result.reserveCapacity(sorted.count)
        let sql = "SELECT k, id, name, active_from_day, active_to_day FROM object WHERE organization_k = ? AND k IN ("
            + Array(repeating: "?", count: batch).joined(separator: ", ") + ")"
        func read(_ keys: [Key], of owner: Key) throws {
            // Many keys close together (a product's ten thousand objects among the organization's
            // fifty thousand): one pass over their key range costs less than a b-tree search per key
            // (measured: about a fifth of the instructions at one wanted key in five).
            if keys.count >= rangeFrom, let first = keys.first, let last = keys.last, last - first < Int64(keys.count) * 16 {
                var next = 0
                try each(
                    "SELECT k, id, name, active_from_day, active_to_day FROM object WHERE organization_k = ? AND k BETWEEN ? AND ? ORDER BY k",
                    [.integer(owner), .integer(first), .integer(last)]
                ) { row in
                    let key = row.int64(0)
                    while next < keys.count, keys[next] < key { next += 1 }
                    guard next < keys.count, keys[next] == key else { return }
                    result[key] = (row.optionalText(1), row.text(2) ?? "", row.optionalInt64(3), row.optionalInt64(4))
                }
                return
            }
            var start = 0
            while start < keys.count {
                let end = min(start + batch, keys.count)
                var values = [SQLValue.integer(owner)] + keys[start..<end].map { SQLValue.integer($0) }
                while values.count < batch + 1 { values.append(.integer(keys[end - 1])) }
                try each(sql, values) { row in
                    result[row.int64(0)] = (row.optionalText(1), row.text(2) ?? "", row.optionalInt64(3), row.optionalInt64(4))
                }
                start = end
            }
        }
        try read(sorted, of: organization)
        guard result.count < sorted.count else { return result }
        var owners: [Key: [Key]] = [:]
        try each(
            "SELECT object_k, object_organization_k FROM foreign_object WHERE organization_k = ? ORDER BY object_k",
            [.integer(organization)]
        ) { row in
            let object = row.int64(0)
            if result[object] == nil { owners[row.int64(1), default: []].append(object) }
        }
        let wanted = Set(sorted)
        for (owner, objects) in owners.sorted(by: { $0.key < $1.key }) {
            try read(objects.filter { wanted.contains($0) }, of: owner)
        }
        return result
    }

    /// Bound values for a period: its first and last month ordinals.
    func monthBounds(_ period: Period) -> [SQLValue] {
        [.integer(Int64(period.from.ordinal)), .integer(Int64(period.to.ordinal))]
    }
}

/// The tables whose rows have a name; the SQL is constant per case.
enum EntityTable {
    case category, product, objectType, objectProfile, object, contract, invoice

    var noun: String {
        switch self {
        case .category: return "product category"
        case .product: return "product"
        case .objectType: return "object type"
        case .objectProfile: return "object profile"
        case .object: return "object"
        case .contract: return "contract"
        case .invoice: return "invoice"
        }
    }

    /// Objects, contracts and invoices are looked up within their organization.
    var perOrganization: Bool {
        switch self {
        case .object, .contract, .invoice: return true
        default: return false
        }
    }

    var selectByKey: String {
        switch self {
        case .category: return "SELECT id, name FROM product_category WHERE k = ?"
        case .product: return "SELECT id, name FROM product WHERE k = ?"
        case .objectType: return "SELECT id, name FROM object_type WHERE k = ?"
        case .objectProfile: return "SELECT id, name FROM object_profile WHERE k = ?"
        case .object: return "SELECT id, name FROM object WHERE organization_k = ? AND k = ?"
        case .contract: return "SELECT id, number FROM contract WHERE organization_k = ? AND k = ?"
        case .invoice: return "SELECT id, number FROM invoice WHERE organization_k = ? AND k = ?"
        }
    }
}

/// Cells and columns built the same way everywhere.
enum Cells {
    static func money(_ micros: Int64) -> Cell { .decimal(ExactDecimal(micros: micros)) }
    static func money(_ micros: Int64?) -> Cell { micros.map { .decimal(ExactDecimal(micros: $0)) } ?? .null }
    static func count(_ value: Int64) -> Cell { .int(Int(value)) }
    static func text(_ value: String?) -> Cell { value.map { .text($0) } ?? .null }
    static func month(_ ordinal: Int64) -> Cell { .month(Month(ordinal: Int(ordinal))) }
    /// A date from its day number (days since 1970-01-01), or null.
    static func day(_ day: Int64?) -> Cell {
        guard let day else { return .null }
        return .date(CivilDate(daysSinceEpoch: Int(day)))
    }
    /// `part` as a percentage of `whole` with one decimal; null when the whole is zero (or the share
    /// is too large to show exactly). Computed in 128 bits: no trap for any 64-bit sums.
    static func percent(_ part: Int128, of whole: Int128) -> Cell {
        ExactDecimal.percent(part: part, of: whole).map { .decimal($0) } ?? .null
    }

    /// The change from `before` to `now` in percent of `before`'s size; null when `before` is zero.
    static func change(from before: Int64, to now: Int64) -> Cell {
        percent(Int128(now) - Int128(before), of: abs(Int128(before)))
    }
}

enum Columns {
    static func id(_ name: String, _ heading: String) -> ViewColumn { ViewColumn(name, heading, .id) }
    static func text(_ name: String, _ heading: String) -> ViewColumn { ViewColumn(name, heading, .text) }
    /// A number people use as an id (a contract's or invoice's number, a customer number): never cut
    /// on a terminal, so two contracts never read the same.
    static func number(_ name: String, _ heading: String) -> ViewColumn { ViewColumn(name, heading, .id) }
    static let month = ViewColumn("month", "Month", .month)
    static let currency = ViewColumn("currency", "Currency", .currency)
    static func money(_ name: String = "amount", _ heading: String = "Amount") -> ViewColumn {
        ViewColumn(name, heading, .money(currencyColumn: "currency"))
    }
    static func count(_ name: String, _ heading: String) -> ViewColumn { ViewColumn(name, heading, .count) }
    static func quantity(_ name: String = "quantity", _ heading: String = "Quantity") -> ViewColumn {
        ViewColumn(name, heading, .quantity)
    }
    static let share = ViewColumn("share", "Share %", .percent)
}
