import CosModel
import CosStore
import CosView

extension Overview {
    /// The organization tree around an organization: its ancestors (root first), itself, and all its
    /// descendants (depth first, children by name). Each has its own Total Invoicing in the period and
    /// the roll-up of its subtree (itself and all its descendants) per currency. An organization with
    /// neither has one row with no currency.
    public func tree(_ organization: Key, asOf: CivilDate, period: Period) throws -> View {
        let me = try organizationName(organization)
        // Ancestors, walking up; the contract forbids cycles, and `seen` keeps a bad store from looping.
        var ancestors: [Key] = []
        var seen: Set<Key> = [organization]
        var cursor = organization
        while let parent = try firstRow(
            "SELECT parent_k FROM organization WHERE k = ?", [.integer(cursor)], { $0.optionalInt64(0) }) ?? nil,
            !seen.contains(parent)
        {
            ancestors.insert(parent, at: 0)
            seen.insert(parent)
            cursor = parent
        }
        let root = ancestors.first ?? organization
        // The whole tree under the root: each ancestor's roll-up covers all of its subtree.
        var nodes: [Key: TreeNode] = [:]
        var order: [Key] = []
        var stack: [(Key, Int)] = [(root, 0)]
        var visited: Set<Key> = []
        while let (key, depth) = stack.popLast() {
            guard visited.insert(key).inserted else { continue }
            guard
                var node = try firstRow(
                    "SELECT id, name, number FROM organization WHERE k = ?", [.integer(key)],
                    { TreeNode(id: $0.text(0) ?? "", name: $0.text(1) ?? "", number: $0.optionalText(2), depth: depth) })
            else { continue }
            for row in try fetch(
                """
                SELECT currency, sum(total_amount) FROM invoice
                WHERE organization_k = ? AND status = 'final' AND month BETWEEN ? AND ? GROUP BY currency
                """, [.integer(key)] + monthBounds(period), { ($0.text(0) ?? "", $0.int64(1)) })
            {
                node.own[row.0] = row.1
            }
            node.children = try fetch(
                "SELECT k FROM organization WHERE parent_k = ? ORDER BY name, k", [.integer(key)], { $0.int64(0) })
            nodes[key] = node
            order.append(key)
            for child in node.children.reversed() { stack.append((child, depth + 1)) }
        }
        // Roll up from the leaves: `order` is depth-first pre-order, so reversed it visits children first.
        for key in order.reversed() {
            guard var node = nodes[key] else { continue }
            node.subtree = node.own
            for child in node.children {
                for (currency, amount) in nodes[child]?.subtree ?? [:] {
                    let (sum, overflow) = (node.subtree[currency] ?? 0).addingReportingOverflow(amount)
                    if overflow { throw QueryError.overflow(what: "the roll-up of \(node.name)") }
                    node.subtree[currency] = sum
                }
            }
            nodes[key] = node
        }
        // Shown: the ancestors, the organization, and its descendants.
        var shown: [(Key, String)] = ancestors.map { ($0, "ancestor") } + [(organization, "self")]
        if let index = order.firstIndex(of: organization) {
            let depth = nodes[organization]?.depth ?? 0
            var next = index + 1
            while next < order.count, let node = nodes[order[next]], node.depth > depth {
                shown.append((order[next], "descendant"))
                next += 1
            }
        }
        var rows: [[Cell]] = []
        for (key, relation) in shown {
            guard let node = nodes[key] else { continue }
            let head: [Cell] = [
                .int(node.depth), .text(relation), .text(node.id), .text(node.name), Cells.text(node.number),
            ]
            let currencies = Set(node.own.keys).union(node.subtree.keys).sorted()
            if currencies.isEmpty { rows.append(head + [.null, .null, .null]) }
            for currency in currencies {
                rows.append(head + [.text(currency), Cells.money(node.own[currency] ?? 0), Cells.money(node.subtree[currency] ?? 0)])
            }
        }
        return View(
            kind: "tree", title: "Organization tree of \(me.name)", context: "/\(me.name)/tree", asOf: asOf, period: period,
            tables: [
                ViewTable(
                    name: "tree", title: "Organization tree",
                    columns: [
                        Columns.count("level", "Level"), Columns.text("relation", "Relation"),
                        Columns.id("organization_id", "Id"), Columns.text("organization", "Organization"),
                        Columns.text("number", "Number"), Columns.currency,
                        Columns.money("amount", "Own Total Invoicing"),
                        Columns.money("subtree_amount", "Subtree roll-up"),
                    ], rows: rows, presentation: .tree(level: "level", label: "organization", relation: "relation"))
            ],
            notes: [
                "amount is each organization's own Total Invoicing; subtree_amount is a roll-up of it and all its descendants.",
                "An ancestor's roll-up covers its whole subtree, including branches not listed here.",
            ])
    }
}

/// One organization of the tree while it is rolled up.
struct TreeNode {
    var id: String
    var name: String
    var number: String?
    var depth: Int
    var own: [String: Int64] = [:]
    var subtree: [String: Int64] = [:]
    var children: [Key] = []
}
