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
                let group = GroupFilter.objectType(type)
                return try fetch(
                    """
                    SELECT k, id, name FROM product
                    WHERE k IN (SELECT product_k FROM ticket_rollup WHERE organization_k = ?\(group.sql("")))
                    ORDER BY name, k
                    """, [o] + group.values, named)
            }
            return try fetch(
                """
                SELECT k, id, name FROM product
                WHERE k IN (SELECT product_k FROM ticket_rollup WHERE organization_k = ?) ORDER BY name, k
                """, [o], named)
        case .types:
            // One probe of the object_group index per type of the catalogue, not a pass over the
            // organization's objects (fifty thousand in the largest).
            var items = try fetch(
                """
                SELECT k, id, name FROM object_type t
                WHERE EXISTS (SELECT 1 FROM object o WHERE o.organization_k = ? AND o.object_type_k = t.k) ORDER BY name, k
                """, [o], named)
            // Tickets that charge no object form the `(no object)` group, as in the summary by type.
            if try integer("SELECT 1 FROM ticket_rollup WHERE organization_k = ? AND object_type_k IS NULL LIMIT 1", [o]) == 1 {
                items.append(ListItem(key: nil, id: nil, name: Overview.noObject))
            }
            return items
        case .profiles:
            var typeFilter: Key??
            if case .objectType(_, let type) = scope { typeFilter = .some(type) }
            if case .objectProfile(_, let type, _) = scope { typeFilter = .some(type) }
            // Probes of the object_group index (organization, type, profile) per profile and per type,
            // as for the types.
            var items = try fetch(
                """
                SELECT k, id, name, object_type_k FROM object_profile p
                WHERE EXISTS (
                  SELECT 1 FROM object o WHERE o.organization_k = ? AND o.object_type_k = p.object_type_k AND o.object_profile_k = p.k)
                ORDER BY name, k
                """, [o], { ListItem(key: $0.int64(0), id: $0.text(1), name: $0.text(2) ?? "", parentKey: $0.int64(3)) })
            items += try fetch(
                """
                SELECT k FROM object_type t
                WHERE EXISTS (SELECT 1 FROM object o WHERE o.organization_k = ? AND o.object_type_k = t.k AND o.object_profile_k IS NULL)
                ORDER BY k
                """, [o],
                { ListItem(key: nil, id: nil, name: "(no profile)", parentKey: $0.int64(0)) })
            if let typeFilter { items = items.filter { $0.parentKey == typeFilter } }
            return items
        case .objects:
            switch scope {
            case .objectType(_, nil):
                return []  // the (no object) group has no objects
            case .objectType(_, let type?):
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
        var columns = [Columns.id("id", "Id"), collection == .contracts || collection == .invoices ? Columns.number("name", "Number") : Columns.text("name", "Name")]
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
    /// rules of `NameResolver`: `id:ID` byte for byte, else the folded name exactly, else as a unique
    /// prefix, else as a unique substring. Candidates come in list order (name, then key).
    ///
    /// Objects, contracts, invoices and child organizations are looked up through an index of their
    /// folded names (`name_key`, `number_key`, `search_name`, compared as bytes): the exact key, then
    /// the keys in the prefix's range, then a substring scan; however large the collection, an exact
    /// or prefix match reads only its own index entries. The catalogue's collections (categories,
    /// products, types, profiles: at most the catalogue, whatever the organization's size) are matched
    /// in their list.
    public func resolve(_ segment: String, in collection: ListCollection, of scope: Scope) throws -> Resolution<ListItem> {
        guard let source = NameSource(collection, scope) else {
            return NameResolver.resolve(segment, among: try list(collection, in: scope))
        }
        func matching(_ condition: String, _ values: [SQLValue]) throws -> [ListItem] {
            try fetch(source.select + condition, source.values + values, source.item)
                .sorted { ($0.name, $0.key ?? 0) < ($1.name, $1.key ?? 0) }
        }
        if segment.hasPrefix("id:") {
            let id = String(segment.dropFirst(3))
            // Byte for byte: SQL compares texts so, Swift's `==` by canonical equivalence.
            let found = try matching(" AND id = ?", [.text(id)]).filter { $0.id.map { $0.utf8.elementsEqual(id.utf8) } ?? false }
            return NameResolver.verdict(found)
        }
        let wanted = TextFolding.fold(segment)
        let exact = try matching(" AND \(source.key) = ?", [.text(wanted)])
        if !exact.isEmpty { return NameResolver.verdict(exact) }
        let (range, bounds) = NameSource.prefixRange(source.key, wanted)
        let prefix = try matching(range, bounds)
        if !prefix.isEmpty { return NameResolver.verdict(prefix) }
        return NameResolver.verdict(try matching(" AND \(source.key) LIKE ? ESCAPE '!'", [.text("%" + NameSource.likeEscaped(wanted) + "%")]))
    }

    /// The items of a collection of a context whose folded name starts with the folded `prefix`, at
    /// most `limit` of them, and how many there are in all (for Tab completion). In folded-name order
    /// (then key) for the collections looked up by index (see `resolve`), which is their index's
    /// order, so the first `limit` are read without a sort; else in list order.
    public func complete(
        _ prefix: String, in collection: ListCollection, of scope: Scope, limit: Int
    ) throws -> (items: [ListItem], total: Int) {
        let wanted = TextFolding.fold(prefix)
        guard let source = NameSource(collection, scope) else {
            let matches = try list(collection, in: scope).filter { TextFolding.fold($0.name).hasPrefix(wanted) }
            return (Array(matches.prefix(max(0, limit))), matches.count)
        }
        let (range, bounds) = NameSource.prefixRange(source.key, wanted)
        let total = try integer("SELECT count(*) FROM (" + source.select + range + ") matches", source.values + bounds)
        guard limit > 0, total > 0 else { return ([], Int(total)) }
        let items = try fetch(
            source.select + range + " ORDER BY \(source.key), k LIMIT ?", source.values + bounds + [.integer(Int64(limit))], source.item)
        return (items, Int(total))
    }
}

/// Where the items of a large collection of a context are, for the name lookups: a `SELECT k, id,
/// name` with the context's restriction (to which a condition on the folded-name column `key` is
/// appended), and its values.
struct NameSource {
    let select: String
    let values: [SQLValue]
    /// The column of folded names (`name_key`, `number_key`, `search_name`).
    let key: String
    let item: (any ResultRow) -> ListItem = { ListItem(key: $0.int64(0), id: $0.text(1), name: $0.text(2) ?? "") }

    /// nil for the catalogue's collections (matched in their list).
    init?(_ collection: ListCollection, _ scope: Scope) {
        let o = SQLValue.integer(scope.organization)
        switch collection {
        case .objects:
            key = "name_key"
            let base = "SELECT k, id, name FROM object WHERE organization_k = ?"
            switch scope {
            case .objectType(_, nil):
                // The (no object) group has no objects.
                (select, values) = (base + " AND 0 = 1", [o])
            case .objectType(_, let type?):
                // `+` keeps the name index (object_name) in use: a type holds many of the objects.
                (select, values) = (base + " AND +object_type_k = ?", [o, .integer(type)])
            case .objectProfile(_, let type, let profile?):
                (select, values) = (base + " AND object_type_k = ? AND object_profile_k = ?", [o, .integer(type), .integer(profile)])
            case .objectProfile(_, let type, nil):
                (select, values) = (base + " AND object_type_k = ? AND object_profile_k IS NULL", [o, .integer(type)])
            case .product(_, let product):
                (select, values) = (
                    base + """
                         AND EXISTS (SELECT 1 FROM product_object p
                                    WHERE p.organization_k = ? AND p.product_k = ? AND p.object_k = object.k)
                        """,
                    [o, o, .integer(product)]
                )
            default:
                (select, values) = (base, [o])
            }
        case .contracts:
            key = "number_key"
            (select, values) = ("SELECT k, id, number FROM contract WHERE organization_k = ?", [o])
        case .invoices:
            key = "number_key"
            if case .contract(_, let contract) = scope {
                (select, values) = (
                    """
                    SELECT k, id, number FROM invoice WHERE organization_k = ? AND k IN (
                      SELECT invoice_k FROM ticket_rollup WHERE organization_k = ? AND contract_k = ?)
                    """,
                    [o, o, .integer(contract)]
                )
            } else {
                (select, values) = ("SELECT k, id, number FROM invoice WHERE organization_k = ?", [o])
            }
        case .organizations:
            key = "search_name"
            (select, values) = ("SELECT k, id, name FROM organization WHERE parent_k = ?", [o])
        case .categories, .products, .types, .profiles:
            return nil
        }
    }

    /// ` AND key >= ? AND key < ?`: the folded names that start with `prefix`, as bytes (UTF-8 orders
    /// as its code points do). The bound is the prefix with its last code point counted up; an empty
    /// prefix takes every name.
    static func prefixRange(_ key: String, _ prefix: String) -> (String, [SQLValue]) {
        guard !prefix.isEmpty else { return ("", []) }
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            var next = last.value + 1
            if next == 0xD800 { next = 0xE000 }
            if let scalar = Unicode.Scalar(next) {
                var bound = String.UnicodeScalarView()
                bound.append(contentsOf: scalars)
                bound.append(scalar)
                return (" AND \(key) >= ? AND \(key) < ?", [.text(prefix), .text(String(bound))])
            }
            // U+10FFFF has no successor: the bound moves to the code point before it.
        }
        return (" AND \(key) >= ?", [.text(prefix)])
    }

    /// `text` for a LIKE pattern with `!` as the escape character.
    static func likeEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "%" || character == "_" || character == "!" { result.append("!") }
            result.append(character)
        }
        return result
    }
}

extension ListCollection {
    /// `Categories`, `Contracts`, ...: the collection's name as a heading.
    var heading: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
