/// A store key: the integer `k` the store gives every entity beside its export id.
public typealias Key = Int64

/// A context the shell can stand in, held by store keys so that it never depends on names.
///
/// Every context carries its organization's key: figures cover that organization's own rows only (a
/// category is shared by every organization), and every statement on the store filters on it (objects,
/// contracts and invoices are looked up within their organization).
public enum Scope: Hashable, Sendable {
    case organization(Key)
    case category(organization: Key, category: Key)
    case product(organization: Key, product: Key)
    /// `objectType` nil is the `(no object)` group: the organization's tickets that charge no object.
    case objectType(organization: Key, objectType: Key?)
    /// `profile` nil is the `(no profile)` group of the type: objects of the type without a profile.
    case objectProfile(organization: Key, objectType: Key, profile: Key?)
    case object(organization: Key, object: Key)
    case contract(organization: Key, contract: Key)
    case invoice(organization: Key, invoice: Key)

    /// The organization whose context this is.
    public var organization: Key {
        switch self {
        case .organization(let o), .category(let o, _), .product(let o, _), .objectType(let o, _),
            .objectProfile(let o, _, _), .object(let o, _), .contract(let o, _), .invoice(let o, _):
            return o
        }
    }
}

/// Which charge tickets a ticket list holds.
public enum TicketFilter: String, Sendable, CaseIterable {
    case any
    case invoiced
    case uninvoiced
}

/// The named collections `ls` can list in an organization (and `cd` can enter).
public enum ListCollection: String, Sendable, CaseIterable {
    case categories, products, types, profiles, objects, contracts, invoices, organizations
}
