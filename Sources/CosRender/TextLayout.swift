import CosModel
import CosView

/// The `table` format: a view for people at a terminal. Title, where and when, notes, then each
/// table drawn by its presentation; the organization view in the order of the web page it replaces.
enum TextLayout {
    /// Charts and share tables go two to a row from this width on, like the web page's side-by-side
    /// trends.
    static let sideBySideWidth = 120
    /// Columns between cards in a row.
    static let cardGap = 1

    static func render(_ view: View, tables: [ViewTable], options: RenderOptions) -> String {
        let style = Style(options)
        let width = max(20, options.width)
        var lines: [String] = []
        lines.append(style.bold(TextWidth.truncate(view.title, to: width, ellipsis: style.ellipsis)))
        let facts = "\(view.context) \(style.dot) as of \(view.asOf) \(style.dot) period \(view.period)"
        lines += TextWidth.wrap(facts, to: width, ellipsis: style.ellipsis).map(style.dim)
        for note in view.notes {
            lines += TextWidth.wrap(note, to: width, ellipsis: style.ellipsis)
        }
        let ordered = view.kind == "organization" ? organizationOrder(tables) : tables
        // The organization view on a terminal fits about one screen: shorter charts, the summaries'
        // largest groups. `show --full` draws everything.
        let overview = view.kind == "organization" && !options.full
        // Charts, and the overview's share tables, go two to a row from `sideBySideWidth` on.
        let halfWidth = width >= sideBySideWidth ? (width - 3) / 2 : width
        var pendingCharts: [[String]] = []
        func flushCharts() {
            guard !pendingCharts.isEmpty else { return }
            lines.append("")
            lines += flow(pendingCharts, width: width, gap: 3, rowGap: 1)
            pendingCharts = []
        }
        var pendingShares: [[String]] = []
        func flushShares() {
            guard !pendingShares.isEmpty else { return }
            lines.append("")
            lines += flow(pendingShares, width: width, gap: 3, rowGap: 1)
            pendingShares = []
        }
        for table in ordered {
            if case .bars = table.presentation {} else { flushShares() }
            switch table.presentation {
            case .trend, .dualAxis:
                if let blocks = MonthlyCharts.blocks(table, options: options, width: halfWidth, compact: overview),
                    !table.rows.isEmpty
                {
                    pendingCharts += blocks
                    continue
                }
                flushCharts()
                lines.append("")
                lines += BoxTable.render(table, options: options)
            case .bars(_, _, let split):
                flushCharts()
                let top = overview
                    ? ShareTable.topRows(currencies: MonthlyCharts.groups(of: table, split: split).count) : nil
                // Two to a row only in the overview: elsewhere every column of every group is wanted.
                let shareWidth = overview ? halfWidth : width
                if let blocks = ShareTable.blocks(table, options: options, width: shareWidth, top: top)
                    ?? ShareTable.blocks(table, options: options, width: width, top: top), !blocks.isEmpty
                {
                    pendingShares += blocks
                    continue
                }
                lines.append("")
                lines += BoxTable.render(table, options: options)
            case .cards:
                flushCharts()
                lines.append("")
                if let boxes = Cards.boxes(table, view: view, options: options), !boxes.isEmpty {
                    lines += flow(boxes, width: width, gap: cardGap, rowGap: 0)
                } else {
                    lines += BoxTable.render(table, options: options)
                }
            case .record:
                flushCharts()
                lines.append("")
                let (rows, more) = BoxTable.shownRows(of: table, limit: options.rowLimit)
                lines += TextWidth.wrap(BoxTable.title(of: table, shown: rows.count), to: width, ellipsis: style.ellipsis)
                    .map(style.bold)
                if rows.isEmpty { lines.append("(no rows)") }
                lines += BoxTable.records(
                    table, rows: rows, columns: BoxTable.visibleColumns(of: table), options: options,
                    numbered: rows.count > 1)
                lines += BoxTable.moreRowsLines(more, table, options: options)
            case .tree:
                flushCharts()
                lines.append("")
                lines += TreeTable.render(table, options: options)
            case .table where view.kind == "start":
                // The start view: short lists without boxes; an empty one is a line.
                flushCharts()
                lines.append("")
                if table.rows.isEmpty, table.hiddenRows == 0 {
                    lines += TextWidth.wrap(table.title + ": none yet", to: width, ellipsis: style.ellipsis).map(style.bold)
                } else {
                    lines += BoxTable.render(table, options: options, compact: true)
                }
            case .table:
                flushCharts()
                lines.append("")
                lines += BoxTable.render(table, options: options)
            }
        }
        flushCharts()
        flushShares()
        return lines.map(ColumnChart.trimRight).joined(separator: "\n") + "\n"
    }

    /// The organization tables in the web page's order: cards, the invoicing and usage trends, the
    /// dual-axis chart, the three summaries; tables it does not know follow, by their presentation.
    static let organizationTables = [
        "cards", "invoicing_trend", "usage_trend", "objects_vs_charges", "by_category", "by_object_type",
        "by_object_profile",
    ]

    static func organizationOrder(_ tables: [ViewTable]) -> [ViewTable] {
        func rank(_ table: ViewTable) -> Int {
            if let known = organizationTables.firstIndex(of: table.name) { return known }
            switch table.presentation {
            case .cards: return 10
            case .trend: return 11
            case .dualAxis: return 12
            case .bars: return 13
            default: return 14
            }
        }
        // Stable: equal ranks keep the view's order.
        return tables.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }

    /// Blocks side by side while they fit in `width`, then on the next row.
    static func flow(_ blocks: [[String]], width: Int, gap: Int, rowGap: Int) -> [String] {
        var lines: [String] = []
        var row: [[String]] = []
        var used = 0
        func emit() {
            guard !row.isEmpty else { return }
            if !lines.isEmpty { lines += Array(repeating: "", count: rowGap) }
            let widths = row.map { $0.map(TextWidth.of).max() ?? 0 }
            let height = row.map(\.count).max() ?? 0
            for index in 0..<height {
                let parts = row.indices.map { position in
                    TextWidth.pad(index < row[position].count ? row[position][index] : "", to: widths[position])
                }
                lines.append(ColumnChart.trimRight(parts.joined(separator: String(repeating: " ", count: gap))))
            }
            row = []
            used = 0
        }
        for block in blocks {
            let blockWidth = block.map(TextWidth.of).max() ?? 0
            if !row.isEmpty, used + gap + blockWidth > width { emit() }
            used += (row.isEmpty ? 0 : gap) + blockWidth
            row.append(block)
        }
        emit()
        return lines
    }
}
