/// The CSV files of a billing export, in the order the import reads them (a file is read after every
/// file it refers to, except `organizations.csv`, which refers to itself). Problems are reported in
/// this order.
public enum ExportFile: Int, CaseIterable, Sendable {
    case organizations
    case contracts
    case productCategories
    case products
    case objectTypes
    case objectProfiles
    case objects
    case invoices
    case chargeTickets
    case usageEvents

    /// The file's name in the data directory.
    public var fileName: String {
        switch self {
        case .organizations: "organizations.csv"
        case .contracts: "contracts.csv"
        case .productCategories: "product_categories.csv"
        case .products: "products.csv"
        case .objectTypes: "object_types.csv"
        case .objectProfiles: "object_profiles.csv"
        case .objects: "objects.csv"
        case .invoices: "invoices.csv"
        case .chargeTickets: "charge_tickets.csv"
        case .usageEvents: "usage_events.csv"
        }
    }

    /// The store table the file is loaded into.
    public var table: String {
        switch self {
        case .organizations: "organization"
        case .contracts: "contract"
        case .productCategories: "product_category"
        case .products: "product"
        case .objectTypes: "object_type"
        case .objectProfiles: "object_profile"
        case .objects: "object"
        case .invoices: "invoice"
        case .chargeTickets: "charge_ticket"
        case .usageEvents: "usage_event"
        }
    }

    var order: Int { rawValue }

    /// The contract's columns: name and whether it is required (a required column must be in the
    /// header and non-empty in every row).
    public var columns: [(name: String, required: Bool)] {
        switch self {
        case .organizations: [("id", true), ("name", true), ("number", false), ("parent_id", false)]
        case .contracts:
            [("id", true), ("organization_id", true), ("number", true), ("name", false), ("currency", true),
             ("start_date", true), ("end_date", false)]
        case .productCategories, .objectTypes: [("id", true), ("name", true)]
        case .products: [("id", true), ("name", true), ("category_id", true), ("unit", false)]
        case .objectProfiles: [("id", true), ("name", true), ("object_type_id", true)]
        case .objects:
            [("id", true), ("name", true), ("organization_id", true), ("contract_id", false),
             ("object_type_id", true), ("object_profile_id", false), ("active_from", true), ("active_to", false)]
        case .invoices:
            [("id", true), ("organization_id", true), ("number", true), ("invoice_date", true), ("status", true),
             ("currency", true), ("total_amount", true)]
        case .chargeTickets:
            [("id", true), ("contract_id", true), ("object_id", false), ("product_id", true),
             ("period_start", true), ("period_end", true), ("quantity", true), ("unit_price", false),
             ("amount", true), ("invoice_id", false)]
        case .usageEvents:
            [("id", true), ("object_id", true), ("product_id", true), ("occurred_at", true), ("quantity", true)]
        }
    }

    /// The names of `columns`: the ones a header may not name twice (other columns are ignored, so
    /// they may repeat).
    public var columnNames: Set<String> { Set(columns.map(\.name)) }
}
