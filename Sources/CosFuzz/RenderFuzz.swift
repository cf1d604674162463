import CosModel
import CosQuery
import CosRender
import CosStore
import CosView
import Foundation

/// The renderers over random views: real views of the sample data (every kind the shell shows),
/// mutated by the input: texts replaced by nasty ones (control characters, wide and combining
/// characters, long runs), numbers by extremes (the Int64 limits, zero, ±1), months and dates moved
/// anywhere, rows dropped or repeated, the period changed, at a width of 1 to 300, in every format
/// and style. No crash; terminal formats carry no raw control character; JSON parses.
enum RenderFuzz {
    /// Views of the sample data (or of the tiny export when the sample data is not found), computed
    /// once per process.
    nonisolated(unsafe) static var baseViews: [View] = []

    static func loadBaseViews() {
        guard baseViews.isEmpty else { return }
        let db = FuzzStore.shared
        let overview = Overview(source: db)
        let meta = (try? db.metadata()) ?? [:]
        guard let asOf = meta["as_of"].flatMap({ CivilDate(parsing: $0) }) ?? CivilDate(year: 2026, month: 10, day: 31) else { return }
        let period = Period.defaultPeriod(asOf: asOf)
        func first(_ sql: String) -> Int64? {
            if case .integer(let k)? = try? db.scalar(sql) { return k }
            return nil
        }
        var views: [View] = []
        func add(_ make: () throws -> View) { if let view = try? make() { views.append(view) } }
        let org = first("SELECT organization_k FROM charge_ticket GROUP BY organization_k ORDER BY count(*) DESC LIMIT 1") ?? 1
        add { try overview.organization(org, asOf: asOf, period: period) }
        add { try overview.tree(org, asOf: asOf, period: period) }
        add { try overview.tickets(.organization(org), limit: 12, asOf: asOf, period: period) }
        add { try overview.start(recent: [org], asOf: asOf, period: period) }
        add { try overview.find("a", asOf: asOf, period: period) }
        if let category = first("SELECT category_k FROM charge_ticket WHERE organization_k = \(org) LIMIT 1") {
            add { try overview.category(organization: org, category: category, asOf: asOf, period: period) }
        }
        if let product = first("SELECT product_k FROM charge_ticket WHERE organization_k = \(org) LIMIT 1") {
            add { try overview.product(organization: org, product: product, asOf: asOf, period: period) }
        }
        if let object = first("SELECT object_k FROM object_month WHERE organization_k = \(org) LIMIT 1") {
            add { try overview.object(organization: org, object: object, asOf: asOf, period: period) }
        }
        if let contract = first("SELECT contract_k FROM charge_ticket WHERE organization_k = \(org) LIMIT 1") {
            add { try overview.contract(organization: org, contract: contract, asOf: asOf, period: period) }
        }
        if let invoice = first("SELECT invoice_k FROM charge_ticket WHERE organization_k = \(org) AND invoice_k IS NOT NULL LIMIT 1") {
            add { try overview.invoice(organization: org, invoice: invoice, asOf: asOf, period: period) }
        }
        if let type = first("SELECT object_type_k FROM charge_ticket WHERE organization_k = \(org) AND object_type_k IS NOT NULL LIMIT 1") {
            add { try overview.tickets(.objectType(organization: org, objectType: type), limit: 5, asOf: asOf, period: period) }
        }
        if views.isEmpty { FuzzCheck.fail("no view of the base data could be computed") }
        baseViews = views
    }

    static func run(_ bytes: [UInt8]) {
        loadBaseViews()
        var source = ByteSource(bytes)
        var view = baseViews[source.below(baseViews.count)]
        for _ in 0..<source.below(24) { mutate(&view, &source) }
        let width = 1 + source.below(300)
        renderAll(view, widths: [width], checkEveryFormat: true, source: &source)
    }

    static func renderAll(_ view: View, widths: [Int], checkEveryFormat: Bool) {
        var source = ByteSource([])
        renderAll(view, widths: widths, checkEveryFormat: checkEveryFormat, source: &source)
    }

    static func renderAll(_ view: View, widths: [Int], checkEveryFormat: Bool, source: inout ByteSource) {
        for width in widths {
            let height: Int? = source.bool() ? 1 + source.below(60) : nil
            let rowLimit: Int? = source.bool() ? source.below(30) : nil
            let data = source.bool() ? DataLabel(name: NastyText.make(&source), fingerprint: source.bool() ? "abc" : nil) : nil
            let command = NastyText.make(&source)
            for (format, unicode, color) in [
                (OutputFormat.table, true, false), (.table, false, false), (.table, true, true), (.markdown, true, false),
                (.json, true, false), (.csv, true, false),
            ] {
                let options = RenderOptions(
                    format: format, width: width, height: height, unicode: unicode, color: color, rowLimit: rowLimit,
                    command: command, data: data, full: source.bool())
                let text: String
                do { text = try Renderer.render(view, options: options) } catch { continue }
                check(text, format: format, color: color, what: "\(view.kind) \(format) width \(width)")
                if !checkEveryFormat { break }
            }
            let message = NastyText.make(&source)
            for format in OutputFormat.allCases {
                let options = RenderOptions(format: format, width: width, color: true, command: command)
                let outputs = [
                    Renderer.renderMessage(message, options: options), Renderer.renderError(message, options: options),
                    Renderer.renderList([message, NastyText.make(&source)], title: message, options: options),
                ]
                for (index, text) in outputs.enumerated() {
                    // Messages keep tabs; a list in CSV keeps its bytes.
                    if format == .csv && index == 2 { continue }
                    if format == .json {
                        if let problem = FuzzCheck.jsonProblem(text) { FuzzCheck.fail("message in JSON: \(problem)") }
                    } else if let raw = TerminalSafeText.firstRawControl(in: text, allowSGR: true, allowTab: index < 2) {
                        FuzzCheck.fail("message in \(format): \(raw)")
                    }
                }
            }
        }
    }

    static func check(_ text: String, format: OutputFormat, color: Bool, what: String) {
        switch format {
        case .table, .markdown:
            if let raw = TerminalSafeText.firstRawControl(in: text, allowSGR: color) { FuzzCheck.fail("\(what): \(raw)") }
        case .json:
            if let problem = FuzzCheck.jsonProblem(text) { FuzzCheck.fail("\(what): \(problem)") }
        case .csv:
            break
        }
    }

    // MARK: Mutations

    static let extremes: [Int64] = [Int64.max, Int64.min, Int64.min + 1, 0, 1, -1, 999_999, 1_000_000, -1_000_000,
        9_223_372_036_854_775_000, 5_000_000_000_000_000_000, -4_611_686_018_427_387_904]

    static func mutate(_ view: inout View, _ source: inout ByteSource) {
        switch source.below(9) {
        case 0: view.title = NastyText.make(&source)
        case 1: view.context = ContextPath(view.context.segments + [NastyText.make(&source)])
        case 2: view.notes.append(NastyText.make(&source))
        case 3:
            let from = Month(ordinal: Month.earliest.ordinal + source.below(9999 * 12))
            if let to = from.adding(months: source.below(40)), let period = Period(from: from, to: to) { view.period = period }
        default:
            guard !view.tables.isEmpty else { return }
            let t = source.below(view.tables.count)
            mutate(&view.tables[t], &source)
        }
    }

    static func mutate(_ table: inout ViewTable, _ source: inout ByteSource) {
        switch source.below(8) {
        case 0: table.title = NastyText.make(&source)
        case 1:
            guard !table.columns.isEmpty else { return }
            table.columns[source.below(table.columns.count)].heading = NastyText.make(&source)
        case 2:
            if !table.rows.isEmpty { table.rows.removeLast(1 + source.below(table.rows.count)) }
        case 3:
            if let row = table.rows.first { table.rows += Array(repeating: row, count: 1 + source.below(40)) }
        case 4:
            table.totalRows = source.bool() ? nil : source.below(100_000)
            table.pageOffset = source.bool() ? nil : source.below(1000)
        default:
            guard !table.rows.isEmpty, !table.columns.isEmpty else { return }
            let r = source.below(table.rows.count)
            let c = source.below(table.columns.count)
            guard c < table.rows[r].count else { return }
            table.rows[r][c] = cell(for: table.columns[c].kind, current: table.rows[r][c], &source)
        }
    }

    static func cell(for kind: ColumnKind, current: Cell, _ source: inout ByteSource) -> Cell {
        if source.below(8) == 0 { return .null }
        switch current {
        case .text: return .text(NastyText.make(&source))
        case .decimal: return .decimal(ExactDecimal(micros: source.bool() ? extremes[source.below(extremes.count)] : source.int64()))
        case .int: return .int(source.bool() ? Int(extremes[source.below(extremes.count)]) : Int(truncatingIfNeeded: source.int64()))
        case .month:
            // Anywhere, even outside the years a period allows: a renderer must not trap on any month.
            return .month(source.bool() ? Month(ordinal: Month.earliest.ordinal + source.below(9999 * 12)) : Month(ordinal: Int(truncatingIfNeeded: source.int64())))
        case .date:
            return .date(CivilDate(daysSinceEpoch: source.below(3_652_059) - 719_162))
        case .null:
            switch kind {
            case .text, .id, .currency: return .text(NastyText.make(&source))
            case .money, .quantity, .percent: return .decimal(ExactDecimal(micros: extremes[source.below(extremes.count)]))
            case .count: return .int(Int(extremes[source.below(extremes.count)]))
            case .month: return .month(Month(ordinal: Month.earliest.ordinal + source.below(9999 * 12)))
            case .date: return .date(CivilDate(daysSinceEpoch: source.below(3_652_059) - 719_162))
            }
        }
    }
}

/// The store the command and render targets read: the sample data imported once per process into a
/// temporary file that is unlinked once open (else the tiny export).
enum FuzzStore {
    static let shared: Database = {
        let directory = FuzzPaths.temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var source = FuzzPaths.sampleData
        if source == nil {
            let tiny = directory + "/tiny"
            try? FileManager.default.createDirectory(atPath: tiny, withIntermediateDirectories: true)
            for (name, text) in TinyExport.files { _ = FileManager.default.createFile(atPath: tiny + "/" + name, contents: Data(text.utf8)) }
            source = tiny
        }
        guard let source else { FuzzCheck.fail("no data") }
        do {
            _ = try Importer(directory: source, destination: directory + "/store.cos").run()
            return try StoreFile.open(path: directory + "/store.cos")
        } catch {
            FuzzCheck.fail("the base data does not import: \(error)")
        }
    }()
}
