import CosStore

/// A restriction of an organization's charge tickets to one group. `ticket_rollup` and `charge_ticket`
/// name these columns alike, so one filter serves both. The SQL is constant text; keys are bound.
enum GroupFilter: Sendable {
    case none
    case category(Key)
    case product(category: Key, product: Key)
    /// nil: the `(no object)` group (tickets without an object have no object type).
    case objectType(Key?)
    case objectProfile(objectType: Key, profile: Key?)
    case object(Key)

    /// ` AND ...` conditions on the columns of the table aliased `alias`.
    func sql(_ alias: String) -> String {
        let p = alias.isEmpty ? "" : alias + "."
        switch self {
        case .none: return ""
        case .category: return " AND \(p)category_k = ?"
        case .product: return " AND \(p)category_k = ? AND \(p)product_k = ?"
        case .objectType(let type): return type == nil ? " AND \(p)object_type_k IS NULL" : " AND \(p)object_type_k = ?"
        case .objectProfile(_, let profile):
            return profile == nil
                ? " AND \(p)object_type_k = ? AND \(p)object_profile_k IS NULL"
                : " AND \(p)object_type_k = ? AND \(p)object_profile_k = ?"
        case .object: return " AND \(p)object_k = ?"
        }
    }

    var values: [SQLValue] {
        switch self {
        case .none: return []
        case .category(let key), .object(let key): return [.integer(key)]
        case .objectType(let type): return type.map { [.integer($0)] } ?? []
        case .product(let category, let product): return [.integer(category), .integer(product)]
        case .objectProfile(let type, let profile):
            return profile.map { [.integer(type), .integer($0)] } ?? [.integer(type)]
        }
    }
}
