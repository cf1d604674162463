import CosModel
import CosStore
import CosView

/// The summaries of an organization's charge tickets in the period.
enum SummaryKind {
    case category
    case objectType
    /// By profile; `within` restricts to one object type (the object type view).
    case objectProfile(within: Key?)
}

/// A summary group: a category key, a type key, or a type and profile key (nil parts are the
/// `(no object)` and `(no profile)` groups).
struct GroupKey: Hashable {
    let first: Key?
    let second: Key?
}

extension Overview {
    /// `by_category`, `by_object_type` or `by_object_profile`: per group and currency the sum of amount,
    /// the number of tickets and of distinct objects, the share of the currency's total amount, and the
    /// base period's amount (`previous_amount`: the previous period of equal length, as the cards) with
    /// the change in percent. The rows are the groups of the period, as the data contract defines the
    /// summary; a group that had tickets in the base period only is what `compare` shows as gone.
    ///
    /// `profileObjects` are the distinct object counts per profile group when the caller has them
    /// already (the organization view shares them between its type and profile summaries).
    func summary(
        _ kind: SummaryKind, organization: Key, period: Period, profileObjects: [GroupKey: [String: Int64]]? = nil
    ) throws -> ViewTable {
        let org = SQLValue.integer(organization)
        let bounds = monthBounds(period)
        let groupColumns: String
        var filter = GroupFilter.none
        switch kind {
        case .category: groupColumns = "category_k, NULL"
        case .objectType: groupColumns = "object_type_k, NULL"
        case .objectProfile(let within):
            groupColumns = "object_type_k, object_profile_k"
            if let within { filter = .objectType(within) }
        }
        // Sums from the monthly rollup, of the period and the base period in one pass over the
        // organization's rows of both (the rollup's organization and month index), summed here: a
        // GROUP BY made SQLite sort the rows (1,400 a period for the largest organization) through a
        // temporary b-tree, twice per summary, which was most of the organization view's instructions.
        // Per group and currency in 128 bits; a sum outside 64 bits is the error SQLite's sum() gives.
        let base = period.previous
        let from = min(period.from, base?.from ?? period.from).ordinal
        let to = max(period.to, base?.to ?? period.to).ordinal
        let p0 = period.from.ordinal, p1 = period.to.ordinal
        var inPeriod: [BaseKey: (amount: Int128, tickets: Int64)] = [:]
        var inBase: [BaseKey: Int128] = [:]
        var currency = ""
        try each(
            "SELECT \(groupColumns), currency, month, amount, tickets FROM ticket_rollup"
                + " WHERE organization_k = ? AND month BETWEEN ? AND ?\(filter.sql(""))",
            [org, .integer(Int64(from)), .integer(Int64(to))] + filter.values
        ) { row in
            if !row.text(2, equals: currency) { currency = row.text(2) ?? "" }
            let key = BaseKey(group: GroupKey(first: row.optionalInt64(0), second: row.optionalInt64(1)), currency: currency)
            let month = row.int(3)
            if month >= p0 && month <= p1 {
                inPeriod[key, default: (0, 0)].amount += Int128(row.int64(4))
                inPeriod[key, default: (0, 0)].tickets += row.int64(5)
            }
            if let base, month >= base.from.ordinal && month <= base.to.ordinal {
                inBase[key, default: 0] += Int128(row.int64(4))
            }
        }
        func exact(_ sum: Int128) throws -> Int64 {
            guard let value = Int64(exactly: sum) else { throw QueryError.sumOutOfRange }
            return value
        }
        // In the order a GROUP BY of the group's keys and the currency gives (NULL first, currencies as
        // bytes), which the sort below keeps among equal rows.
        let sums = try inPeriod.keys.sorted { a, b in
            if a.group.first != b.group.first { return (a.group.first ?? Int64.min) < (b.group.first ?? Int64.min) }
            if a.group.second != b.group.second { return (a.group.second ?? Int64.min) < (b.group.second ?? Int64.min) }
            return a.currency.utf8.lexicographicallyPrecedes(b.currency.utf8)
        }.map { key -> (GroupKey, String, Int64, Int64) in
            let found = inPeriod[key] ?? (0, 0)
            return (key.group, key.currency, try exact(found.amount), found.tickets)
        }
        var previous: [BaseKey: Int64] = [:]
        for (key, sum) in inBase { previous[key] = try exact(sum) }
        // Distinct objects per group and currency. An object has one type and one profile, so a type's
        // count is the sum of its profiles' counts: the type summary reuses the profile scan.
        let objects: [GroupKey: [String: Int64]]
        switch kind {
        case .category:
            objects = try distinctObjects("category_k, NULL", organization: organization, filter: filter, period: period)
        case .objectProfile:
            objects = try profileObjects ?? distinctObjects(
                "object_type_k, object_profile_k", organization: organization, filter: filter, period: period)
        case .objectType:
            let byProfile = try profileObjects ?? distinctObjects(
                "object_type_k, object_profile_k", organization: organization, filter: filter, period: period)
            var byType: [GroupKey: [String: Int64]] = [:]
            for (group, counts) in byProfile {
                for (currency, count) in counts {
                    byType[GroupKey(first: group.first, second: nil), default: [:]][currency, default: 0] += count
                }
            }
            objects = byType
        }
        // Per currency in 128 bits: the shares' whole may pass the 64-bit range the groups fit in.
        var totals: [String: Int128] = [:]
        for row in sums { totals[row.1, default: 0] += Int128(row.2) }
        var names = NameCache(overview: self)
        var labelled: [(name: String, cells: [Cell], currency: String, amount: Int64)] = []
        for (group, currency, amount, tickets) in sums {
            var cells: [Cell]
            switch kind {
            case .category:
                let category = try names.lookup(.category, group.first)
                cells = [Cells.text(category?.id), .text(category?.name ?? "(unknown)")]
            case .objectType:
                let type = try names.lookup(.objectType, group.first)
                cells = [Cells.text(type?.id), .text(type?.name ?? "(no object)")]
            case .objectProfile:
                let type = try names.lookup(.objectType, group.first)
                let profile = try names.lookup(.objectProfile, group.second)
                let label = profile?.name ?? (type == nil ? "(no object)" : "(no profile)")
                cells = [Cells.text(profile?.id), .text(label), Cells.text(type?.id), .text(type?.name ?? "(no object)")]
            }
            let objectCount = objects[group]?[currency] ?? 0
            let before = period.previous == nil ? nil : previous[BaseKey(group: group, currency: currency)] ?? 0
            cells += [
                .text(currency), Cells.money(amount), Cells.count(tickets), Cells.count(objectCount),
                Cells.percent(Int128(amount), of: totals[currency] ?? 0),
            ] + Self.baseCells(amount: amount, previous: before)
            labelled.append((cells[1].plainText, cells, currency, amount))
        }
        labelled.sort {
            // Larger amounts first, compared without negating (-Int64.min traps).
            ($0.currency, $1.amount, $0.name) < ($1.currency, $0.amount, $1.name)
        }
        let tail = [
            Columns.currency, Columns.money(), Columns.count("tickets", "Tickets"),
            Columns.count("objects", "Objects"), Columns.share,
        ] + Self.baseColumns
        let name: String
        let title: String
        let head: [ViewColumn]
        let label: String
        switch kind {
        case .category:
            (name, title, label) = ("by_category", "Summary by product category", "category")
            head = [Columns.id("category_id", "Id"), Columns.text("category", "Category")]
        case .objectType:
            (name, title, label) = ("by_object_type", "Summary by object type", "object_type")
            head = [Columns.id("object_type_id", "Id"), Columns.text("object_type", "Object type")]
        case .objectProfile:
            (name, title, label) = ("by_object_profile", "Summary by object profile", "object_profile")
            head = [
                Columns.id("object_profile_id", "Id"), Columns.text("object_profile", "Object profile"),
                Columns.id("object_type_id", "Type id"), Columns.text("object_type", "Object type"),
            ]
        }
        return ViewTable(
            name: name, title: title, columns: head + tail, rows: labelled.map(\.cells),
            presentation: .bars(label: label, value: "amount", split: "currency"))
    }
}

/// A summary group in one currency, for the base period's amounts.
struct BaseKey: Hashable {
    let group: GroupKey
    let currency: String
}

extension Overview {
    /// The columns the summaries and products tables end with: the base period's amount and the change.
    static let baseColumns = [
        Columns.money("previous_amount", "Previous period"), ViewColumn("change_percent", "Change %", .percent),
    ]

    /// The base period's amount (nil: the period has no previous period) and the change in percent of
    /// it (null when it is zero).
    static func baseCells(amount: Int64, previous: Int64?) -> [Cell] {
        guard let previous else { return [.null, .null] }
        return [Cells.money(previous), Cells.percent(Int128(amount) - Int128(previous), of: abs(Int128(previous)))]
    }

    /// Distinct objects of the organization's tickets in the period per group and currency, from the
    /// run rollups (`category_object_runs`, `profile_object_runs`): for each group and currency, the
    /// runs of consecutive months in which objects have tickets (kind 1) and the gaps between them
    /// (kind 2), counted by first and last month. An object has tickets in the period exactly when one
    /// of its runs overlaps the period; the overlapping runs are consecutive, and the gaps between them
    /// are exactly its gaps that lie strictly inside the period (a month of the period on each side),
    /// so the distinct objects are the overlapping runs minus those gaps.
    /// `groupColumns` is one of the constant select lists of `summary`.
    func distinctObjects(
        _ groupColumns: String, organization: Key, filter: GroupFilter, period: Period
    ) throws -> [GroupKey: [String: Int64]] {
        let from = SQLValue.integer(Int64(period.from.ordinal))
        let to = SQLValue.integer(Int64(period.to.ordinal))
        let table = groupColumns.hasPrefix("category_k") ? "category_object_runs" : "profile_object_runs"
        let sql = """
            SELECT \(groupColumns), currency, sum(CASE WHEN kind = 1 THEN objects ELSE -objects END) FROM \(table)
            WHERE organization_k = ?\(filter.sql(""))
              AND ((kind = 1 AND first_month <= ? AND last_month >= ?) OR (kind = 2 AND first_month > ? AND last_month < ?))
            GROUP BY \(groupColumns.replacingNull), currency
            """
        var objects: [GroupKey: [String: Int64]] = [:]
        for row in try fetch(
            sql, [.integer(organization)] + filter.values + [to, from, from, to],
            { (GroupKey(first: $0.optionalInt64(0), second: $0.optionalInt64(1)), $0.text(2) ?? "", $0.int64(3)) })
        where row.2 != 0 {
            objects[row.0, default: [:]][row.1] = row.2
        }
        return objects
    }
}

extension String {
    /// `a, NULL` → `a`: the GROUP BY list of a select list that pads with NULL.
    var replacingNull: String { self.hasSuffix(", NULL") ? String(self.dropLast(6)) : self }
}

/// Names looked up once per view by key.
struct NameCache {
    let overview: Overview
    var cache: [String: (id: String, name: String)] = [:]

    init(overview: Overview) { self.overview = overview }

    /// The id and name of a key of a table, or nil when the key is nil.
    mutating func lookup(_ table: EntityTable, _ key: Key?) throws -> (id: String, name: String)? {
        guard let key else { return nil }
        let cacheKey = "\(table.noun)#\(key)"
        if let found = cache[cacheKey] { return found }
        let found = try overview.entity(table, key)
        cache[cacheKey] = found
        return found
    }
}
