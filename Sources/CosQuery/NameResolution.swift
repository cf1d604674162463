import CosModel

/// One child of a context, as lists and completion show it: its key, export id and name (a contract's
/// and an invoice's name is its number).
public struct ListItem: Hashable, Sendable {
    /// The store key; nil for the `(no profile)` group of an object type.
    public var key: Key?
    public var id: String?
    public var name: String
    /// The object type of a profile (profiles are listed per type), else nil.
    public var parentKey: Key?

    public init(key: Key?, id: String?, name: String, parentKey: Key? = nil) {
        self.key = key
        self.id = id
        self.name = name
        self.parentKey = parentKey
    }
}

/// What a name typed by the user resolved to.
public enum Resolution<Item: Sendable & Equatable>: Sendable, Equatable {
    case found(Item)
    /// Several items match equally well; nothing should change, and the candidates are listed.
    case ambiguous([Item])
    case notFound
}

/// Turns a path segment into one of a list of items: `id:ID` matches the export id exactly (never
/// names); otherwise, case- and accent-insensitively, an exact name, else a unique name prefix, else a
/// unique substring. Several exact names, prefixes or substrings are ambiguous.
public enum NameResolver {
    public static func resolve(_ segment: String, among items: [ListItem]) -> Resolution<ListItem> {
        if segment.hasPrefix("id:") {
            let id = String(segment.dropFirst(3))
            // Export ids compare byte for byte (the contract), not by Swift's canonical equivalence.
            let matches = items.filter { $0.id.map { $0.utf8.elementsEqual(id.utf8) } ?? false }
            return verdict(matches)
        }
        let wanted = TextFolding.fold(segment)
        let folded = items.map { (item: $0, name: TextFolding.fold($0.name)) }
        let exact = folded.filter { $0.name == wanted }.map(\.item)
        if !exact.isEmpty { return verdict(exact) }
        let prefix = folded.filter { $0.name.hasPrefix(wanted) }.map(\.item)
        if !prefix.isEmpty { return verdict(prefix) }
        let substring = folded.filter { $0.name.contains(wanted) }.map(\.item)
        return verdict(substring)
    }

    static func verdict(_ matches: [ListItem]) -> Resolution<ListItem> {
        switch matches.count {
        case 0: return .notFound
        case 1: return .found(matches[0])
        default: return .ambiguous(matches)
        }
    }
}
