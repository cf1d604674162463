import CosModel
import CosStore
import CosView

/// The aggregation core: every view of the Customer Overview answered as a value from a `BillingSource`.
///
/// Every public query takes the as-of date and the period. Sums and trends come from the store's monthly
/// rollups (`ticket_rollup`, `usage_rollup`, `object_activity_delta`); distinct object counts from the
/// span rollups (`object_category_span`, `object_span`); ticket pages from the paging indexes, with the total row count
/// taken from `ticket_rollup`. SQL is portable, with `?` placeholders: no user text ever enters it.
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
    /// `table` is always one of this file's constants, never user text.
    func entity(_ table: EntityTable, _ key: Key) throws -> (id: String, name: String) {
        guard
            let found = try firstRow(table.selectByKey, [.integer(key)], { ($0.text(0) ?? "", $0.text(1) ?? "") })
        else { throw QueryError.notFound(what: table.noun, key: key) }
        return (found.0, found.1)
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

    var selectByKey: String {
        switch self {
        case .category: return "SELECT id, name FROM product_category WHERE k = ?"
        case .product: return "SELECT id, name FROM product WHERE k = ?"
        case .objectType: return "SELECT id, name FROM object_type WHERE k = ?"
        case .objectProfile: return "SELECT id, name FROM object_profile WHERE k = ?"
        case .object: return "SELECT id, name FROM object WHERE k = ?"
        case .contract: return "SELECT id, number FROM contract WHERE k = ?"
        case .invoice: return "SELECT id, number FROM invoice WHERE k = ?"
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
    static func date(_ text: String?) -> Cell {
        guard let text, let date = CivilDate(parsing: text) else { return text.map { .text($0) } ?? .null }
        return .date(date)
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
