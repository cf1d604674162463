import CosModel
import CosStore
import CosView

/// An organization found by a search.
public struct OrganizationMatch: Hashable, Sendable {
    public var key: Key
    public var id: String
    public var name: String
    public var number: String?
}

/// The first matches of a search, and how many there are in all.
public struct OrganizationMatches: Sendable, Equatable {
    public var total: Int
    public var matches: [OrganizationMatch]
}

extension Overview {
    /// The start view (no organization): `recent` (the organizations the shell passes in, in its order)
    /// and `top_organizations`, the organizations with the highest Total Invoicing in the period, `top`
    /// per currency (amounts in different currencies are never added or compared).
    public func start(recent: [Key], top: Int = 10, asOf: CivilDate, period: Period) throws -> View {
        var recentRows: [[Cell]] = []
        for key in recent {
            guard
                let row = try firstRow(
                    "SELECT id, name, number FROM organization WHERE k = ?", [.integer(key)],
                    { [Cells.text($0.text(0)), Cells.text($0.text(1)), Cells.text($0.optionalText(2))] })
            else { continue }
            recentRows.append(row)
        }
        // Totals per organization and currency from the covering `invoice_rollup_ranking` index; names
        // are looked up for the few organizations shown only. The one statement that reads every
        // organization's rows (a ranking of all of them; on Citus a query over every shard).
        let totals = try fetch(
            """
            SELECT organization_k, currency, sum(amount) FROM invoice_rollup
            WHERE status = 'final' AND month BETWEEN ? AND ?
            GROUP BY organization_k, currency
            """, monthBounds(period), { (key: $0.int64(0), currency: $0.text(1) ?? "", amount: $0.int64(2)) })
        var byCurrency: [String: [(key: Key, currency: String, amount: Int64)]] = [:]
        for total in totals { byCurrency[total.currency, default: []].append(total) }
        var topRows: [[Cell]] = []
        for currency in byCurrency.keys.sorted() {
            // Highest amount first; ties by key, then by name below, so the order never depends on the scan.
            let ranked = (byCurrency[currency] ?? []).sorted { ($1.amount, $0.key) < ($0.amount, $1.key) }
            var shown: [(amount: Int64, name: String, cells: [Cell])] = []
            for entry in ranked.prefix(max(0, top)) {
                guard
                    let found = try firstRow(
                        "SELECT id, name, number FROM organization WHERE k = ?", [.integer(entry.key)],
                        { (name: $0.text(1) ?? "", cells: [Cells.text($0.text(0)), Cells.text($0.text(1)), Cells.text($0.optionalText(2))]) })
                else { continue }
                shown.append((entry.amount, found.name, found.cells))
            }
            shown.sort { ($1.amount, $0.name) < ($0.amount, $1.name) }
            for (rank, entry) in shown.enumerated() {
                topRows.append([.int(rank + 1)] + entry.cells + [.text(currency), Cells.money(entry.amount)])
            }
        }
        let orgColumns = [
            Columns.id("organization_id", "Id"), Columns.text("organization", "Organization"),
            Columns.number("number", "Number"),
        ]
        return View(
            kind: "start", title: "Customer Overview", context: .root, asOf: asOf, period: period,
            tables: [
                ViewTable(name: "recent", title: "Recently opened", columns: orgColumns, rows: recentRows),
                ViewTable(
                    name: "top_organizations", title: "Top organizations by Total Invoicing",
                    columns: [Columns.count("rank", "#")] + orgColumns + [Columns.currency, Columns.money()],
                    rows: topRows),
            ], notes: ["open NAME, a customer number or id:ID enters an organization; find TEXT searches them."])
    }

    /// Ranked organization search: exact number or id first, then name prefix, then word prefix, then
    /// substring, case- and accent-insensitive (on `organization.search_name`); ties by name. Returns
    /// the first `limit` matches and the number of matches in all.
    ///
    /// Numbers and ids compare exactly with the text as typed (`ORG-1 ` is another id than `ORG-1`,
    /// as the contract says); only the name search ignores surrounding spaces.
    public func searchOrganizations(_ text: String, limit: Int = 20) throws -> OrganizationMatches {
        let raw = text
        let folded = TextFolding.fold(text.trimmingSpaces)
        guard !folded.isEmpty else { return OrganizationMatches(total: 0, matches: []) }
        let index: OrganizationIndex
        // A source re-imported meanwhile (PostgreSQL) has another data version: the index is read again.
        let version: String?
        do { version = try source.dataVersion() } catch let error as DatabaseError {
            throw QueryError.database(message: error.message, interrupted: error.isInterrupt)
        }
        if let loaded = organizationIndex, organizationIndexVersion == version {
            index = loaded
        } else {
            do { index = try OrganizationIndex(source: source) } catch let error as DatabaseError {
                throw QueryError.database(message: error.message, interrupted: error.isInterrupt)
            }
            organizationIndex = index
            organizationIndexVersion = version
        }
        let (total, matches) = index.search(raw: raw, needle: folded, limit: limit)
        return OrganizationMatches(total: total, matches: matches)
    }

    /// Organization names for completion as the user types: names whose folded form starts with the
    /// folded text, from the `search_name` index (a range scan, never a full scan).
    public func completeOrganizationNames(_ text: String, limit: Int = 20) throws -> [String] {
        let folded = TextFolding.fold(text)
        guard !folded.isEmpty else {
            return try fetch("SELECT name FROM organization ORDER BY search_name LIMIT ?", [.integer(Int64(limit))]) {
                $0.text(0) ?? ""
            }
        }
        // Every string that starts with `folded` sorts at or after it and before `folded` + U+10FFFF.
        return try fetch(
            "SELECT name FROM organization WHERE search_name >= ? AND search_name < ? ORDER BY search_name LIMIT ?",
            [.text(folded), .text(folded + "\u{10FFFF}"), .integer(Int64(max(0, limit)))]
        ) { $0.text(0) ?? "" }
    }

    /// The `find` view: `organizations` (`id`, `name`, `number`) ranked, with the match count as
    /// `totalRows`; the first `limit` of them (a page), or every match when `limit` is nil.
    public func find(_ text: String, limit: Int? = 20, asOf: CivilDate, period: Period) throws -> View {
        let found = try searchOrganizations(text, limit: limit ?? Int.max)
        return View(
            kind: "find", title: "Organizations matching \"\(text)\"", context: .root, asOf: asOf, period: period,
            tables: [
                ViewTable(
                    name: "organizations", title: "Organizations",
                    columns: [Columns.id("id", "Id"), Columns.text("name", "Name"), Columns.number("number", "Number")],
                    rows: found.matches.map { [.text($0.id), .text($0.name), Cells.text($0.number)] },
                    totalRows: found.total, pageOffset: limit == nil ? nil : 0, rest: "find TEXT --limit none lists them")
            ])
    }

    /// Resolves what the user typed after `open`: `id:ID` exactly; else an exact number or id; else the
    /// folded name exactly, or as a unique prefix, or as a unique substring. Ambiguity returns up to
    /// `limit` candidates and changes nothing.
    ///
    /// `id:ID`, numbers and ids compare exactly with the text as typed: `id:ORG-1 ` is the id
    /// `ORG-1 ` (with its space), never `ORG-1`. Only names are matched with surrounding spaces ignored.
    public func resolveOrganization(_ text: String, limit: Int = 20) throws -> Resolution<OrganizationMatch> {
        let raw = text
        let select = "SELECT k, id, name, number FROM organization WHERE "
        let map: (any ResultRow) -> OrganizationMatch = {
            OrganizationMatch(key: $0.int64(0), id: $0.text(1) ?? "", name: $0.text(2) ?? "", number: $0.optionalText(3))
        }
        if raw.hasPrefix("id:") {
            let found = try fetch(select + "id = ?", [.text(String(raw.dropFirst(3)))], map)
            return found.first.map { .found($0) } ?? .notFound
        }
        let byNumber = try fetch(select + "number = ? OR id = ? ORDER BY k LIMIT ?", [.text(raw), .text(raw), .integer(Int64(limit))], map)
        if byNumber.count == 1 { return .found(byNumber[0]) }
        if byNumber.count > 1 { return .ambiguous(byNumber) }
        let folded = TextFolding.fold(raw.trimmingSpaces)
        guard !folded.isEmpty else { return .notFound }
        let exact = try fetch(select + "search_name = ? ORDER BY k LIMIT ?", [.text(folded), .integer(Int64(limit))], map)
        if exact.count == 1 { return .found(exact[0]) }
        if exact.count > 1 { return .ambiguous(exact) }
        let prefix = try fetch(
            select + "search_name >= ? AND search_name < ? ORDER BY search_name, k LIMIT ?",
            [.text(folded), .text(folded + "\u{10FFFF}"), .integer(Int64(limit))], map)
        if prefix.count == 1 { return .found(prefix[0]) }
        if prefix.count > 1 { return .ambiguous(prefix) }
        let substring = try fetch(
            select + "search_name LIKE ? ESCAPE '\\' ORDER BY search_name, k LIMIT ?",
            [.text("%" + Self.likeEscaped(folded) + "%"), .integer(Int64(limit))], map)
        if substring.count == 1 { return .found(substring[0]) }
        if substring.count > 1 { return .ambiguous(substring) }
        return .notFound
    }

    /// Text with LIKE's wildcards escaped by `\`, so the user's `%` and `_` match themselves.
    static func likeEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
