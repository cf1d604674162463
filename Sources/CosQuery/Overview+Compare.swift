import CosModel
import CosStore
import CosView

/// What `compare` splits a change by.
public enum CompareGroup: String, CaseIterable, Sendable {
    case category, type, profile, product, object

    /// The group `compare` uses at a context when none is named: the next level down.
    public static func defaultGroup(at scope: Scope) -> CompareGroup {
        switch scope {
        case .organization: return .category
        case .category: return .product
        case .product: return .object
        case .objectType: return .profile
        case .objectProfile: return .object
        case .object, .contract, .invoice: return .product
        }
    }
}

/// The change of one item (a product on one object, or on no object, in one currency) between the base
/// period and the period, split as docs/data-contract.md defines: `volume + price + new + gone` is the
/// change exactly.
public struct ItemChange: Equatable, Sendable {
    public var before: Int64 = 0
    public var after: Int64 = 0
    public var volume: Int64 = 0
    public var price: Int64 = 0
    public var new: Int64 = 0
    public var gone: Int64 = 0

    /// Splits an item's change. `ticketsBefore` and `ticketsAfter` say whether it has tickets in the
    /// base period and in the period; `q` and `a` are its summed quantity and amount there (millionths).
    ///
    /// - in both, `q0 != 0`: `volume = (q1 - q0) * a0 / q0`, exactly, rounded half to even to millionths
    ///   (in millionths it is `(Q1 - Q0) * A0 / Q0`: the scales cancel); `price = (a1 - a0) - volume`;
    /// - in both, `q0 == 0`: the whole change is `price`;
    /// - only in the period: `new = a1`; only in the base: `gone = -a0`.
    public static func split(
        ticketsBefore: Bool, ticketsAfter: Bool, q0: Int64, a0: Int64, q1: Int64, a1: Int64
    ) throws -> ItemChange {
        var change = ItemChange(before: ticketsBefore ? a0 : 0, after: ticketsAfter ? a1 : 0)
        switch (ticketsBefore, ticketsAfter) {
        case (true, true):
            let (difference, overflow) = a1.subtractingReportingOverflow(a0)
            if overflow { throw QueryError.overflow(what: "the change of an item") }
            if q0 != 0 {
                let numerator = (Int128(q1) - Int128(q0)).multipliedReportingOverflow(by: Int128(a0))
                if numerator.overflow { throw QueryError.overflow(what: "the volume effect of an item") }
                guard let volume = Int64(exactly: divideHalfEven(numerator.partialValue, Int128(q0))) else {
                    throw QueryError.overflow(what: "the volume effect of an item")
                }
                let (price, priceOverflow) = difference.subtractingReportingOverflow(volume)
                if priceOverflow { throw QueryError.overflow(what: "the price effect of an item") }
                change.volume = volume
                change.price = price
            } else {
                change.price = difference
            }
        case (false, true):
            change.new = a1
        case (true, false):
            guard a0 != Int64.min else { throw QueryError.overflow(what: "the gone amount of an item") }
            change.gone = -a0
        case (false, false):
            break
        }
        return change
    }

    /// `n / d` rounded to the nearest integer, ties to the even one (`d != 0`).
    static func divideHalfEven(_ n: Int128, _ d: Int128) -> Int128 {
        var numerator = n
        var denominator = d
        if denominator < 0 {
            numerator = -numerator
            denominator = -denominator
        }
        var quotient = numerator / denominator
        let remainder = numerator % denominator
        let twice = remainder.magnitude * 2
        if twice > denominator.magnitude || (twice == denominator.magnitude && quotient % 2 != 0) {
            quotient += numerator < 0 ? -1 : 1
        }
        return quotient
    }
}

extension Overview {
    /// `compare`: the charge tickets of a context in `period` against a base period (default: the
    /// previous period of equal length), per group of `group` and currency, with the change split into
    /// volume, price, new and gone per item (docs/data-contract.md, "Why a bill changed").
    ///
    /// Tables: `changes` (one row per group and currency, largest change first) and `change_totals`
    /// (one row per currency, with the base period). Tickets fall in the month of their
    /// `period_start`; an invoice context has no periods of its own and is refused.
    public func compare(
        _ scope: Scope, base: Period? = nil, by group: CompareGroup? = nil, asOf: CivilDate, period: Period
    ) throws -> View {
        guard let base = base ?? period.previous else {
            throw QueryError.notApplicable(
                "the period \(period) has no previous period of equal length (it would start before 0001-01): name a base period")
        }
        let group = group ?? CompareGroup.defaultGroup(at: scope)
        let about = try describe(scope)
        var accumulator = CompareAccumulator(group: group)
        try scanItems(
            organization: about.organization, condition: try compareCondition(scope), base: base, period: period,
            into: &accumulator)
        var names = NameCache(overview: self)
        let objectNames = group == .object ? try objectDetails(organization: about.organization, accumulator.objectKeys) : [:]
        var rows: [(currency: String, magnitude: UInt64, name: String, id: String, cells: [Cell])] = []
        for (key, sums) in accumulator.groups {
            var head: [Cell]
            var name = ""
            var id = ""
            switch group {
            case .category:
                let found = try names.lookup(.category, key.first)
                name = found?.name ?? "(unknown)"
                id = found?.id ?? ""
                head = [Cells.text(found?.id), .text(name)]
            case .product:
                let found = try names.lookup(.product, key.first)
                name = found?.name ?? "(unknown)"
                id = found?.id ?? ""
                head = [Cells.text(found?.id), .text(name), Cells.text(try productUnit(key.first))]
            case .type:
                let found = try names.lookup(.objectType, key.first)
                name = found?.name ?? "(no object)"
                id = found?.id ?? ""
                head = [Cells.text(found?.id), .text(name)]
            case .profile:
                let type = try names.lookup(.objectType, key.first)
                let profile = try names.lookup(.objectProfile, key.second)
                name = profile?.name ?? (type == nil ? "(no object)" : "(no profile)")
                id = profile?.id ?? ""
                head = [Cells.text(profile?.id), .text(name), Cells.text(type?.id), .text(type?.name ?? "(no object)")]
            case .object:
                let found = key.first.flatMap { objectNames[$0] }
                name = found?.name ?? "(no object)"
                id = found?.id ?? ""
                head = [Cells.text(found?.id), .text(name)]
            }
            let currency = accumulator.currencies[key.currency]
            rows.append((currency, sums.change.change.magnitude, name, id, head + [.text(currency)] + sums.cells(currency: currency)))
        }
        // By currency, the largest change first, then name and id; indices are sorted by keys taken out
        // beforehand (comparing tuples of strings for fifty thousand objects was most of the time).
        let currencyRank = Dictionary(uniqueKeysWithValues: Set(rows.map(\.currency)).sorted().enumerated().map { ($1, $0) })
        let ranks = rows.map { currencyRank[$0.currency] ?? 0 }
        let magnitudes = rows.map(\.magnitude)
        let order = rows.indices.sorted { i, j in
            if ranks[i] != ranks[j] { return ranks[i] < ranks[j] }
            if magnitudes[i] != magnitudes[j] { return magnitudes[i] > magnitudes[j] }
            if rows[i].name != rows[j].name { return rows[i].name < rows[j].name }
            return rows[i].id < rows[j].id
        }
        let totals = accumulator.totals.indices.filter { accumulator.totals[$0].items > 0 }.sorted { accumulator.currencies[$0] < accumulator.currencies[$1] }
            .map { index -> [Cell] in
                let currency = accumulator.currencies[index]
                return [.text(currency)] + accumulator.totals[index].cells(currency: currency) + [.month(base.from), .month(base.to)]
            }
        let head: [ViewColumn]
        switch group {
        case .category: head = [Columns.id("category_id", "Id"), Columns.text("category", "Category")]
        case .product:
            head = [Columns.id("product_id", "Id"), Columns.text("product", "Product"), Columns.text("unit", "Unit")]
        case .type: head = [Columns.id("object_type_id", "Id"), Columns.text("object_type", "Object type")]
        case .profile:
            head = [
                Columns.id("object_profile_id", "Id"), Columns.text("object_profile", "Object profile"),
                Columns.id("object_type_id", "Type id"), Columns.text("object_type", "Object type"),
            ]
        case .object: head = [Columns.id("object_id", "Id"), Columns.text("object", "Object")]
        }
        let changes = ViewTable(
            name: "changes", title: "Change by \(group.rawValue), \(base) → \(period)",
            columns: head + [Columns.currency] + Self.changeColumns, rows: order.map { rows[$0].cells })
        let totalsTable = ViewTable(
            name: "change_totals", title: "Change in total",
            columns: [Columns.currency] + Self.changeColumns + [
                ViewColumn("base_from", "Base from", .month), ViewColumn("base_to", "Base to", .month),
            ], rows: totals)
        return View(
            kind: "compare", title: "Why it changed: \(about.title)", context: about.context, asOf: asOf,
            period: period, tables: [changes, totalsTable],
            notes: [
                "Before: the base period \(base); after: the period \(period) (tickets by the month of period_start).",
                "Per item (a product on one object): volume = (q1 - q0) × a0 / q0, price = the rest of the change;"
                    + " new = items only in the period, gone = items only in the base; volume + price + new + gone = change.",
            ])
    }

    static let changeColumns: [ViewColumn] = [
        Columns.money("before", "Before"), Columns.money("after", "After"), Columns.money("change", "Change"),
        ViewColumn("change_percent", "Change %", .percent), Columns.money("volume", "Volume"),
        Columns.money("price", "Price"), Columns.money("new", "New"), Columns.money("gone", "Gone"),
        Columns.count("objects_before", "Objects before"), Columns.count("objects_after", "Objects after"),
    ]

    /// The unit of a product (nil for none).
    func productUnit(_ product: Key?) throws -> String? {
        guard let product else { return nil }
        return try firstRow("SELECT unit FROM product WHERE k = ?", [.integer(product)], { $0.optionalText(0) }) ?? nil
    }

    /// ` AND ...` restricting an organization's items (`product_object`, `ticket_rollup`) to a scope,
    /// with its values, and which of the two tables hold the scope's items: `product_object` the items
    /// of objects, `ticket_rollup` (its rows without an object type) the tickets without an object.
    func compareCondition(_ scope: Scope) throws -> CompareCondition {
        switch scope {
        case .organization: return CompareCondition(sql: "", values: [])
        case .category(_, let category): return CompareCondition(sql: " AND category_k = ?", values: [.integer(category)])
        case .product(_, let product): return CompareCondition(sql: " AND product_k = ?", values: [.integer(product)])
        case .objectType(_, let type):
            let filter = GroupFilter.objectType(type)
            return CompareCondition(sql: filter.sql(""), values: filter.values, objects: type != nil, noObject: type == nil)
        case .objectProfile(_, let type, let profile):
            let filter = GroupFilter.objectProfile(objectType: type, profile: profile)
            return CompareCondition(sql: filter.sql(""), values: filter.values, noObject: false)
        case .object(_, let object):
            return CompareCondition(sql: " AND object_k = ?", values: [.integer(object)], noObject: false)
        case .contract(_, let contract): return CompareCondition(sql: " AND contract_k = ?", values: [.integer(contract)])
        case .invoice:
            throw QueryError.notApplicable(
                "compare compares periods, and an invoice is one bill: compare at its contract or organization")
        }
    }

    /// Streams the scope's items of both periods in item order (product, object, currency) from
    /// `product_object` (its key order: no sort), summing each item as it passes, then the items
    /// without an object from `ticket_rollup` (its rows with no object type), per product and currency.
    /// Only the columns the grouping needs are read (a product's category comes from the product
    /// table, an item's currency from its contract).
    func scanItems(
        organization: Key, condition: CompareCondition, base: Period, period: Period,
        into accumulator: inout CompareAccumulator
    ) throws {
        if accumulator.group == .category {
            try each("SELECT k, category_k FROM product", []) { accumulator.productCategory[$0.int64(0)] = $0.int64(1) }
        }
        // An item's currency is its contract's: the scan reads the contract's key, not a text per row.
        var contractCurrency: [Int64: Int] = [:]
        try each("SELECT k, currency FROM contract WHERE organization_k = ?", [.integer(organization)]) { row in
            contractCurrency[row.int64(0)] = accumulator.currencyIndex(row.text(1) ?? "")
        }
        let withObjectGroups = accumulator.group == .type || accumulator.group == .profile
        // One range when the two periods overlap or touch, else two.
        let joined = base.to.ordinal + 1 >= period.from.ordinal && period.to.ordinal + 1 >= base.from.ordinal
        let months = joined ? "month BETWEEN ? AND ?" : "(month BETWEEN ? AND ? OR month BETWEEN ? AND ?)"
        let bounds: [SQLValue] = joined
            ? [.integer(Int64(min(base.from, period.from).ordinal)), .integer(Int64(max(base.to, period.to).ordinal))]
            : monthBounds(base) + monthBounds(period)
        let state = ItemScan(
            accumulator: accumulator, contractCurrency: contractCurrency, withObjectGroups: withObjectGroups, base: base,
            period: period)
        accumulator = CompareAccumulator(group: accumulator.group)
        defer { accumulator = state.accumulator }
        func scan(_ sql: String) throws {
            let arguments = [SQLValue.integer(organization)] + bounds + condition.values
            if let database = source as? Database {
                do {
                    try database.forEachRow(sql, arguments) { try state.consume($0) }
                } catch let error as DatabaseError {
                    throw QueryError.database(message: error.message, interrupted: error.isInterrupt)
                }
            } else {
                try each(sql, arguments) { try state.consume($0) }
            }
            try state.flush()
        }
        if condition.objects {
            try scan(
                """
                SELECT product_k, object_k, contract_k, month, quantity, amount, tickets\(withObjectGroups ? ", object_type_k, object_profile_k" : "")
                FROM product_object
                WHERE organization_k = ? AND \(months)\(condition.sql)
                ORDER BY product_k, object_k, currency
                """)
        }
        if condition.noObject {
            try scan(
                """
                SELECT product_k, NULL, contract_k, month, sum(quantity), sum(amount), sum(tickets)\(withObjectGroups ? ", NULL, NULL" : "")
                FROM ticket_rollup
                WHERE organization_k = ? AND \(months)\(condition.sql) AND object_type_k IS NULL
                GROUP BY product_k, currency, contract_k, month
                ORDER BY product_k, currency
                """)
        }
        state.accumulator.finish()
    }
}

/// The state of one `scanItems` pass: the items are summed as the rows go by and handed to the
/// accumulator when the next item starts. A class whose fields are accessed without exclusivity
/// checks: the closure that each row is handed to captures it, and a checked access to a captured
/// variable per field and row was a sixth of the instructions of `compare` by product.
final class ItemScan {
    @exclusivity(unchecked) var accumulator: CompareAccumulator
    @exclusivity(unchecked) private var item = ItemSums()
    @exclusivity(unchecked) private var lastContract: Int64 = -1
    @exclusivity(unchecked) private var lastCurrency = 0
    private let contractCurrency: [Int64: Int]
    private let withObjectGroups: Bool
    private let b0: Int, b1: Int, p0: Int, p1: Int

    init(accumulator: CompareAccumulator, contractCurrency: [Int64: Int], withObjectGroups: Bool, base: Period, period: Period) {
        self.accumulator = accumulator
        self.contractCurrency = contractCurrency
        self.withObjectGroups = withObjectGroups
        (b0, b1, p0, p1) = (base.from.ordinal, base.to.ordinal, period.from.ordinal, period.to.ordinal)
    }

    /// One row: product, object (NULL: none), contract, month, quantity, amount, tickets, and with
    /// the object groups the object's type and profile. Generic over the row type, so that the
    /// embedded store's rows are read without a protocol call per column.
    @inline(__always)
    func consume<R: ResultRow>(_ row: R) throws {
        let product = row.int64(0)
        // Keys start at 1: NULL reads as 0, the tickets without an object.
        let objectKey = row.int64(1)
        let object = objectKey == 0 ? -1 : objectKey
        let contract = row.int64(2)
        if contract != lastContract {
            guard let found = contractCurrency[contract] else {
                throw QueryError.notFound(what: "contract of the organization", key: contract)
            }
            lastContract = contract
            lastCurrency = found
        }
        let currency = lastCurrency
        if !item.isEmpty, item.product != product || item.object != object || item.currency != currency {
            try accumulator.add(item)
            item = ItemSums()
        }
        if item.isEmpty {
            item.product = product
            item.object = object
            item.currency = currency
            if withObjectGroups {
                item.objectType = row.optionalInt64(7)
                item.objectProfile = row.optionalInt64(8)
            }
        }
        let month = row.int(3)
        let quantity = row.int64(4)
        let amount = row.int64(5)
        let tickets = row.int64(6)
        if month >= b0 && month <= b1 { item.addBefore(quantity, amount, tickets: tickets) }
        if month >= p0 && month <= p1 { item.addAfter(quantity, amount, tickets: tickets) }
    }

    /// Hands the last item over (at the end of a statement).
    func flush() throws {
        if !item.isEmpty { try accumulator.add(item) }
        item = ItemSums()
    }
}

/// Where a scope's items are: a filter on `product_object` and `ticket_rollup`, and which of them to read.
struct CompareCondition {
    var sql: String
    var values: [SQLValue]
    /// The items of objects (`product_object`).
    var objects = true
    /// The tickets without an object (`ticket_rollup` rows without an object type).
    var noObject = true
}

/// One item's sums in the base period (0) and the period (1), in millionths.
struct ItemSums {
    var product: Int64 = -1
    var object: Int64 = -1
    var currency = -1
    var objectType: Int64?
    var objectProfile: Int64?
    var n0 = 0, n1 = 0
    var q0: Int64 = 0, a0: Int64 = 0, q1: Int64 = 0, a1: Int64 = 0
    var overflow = false

    var isEmpty: Bool { currency < 0 }

    @inline(__always)
    mutating func addBefore(_ quantity: Int64, _ amount: Int64, tickets: Int64 = 1) {
        n0 += Int(tickets)
        let (q, o1) = q0.addingReportingOverflow(quantity)
        let (a, o2) = a0.addingReportingOverflow(amount)
        q0 = q
        a0 = a
        overflow = overflow || o1 || o2
    }

    @inline(__always)
    mutating func addAfter(_ quantity: Int64, _ amount: Int64, tickets: Int64 = 1) {
        n1 += Int(tickets)
        let (q, o1) = q1.addingReportingOverflow(quantity)
        let (a, o2) = a1.addingReportingOverflow(amount)
        q1 = q
        a1 = a
        overflow = overflow || o1 || o2
    }
}

/// The sums of one group and currency: the split change and the distinct objects of either period.
struct GroupChange {
    var change = ItemChange()
    var items = 0
    var objectsBefore = 0
    var objectsAfter = 0

    mutating func add(_ item: ItemChange) throws {
        func add(_ a: inout Int64, _ b: Int64) throws {
            let (sum, overflow) = a.addingReportingOverflow(b)
            if overflow { throw QueryError.overflow(what: "a group's change") }
            a = sum
        }
        try add(&change.before, item.before)
        try add(&change.after, item.after)
        try add(&change.volume, item.volume)
        try add(&change.price, item.price)
        try add(&change.new, item.new)
        try add(&change.gone, item.gone)
        items += 1
    }

    func cells(currency: String) -> [Cell] {
        let difference = change.change
        return [
            Cells.money(change.before), Cells.money(change.after), Cells.money(difference),
            Cells.percent(Int128(difference), of: abs(Int128(change.before))), Cells.money(change.volume), Cells.money(change.price),
            Cells.money(change.new), Cells.money(change.gone), Cells.count(Int64(objectsBefore)),
            Cells.count(Int64(objectsAfter)),
        ]
    }
}

extension ItemChange {
    /// `after - before`, which the split adds up to (overflow wraps only past what `add` refused).
    var change: Int64 { after &- before }
}

/// The key of a group of `compare`: one or two store keys (nil parts are the `(no object)` and
/// `(no profile)` groups) and the currency's index.
struct CompareKey: Hashable {
    let first: Key?
    let second: Key?
    let currency: Int
}

/// Items summed into groups as the scan hands them over. Distinct objects are counted at the end from
/// (group, object) pairs, sorted: cheaper than a set per group for a hundred thousand items.
struct CompareAccumulator {
    let group: CompareGroup
    var currencies: [String] = []
    /// The category of each product (for the category grouping).
    var productCategory: [Key: Key] = [:]
    private var index: [CompareKey: Int] = [:]
    private(set) var keys: [CompareKey] = []
    private(set) var sums: [GroupChange] = []
    /// Per currency index.
    private(set) var totals: [GroupChange] = []
    private var before: [UInt64] = []
    private var after: [UInt64] = []
    private var totalBefore: [UInt64] = []
    private var totalAfter: [UInt64] = []
    private var last: (key: CompareKey, index: Int)?

    init(group: CompareGroup) { self.group = group }

    /// The groups with their sums, and the totals per currency index.
    var groups: [(key: CompareKey, sums: GroupChange)] { Array(zip(keys, sums)).map { ($0.0, $0.1) } }

    /// The objects of the `object` groups, in increasing order (for their names).
    var objectKeys: [Key] { keys.compactMap(\.first).sorted() }

    mutating func currencyIndex(_ code: String) -> Int {
        if let at = currencies.firstIndex(of: code) { return at }
        currencies.append(code)
        return currencies.count - 1
    }

    /// A (group or currency, object) pair as one sortable word: objects are store keys, far below 2^40.
    private static func pair(_ high: Int, _ object: Key) -> UInt64 { UInt64(high) << 40 | UInt64(UInt64(bitPattern: object) & 0xFF_FFFF_FFFF) }

    mutating func add(_ item: ItemSums) throws {
        if item.overflow { throw QueryError.overflow(what: "the amounts of an item") }
        let change = try ItemChange.split(
            ticketsBefore: item.n0 > 0, ticketsAfter: item.n1 > 0, q0: item.q0, a0: item.a0, q1: item.q1, a1: item.a1)
        let object: Key? = item.object < 0 ? nil : item.object
        let key: CompareKey
        switch group {
        case .category: key = CompareKey(first: productCategory[item.product], second: nil, currency: item.currency)
        case .product: key = CompareKey(first: item.product, second: nil, currency: item.currency)
        case .type: key = CompareKey(first: item.objectType, second: nil, currency: item.currency)
        case .profile: key = CompareKey(first: item.objectType, second: item.objectProfile, currency: item.currency)
        case .object: key = CompareKey(first: object, second: nil, currency: item.currency)
        }
        let at: Int
        if let last, last.key == key {
            at = last.index
        } else if let found = index[key] {
            at = found
        } else {
            at = keys.count
            index[key] = at
            keys.append(key)
            sums.append(GroupChange())
        }
        last = (key, at)
        try sums[at].add(change)
        while totals.count <= item.currency { totals.append(GroupChange()) }
        try totals[item.currency].add(change)
        if let object {
            if item.n0 > 0 {
                before.append(Self.pair(at, object))
                totalBefore.append(Self.pair(item.currency, object))
            }
            if item.n1 > 0 {
                after.append(Self.pair(at, object))
                totalAfter.append(Self.pair(item.currency, object))
            }
        }
    }

    /// Counts the distinct objects of every group and currency.
    mutating func finish() {
        func count(_ pairs: inout [UInt64], into groups: inout [GroupChange], before: Bool) {
            pairs.sort()
            var previous: UInt64?
            for pair in pairs where pair != previous {
                previous = pair
                let at = Int(pair >> 40)
                if before { groups[at].objectsBefore += 1 } else { groups[at].objectsAfter += 1 }
            }
            pairs = []
        }
        count(&before, into: &sums, before: true)
        count(&after, into: &sums, before: false)
        count(&totalBefore, into: &totals, before: true)
        count(&totalAfter, into: &totals, before: false)
    }
}
