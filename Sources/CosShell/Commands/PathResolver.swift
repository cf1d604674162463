import CosCommand
import CosModel
import CosQuery

/// Walks the navigation graph (`NavigationGraph`): turns a path into a place one segment at a time,
/// completes the last segment of a path, and finds what a mistyped name was meant to be.
///
/// Names match case- and accent-insensitively (exact, unique prefix, unique substring) and `id:ID`
/// matches the export id exactly, as `Overview.resolve` decides; an ambiguous or unknown segment is
/// an error listing the candidates or the likely meaning, and nothing changes.
struct PathResolver {
    let directory: any NameDirectory

    /// How many names "did you mean" compares a typo with, at most: a small collection entirely, a
    /// large one only the names that start like the typo (asked from the index, never listed whole).
    static let suggestionPool = 500

    /// The place a path leads to from `current`; `previous` is where `-` starts.
    func walk(_ path: NavigationPath, from current: Place, previous: Place?) throws -> Place {
        var place: Place
        switch path.start {
        case .current: place = current
        case .root: place = .root
        case .previous:
            guard let previous else { throw ShellError("there is no previous context to go back to") }
            place = previous
        }
        for segment in path.segments {
            place = try step(place, segment, from: current)
        }
        return place
    }

    /// One step down (or up, for `..`) from `place`; `origin` is where the walk started, which the
    /// hint of a misplaced collection word is written from (nil: `place`).
    func step(_ place: Place, _ segment: PathSegment, from origin: Place? = nil) throws -> Place {
        let text: String
        switch segment {
        case .parent: return place.parent
        case .name(let name): text = name
        case .id(let id): text = "id:" + id
        }
        let children = NavigationGraph.children(of: place)
        if case .name(let word) = segment, let collection = NavigationGraph.collection(named: word, among: children.collections) {
            return place.appending(.collection(collection))
        }
        if case .name(let word) = segment, let items = children.items, place.kind != .root, place.kind != .collection(items),
            NavigationGraph.collection(named: word, among: [items]) != nil
        {
            // `invoices` at a contract is the contract's invoices: the place itself (`ls invoices`).
            return place
        }
        guard let items = children.items else {
            if !children.collections.isEmpty {
                let words = children.collections.map(\.rawValue)
                throw ShellError(
                    "\"\(text)\" is not a part of \(place.path); use \(Self.list(words))"
                        + (PathResolver.suggestion(for: text, among: words) ?? ""))
            }
            throw ShellError("there is nothing under \(place.path) to enter (\"\(text)\")" + ancestorHint(text, at: place, from: origin ?? place))
        }
        if place.kind == .root {
            return .organization(try organization(text))
        }
        guard let scope = place.scope else { throw ShellError("there is nothing under \(place.path) to enter") }
        let kind = NavigationGraph.holds(items)
        switch try directory.resolveName(text, in: items, of: scope) {
        case .found(let item):
            return place.appending(.entity(Entity(kind, item)))
        case .ambiguous(let candidates):
            // Each with `id:ID` as it can be typed back (quoted when it holds spaces or quotes).
            let shown = candidates.prefix(20).map { "  \($0.name)" + ($0.id.map { " id:\(Quoting.quote($0, forPathSegment: true))" } ?? "") }
            let more = candidates.count > 20 ? ["  ... and \(candidates.count - 20) more"] : []
            throw ShellError("several \(items.rawValue) match \"\(text)\":\n" + (shown + more).joined(separator: "\n"))
        case .notFound:
            if case .id = segment { throw ShellError("no \(kind.noun) \"\(text)\" here") }
            let names = children.collections.map(\.rawValue) + (try suggestionNames(for: text, in: items, of: scope))
            let hint = PathResolver.suggestion(for: text, among: names) ?? ancestorHint(text, at: place, from: origin ?? place)
            throw ShellError("no \(kind.noun) \"\(text)\" here\(hint)")
        }
    }

    /// The organization `text` names.
    func organization(_ text: String) throws -> Entity {
        switch try directory.resolveOrganizationName(text) {
        case .found(let match): return Entity(.organization, key: match.key, id: match.id, name: match.name)
        case .ambiguous(let matches):
            // Each with `id:ID` as it can be typed back (quoted when it holds spaces or quotes).
            let list = matches.map { "  \($0.name)" + ($0.number.map { " (\($0))" } ?? "") + " id:\(Quoting.quote($0.id))" }
            throw ShellError("several organizations match \"\(text)\":\n" + list.joined(separator: "\n"))
        case .notFound:
            // A typo ("akeson") matches nothing; the nearest name by edit distance is a likely meaning.
            var hint: String?
            if !text.hasPrefix("id:"), let first = text.first {
                let pool = (try? directory.searchOrganizationNames(String(first), limit: Self.suggestionPool * 4))?.names ?? []
                hint = PathResolver.suggestion(for: text, among: pool)
            }
            throw ShellError("no organization matches \"\(text)\"" + (hint ?? " (find TEXT searches)"))
        }
    }

    /// The names a typo is compared with: all of a small collection, else those that start with its
    /// first letter (a typo in the first letter of a name in a large collection goes unsuggested).
    func suggestionNames(for text: String, in collection: ListCollection, of scope: Scope) throws -> [String] {
        let all = try directory.completeName("", in: collection, of: scope, limit: Self.suggestionPool)
        if all.total <= all.items.count { return all.items.map(\.name) }
        guard let first = text.first else { return [] }
        return try directory.completeName(String(first), in: collection, of: scope, limit: Self.suggestionPool * 4).items.map(\.name)
    }

    /// When `word` names a collection of a place above (`contracts` typed in a category), where it is:
    /// `; contracts are under /"Acme AB": ../../contracts`, the path written from `origin`, where the
    /// command was typed (`cd ../contracts` in a product of a category needs `../../../contracts`),
    /// or from `/` when `origin` is not below that place.
    func ancestorHint(_ word: String, at place: Place, from origin: Place) -> String {
        guard let collection = NavigationGraph.anyCollection(named: word) else { return "" }
        var ancestor = place
        while !ancestor.nodes.isEmpty {
            ancestor = ancestor.parent
            if NavigationGraph.children(of: ancestor).collections.contains(collection) {
                let path: String
                if origin.nodes.starts(with: ancestor.nodes) {
                    let ups = origin.nodes.count - ancestor.nodes.count
                    path = NavigationPath(start: .current, segments: Array(repeating: .parent, count: ups) + [.name(collection.rawValue)]).text
                } else {
                    path = ancestor.contextPath.appending(collection.rawValue).text
                }
                return "; \(collection.rawValue) are under \(ancestor.path): \(path)"
            }
        }
        return ""
    }

    // MARK: - Completion

    /// The children of the place `path` leads to whose names start with `typed` (else contain it),
    /// at most `limit`, and how many there are in all: what Tab offers for the last segment.
    func children(of path: NavigationPath, matching typed: String, from current: Place, previous: Place?, limit: Int)
        -> PathChildren
    {
        guard let place = try? walk(path, from: current, previous: previous) else { return PathChildren([], total: 0) }
        let children = NavigationGraph.children(of: place)
        let typedKey = TextFolding.fold(typed)
        var found = children.collections
            .filter { typedKey.isEmpty || TextFolding.fold($0.rawValue).hasPrefix(typedKey) }
            .map { PathChild($0.rawValue, hasChildren: true) }
        var total = found.count
        guard let items = children.items else { return PathChildren(found, total: total) }
        let room = max(limit - found.count, 0)
        if place.kind == .root {
            let ranked: (names: [String], total: Int) = (try? directory.searchOrganizationNames(typed, limit: room)) ?? ([], 0)
            found += ranked.names.map { PathChild($0, hasChildren: true) }
            return PathChildren(found, total: total + ranked.total)
        }
        guard let scope = place.scope else { return PathChildren(found, total: total) }
        let nested = NavigationGraph.itemsHaveChildren(items)
        var matches: (items: [ListItem], total: Int) = (try? directory.completeName(typed, in: items, of: scope, limit: room)) ?? ([], 0)
        if matches.total == 0, !typed.isEmpty {
            // No name starts with it: names that contain it, as `cd` would take them.
            switch try? directory.resolveName(typed, in: items, of: scope) {
            case .found(let item): matches = ([item], 1)
            case .ambiguous(let candidates): matches = (Array(candidates.prefix(room)), candidates.count)
            case .notFound, nil: break
            }
        }
        found += matches.items.map { PathChild($0.name, hasChildren: nested) }
        total += matches.total
        return PathChildren(found, total: total)
    }

    // MARK: - Messages

    static func collection(named word: String) -> ListCollection? { NavigationGraph.anyCollection(named: word) }

    /// `; did you mean "X"?` for the nearest name, or nil.
    static func suggestion(for text: String, among names: [String]) -> String? {
        let found = suggest(for: text, among: names, limit: 1)
        return found.first.map { "; did you mean \"\($0)\"?" }
    }

    /// `a, b or c`.
    static func list(_ words: [String]) -> String {
        guard words.count > 1, let last = words.last else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + last
    }
}
