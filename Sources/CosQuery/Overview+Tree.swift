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
        // The whole tree under the root (each ancestor's roll-up covers all of its subtree), in two
        // statements: the organizations, then their final invoice totals. The depth limit only guards
        // against a cycle in a store that breaks the contract.
        let subtree = """
            WITH RECURSIVE subtree(k, depth) AS (
              SELECT k, 0 FROM organization WHERE k = ?
              UNION ALL
              SELECT o.k, s.depth + 1 FROM organization o JOIN subtree s ON o.parent_k = s.k WHERE s.depth < 64)
            """
        var nodes: [Key: TreeNode] = [:]
        var parents: [Key: Key] = [:]
        for row in try fetch(
            subtree + " SELECT s.k, s.depth, o.id, o.name, o.number, o.parent_k FROM subtree s JOIN organization o ON o.k = s.k",
            [.integer(root)],
            { ($0.int64(0), TreeNode(id: $0.text(2) ?? "", name: $0.text(3) ?? "", number: $0.optionalText(4), depth: $0.int(1)), $0.optionalInt64(5)) })
        where nodes[row.0] == nil {
            nodes[row.0] = row.1
            if let parent = row.2, row.0 != root { parents[row.0] = parent }
        }
        // Each organization's own Total Invoicing: one statement per organization of the tree (every
        // statement on a per-organization table names its organization).
        for key in nodes.keys.sorted() {
            for row in try fetch(
                """
                SELECT currency, sum(amount) FROM invoice_rollup
                WHERE organization_k = ? AND status = 'final' AND month BETWEEN ? AND ? GROUP BY currency
                """, [.integer(key)] + monthBounds(period), { ($0.text(0) ?? "", $0.int64(1)) })
            {
                nodes[key]?.own[row.0] = row.1
            }
        }
        for (child, parent) in parents { nodes[parent]?.children.append(child) }
        let names = nodes.mapValues(\.name)
        for key in Array(nodes.keys) {
            nodes[key]?.children.sort { a, b in
                let (na, nb) = (names[a] ?? "", names[b] ?? "")
                return na != nb ? na < nb : a < b
            }
        }
        // Depth-first pre-order from the root, children by name.
        var order: [Key] = []
        var stack: [Key] = [root]
        var visited: Set<Key> = []
        while let key = stack.popLast() {
            guard visited.insert(key).inserted, let node = nodes[key] else { continue }
            order.append(key)
            for child in node.children.reversed() { stack.append(child) }
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
            kind: "tree", title: "Organization tree of \(me.name)", context: ContextPath([me.name]), asOf: asOf, period: period,
            tables: [
                ViewTable(
                    name: "tree", title: "Organization tree",
                    columns: [
                        Columns.count("level", "Level"), Columns.text("relation", "Relation"),
                        Columns.id("organization_id", "Id"), Columns.text("organization", "Organization"),
                        Columns.number("number", "Number"), Columns.currency,
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
