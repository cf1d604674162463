import CosCommand
import CosView

/// A named thing in the billing data: its store key, its export id and its name.
public struct Named: Equatable, Hashable, Sendable {
    public let key: Int64
    public let id: String
    public let name: String

    public init(key: Int64, id: String, name: String) {
        self.key = key
        self.id = id
        self.name = name
    }
}

/// Where the shell is: one context of the Customer Overview, as in a file system.
///
/// `/` is the start; under an organization are `categories/CAT[/PRODUCT]`,
/// `types/TYPE[/PROFILE[/OBJECT]]`, `objects/OBJECT`, `contracts/NUMBER` and `invoices/NUMBER`.
/// A profile of nil under a type is the `(no profile)` group.
public indirect enum Place: Equatable, Sendable {
    case root
    case organization(Named)
    case category(organization: Named, category: Named)
    case product(organization: Named, category: Named, product: Named)
    case objectType(organization: Named, type: Named)
    case objectProfile(organization: Named, type: Named, profile: Named?)
    /// An object reached through its type and profile (`types/T/P/O`) or directly (`objects/O`).
    case object(organization: Named, via: Place?, object: Named)
    case contract(organization: Named, contract: Named)
    case invoice(organization: Named, invoice: Named)

    /// The organization this place belongs to (nil at `/`).
    public var organization: Named? {
        switch self {
        case .root: return nil
        case .organization(let o): return o
        case .category(let o, _), .product(let o, _, _), .objectType(let o, _), .objectProfile(let o, _, _),
            .object(let o, _, _), .contract(let o, _), .invoice(let o, _):
            return o
        }
    }

    /// The place one level up (`..`).
    public var parent: Place {
        switch self {
        case .root: return .root
        case .organization: return .root
        case .category(let o, _), .objectType(let o, _), .contract(let o, _), .invoice(let o, _): return .organization(o)
        case .product(let o, let c, _): return .category(organization: o, category: c)
        case .objectProfile(let o, let t, _): return .objectType(organization: o, type: t)
        case .object(let o, let via, _): return via ?? .organization(o)
        }
    }

    /// Path segments with names: `["Acme AB", "categories", "Cloud"]`.
    public var segments: [String] {
        switch self {
        case .root: return []
        case .organization(let o): return [o.name]
        case .category(let o, let c): return [o.name, "categories", c.name]
        case .product(let o, let c, let p): return [o.name, "categories", c.name, p.name]
        case .objectType(let o, let t): return [o.name, "types", t.name]
        case .objectProfile(let o, let t, let p): return [o.name, "types", t.name, p?.name ?? Place.noProfile]
        case .object(let o, let via, let object):
            if let via { return via.segments + [object.name] }
            return [o.name, "objects", object.name]
        case .contract(let o, let c): return [o.name, "contracts", c.name]
        case .invoice(let o, let i): return [o.name, "invoices", i.name]
        }
    }

    /// The path as the views carry it.
    public var contextPath: ContextPath { ContextPath(segments) }

    /// The path written by the one path writer (`ContextPath.text`): `/"Acme AB"/categories/Cloud`.
    public var path: String { contextPath.text }

    /// The same place written with ids only (`/id:ORG-1/categories/id:CAT-2`), which never depends on names.
    public var idPath: String {
        func id(_ n: Named) -> PathSegment { .id(n.id) }
        var segments: [PathSegment]
        switch self {
        case .root: segments = []
        case .organization(let o): segments = [id(o)]
        case .category(let o, let c): segments = [id(o), .name("categories"), id(c)]
        case .product(let o, let c, let p): segments = [id(o), .name("categories"), id(c), id(p)]
        case .objectType(let o, let t): segments = [id(o), .name("types"), id(t)]
        case .objectProfile(let o, let t, let p): segments = [id(o), .name("types"), id(t), p.map(id) ?? .name(Place.noProfile)]
        case .object(let o, let via, let object):
            if let via { return via.idPath + "/" + NavigationPath(start: .current, segments: [id(object)]).text }
            segments = [id(o), .name("objects"), id(object)]
        case .contract(let o, let c): segments = [id(o), .name("contracts"), id(c)]
        case .invoice(let o, let i): segments = [id(o), .name("invoices"), id(i)]
        }
        return NavigationPath(start: .root, segments: segments).text
    }

    /// The name of the group of objects without a profile.
    public static let noProfile = "(no profile)"
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        components(separatedByString: target).joined(separator: replacement)
    }
}
