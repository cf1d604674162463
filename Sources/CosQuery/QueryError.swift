import CosModel
import CosStore

/// Why a view could not be answered; messages are written for the user.
public enum QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key that is not in the store (a stale context after opening another store).
    case notFound(what: String, key: Key)
    /// The database failed (or was interrupted, when `interrupted` is true).
    case database(message: String, interrupted: Bool)
    /// A sum left the range of exact decimals.
    case overflow(what: String)
    /// Paging values out of range.
    case badPage(String)
    /// The question has no answer at this context (`compare` at an invoice); the message says where.
    case notApplicable(String)

    public var description: String {
        switch self {
        case .notFound(let what, let key): return "no \(what) with key \(key) in this store"
        case .database(let message, let interrupted):
            return interrupted ? "cancelled" : "the store could not answer: \(message)"
        case .overflow(let what): return "\(what) is too large to add up exactly"
        case .badPage(let message), .notApplicable(let message): return message
        }
    }

    /// A database error as the views report it: SQLite's `sum()` leaving the 64-bit range is a sum
    /// too large to add up exactly, not a broken store.
    init(_ error: DatabaseError) {
        if error.isIntegerOverflow {
            self = .sumOutOfRange
        } else {
            self = .database(message: error.message, interrupted: error.isInterrupt)
        }
    }

    /// A sum of the view outside the 64-bit range of exact decimals (SQLite's `sum()` overflowing, or
    /// a sum the query layer adds up itself).
    static var sumOutOfRange: QueryError {
        .overflow(what: "a sum in this view (more than \(ExactDecimal(micros: Int64.max)) in size)")
    }

    /// True when the query was cancelled (Ctrl-C).
    public var isInterrupt: Bool {
        if case .database(_, true) = self { return true }
        return false
    }
}
