import CosModel
import CosStore
import CosView

extension Overview {
    /// The items of a collection in a context, for `ls`, `cd` and completion, sorted by name.
    ///
    /// In an organization: `categories` and `products` charged to it (any time), `types` and `profiles`
    /// of its objects (with a `(no profile)` item per type that has objects without one), `objects`,
    /// `contracts` and `invoices` (named by number), child `organizations`. A narrower context narrows
    /// the list: a category's products, a type's profiles and objects, a profile's objects, a product's
    /// charged objects, a contract's invoices.
    public func list(_ collection: ListCollection, in scope: Scope) throws -> [ListItem] {
        let org = try describe(scope).organization
        let o = SQLValue.integer(org)
        let named: (any ResultRow) -> ListItem = { ListItem(key: $0.int64(0), id: $0.text(1), name: $0.text(2) ?? "") }
        switch collection {
        case .categories:
            return try fetch(
                """
                SELECT k, id, name FROM product_category
                WHERE k IN (SELECT category_k FROM ticket_rollup WHERE organization_k = ?) ORDER BY name, k
                """, [o], named)
        case .products:
            if case .category(_, let category) = scope {
                return try fetch(
                    """
                    SELECT k, id, name FROM product WHERE category_k = ?
                    AND k IN (SELECT product_k FROM ticket_rollup WHERE organization_k = ? AND category_k = ?)
                    ORDER BY name, k
                    """, [.integer(category), o, .integer(category)], named)
            }
            if case .objectType(_, let type) = scope {
                return try fetch(
                    """
                    SELECT k, id, name FROM product
                    WHERE k IN (SELECT product_k FROM ticket_rollup WHERE organization_k = ? AND object_type_k = ?)
                    ORDER BY name, k
                    """, [o, .integer(type)], named)
            }
            return try fetch(
                """
                SELECT k, id, name FROM product
                WHERE k IN (SELECT product_k FROM ticket_rollup WHERE organization_k = ?) ORDER BY name, k
                """, [o], named)
        case .types:
            return try fetch(
                """
                SELECT k, id, name FROM object_type
                WHERE k IN (SELECT object_type_k FROM object WHERE organization_k = ?) ORDER BY name, k
                """, [o], named)
        case .profiles:
            var typeFilter: Key?
            if case .objectType(_, let type) = scope { typeFilter = type }
            if case .objectProfile(_, let type, _) = scope { typeFilter = type }
            var items = try fetch(
                """
                SELECT k, id, name, object_type_k FROM object_profile
                WHERE k IN (SELECT object_profile_k FROM object WHERE organization_k = ?) ORDER BY name, k
                """, [o], { ListItem(key: $0.int64(0), id: $0.text(1), name: $0.text(2) ?? "", parentKey: $0.int64(3)) })
            items += try fetch(
                "SELECT DISTINCT object_type_k FROM object WHERE organization_k = ? AND object_profile_k IS NULL", [o],
                { ListItem(key: nil, id: nil, name: "(no profile)", parentKey: $0.int64(0)) })
            if let typeFilter { items = items.filter { $0.parentKey == typeFilter } }
            return items
        case .objects:
            switch scope {
            case .objectType(_, let type):
                return try fetch(
                    "SELECT k, id, name FROM object WHERE organization_k = ? AND object_type_k = ? ORDER BY name, k",
                    [o, .integer(type)], named)
            case .objectProfile(_, let type, let profile?):
                return try fetch(
                    """
                    SELECT k, id, name FROM object WHERE organization_k = ? AND object_type_k = ? AND object_profile_k = ?
                    ORDER BY name, k
                    """, [o, .integer(type), .integer(profile)], named)
            case .objectProfile(_, let type, nil):
                return try fetch(
                    """
                    SELECT k, id, name FROM object WHERE organization_k = ? AND object_type_k = ? AND object_profile_k IS NULL
                    ORDER BY name, k
                    """, [o, .integer(type)], named)
            case .product(_, let product):
                return try fetch(
                    """
                    SELECT k, id, name FROM object WHERE organization_k = ? AND k IN (
                      SELECT object_k FROM product_object WHERE organization_k = ? AND product_k = ?)
                    ORDER BY name, k
                    """, [o, o, .integer(product)], named)
            default:
                return try fetch("SELECT k, id, name FROM object WHERE organization_k = ? ORDER BY name, k", [o], named)
            }
        case .contracts:
            return try fetch("SELECT k, id, number FROM contract WHERE organization_k = ? ORDER BY number, k", [o], named)
        case .invoices:
            if case .contract(_, let contract) = scope {
                return try fetch(
                    """
                    SELECT k, id, number FROM invoice WHERE organization_k = ? AND k IN (
                      SELECT invoice_k FROM ticket_rollup WHERE organization_k = ? AND contract_k = ?)
                    ORDER BY number, k
                    """, [o, o, .integer(contract)], named)
            }
            return try fetch("SELECT k, id, number FROM invoice WHERE organization_k = ? ORDER BY number, k", [o], named)
        case .organizations:
            return try fetch("SELECT k, id, name FROM organization WHERE parent_k = ? ORDER BY name, k", [o], named)
        }
    }

    /// The `list` view of a collection in a context: a table named after the collection with `id` and
    /// `name` (and `object_type_id` for profiles).
    public func listView(_ collection: ListCollection, in scope: Scope, asOf: CivilDate, period: Period) throws -> View {
        let about = try describe(scope)
        let items = try list(collection, in: scope)
        var columns = [Columns.id("id", "Id"), Columns.text("name", collection == .contracts || collection == .invoices ? "Number" : "Name")]
        var rows = items.map { [Cells.text($0.id), Cells.text($0.name)] }
        if collection == .profiles {
            columns.append(Columns.id("object_type_id", "Type id"))
            var types = NameCache(overview: self)
            rows = try items.map { [Cells.text($0.id), .text($0.name), Cells.text(try types.lookup(.objectType, $0.parentKey)?.id)] }
        }
        return View(
            kind: "list", title: "\(collection.heading) of \(about.title)", context: about.context,
            asOf: asOf, period: period,
            tables: [ViewTable(name: collection.rawValue, title: collection.heading, columns: columns, rows: rows)])
    }

    // MARK: - Name lookup
    //
    // `resolve` and `complete` are the only ways the shell turns typed names into items (`cd`, `open`'s
    // paths, Tab, "did you mean"): it never lists a whole collection to match names itself, so that
    // these two can answer from an index of folded names however large the collection is.

    /// Resolves a path segment (`Cloud`, `id:CAT-7`, `C-1001`) among a collection of a context, by the
    /// rules of `NameResolver`.
    public func resolve(_ segment: String, in collection: ListCollection, of scope: Scope) throws -> Resolution<ListItem> {
        NameResolver.resolve(segment, among: try list(collection, in: scope))
    }

    /// The items of a collection of a context whose folded name starts with the folded `prefix`, in
    /// name order, at most `limit` of them, and how many there are in all (for Tab completion).
    public func complete(
        _ prefix: String, in collection: ListCollection, of scope: Scope, limit: Int
    ) throws -> (items: [ListItem], total: Int) {
        let wanted = TextFolding.fold(prefix)
        let matches = try list(collection, in: scope).filter { TextFolding.fold($0.name).hasPrefix(wanted) }
        return (Array(matches.prefix(max(0, limit))), matches.count)
    }
}

extension ListCollection {
    /// `Categories`, `Contracts`, ...: the collection's name as a heading.
    var heading: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
