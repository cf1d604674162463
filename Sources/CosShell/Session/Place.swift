import CosCommand
import CosQuery
import CosView

/// What a thing the shell can stand in is, in billing terms.
public enum EntityKind: String, Sendable, CaseIterable {
    case organization, category, product, objectType, objectProfile, object, contract, invoice

    /// The noun in messages: `no product "x" here`.
    public var noun: String {
        switch self {
        case .organization: return "organization"
        case .category: return "category"
        case .product: return "product"
        case .objectType: return "object type"
        case .objectProfile: return "profile"
        case .object: return "object"
        case .contract: return "contract"
        case .invoice: return "invoice"
        }
    }
}

/// One thing of the billing data the shell can stand in: its kind, store key, export id and name
/// (a contract's and an invoice's name is its number).
public struct Entity: Equatable, Hashable, Sendable {
    public let kind: EntityKind
    /// The store key; nil for the `(no object)` and `(no profile)` groups, which are no row of the store.
    public let key: Key?
    /// The export id; nil for those groups.
    public let id: String?
    public let name: String
    /// The object type of a profile (profiles are listed per type, so a profile carries its type).
    public let typeKey: Key?

    public init(_ kind: EntityKind, key: Key?, id: String?, name: String, typeKey: Key? = nil) {
        self.kind = kind
        self.key = key
        self.id = id
        self.name = name
        self.typeKey = typeKey
    }

    /// An item of a list (`Overview.list`, `resolve`, `complete`) as a thing of `kind`.
    init(_ kind: EntityKind, _ item: ListItem) {
        self.init(kind, key: item.key, id: item.id, name: item.name, typeKey: kind == .objectProfile ? item.parentKey : nil)
    }
}

/// One step of a place's path: a thing, or a collection of things under the step before it.
public enum PlaceNode: Equatable, Sendable {
    case entity(Entity)
    /// `categories`, `contracts`, ...: a place of its own, as a directory is (`cd categories`, then `ls`).
    case collection(ListCollection)
}

/// The kinds of place of the navigation graph (see `NavigationGraph`).
public enum PlaceKind: Equatable, Hashable, Sendable {
    /// `/`: the organizations.
    case root
    case entity(EntityKind)
    case collection(ListCollection)
}

/// Where the shell is: a path through the navigation graph, as in a file system. `/` is the start;
/// `/"Acme AB"/categories/Cloud/Storage` is an organization, its collection of categories, a category
/// and one of its products. The path keeps the way the place was reached (an object through its type
/// and profile, or through `objects`), so `..` goes back the way it came and the prompt shows it.
public struct Place: Equatable, Sendable {
    /// The steps from `/`.
    public private(set) var nodes: [PlaceNode]

    public init(_ nodes: [PlaceNode] = []) { self.nodes = nodes }

    /// `/`.
    public static let root = Place()

    /// An organization at the top.
    public static func organization(_ organization: Entity) -> Place { Place([.entity(organization)]) }

    /// This place with one more step.
    public func appending(_ node: PlaceNode) -> Place { Place(nodes + [node]) }

    /// What kind of place this is: decides its children, its view and its listing.
    public var kind: PlaceKind {
        switch nodes.last {
        case nil: return .root
        case .entity(let entity): return .entity(entity.kind)
        case .collection(let collection): return .collection(collection)
        }
    }

    /// The thing this place is (nil at `/` and at a collection).
    public var entity: Entity? {
        if case .entity(let entity) = nodes.last { return entity }
        return nil
    }

    /// The place one level up (`..`); `/` stays `/`.
    public var parent: Place { Place(Array(nodes.dropLast())) }

    /// The organization this place belongs to: the nearest one on its path (nil at `/`).
    public var organization: Entity? { nearestOrganization?.entity }

    /// The current organization's own place (`cd` alone goes there), or `/`.
    public var home: Place {
        guard let found = nearestOrganization else { return .root }
        return Place(Array(nodes[...found.index]))
    }

    private var nearestOrganization: (index: Int, entity: Entity)? {
        for index in nodes.indices.reversed() {
            if case .entity(let entity) = nodes[index], entity.kind == .organization { return (index, entity) }
        }
        return nil
    }

    /// The names of the path's steps: `["Acme AB", "categories", "Cloud"]`.
    public var segments: [String] {
        nodes.map { node in
            switch node {
            case .entity(let entity): return entity.name
            case .collection(let collection): return collection.rawValue
            }
        }
    }

    /// The path as views carry it.
    public var contextPath: ContextPath { ContextPath(segments) }

    /// The path written by the one path writer (`ContextPath.text`): `/"Acme AB"/categories/Cloud`.
    public var path: String { contextPath.text }

    /// The same place with ids instead of names where the things have ids
    /// (`/id:ORG-1/categories/id:CAT-2`): it never depends on names, so `save` writes it.
    public var idPath: NavigationPath {
        NavigationPath(start: .root, segments: nodes.map { node in
            switch node {
            case .entity(let entity): return entity.id.map { .id($0) } ?? .name(entity.name)
            case .collection(let collection): return .name(collection.rawValue)
            }
        })
    }

    /// The aggregation core's scope of this place; a collection has its owner's scope (`ls` lists
    /// the collection in it); nil at `/`.
    public var scope: Scope? {
        guard let last = nodes.indices.last(where: { if case .entity = nodes[$0] { return true } else { return false } }),
            case .entity(let entity) = nodes[last]
        else { return nil }
        if entity.kind == .organization { return entity.key.map { .organization($0) } }
        let owner = Place(Array(nodes[..<last]))
        guard let organization = owner.organization?.key else { return nil }
        switch entity.kind {
        case .organization: return nil
        case .category: return entity.key.map { .category(organization: organization, category: $0) }
        case .product: return entity.key.map { .product(organization: organization, product: $0) }
        case .objectType: return .objectType(organization: organization, objectType: entity.key)
        case .objectProfile:
            // A profile knows its type; a (no profile) group reached through its type has it too.
            guard let type = entity.typeKey ?? owner.entity.flatMap({ $0.kind == .objectType ? $0.key : nil }) else { return nil }
            return .objectProfile(organization: organization, objectType: type, profile: entity.key)
        case .object: return entity.key.map { .object(organization: organization, object: $0) }
        case .contract: return entity.key.map { .contract(organization: organization, contract: $0) }
        case .invoice: return entity.key.map { .invoice(organization: organization, invoice: $0) }
        }
    }
}
