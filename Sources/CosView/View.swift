import CosModel

/// What a query returns and a renderer draws: a titled list of named tables about one context.
///
/// A view never prints and holds no database handle; renderers turn the same view into a box table,
/// text charts, CSV, JSON or Markdown.
public struct View: Sendable, Equatable {
    /// What the view is about: `organization`, `category`, `object_type`, `object_profile`, `object`,
    /// `contract`, `invoice`, `tickets`, `tree`, `start`, `find`, `list`, ...
    public var kind: String
    /// A heading for people: `Acme AB`, `Cloud Services (category of Acme AB)`.
    public var title: String
    /// Where the view is: `/"Acme AB"/categories/Cloud` when written (`context.text`).
    public var context: ContextPath
    public var asOf: CivilDate
    public var period: Period
    /// The tables, in the order they are shown.
    public var tables: [ViewTable]
    /// Lines of explanation shown under the title (`figures cover this organization's own rows only`).
    public var notes: [String]

    public init(
        kind: String, title: String, context: ContextPath, asOf: CivilDate, period: Period, tables: [ViewTable],
        notes: [String] = []
    ) {
        self.kind = kind
        self.title = title
        self.context = context
        self.asOf = asOf
        self.period = period
        self.tables = tables
        self.notes = notes
    }

    /// The table with this name, if the view has it.
    public func table(_ name: String) -> ViewTable? { tables.first { $0.name == name } }
}

/// One named table of a view: typed columns and rows of cells.
public struct ViewTable: Sendable, Equatable {
    /// The machine name used in JSON and `--table` (`by_category`, `invoicing_trend`).
    public var name: String
    /// The heading for people (`Summary by product category`).
    public var title: String
    public var columns: [ViewColumn]
    public var rows: [[Cell]]
    /// How the table is best drawn on a terminal; formats other than `table` ignore it.
    public var presentation: Presentation
    /// The number of rows that exist when `rows` is one page of them (paged ticket lists); nil when
    /// `rows` is everything.
    public var totalRows: Int?
    /// Where the page starts in the whole list (0 for the first page) when `rows` is a page that was
    /// asked for (`--limit`, `--offset`, a terminal's screenful, a view's first tickets); nil when the
    /// table holds every row. JSON names paged tables in `pages`, CSV and Markdown in a closing line.
    public var pageOffset: Int?
    /// What shows the rows a page leaves out, for the "N more rows" line (`tickets --uninvoiced --all
    /// lists them`); nil for the default, `show --full`.
    public var rest: String?

    public init(
        name: String, title: String, columns: [ViewColumn], rows: [[Cell]] = [],
        presentation: Presentation = .table, totalRows: Int? = nil, pageOffset: Int? = nil, rest: String? = nil
    ) {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
        self.presentation = presentation
        self.totalRows = totalRows
        self.pageOffset = pageOffset
        self.rest = rest
    }

    /// The index of the column with this name.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// The cells of one column, by name (empty when there is no such column).
    public func values(of column: String) -> [Cell] {
        guard let index = columnIndex(column) else { return [] }
        return rows.map { $0[index] }
    }

    /// Rows after this table's rows that are not shown because it is one page of a longer list (the
    /// rows before a page's offset are not counted: "N more" is what the next pages hold).
    public var hiddenRows: Int { max(0, (totalRows ?? rows.count) - (pageOffset ?? 0) - rows.count) }

    /// The page this table is, when it is one: where it starts, how many rows it holds and how many
    /// the whole list has.
    public var page: (offset: Int, shown: Int, total: Int)? {
        guard let pageOffset else { return nil }
        return (pageOffset, rows.count, totalRows ?? pageOffset + rows.count)
    }
}

/// A column: its machine name (`amount`), its heading (`Amount`) and the kind of value it holds.
public struct ViewColumn: Sendable, Equatable {
    public var name: String
    public var heading: String
    public var kind: ColumnKind

    public init(_ name: String, _ heading: String, _ kind: ColumnKind) {
        self.name = name
        self.heading = heading
        self.kind = kind
    }
}

/// The kind of value a column holds: decides alignment, number formatting and JSON types.
public enum ColumnKind: Sendable, Equatable {
    /// Free text (names, statuses).
    case text
    /// An opaque id from the export; JSON string.
    case id
    /// `YYYY-MM`.
    case month
    /// `YYYY-MM-DD`.
    case date
    /// A whole number of things; JSON integer.
    case count
    /// Money, formatted with the minor units of the currency named by the row's `currencyColumn` cell.
    case money(currencyColumn: String)
    /// An exact decimal quantity; shown with up to 6 fractional digits.
    case quantity
    /// A percentage with one decimal (`12.5` means 12.5 %).
    case percent
    /// An ISO 4217 code.
    case currency
}

/// One cell. Money and quantities are exact decimals; null is an absent value (a `(no object)` id).
public enum Cell: Sendable, Equatable, Hashable {
    case null
    case text(String)
    case int(Int)
    case decimal(ExactDecimal)
    case month(Month)
    case date(CivilDate)

    /// The text form for formats without types (CSV): exact decimals, `YYYY-MM`, empty for null.
    public var plainText: String {
        switch self {
        case .null: return ""
        case .text(let text): return text
        case .int(let value): return String(value)
        case .decimal(let value): return value.description
        case .month(let month): return month.description
        case .date(let date): return date.description
        }
    }

    public var decimalValue: ExactDecimal? {
        switch self {
        case .decimal(let value): return value
        case .int(let value): return try? ExactDecimal(value)
        default: return nil
        }
    }

    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    public var isNull: Bool { self == .null }
}

/// How a table is best drawn on a terminal. The columns named here are columns of the table.
public enum Presentation: Sendable, Equatable {
    /// A plain table.
    case table
    /// A trend over months: one chart per value of `split` (the currency), one series per `values`
    /// column; with two value columns the second gets its own right-hand axis (usage vs. price).
    case trend(month: String, values: [String], split: String?)
    /// Two series with a left and a right axis (object amount vs. charges), split per currency.
    case dualAxis(month: String, left: String, right: String, split: String?)
    /// Horizontal bars of `value` labelled by `label` (summaries: share of the total), per `split`.
    case bars(label: String, value: String, split: String?)
    /// Cards in a row (Total Invoicing, Draft Invoices, Sold Products).
    case cards
    /// A single record shown as `field: value` lines (contract, invoice and object details).
    case record
    /// A hierarchy in depth-first order (the organization tree): `label` drawn indented by the count
    /// column `level`, with tree connectors; consecutive rows with the same level and label (one per
    /// currency) are one node. `relation`, when given, names a text column whose `self` cell marks the
    /// node the context is on. Renderers other than the terminal table show the flat table.
    case tree(level: String, label: String, relation: String?)
}
