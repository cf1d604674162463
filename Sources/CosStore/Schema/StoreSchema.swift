/// The layout of a cos store: the checked billing export, keyed by integers, plus the rollups and
/// indexes that let every view of even the largest organization be answered in milliseconds.
///
/// Conventions (the query layer relies on them):
/// - Every entity has an integer key `k` (1, 2, ... in file order) beside its export `id` (opaque text,
///   compared exactly). References are by key (`organization_k`, `contract_k`, ...).
/// - Money and quantities are INTEGER millionths (`ExactDecimal.micros`); SQLite's `sum()` of integers
///   is exact and fails on overflow instead of wrapping.
/// - Dates are TEXT `YYYY-MM-DD`; timestamps are TEXT `YYYY-MM-DDTHH:MM:SSZ` in UTC; `month` columns
///   hold `Month.ordinal` (`year * 12 + month - 1`) in UTC.
/// - `status` is lower case (`draft`, `final`, `void`); `currency` is upper case.
/// - A charge ticket carries copies of what the views group by (organization, currency, category,
///   object type, object profile), so no view needs a join to group.
/// - Statements are portable SQL over these tables, so that another source holding the same tables
///   (a live PostgreSQL database) can serve the same views.
public enum StoreSchema {
    /// Written to `meta.format`; a file without it is not a cos store.
    public static let formatName = "cos-store"
    /// Bumped whenever the layout changes; a store of another version is refused with a clear message.
    public static let formatVersion = 3

    /// The tables, created empty before the import.
    public static let tables: [String] = [
        """
        CREATE TABLE meta(
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL)
        """,
        """
        CREATE TABLE organization(
          k INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          name TEXT NOT NULL,
          number TEXT,
          parent_k INTEGER,
          search_name TEXT NOT NULL)
        """,
        """
        CREATE TABLE contract(
          k INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          organization_k INTEGER NOT NULL,
          number TEXT NOT NULL,
          name TEXT,
          currency TEXT NOT NULL,
          start_date TEXT NOT NULL,
          end_date TEXT)
        """,
        """
        CREATE TABLE product_category(
          k INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          name TEXT NOT NULL)
        """,
        """
        CREATE TABLE product(
          k INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          name TEXT NOT NULL,
          category_k INTEGER NOT NULL,
          unit TEXT)
        """,
        """
        CREATE TABLE object_type(
          k INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          name TEXT NOT NULL)
        """,
        """
        CREATE TABLE object_profile(
          k INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          name TEXT NOT NULL,
          object_type_k INTEGER NOT NULL)
        """,
        """
        CREATE TABLE object(
          k INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          name TEXT NOT NULL,
          organization_k INTEGER NOT NULL,
          contract_k INTEGER,
          object_type_k INTEGER NOT NULL,
          object_profile_k INTEGER,
          active_from TEXT NOT NULL,
          active_to TEXT,
          from_month INTEGER NOT NULL,
          to_month INTEGER)
        """,
        """
        CREATE TABLE invoice(
          k INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          organization_k INTEGER NOT NULL,
          number TEXT NOT NULL,
          invoice_date TEXT NOT NULL,
          month INTEGER NOT NULL,
          status TEXT NOT NULL,
          currency TEXT NOT NULL,
          total_amount INTEGER NOT NULL)
        """,
        """
        CREATE TABLE charge_ticket(
          k INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          contract_k INTEGER NOT NULL,
          organization_k INTEGER NOT NULL,
          currency TEXT NOT NULL,
          object_k INTEGER,
          product_k INTEGER NOT NULL,
          category_k INTEGER NOT NULL,
          object_type_k INTEGER,
          object_profile_k INTEGER,
          month INTEGER NOT NULL,
          period_start TEXT NOT NULL,
          period_end TEXT NOT NULL,
          quantity INTEGER NOT NULL,
          unit_price INTEGER,
          amount INTEGER NOT NULL,
          invoice_k INTEGER)
        """,
        """
        CREATE TABLE usage_event(
          k INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          object_k INTEGER NOT NULL,
          product_k INTEGER NOT NULL,
          organization_k INTEGER NOT NULL,
          occurred_at TEXT NOT NULL,
          month INTEGER NOT NULL,
          quantity INTEGER NOT NULL)
        """,
        // Rollup: charge tickets per organization, month, currency, contract, product, object group and
        // invoiced flag. object_type_k NULL is the "(no object)" group; a non-null type with a NULL
        // profile is "(no profile)". `invoiced` is 1 when invoice_k is set. Sums in millionths;
        // first_period_start and last_period_end are the min and max of the tickets' dates.
        """
        CREATE TABLE ticket_rollup(
          organization_k INTEGER NOT NULL,
          month INTEGER NOT NULL,
          currency TEXT NOT NULL,
          contract_k INTEGER NOT NULL,
          product_k INTEGER NOT NULL,
          category_k INTEGER NOT NULL,
          object_type_k INTEGER,
          object_profile_k INTEGER,
          invoiced INTEGER NOT NULL,
          tickets INTEGER NOT NULL,
          amount INTEGER NOT NULL,
          quantity INTEGER NOT NULL,
          first_period_start TEXT NOT NULL,
          last_period_end TEXT NOT NULL)
        """,
        // Rollup: usage events of an organization's objects per month.
        """
        CREATE TABLE usage_rollup(
          organization_k INTEGER NOT NULL,
          month INTEGER NOT NULL,
          events INTEGER NOT NULL,
          quantity INTEGER NOT NULL,
          PRIMARY KEY(organization_k, month)) WITHOUT ROWID
        """,
        // Rollups: the months in which each object has charge tickets, per category and currency
        // (object_category_span) and per currency (object_span, with the object's type and profile).
        // `months` counts the distinct months; when it equals last_month - first_month + 1 the object
        // has tickets in every month of its span, so "has tickets in the period" is a span overlap,
        // and the summaries count distinct objects without reading ticket rows.
        """
        CREATE TABLE object_category_span(
          organization_k INTEGER NOT NULL,
          category_k INTEGER NOT NULL,
          currency TEXT NOT NULL,
          object_k INTEGER NOT NULL,
          first_month INTEGER NOT NULL,
          last_month INTEGER NOT NULL,
          months INTEGER NOT NULL)
        """,
        """
        CREATE TABLE object_span(
          organization_k INTEGER NOT NULL,
          object_type_k INTEGER NOT NULL,
          object_profile_k INTEGER,
          currency TEXT NOT NULL,
          object_k INTEGER NOT NULL,
          first_month INTEGER NOT NULL,
          last_month INTEGER NOT NULL,
          months INTEGER NOT NULL)
        """,
        // Rollup: changes in the number of active objects. An object adds +1 at its from_month and
        // -1 at the month after its to_month, so the objects active in month M are the sum of delta
        // over all months <= M of the organization. An object whose active_to is before its
        // active_from is never active and adds nothing (the contract does not forbid such rows).
        """
        CREATE TABLE object_activity_delta(
          organization_k INTEGER NOT NULL,
          month INTEGER NOT NULL,
          delta INTEGER NOT NULL,
          PRIMARY KEY(organization_k, month)) WITHOUT ROWID
        """,
    ]

    /// Indexes, created after the bulk load (faster than maintaining them row by row).
    public static let indexes: [String] = [
        "CREATE UNIQUE INDEX organization_id ON organization(id)",
        "CREATE INDEX organization_parent ON organization(parent_k)",
        "CREATE INDEX organization_number ON organization(number)",
        "CREATE INDEX organization_search ON organization(search_name)",
        "CREATE UNIQUE INDEX contract_id ON contract(id)",
        "CREATE INDEX contract_organization ON contract(organization_k, number)",
        "CREATE UNIQUE INDEX product_category_id ON product_category(id)",
        "CREATE UNIQUE INDEX product_id ON product(id)",
        // Not named `product_category`: indexes and tables share one namespace.
        "CREATE INDEX product_by_category ON product(category_k)",
        "CREATE UNIQUE INDEX object_type_id ON object_type(id)",
        "CREATE UNIQUE INDEX object_profile_id ON object_profile(id)",
        "CREATE UNIQUE INDEX object_id ON object(id)",
        "CREATE INDEX object_organization ON object(organization_k, object_type_k, object_profile_k)",
        "CREATE UNIQUE INDEX invoice_id ON invoice(id)",
        "CREATE INDEX invoice_organization ON invoice(organization_k, status, month)",
        "CREATE INDEX invoice_number ON invoice(organization_k, number)",
        // Top organizations by Total Invoicing (the start view): final invoices per organization and
        // currency in index order, covering, so the ranking reads no invoice rows and sorts no groups.
        "CREATE INDEX invoice_ranking ON invoice(status, organization_k, currency, month, total_amount)",
        "CREATE UNIQUE INDEX charge_ticket_id ON charge_ticket(id)",
        // Paging: tickets in (month, period_start, id) order, which is (period_start, id) order.
        "CREATE INDEX ticket_organization_page ON charge_ticket(organization_k, month, period_start, id)",
        "CREATE INDEX ticket_category_page ON charge_ticket(organization_k, category_k, month, period_start, id)",
        "CREATE INDEX ticket_type_page ON charge_ticket(organization_k, object_type_k, month, period_start, id)",
        // Also covering for a profile's objects (their sums per object and currency in the period).
        "CREATE INDEX ticket_profile_page ON charge_ticket(organization_k, object_type_k, object_profile_k, month, period_start, id, object_k, currency, amount)",
        // Covering for a product's objects (their sums per object and currency in the period).
        "CREATE INDEX ticket_product_objects ON charge_ticket(organization_k, product_k, month, object_k, currency, amount)",
        // Covering, in item order (a product on one object, per currency): `compare` sums each item as
        // the scan passes it (no sort); `audit` reads every kind from one pass over it, equal tickets
        // (duplicates) as neighbours.
        "CREATE INDEX ticket_item ON charge_ticket(organization_k, product_k, object_k, currency, month, contract_k, period_start, period_end, amount, quantity, category_k, object_type_k, object_profile_k, invoice_k)",
        "CREATE INDEX ticket_object_page ON charge_ticket(object_k, month, period_start, id)",
        "CREATE INDEX ticket_contract_page ON charge_ticket(contract_k, month, period_start, id)",
        // Covering for the invoice view's count and sum of its tickets (no ticket row is read); with
        // month first, its page needs no sort.
        "CREATE INDEX ticket_invoice_page ON charge_ticket(invoice_k, month, period_start, id, amount)",
        // Uninvoiced pages (`tickets --uninvoiced`, the contract view) without stepping over invoiced tickets.
        "CREATE INDEX ticket_uninvoiced_organization ON charge_ticket(organization_k, month, period_start, id) WHERE invoice_k IS NULL",
        "CREATE INDEX ticket_uninvoiced_contract ON charge_ticket(contract_k, month, period_start, id) WHERE invoice_k IS NULL",
        "CREATE UNIQUE INDEX usage_event_id ON usage_event(id)",
        "CREATE INDEX usage_object ON usage_event(object_k, month)",
        "CREATE INDEX ticket_rollup_organization ON ticket_rollup(organization_k, month)",
        "CREATE INDEX ticket_rollup_contract ON ticket_rollup(contract_k, month)",
        // Span rollups in group order (covering): the summaries count per group without sorting.
        "CREATE INDEX object_category_span_organization ON object_category_span(organization_k, category_k, currency, first_month, last_month, months, object_k)",
        "CREATE INDEX object_span_organization ON object_span(organization_k, object_type_k, object_profile_k, currency, first_month, last_month, months, object_k)",
    ]

    /// Fills `usage_rollup` from `usage_event`. `cos import` sums the same figures while it loads the
    /// events and skips this statement; another source (or a test building a store by SQL) runs it.
    public static let usageRollup = """
        INSERT INTO usage_rollup(organization_k, month, events, quantity)
        SELECT organization_k, month, count(*), sum(quantity)
        FROM usage_event
        GROUP BY organization_k, month
        """

    /// Statements that fill the rollup tables from the base tables, run once after the bulk load.
    public static let rollups: [String] = [
        """
        INSERT INTO ticket_rollup(organization_k, month, currency, contract_k, product_k, category_k,
                                  object_type_k, object_profile_k, invoiced, tickets, amount, quantity,
                                  first_period_start, last_period_end)
        SELECT organization_k, month, currency, contract_k, product_k, category_k, object_type_k,
               object_profile_k, invoice_k IS NOT NULL, count(*), sum(amount), sum(quantity),
               min(period_start), max(period_end)
        FROM charge_ticket
        GROUP BY organization_k, month, currency, contract_k, product_k, category_k, object_type_k,
                 object_profile_k, invoice_k IS NOT NULL
        """,
        usageRollup,
        """
        INSERT INTO object_activity_delta(organization_k, month, delta)
        SELECT organization_k, month, sum(delta) FROM (
          SELECT organization_k, from_month AS month, 1 AS delta FROM object
          WHERE to_month IS NULL OR to_month >= from_month
          UNION ALL
          SELECT organization_k, to_month + 1 AS month, -1 AS delta FROM object
          WHERE to_month IS NOT NULL AND to_month >= from_month)
        GROUP BY organization_k, month
        """,
        """
        INSERT INTO object_category_span(organization_k, category_k, currency, object_k, first_month, last_month, months)
        SELECT organization_k, category_k, currency, object_k, min(month), max(month), count(DISTINCT month)
        FROM charge_ticket WHERE object_k IS NOT NULL
        GROUP BY organization_k, category_k, currency, object_k
        """,
        """
        INSERT INTO object_span(organization_k, object_type_k, object_profile_k, currency, object_k, first_month,
                                last_month, months)
        SELECT organization_k, object_type_k, object_profile_k, currency, object_k, min(month), max(month),
               count(DISTINCT month)
        FROM charge_ticket WHERE object_k IS NOT NULL
        GROUP BY organization_k, object_type_k, object_profile_k, currency, object_k
        """,
    ]
}
