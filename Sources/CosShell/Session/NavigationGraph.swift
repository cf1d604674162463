import CosQuery

/// The one navigation graph of the shell: which children each kind of place has, how each collection
/// is listed, how a name or `id:ID` in it is resolved and what entering it gives. `cd`, `ls`, Tab
/// completion, `pwd`, the prompt and "did you mean" all read this table (through `PathResolver` and
/// `Place`), so what `ls` lists can always be entered and what Tab offers is what `cd` accepts.
///
/// A place holds named collections, entered by their name as directories (`/ORG/categories`), and
/// at most one collection whose items are entered directly by name (a category's products:
/// `/ORG/categories/Cloud/Storage`). A collection holds its items.
///
/// | place            | collections (entered by name)                                              | items entered by name  |
/// | ---------------- | -------------------------------------------------------------------------- | ---------------------- |
/// | `/`              |                                                                            | organizations          |
/// | organization     | categories, products, types, profiles, objects, contracts, invoices, organizations (its children) | |
/// | category         |                                                                            | its products           |
/// | product          |                                                                            | the objects it charged |
/// | object type      | products, objects                                                          | its profiles           |
/// | `(no object)`    | products                                                                   |                        |
/// | profile          |                                                                            | its objects            |
/// | contract         |                                                                            | its invoices           |
/// | object, invoice  |                                                                            |                        |
/// | a collection     |                                                                            | what it holds          |
///
/// Every collection is listed by `Overview.list` (`ls`) and searched only through
/// `Overview.resolve` and `Overview.complete`, which answer from an index, so entering or completing a
/// name never reads a whole collection. The organizations at `/` come from the organization search.
/// At a place whose items are entered directly, the word of their collection names the place itself
/// (`ls invoices` at a contract lists its invoices; `products/Storage` in a category is `Storage`).
/// A collection word wins over an item of the same name (a profile called `products` under a type is
/// entered by `id:`).
enum NavigationGraph {
    /// What is under a place.
    struct Children: Equatable, Sendable {
        /// Collections entered by their name.
        var collections: [ListCollection]
        /// The collection whose items are entered directly by name, if any.
        var items: ListCollection?

        static let none = Children(collections: [], items: nil)

        var isEmpty: Bool { collections.isEmpty && items == nil }
    }

    /// What each kind of thing holds.
    static let things: [EntityKind: Children] = [
        .organization: Children(
            collections: [.categories, .products, .types, .profiles, .objects, .contracts, .invoices, .organizations],
            items: nil),
        .category: Children(collections: [], items: .products),
        .product: Children(collections: [], items: .objects),
        .objectType: Children(collections: [.products, .objects], items: .profiles),
        .objectProfile: Children(collections: [], items: .objects),
        .object: .none,
        .contract: Children(collections: [], items: .invoices),
        .invoice: .none,
    ]

    /// The `(no object)` group of the types: tickets that charge no object, so no profiles or objects.
    static let noObjectGroup = Children(collections: [.products], items: nil)

    /// What each collection holds, and the words that name it in a path (the first is how it is written).
    static let collections: [ListCollection: (holds: EntityKind, words: [String])] = [
        .categories: (.category, ["categories", "category"]),
        .products: (.product, ["products", "product"]),
        .types: (.objectType, ["types", "type"]),
        .profiles: (.objectProfile, ["profiles", "profile"]),
        .objects: (.object, ["objects", "object"]),
        .contracts: (.contract, ["contracts", "contract"]),
        .invoices: (.invoice, ["invoices", "invoice"]),
        .organizations: (.organization, ["organizations", "organization", "children"]),
    ]

    /// What is under `place`.
    static func children(of place: Place) -> Children {
        switch place.kind {
        case .root: return Children(collections: [], items: .organizations)
        case .collection(let collection): return Children(collections: [], items: collection)
        case .entity(let kind):
            if kind == .objectType, place.entity?.key == nil { return noObjectGroup }
            return things[kind] ?? .none
        }
    }

    /// Whether entering an item of `collection` leads somewhere further (completion ends it with `/`).
    static func itemsHaveChildren(_ collection: ListCollection) -> Bool {
        things[holds(collection)].map { !$0.isEmpty } ?? false
    }

    /// The kind of thing `collection` holds.
    static func holds(_ collection: ListCollection) -> EntityKind {
        collections[collection]?.holds ?? .organization
    }

    /// The collection among `candidates` that `word` names (`contracts`, `contract`; any case).
    static func collection(named word: String, among candidates: [ListCollection]) -> ListCollection? {
        let lowered = word.lowercased()
        return candidates.first { collections[$0]?.words.contains(lowered) ?? false }
    }

    /// The collection `word` names anywhere in the graph.
    static func anyCollection(named word: String) -> ListCollection? {
        collection(named: word, among: ListCollection.allCases)
    }
}

/// What the graph asks the data: names in a collection of a context, and organizations. `Overview`
/// answers through its indexes; the graph's tests give a small fixed directory.
protocol NameDirectory {
    /// The item `text` (a name, a unique prefix or substring, or `id:ID`) names in a collection.
    func resolveName(_ text: String, in collection: ListCollection, of scope: Scope) throws -> Resolution<ListItem>
    /// The items whose folded name starts with the folded `prefix`, at most `limit`, and how many in all.
    func completeName(_ prefix: String, in collection: ListCollection, of scope: Scope, limit: Int) throws
        -> (items: [ListItem], total: Int)
    /// The organization `text` names (name, number or `id:ID`); candidates carry their number in
    /// `id`'s place for messages (see `OrganizationCandidate`).
    func resolveOrganizationName(_ text: String) throws -> Resolution<OrganizationCandidate>
    /// The names of the organizations matching `text`, ranked like `find`, at most `limit`, and how
    /// many match in all.
    func searchOrganizationNames(_ text: String, limit: Int) throws -> (names: [String], total: Int)
}

/// An organization a name resolved to.
struct OrganizationCandidate: Equatable, Sendable {
    var key: Key
    var id: String
    var name: String
    var number: String?
}

extension Overview: NameDirectory {
    func resolveName(_ text: String, in collection: ListCollection, of scope: Scope) throws -> Resolution<ListItem> {
        try resolve(text, in: collection, of: scope)
    }

    func completeName(_ prefix: String, in collection: ListCollection, of scope: Scope, limit: Int) throws
        -> (items: [ListItem], total: Int)
    {
        try complete(prefix, in: collection, of: scope, limit: limit)
    }

    func resolveOrganizationName(_ text: String) throws -> Resolution<OrganizationCandidate> {
        func candidate(_ match: OrganizationMatch) -> OrganizationCandidate {
            OrganizationCandidate(key: match.key, id: match.id, name: match.name, number: match.number)
        }
        switch try resolveOrganization(text) {
        case .found(let match): return .found(candidate(match))
        case .ambiguous(let matches): return .ambiguous(matches.map(candidate))
        case .notFound: return .notFound
        }
    }

    func searchOrganizationNames(_ text: String, limit: Int) throws -> (names: [String], total: Int) {
        let found = try searchOrganizations(text, limit: limit)
        return (found.matches.map(\.name), found.total)
    }
}
