/// The store's derived tables as portable SQL over its base tables: what the import computes while the
/// rows stream in (`ExportLoader`, `TicketTables`), written once more as plain `SELECT`s. A server that
/// holds the base tables builds the derived ones with them (`INSERT INTO t(columns) SELECT ...`:
/// `cos import --from-schema`), and the tests check the streamed tables against them row for row.
///
/// The base tables are the entities, `charge_ticket` and `object_usage` (usage events are not kept one
/// by one: whoever loads them sums them per object, month and product). The statements use no function
/// that SQLite and PostgreSQL spell differently; every subquery has an alias (PostgreSQL 15 wants one).
/// A sum beyond 64 bits fails (SQLite: "integer overflow"; PostgreSQL: SQLSTATE 22003).
public extension StoreSchema {
    /// The derived tables with the `SELECT` that gives their columns in order, in an order in which
    /// each reads only base tables and tables before it.
    static let derivations: [(table: StoreTable, select: String)] = [
        (objectActivityDelta, """
            SELECT organization_k, month, sum(delta) FROM (
              SELECT organization_k, from_month AS month, 1 AS delta FROM object
              WHERE active_to_day IS NULL OR active_to_day >= active_from_day
              UNION ALL
              SELECT organization_k, to_month + 1 AS month, -1 AS delta FROM object
              WHERE active_to_day IS NOT NULL AND active_to_day >= active_from_day) changes
            GROUP BY organization_k, month
            """),
        (invoiceRollup, """
            SELECT organization_k, month, status, currency, count(*), sum(total_amount) FROM invoice
            GROUP BY organization_k, month, status, currency
            """),
        (ticketRollup, """
            SELECT organization_k, month, currency, contract_k, product_k, category_k, object_type_k, object_profile_k,
                   invoice_k, CASE WHEN invoice_k IS NULL THEN 0 ELSE 1 END, count(*), sum(amount), sum(quantity),
                   min(period_start_day), max(period_end_day)
            FROM charge_ticket
            GROUP BY organization_k, month, currency, contract_k, product_k, category_k, object_type_k, object_profile_k,
                     invoice_k
            """),
        (productObject, """
            SELECT organization_k, product_k, object_k, currency, month, contract_k, category_k, object_type_k,
                   object_profile_k, count(*), sum(amount), sum(quantity)
            FROM charge_ticket WHERE object_k IS NOT NULL
            GROUP BY organization_k, product_k, object_k, currency, month, contract_k, category_k, object_type_k,
                     object_profile_k
            """),
        (objectMonth, """
            SELECT organization_k, object_type_k, month, object_k, currency, object_profile_k, count(*), sum(amount),
                   sum(quantity)
            FROM charge_ticket WHERE object_k IS NOT NULL
            GROUP BY organization_k, object_type_k, month, object_k, currency, object_profile_k
            """),
        (foreignObject, """
            SELECT DISTINCT t.organization_k, t.object_k, o.organization_k
            FROM charge_ticket t JOIN object o ON o.k = t.object_k
            WHERE o.organization_k <> t.organization_k
            """),
        (categoryRuns, runs(group: ["category_k"])),
        (profileRuns, runs(group: ["object_type_k", "object_profile_k"])),
        (usageRollup, """
            SELECT organization_k, month, sum(events), sum(quantity) FROM object_usage GROUP BY organization_k, month
            """),
    ]

    /// Runs (kind 1) and gaps (kind 2) of the months in which each object has tickets, per
    /// organization, `group` columns and currency, counted over objects: consecutive months are an
    /// island (month minus its rank is constant along one), a gap lies between an object's neighbouring
    /// islands.
    private static func runs(group: [String]) -> String {
        let keys = (["organization_k"] + group + ["currency"]).joined(separator: ", ")
        let islands = """
            SELECT \(keys), object_k, min(month) AS first_month, max(month) AS last_month FROM (
                SELECT \(keys), object_k, month,
                       month - row_number() OVER (PARTITION BY \(keys), object_k ORDER BY month) AS island
                FROM (SELECT DISTINCT \(keys), object_k, month FROM charge_ticket WHERE object_k IS NOT NULL) months
              ) ranked
              GROUP BY \(keys), object_k, island
            """
        return """
            SELECT \(keys), 1, first_month, last_month, count(*) FROM (
              \(islands)) runs
            GROUP BY \(keys), first_month, last_month
            UNION ALL
            SELECT \(keys), 2, first_month, last_month, count(*) FROM (
              SELECT \(keys), previous_last + 1 AS first_month, first_month - 1 AS last_month FROM (
                SELECT \(keys), first_month,
                       lag(last_month) OVER (PARTITION BY \(keys), object_k ORDER BY first_month) AS previous_last
                FROM (
                  \(islands)) runs
              ) neighbours
              WHERE previous_last IS NOT NULL
            ) gaps
            GROUP BY \(keys), first_month, last_month
            """
    }

    /// `INSERT INTO table(columns) SELECT ...` for a derivation.
    static func insert(_ derivation: (table: StoreTable, select: String), into name: String? = nil) -> String {
        "INSERT INTO \(name ?? derivation.table.name)(" + derivation.table.columns.map(\.name).joined(separator: ", ") + ")\n"
            + derivation.select
    }
}
