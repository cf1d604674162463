/// The layout of a cos store, described once as data (`StoreTable`): the checked billing export keyed by
/// integers, plus the rollups that let every view of even the largest organization be answered in
/// milliseconds. The SQLite store derives its DDL from it (`StoreTable.sqliteCreate`); a PostgreSQL
/// source derives its own from the same tables.
///
/// Conventions (the query layer relies on them; every statement it sends is portable SQL):
/// - Every entity has an integer key `k` (1, 2, ... in file order) beside its export `id` (opaque text,
///   compared exactly). References are by key (`organization_k`, `contract_k`, ...).
/// - Every per-organization table (`StoreTable.Placement.perOrganization`) carries `organization_k`,
///   and every statement on it filters on `organization_k = ?` (bound), joins others on it too:
///   a Citus cluster distributes them by `organization_k`, and each view is a single-shard query.
///   Categories, products, object types and profiles are reference tables. The one statement that
///   reads every organization is the start view's ranking (`invoice_rollup`).
/// - Money and quantities are INTEGER millionths (`ExactDecimal.micros`); `sum()` of integers is exact
///   (SQLite fails on overflow instead of wrapping).
/// - Dates are INTEGER days since 1970-01-01 (`CivilDate.daysSinceEpoch`), in columns named `..._day`
///   (`period_start_day`, `active_from_day`, `invoice_day`, `start_day`); `month` columns hold
///   `Month.ordinal` (`year * 12 + month - 1`), in UTC for usage events.
/// - `status` is lower case (`draft`, `final`, `void`); `currency` is upper case.
/// - `name_key` and `number_key` hold `TextFolding.fold` of the name or number: names are looked up
///   by folded key through an index (exact, then prefix by index range, then substring).
/// - A charge ticket carries copies of what the views group by (organization, currency, category,
///   object type, object profile), so no view joins to group. It belongs to its contract's
///   organization; its object may belong to another one (the contract allows it).
/// - Usage events are not kept one by one: `object_usage` holds their count and summed quantity per
///   organization, object, month (UTC) and product, which is what every view and the object trace read.
///
/// The import computes every table while the rows stream in (`ExportLoader`), and hands each
/// table's rows to a sink (`ImportSink`) in primary-key order.
public enum StoreSchema {
    /// Written to `meta.format`; a file without it is not a cos store.
    public static let formatName = "cos-store"
    /// Bumped whenever the layout changes; a store of another version is refused with a clear message
    /// that asks for a re-import.
    public static let formatVersion = 5

    // MARK: - Reference tables

    public static let organization = StoreTable(
        "organization", "a customer; organizations form a tree through parent_k",
        placement: .reference, primaryKey: ["k"],
        columns: [.int("k"), .text("id"), .text("name"), .optionalText("number"), .optionalInt("parent_k"), .text("search_name")],
        indexes: [
            StoreIndex("organization_id", ["id"], unique: true),
            StoreIndex("organization_parent", ["parent_k"]),
            StoreIndex("organization_number", ["number"]),
            StoreIndex("organization_search", ["search_name"]),
        ])

    public static let productCategory = StoreTable(
        "product_category", "a group of products", placement: .reference, primaryKey: ["k"],
        columns: [.int("k"), .text("id"), .text("name"), .text("name_key")])

    public static let product = StoreTable(
        "product", "a product, in one category", placement: .reference, primaryKey: ["k"],
        columns: [.int("k"), .text("id"), .text("name"), .int("category_k"), .optionalText("unit"), .text("name_key")])

    public static let objectType = StoreTable(
        "object_type", "a kind of billed object", placement: .reference, primaryKey: ["k"],
        columns: [.int("k"), .text("id"), .text("name"), .text("name_key")])

    public static let objectProfile = StoreTable(
        "object_profile", "a profile within one object type", placement: .reference, primaryKey: ["k"],
        columns: [.int("k"), .text("id"), .text("name"), .int("object_type_k"), .text("name_key")])

    // MARK: - Per-organization tables

    public static let contract = StoreTable(
        "contract", "a contract of an organization, in one currency", placement: .perOrganization,
        primaryKey: ["organization_k", "k"],
        columns: [
            .int("organization_k"), .int("k"), .text("id"), .text("number"), .optionalText("name"), .text("currency"),
            .int("start_day"), .optionalInt("end_day"), .text("number_key"),
        ],
        indexes: [
            StoreIndex("contract_id", ["organization_k", "id"]),
            StoreIndex("contract_number", ["organization_k", "number_key"]),
        ])

    public static let object = StoreTable(
        "object", "a billed object of an organization; from_month and to_month are its active months",
        placement: .perOrganization, primaryKey: ["organization_k", "k"],
        columns: [
            .int("organization_k"), .int("k"), .text("id"), .text("name"), .optionalInt("contract_k"),
            .int("object_type_k"), .optionalInt("object_profile_k"), .int("active_from_day"), .optionalInt("active_to_day"),
            .int("from_month"), .optionalInt("to_month"), .text("name_key"),
        ],
        indexes: [
            StoreIndex("object_id", ["organization_k", "id"]),
            StoreIndex("object_name", ["organization_k", "name_key"]),
            StoreIndex("object_group", ["organization_k", "object_type_k", "object_profile_k", "name_key"]),
        ])

    public static let invoice = StoreTable(
        "invoice", "an invoice of an organization", placement: .perOrganization, primaryKey: ["organization_k", "k"],
        columns: [
            .int("organization_k"), .int("k"), .text("id"), .text("number"), .int("invoice_day"), .int("month"),
            .text("status"), .text("currency"), .int("total_amount"), .text("number_key"),
        ],
        indexes: [
            StoreIndex("invoice_id", ["organization_k", "id"]),
            StoreIndex("invoice_number", ["organization_k", "number_key"]),
        ])

    /// Clustered by organization and month, then period start and id: the order ticket lists are shown
    /// in, so a page of an organization's tickets is one range.
    public static let chargeTicket = StoreTable(
        "charge_ticket", "a rated charge on a contract (with copies of what the views group by)",
        placement: .perOrganization, primaryKey: ["organization_k", "month", "period_start_day", "id"],
        columns: [
            .int("organization_k"), .int("month"), .int("period_start_day"), .text("id"), .int("k"), .int("contract_k"),
            .text("currency"), .optionalInt("object_k"), .int("product_k"), .int("category_k"),
            .optionalInt("object_type_k"), .optionalInt("object_profile_k"), .int("period_end_day"), .int("quantity"),
            .optionalInt("unit_price"), .int("amount"), .optionalInt("invoice_k"),
        ],
        indexes: [
            // An object's tickets in page order (the object view, the trace).
            StoreIndex(
                "ticket_object", ["organization_k", "object_k", "month", "period_start_day", "id"],
                where: "object_k IS NOT NULL"),
            // The uninvoiced tickets in page order (`tickets --uninvoiced`, the contract view's
            // leftovers): a few per month, scattered among the invoiced ones, so a page of them read from
            // the table's order would pass every invoiced ticket of the months in between.
            StoreIndex(
                "ticket_uninvoiced", ["organization_k", "month", "period_start_day", "id"],
                where: "invoice_k IS NULL"),
        ])

    /// Usage events per organization (the object's), object, month (UTC) and product.
    public static let objectUsage = StoreTable(
        "object_usage", "the usage events of an object in a month for a product: their count and summed quantity",
        placement: .perOrganization, primaryKey: ["organization_k", "object_k", "month", "product_k"],
        columns: [.int("organization_k"), .int("object_k"), .int("month"), .int("product_k"), .int("events"), .int("quantity")])

    public static let usageRollup = StoreTable(
        "usage_rollup", "the usage events of an organization's objects in a month", placement: .perOrganization,
        primaryKey: ["organization_k", "month"],
        columns: [.int("organization_k"), .int("month"), .int("events"), .int("quantity")])

    /// Charge tickets per organization, month, currency, contract, product, object group and invoice.
    /// object_type_k NULL is the "(no object)" group; a non-null type with a NULL profile is
    /// "(no profile)". `invoiced` is 1 when invoice_k is set. The rows are in key order (organization,
    /// month, ...), so their rowids cluster them.
    public static let ticketRollup = StoreTable(
        "ticket_rollup", "charge tickets summed per organization, month, currency, contract, product, group and invoice",
        placement: .perOrganization,
        columns: [
            .int("organization_k"), .int("month"), .text("currency"), .int("contract_k"), .int("product_k"),
            .int("category_k"), .optionalInt("object_type_k"), .optionalInt("object_profile_k"), .optionalInt("invoice_k"),
            .int("invoiced"), .int("tickets"), .int("amount"), .int("quantity"), .int("first_period_start_day"),
            .int("last_period_end_day"),
        ],
        indexes: [StoreIndex("ticket_rollup_organization", ["organization_k", "month"])])

    /// A product's tickets per object, currency, month and contract: the product view's objects, and
    /// the items (a product on one object) that `compare` splits a change by. Tickets without an object
    /// are in `ticket_rollup` (object_type_k NULL). The category, type and profile are the product's
    /// and the object's.
    public static let productObject = StoreTable(
        "product_object", "a product's charge tickets of one object in a month, currency and contract",
        placement: .perOrganization,
        primaryKey: ["organization_k", "product_k", "object_k", "currency", "month", "contract_k"],
        columns: [
            .int("organization_k"), .int("product_k"), .int("object_k"), .text("currency"), .int("month"),
            .int("contract_k"), .int("category_k"), .int("object_type_k"), .optionalInt("object_profile_k"),
            .int("tickets"), .int("amount"), .int("quantity"),
        ])

    /// An object's tickets per currency and month, under its type (the object view's trend, the
    /// profile view's objects: a type's objects are one range, each object's months consecutive).
    public static let objectMonth = StoreTable(
        "object_month", "an object's charge tickets in a month and currency (with the object's profile)",
        placement: .perOrganization, primaryKey: ["organization_k", "object_type_k", "object_k", "currency", "month"],
        columns: [
            .int("organization_k"), .int("object_type_k"), .int("object_k"), .text("currency"), .int("month"),
            .optionalInt("object_profile_k"), .int("tickets"), .int("amount"), .int("quantity"),
        ])

    /// The objects an organization's tickets charge that belong to another organization (the contract
    /// allows it), with that organization: where their names are.
    public static let foreignObject = StoreTable(
        "foreign_object", "an object of another organization charged by this organization's tickets",
        placement: .perOrganization, primaryKey: ["organization_k", "object_k"],
        columns: [.int("organization_k"), .int("object_k"), .int("object_organization_k")])

    /// Distinct objects per summary group without reading tickets. For each object, group and
    /// currency, the months in which it has tickets form runs of consecutive months with gaps between
    /// them. `kind` 1 rows count runs by their first and last month, `kind` 2 rows count gaps. An object
    /// has a ticket in a period exactly when one of its runs overlaps the period, and the runs that
    /// overlap a period are consecutive, the gaps between them being exactly the object's gaps that lie
    /// strictly inside the period (a month of the period before and after them); so the number of
    /// distinct objects in a period is the number of overlapping runs minus the number of such gaps.
    public static let categoryRuns = StoreTable(
        "category_object_runs", "runs (kind 1) and gaps (kind 2) of the months of objects' tickets per category",
        placement: .perOrganization,
        primaryKey: ["organization_k", "category_k", "currency", "kind", "first_month", "last_month"],
        columns: [
            .int("organization_k"), .int("category_k"), .text("currency"), .int("kind"), .int("first_month"),
            .int("last_month"), .int("objects"),
        ])

    /// As `category_object_runs`, per object type and profile (a NULL profile is "(no profile)").
    public static let profileRuns = StoreTable(
        "profile_object_runs", "runs (kind 1) and gaps (kind 2) of the months of objects' tickets per profile",
        placement: .perOrganization,
        columns: [
            .int("organization_k"), .int("object_type_k"), .optionalInt("object_profile_k"), .text("currency"),
            .int("kind"), .int("first_month"), .int("last_month"), .int("objects"),
        ],
        indexes: [
            StoreIndex(
                "profile_object_runs_organization",
                ["organization_k", "object_type_k", "object_profile_k", "currency", "kind", "first_month", "last_month", "objects"])
        ])

    /// Changes in the number of active objects. An object adds +1 at its from_month and -1 at the month
    /// after its to_month, so the objects active in month M are the sum of delta over all months <= M
    /// of the organization. An object whose active_to is before its active_from is never active and
    /// adds nothing (the contract does not forbid such rows).
    public static let objectActivityDelta = StoreTable(
        "object_activity_delta", "the change in the number of an organization's active objects at a month",
        placement: .perOrganization, primaryKey: ["organization_k", "month"],
        columns: [.int("organization_k"), .int("month"), .int("delta")])

    /// Invoices per organization, month (of invoice_day), status and currency.
    public static let invoiceRollup = StoreTable(
        "invoice_rollup", "invoices summed per organization, month, status and currency", placement: .perOrganization,
        primaryKey: ["organization_k", "month", "status", "currency"],
        columns: [
            .int("organization_k"), .int("month"), .text("status"), .text("currency"), .int("invoices"), .int("amount"),
        ],
        indexes: [
            // Top organizations by Total Invoicing (the start view): per organization and currency in
            // index order, covering.
            StoreIndex("invoice_rollup_ranking", ["status", "organization_k", "currency", "month", "amount"])
        ])

    public static let meta = StoreTable(
        "meta", "what the store says about itself: format, version, as_of, name, source, row counts",
        placement: .local, primaryKey: ["key"], columns: [.text("key"), .text("value")])

    /// Every table, in the order the import fills them.
    public static let tables: [StoreTable] = [
        organization, contract, productCategory, product, objectType, objectProfile, object, objectActivityDelta,
        invoice, invoiceRollup, chargeTicket, ticketRollup, productObject, objectMonth, foreignObject, categoryRuns,
        profileRuns, objectUsage, usageRollup, meta,
    ]

    /// The table named `name`.
    public static func table(_ name: String) -> StoreTable? { tables.first { $0.name == name } }
}
