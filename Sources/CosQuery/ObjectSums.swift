import CosStore

/// Charge tickets summed per object and currency, in Swift rather than by `GROUP BY`.
///
/// The rows come straight from a covering index (a group's tickets in month order), so SQLite reads no
/// ticket row and sorts nothing; a hash of object and currency is cheaper than SQLite's sorter for the
/// hundred thousand tickets of the largest groups. The currency of a row is compared in place with the
/// previous row's, so no `String` is made per row.
struct ObjectSums {
    /// An object (nil: the tickets without an object) and a currency's position in `currencies`.
    struct Slot: Hashable {
        var object: Key?
        var currency: Int
    }

    private(set) var currencies: [String] = []
    private var slots: [Slot: Int] = [:]
    private(set) var order: [Slot] = []
    private var amounts: [Int64] = []
    private var tickets: [Int64] = []
    private var overflow = false
    private var lastCurrency = -1

    /// Adds one ticket row whose columns are `objectColumn` (the object key or NULL), `currencyColumn`
    /// and `amountColumn` (millionths).
    mutating func add(_ row: any ResultRow, objectColumn: Int, currencyColumn: Int, amountColumn: Int) {
        let object = row.optionalInt64(objectColumn)
        let currency = currencyIndex(row, currencyColumn)
        let slot = Slot(object: object, currency: currency)
        let amount = row.int64(amountColumn)
        if let at = slots[slot] {
            let (total, didOverflow) = amounts[at].addingReportingOverflow(amount)
            overflow = overflow || didOverflow
            amounts[at] = total
            tickets[at] += 1
        } else {
            slots[slot] = order.count
            order.append(slot)
            amounts.append(amount)
            tickets.append(1)
        }
    }

    private mutating func currencyIndex(_ row: any ResultRow, _ column: Int) -> Int {
        if lastCurrency >= 0, row.text(column, equals: currencies[lastCurrency]) { return lastCurrency }
        let text = row.text(column) ?? ""
        if let at = currencies.firstIndex(of: text) {
            lastCurrency = at
        } else {
            currencies.append(text)
            lastCurrency = currencies.count - 1
        }
        return lastCurrency
    }

    /// The sums per object and currency, in the order the pairs were first seen; throws when an amount
    /// overflowed (the figures must be exact).
    func lines() throws -> [(object: Key?, currency: String, amount: Int64, tickets: Int64)] {
        if overflow { throw QueryError.overflow(what: "the amount of an object's charge tickets") }
        return order.indices.map { i in
            (order[i].object, currencies[order[i].currency], amounts[i], tickets[i])
        }
    }

    /// The distinct object keys seen (without the no-object group).
    var objects: Set<Key> { Set(order.compactMap(\.object)) }
}
