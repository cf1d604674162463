import CosCommand
import CosQuery

/// Turns a navigation path into a place, one segment at a time, asking the aggregation core for the
/// names in each context. Names match case- and accent-insensitively (exact, unique prefix, unique
/// substring); `id:ID` matches the export id exactly; an ambiguous or unknown segment is an error
/// listing the candidates, and nothing changes.
struct PathResolver {
    let overview: Overview

    /// A step of the walk: a place, or a collection under an organization (`categories`).
    enum Position: Equatable {
        case place(Place)
        case collection(Named, ListCollection)
    }

    /// The collection names a path may use under an organization, with singular forms.
    static let collectionWords: [String: ListCollection] = [
        "categories": .categories, "category": .categories, "types": .types, "type": .types,
        "objects": .objects, "object": .objects, "contracts": .contracts, "contract": .contracts,
        "invoices": .invoices, "invoice": .invoices, "products": .products, "profiles": .profiles,
        "organizations": .organizations, "children": .organizations,
    ]

    /// The position a path leads to from `current`.
    func walk(_ path: NavigationPath, from current: Place, previous: Place?) throws -> Position {
        var position: Position
        switch path.start {
        case .current: position = .place(current)
        case .root: position = .place(.root)
        case .previous:
            guard let previous else { throw ShellError("there is no previous context to go back to") }
            return .place(previous)
        }
        for segment in path.segments {
            position = try step(position, segment)
        }
        return position
    }

    /// The place a path leads to; a path that ends on a collection is an error with a hint.
    func place(_ path: NavigationPath, from current: Place, previous: Place?) throws -> Place {
        switch try walk(path, from: current, previous: previous) {
        case .place(let place): return place
        case .collection(_, let collection):
            throw ShellError("\(collection.rawValue) is a list, not a place: name one of them (ls \(collection.rawValue) lists them)")
        }
    }

    func step(_ position: Position, _ segment: PathSegment) throws -> Position {
        if segment == .parent {
            switch position {
            case .place(let place): return .place(place.parent)
            case .collection(let organization, _): return .place(.organization(organization))
            }
        }
        let text: String
        switch segment {
        case .name(let name): text = name
        case .id(let id): text = "id:" + id
        case .parent: text = ".."
        }
        switch position {
        case .place(.root):
            return .place(.organization(try organization(text)))
        case .place(.organization(let organization)):
            if case .name(let word) = segment, let collection = Self.collection(named: word) {
                return .collection(organization, collection)
            }
            throw ShellError(
                "\"\(text)\" is not a part of an organization; use categories, types, objects, contracts or invoices"
                    + (PathResolver.suggestion(for: text, among: ["categories", "types", "objects", "contracts", "invoices"]) ?? ""))
        case .collection(let organization, let collection):
            let item = try pick(text, in: collection, of: .organization(organization.key), what: collection.singular)
            switch collection {
            case .categories: return .place(.category(organization: organization, category: item.named))
            case .types: return .place(.objectType(organization: organization, type: item.named))
            case .objects: return .place(.object(organization: organization, via: nil, object: item.named))
            case .contracts: return .place(.contract(organization: organization, contract: item.named))
            case .invoices: return .place(.invoice(organization: organization, invoice: item.named))
            case .organizations: return .place(.organization(item.named))
            case .products, .profiles:
                throw ShellError("enter \(collection.rawValue) through their category or type (categories/CAT/PRODUCT, types/TYPE/PROFILE)")
            }
        case .place(.category(let organization, let category)):
            let item = try pick(text, in: .products, of: .category(organization: organization.key, category: category.key), what: "product")
            return .place(.product(organization: organization, category: category, product: item.named))
        case .place(.objectType(let organization, let type)):
            let item = try pick(text, in: .profiles, of: .objectType(organization: organization.key, objectType: type.key), what: "profile")
            return .place(.objectProfile(organization: organization, type: type, profile: item.key == nil ? nil : item.named))
        case .place(let place):
            if case .objectProfile(let organization, let type, let profile) = place {
                let scope = Scope.objectProfile(organization: organization.key, objectType: type.key, profile: profile?.key)
                let item = try pick(text, in: .objects, of: scope, what: "object")
                return .place(.object(organization: organization, via: place, object: item.named))
            }
            throw ShellError("there is nothing under \(place.path) to enter (\"\(text)\")")
        }
    }

    func organization(_ text: String) throws -> Named {
        switch try overview.resolveOrganization(text) {
        case .found(let match): return Named(key: match.key, id: match.id, name: match.name)
        case .ambiguous(let matches):
            let list = matches.map { "  \($0.name)" + ($0.number.map { " (\($0))" } ?? "") + " id:\($0.id)" }
            throw ShellError("several organizations match \"\(text)\":\n" + list.joined(separator: "\n"))
        case .notFound:
            // A typo ("akeson") matches nothing; the nearest name by edit distance is a likely meaning.
            let names = (try? overview.completeOrganizationNames("", limit: 200_000)) ?? []
            let hint = text.hasPrefix("id:") ? nil : PathResolver.suggestion(for: text, among: names)
            throw ShellError("no organization matches \"\(text)\"" + (hint ?? " (find TEXT searches)"))
        }
    }

    func pick(_ text: String, in collection: ListCollection, of scope: Scope, what: String) throws -> ListItem {
        let items = try overview.list(collection, in: scope)
        switch NameResolver.resolve(text, among: items) {
        case .found(let item): return item
        case .ambiguous(let candidates):
            let shown = candidates.prefix(20).map { "  \($0.name)" + ($0.id.map { " id:\($0)" } ?? "") }
            let more = candidates.count > 20 ? ["  ... and \(candidates.count - 20) more"] : []
            throw ShellError("several \(collection.rawValue) match \"\(text)\":\n" + (shown + more).joined(separator: "\n"))
        case .notFound:
            let hint = PathResolver.suggestion(for: text, among: items.map(\.name)) ?? ""
            throw ShellError("no \(what) \"\(text)\" here\(hint)")
        }
    }

    static func collection(named word: String) -> ListCollection? {
        collectionWords[word.lowercased()]
    }

    /// ` (did you mean X?)` for the nearest name, or nil.
    static func suggestion(for text: String, among names: [String]) -> String? {
        let found = suggest(for: text, among: names, limit: 1)
        return found.first.map { "; did you mean \"\($0)\"?" }
    }
}

extension ListItem {
    /// As a `Named` (the `(no profile)` group has no key: -1, never used as one).
    var named: Named { Named(key: key ?? -1, id: id ?? "", name: name) }
}

extension ListCollection {
    var singular: String {
        switch self {
        case .categories: return "category"
        case .products: return "product"
        case .types: return "object type"
        case .profiles: return "profile"
        case .objects: return "object"
        case .contracts: return "contract"
        case .invoices: return "invoice"
        case .organizations: return "organization"
        }
    }
}

extension Place {
    /// The aggregation core's scope of this place (nil at `/`).
    var scope: Scope? {
        switch self {
        case .root: return nil
        case .organization(let o): return .organization(o.key)
        case .category(let o, let c): return .category(organization: o.key, category: c.key)
        case .product(let o, _, let p): return .product(organization: o.key, product: p.key)
        case .objectType(let o, let t): return .objectType(organization: o.key, objectType: t.key)
        case .objectProfile(let o, let t, let p): return .objectProfile(organization: o.key, objectType: t.key, profile: p?.key)
        case .object(let o, _, let object): return .object(organization: o.key, object: object.key)
        case .contract(let o, let c): return .contract(organization: o.key, contract: c.key)
        case .invoice(let o, let i): return .invoice(organization: o.key, invoice: i.key)
        }
    }
}
