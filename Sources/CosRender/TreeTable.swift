import CosView

/// A `tree` table (the organization tree) drawn as a tree: the label indented by level with tree
/// connectors, the node the context is on marked, one line per node and currency, and the other
/// columns (numbers right-aligned) beside it in a compact table.
///
/// The level and relation columns become the drawing itself; JSON, CSV and Markdown keep the flat
/// table. When even the compact tree does not fit, the flat table is drawn as `BoxTable` would.
enum TreeTable {
    static func render(_ table: ViewTable, options: RenderOptions) -> [String] {
        let style = Style(options)
        let width = max(20, options.width)
        guard case .tree(let levelName, let labelName, let relationName) = table.presentation,
            let levelIndex = table.columnIndex(levelName), let labelIndex = table.columnIndex(labelName)
        else { return BoxTable.render(table, options: options) }
        let (rows, more) = BoxTable.shownRows(of: table, limit: options.rowLimit)
        guard !rows.isEmpty else { return BoxTable.render(table, options: options) }
        var lines = [style.bold(TextWidth.truncate(table.title, to: width, ellipsis: style.ellipsis))]

        let identity = [levelIndex, labelIndex] + [table.columnIndex(labelName + "_id")].compactMap { $0 }
        let relationIndex = relationName.flatMap { table.columnIndex($0) }
        let hidden = Set([levelIndex, relationIndex].compactMap { $0 } + identity)
        let columns = [labelIndex] + BoxTable.visibleColumns(of: table).filter { !hidden.contains($0) }
        var grid = TableGrid(table, rows: rows, columns: columns, style: style)
        grid.main = 0

        // Nodes: runs of rows with the same level and label (and id), one row per currency.
        func cell(_ row: [Cell], _ index: Int) -> Cell { index < row.count ? row[index] : .null }
        var firstRowOfNode: [Int] = []
        for (number, row) in rows.enumerated() {
            if let previous = firstRowOfNode.last, identity.allSatisfy({ cell(rows[previous], $0) == cell(row, $0) }) {
                continue
            }
            firstRowOfNode.append(number)
        }
        // Clamped to the depths a tree can show (the query stops at 64): a level from elsewhere must not
        // overflow the subtraction below or ask for an array of its size.
        let levels = firstRowOfNode.map { max(-64, min(64, cell(rows[$0], levelIndex).intValue ?? 0)) }
        let top = levels.min() ?? 0
        let depths = levels.map { $0 - top }
        let prefixes = self.prefixes(depths: depths, style: style)
        let current = Style(unicode: style.unicode, color: false)
        for (node, first) in firstRowOfNode.enumerated() {
            let end = node + 1 < firstRowOfNode.count ? firstRowOfNode[node + 1] : rows.count
            let isSelf = relationIndex.map { cell(rows[first], $0) == .text("self") } ?? false
            let marker = isSelf ? (current.unicode ? "▶ " : "> ") : ""
            for number in first..<end {
                if number == first {
                    grid.cells[number][0] = prefixes[node].first + marker + grid.cells[number][0]
                } else {
                    // The node's further currencies: the tree's lines run on, its text is not repeated.
                    grid.cells[number][0] = prefixes[node].next
                    for position in columns.indices.dropFirst() where !grid.numeric[position] {
                        if grid.cells[number][position] == grid.cells[first][position],
                            table.columns[columns[position]].kind != .currency
                        {
                            grid.cells[number][position] = ""
                        }
                    }
                }
                if isSelf { grid.bold[number] = true }
            }
        }
        grid.minimums[0] = min(grid.natural[0], TableGrid.minimumTextWidth)
        guard
            let widths = grid.widths(
                fitting: width, overhead: TableGrid.compactOverhead(columns.count), mainBelowUseful: true,
                wrapHeadings: true)
        else { return BoxTable.render(table, options: options) }
        lines += grid.compactLines(widths, style: style)
        lines += BoxTable.moreRowsLines(more, table, options: options)
        return lines
    }

    /// For each node (depth-first, `depths` relative to the top), the text before its label
    /// (`│  ├─ `) and the text on the lines of its further currencies (`│  │  │`).
    static func prefixes(depths: [Int], style: Style) -> [(first: String, next: String)] {
        let pipe = style.unicode ? "│  " : "|  "
        let blank = "   "
        // Whether the node at each depth on the current path has a later sibling (its line runs on).
        var runsOn: [Bool] = []
        var result: [(first: String, next: String)] = []
        for (node, depth) in depths.enumerated() {
            var hasLaterSibling = false
            for later in depths[(node + 1)...] {
                if later < depth { break }
                if later == depth {
                    hasLaterSibling = true
                    break
                }
            }
            let hasChildren = node + 1 < depths.count && depths[node + 1] > depth
            if runsOn.count < depth + 1 { runsOn += Array(repeating: false, count: depth + 1 - runsOn.count) }
            runsOn[depth] = hasLaterSibling
            let path = depth > 1 ? (1..<depth).map { runsOn[$0] ? pipe : blank }.joined() : ""
            let connector = depth == 0 ? "" : (hasLaterSibling ? (style.unicode ? "├─ " : "+- ") : (style.unicode ? "└─ " : "+- "))
            let own = depth == 0 ? "" : (hasLaterSibling ? pipe : blank)
            let next = path + own + (hasChildren ? (style.unicode ? "│" : "|") : "")
            result.append((path + connector, next))
        }
        return result
    }
}
