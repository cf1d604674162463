/// A store key: the integer `k` the store gives every entity beside its export id.
public typealias Key = Int64

/// A context the shell can stand in, held by store keys so that it never depends on names.
///
/// Organization-scoped contexts carry the organization's key because their figures cover that
/// organization's own rows only (a category is shared by every organization).
public enum Scope: Hashable, Sendable {
    case organization(Key)
    case category(organization: Key, category: Key)
    case product(organization: Key, product: Key)
    /// `objectType` nil is the `(no object)` group: the organization's tickets that charge no object.
    case objectType(organization: Key, objectType: Key?)
    /// `profile` nil is the `(no profile)` group of the type: objects of the type without a profile.
    case objectProfile(organization: Key, objectType: Key, profile: Key?)
    case object(Key)
    case contract(Key)
    case invoice(Key)
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
