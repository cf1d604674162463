import CosStore

/// Charge tickets summed per object and currency, in Swift rather than by `GROUP BY`.
///
/// The rows come straight from a covering index (a group's tickets in month order), so SQLite reads no
/// ticket row and sorts nothing; a hash of object and currency is cheaper than SQLite's sorter for the
/// hundred thousand tickets of the largest groups. The currency of a row is compared in place with the
/// previous row's, so no `String` is made per row.
struct ObjectSums {
    private(set) var currencies: [String] = []
    /// The first slot of each object (-1: the tickets without an object; keys start at 1); an object
    /// charged in several currencies chains its further slots through `next`.
    private var firstSlot: [Int64: Int] = [:]
    private var next: [Int] = []
    private var slotObject: [Int64] = []
    private var slotCurrency: [Int] = []
    private var amounts: [Int64] = []
    private var tickets: [Int64] = []
    private var overflow = false
    private var lastCurrency = -1

    /// Adds one ticket row whose columns are `objectColumn` (the object key or NULL), `currencyColumn`
    /// and `amountColumn` (millionths).
    mutating func add(_ row: any ResultRow, objectColumn: Int, currencyColumn: Int, amountColumn: Int) {
        let object = row.isNull(objectColumn) ? -1 : row.int64(objectColumn)
        let currency = currencyIndex(row, currencyColumn)
        let amount = row.int64(amountColumn)
        var slot = firstSlot[object] ?? -1
        var last = -1
        while slot >= 0, slotCurrency[slot] != currency {
            last = slot
            slot = next[slot]
        }
        if slot >= 0 {
            let (total, didOverflow) = amounts[slot].addingReportingOverflow(amount)
            overflow = overflow || didOverflow
            amounts[slot] = total
            tickets[slot] += 1
            return
        }
        let new = slotObject.count
        if last >= 0 { next[last] = new } else { firstSlot[object] = new }
        next.append(-1)
        slotObject.append(object)
        slotCurrency.append(currency)
        amounts.append(amount)
        tickets.append(1)
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

    /// The number of (object, currency) sums.
    var count: Int { slotObject.count }

    /// Calls `body` with each sum per object (nil: no object) and currency, in the order the pairs were
    /// first seen; throws when an amount overflowed (the figures must be exact).
    func forEach(_ body: (_ object: Key?, _ currency: String, _ amount: Int64, _ tickets: Int64) throws -> Void) throws {
        if overflow { throw QueryError.overflow(what: "the amount of an object's charge tickets") }
        for i in slotObject.indices {
            try body(slotObject[i] < 0 ? nil : slotObject[i], currencies[slotCurrency[i]], amounts[i], tickets[i])
        }
    }

    /// The distinct object keys seen (without the no-object group), in increasing order.
    var sortedObjects: [Key] { firstSlot.keys.filter { $0 >= 0 }.sorted() }
}
