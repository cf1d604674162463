import CosModel
import Synchronization

/// Reads every file of an export, checks every rule of the contract, keys the rows, computes every
/// table of `StoreSchema` (rollups included) and, while no problem has been found, hands each
/// table's rows to the sink (`ImportSink`) in key order.
///
/// One pass per file. The dimension files (organizations ... invoices) are kept in memory as id → key
/// maps with the few attributes the checks need. Everything else streams: rows that must be reordered
/// (by organization, month, ...) or summed go through `RecordSorter` and `Aggregator`, which spill
/// sorted runs to scratch files, so memory does not grow with the number of tickets and events. The
/// ids of charge tickets and usage events are checked for uniqueness by `FactIDCheck`.
///
/// Decisions where the contract is silent (see docs/data-contract.md):
/// - `end_date` before `start_date`, `active_to` before `active_from` and `period_end` before
///   `period_start` are loaded as they are (such an object is never active).
/// - `amount` is not checked against `quantity × unit_price`: rating is not cos's job.
/// - A ticket's object need not belong to the ticket's contract's organization: the ticket counts for
///   the contract's organization.
/// - A usage event counts for its object's organization.
/// - An invoice's `total_amount` is not checked against its tickets.
final class ExportLoader {
    let directory: String
    let sink: ImportSink
    /// Runs every call to the sink, in order, beside the reading (`later`).
    let writer: WriterThread
    let scratch: ScratchSpace
    let progress: ProgressReporter
    @exclusivity(unchecked) var problems = ImportProblems()
    /// Rows read per file (rows with a sound CSV syntax).
    @exclusivity(unchecked) var rowCounts: [ExportFile: Int] = [:]
    /// The SHA-256 of every file, digested as it is read.
    let fingerprint = ExportFingerprint()
    /// Memory for sorting and summing, in bytes, shared by the structures of one file.
    let memoryBudget: Int
    /// Fact-id checks waiting for their candidate rows (`finishIDChecks`).
    var pendingIDChecks: [(ExportFile, CandidateBox)] = []

    let organizations = Dimension(file: .organizations)
    let contracts = Dimension(file: .contracts)
    let categories = Dimension(file: .productCategories)
    let products = Dimension(file: .products)
    let objectTypes = Dimension(file: .objectTypes)
    let profiles = Dimension(file: .objectProfiles)
    let objects = Dimension(file: .objects)
    let invoices = Dimension(file: .invoices)

    var contractOrganization = Attribute<Int32>(empty: 0)
    var contractCurrency = Attribute<UInt16>(empty: 0)
    var productCategory = Attribute<Int32>(empty: 0)
    var profileType = Attribute<Int32>(empty: 0)
    var objectOrganization = Attribute<Int32>(empty: 0)
    var objectType = Attribute<Int32>(empty: 0)
    var objectProfile = Attribute<Int32>(empty: 0)
    var invoiceOrganization = Attribute<Int32>(empty: 0)
    var invoiceCurrency = Attribute<UInt16>(empty: 0)

    /// Reused buffers.
    let record = RecordBuilder()
    let key = SortKey()
    @exclusivity(unchecked) var folded: [UInt8] = []

    init(
        directory: String, sink: ImportSink, writer: WriterThread, scratch: ScratchSpace, progress: ProgressReporter,
        memoryBudget: Int = 96 << 20
    ) {
        self.directory = directory
        self.sink = sink
        self.writer = writer
        self.scratch = scratch
        self.progress = progress
        self.memoryBudget = memoryBudget
    }

    /// True while the rows are worth writing: once the data set is known to be refused, rows are only
    /// checked (and fact ids still checked for uniqueness).
    var writing: Bool { problems.isEmpty }

    func dimension(_ file: ExportFile) -> Dimension? {
        switch file {
        case .organizations: organizations
        case .contracts: contracts
        case .productCategories: categories
        case .products: products
        case .objectTypes: objectTypes
        case .objectProfiles: profiles
        case .objects: objects
        case .invoices: invoices
        case .chargeTickets, .usageEvents: nil
        }
    }

    /// Reads every file in `ExportFile` order.
    func loadAll() throws {
        for file in ExportFile.allCases {
            let reader: ExportFileReader
            do {
                reader = try ExportFileReader(directory: directory, file: file, fingerprint: fingerprint)
                reader.dimension = dimension(file)
            } catch let error as CSVFileError {
                problems.add(file: file, line: error.line, error.description)
                dimension(file)?.available = false
                continue
            }
            progress.begin(file.fileName, reader: reader.csv)
            switch file {
            case .organizations: try loadOrganizations(reader)
            case .contracts: try loadContracts(reader)
            case .productCategories: try loadNamed(reader, categories, StoreSchema.productCategory)
            case .products: try loadProducts(reader)
            case .objectTypes: try loadNamed(reader, objectTypes, StoreSchema.objectType)
            case .objectProfiles: try loadProfiles(reader)
            case .objects: try loadObjects(reader)
            case .invoices: try loadInvoices(reader)
            case .chargeTickets: try loadChargeTickets(reader)
            case .usageEvents: try loadUsageEvents(reader)
            }
            noteProblems()
            progress.end()
        }
    }

    /// Counts a row, and lets the progress bar and the signal check run now and then.
    @inline(__always)
    func counted(_ file: ExportFile) throws {
        rowCounts[file, default: 0] += 1
        try progress.row()
    }

    /// Appends the folded key of column `column` to the record.
    @inline(__always)
    func appendFoldedKey(_ r: ExportFileReader, _ column: Int) {
        folded.removeAll(keepingCapacity: true)
        r.withBytes(column) { NameFolding.fold($0, into: &folded) }
        folded.withUnsafeBufferPointer { record.text($0) }
    }

    /// Appends column `column`'s text to the record, or NULL when it is null.
    @inline(__always)
    func appendText(_ r: ExportFileReader, _ column: Int) {
        if r.isNull(column) { record.null() } else { r.withBytes(column) { record.text($0) } }
    }

    /// Hands `job` to the writer thread, which runs it after the jobs handed over before. A job that
    /// writes tables stops early (and quietly) once the data is known to be refused.
    func later(_ job: @escaping () throws -> Void) throws {
        try writer.submit {
            do { try job() } catch is DataRefused {}
        }
    }

    /// Set once a problem was found: the rows written are thrown away with the store.
    let refused = Flag()

    final class Flag: @unchecked Sendable {
        private let value = Atomic<Bool>(false)
        func set() { value.store(true, ordering: .relaxed) }
        var isSet: Bool { value.load(ordering: .relaxed) }
    }

    /// Thrown inside a job that writes tables once the data is refused.
    struct DataRefused: Error {}

    /// Notes that the data is refused (at the end of each file's reading).
    func noteProblems() {
        if !problems.isEmpty { refused.set() }
    }

    /// A writer of a table's rows to the sink, for use in a job on the writer thread.
    func tableWriter(_ table: StoreTable) -> TableWriter {
        let writer = self.writer
        let refused = self.refused
        return TableWriter(table, sink: sink) {
            try ImportSignals.check()
            try writer.checkCancelled()
            if refused.isSet { throw DataRefused() }
        }
    }

    /// Sends every record of `sorter`, in key order, to `table` (on the writer thread).
    func drain(_ sorter: RecordSorter, into table: StoreTable) throws {
        let writer = tableWriter(table)
        try sorter.forEachSorted { _, row in try writer.add(record: row) }
        try writer.finish()
    }

    /// Hands a small table, collected while its file was read, to the sink (on the writer thread).
    func writeLater(_ batch: RowBatch) throws {
        let sink = self.sink
        try later {
            if !batch.isEmpty { try sink.write(batch) }
            try sink.endTable(batch.table)
        }
    }

    // MARK: Organizations

    private struct OrganizationRow {
        let k: Int
        let line: Int
        let id: String
        let name: String
        let number: String?
        let parentID: String?
    }

    /// Organizations are read whole first: a parent may come after its child.
    private func loadOrganizations(_ r: ExportFileReader) throws {
        var rows: [OrganizationRow] = []
        while try r.next(&problems) {
            try counted(.organizations)
            let id = r.required(0, &problems)
            organizations.register(r, hasID: id != nil, &problems)
            let name = r.required(1, &problems)
            rows.append(OrganizationRow(k: r.ordinal, line: r.line, id: id ?? "", name: name ?? "", number: r.text(2), parentID: r.text(3)))
        }
        var parent = Attribute<Int32>(empty: 0)
        for row in rows {
            guard let parentID = row.parentID else { continue }
            if let key = organizations.keys.find(parentID) {
                parent.set(row.k, Int32(key))
            } else {
                r.report(line: row.line, 3, value: parentID, "no row of organizations.csv has this id", &problems)
            }
        }
        checkCycles(rows.map(\.k), parent: parent, reader: r)
        guard writing else { return }
        try later {
            let writer = self.tableWriter(StoreSchema.organization)
            for row in rows {
                writer.record.int(row.k)
                writer.record.text(row.id)
                writer.record.text(row.name)
                writer.record.text(row.number)
                writer.record.key(Int(parent[row.k]))
                writer.record.text(NameFolding.fold(row.name))
                try writer.addRow()
            }
            try writer.finish()
        }
    }

    /// Reports each cycle of the organization tree once, on the row of its first member in the file.
    private func checkCycles(_ keys: [Int], parent: Attribute<Int32>, reader: ExportFileReader) {
        // 0: not seen, 1: on the current path, 2: done.
        var state = Attribute<UInt8>(empty: 0)
        for start in keys where state[start] == 0 {
            var path: [Int] = []
            var k = start
            while k != 0 && state[k] == 0 {
                state.set(k, 1)
                path.append(k)
                k = Int(parent[k])
            }
            if k != 0 && state[k] == 1, let at = path.firstIndex(of: k) {
                let cycle = Array(path[at...])
                let first = cycle.min() ?? k
                guard let offset = cycle.firstIndex(of: first) else { continue }
                let ordered = Array(cycle[offset...] + cycle[..<offset]) + [first]
                let names = ordered.map { organizations.id($0) }.joined(separator: " -> ")
                let line = organizations.line(first)
                reader.report(
                    line: line, 3, value: organizations.id(Int(parent[first])),
                    "the organization tree has a cycle (child -> parent): \(names)", &problems)
            }
            for p in path { state.set(p, 2) }
        }
    }

    // MARK: Other dimensions

    private func loadContracts(_ r: ExportFileReader) throws {
        let sorter = RecordSorter(budget: memoryBudget / 4, scratch: scratch)
        while try r.next(&problems) {
            try counted(.contracts)
            contracts.register(r, hasID: r.present(0, &problems), &problems)
            let organization = r.reference(1, to: organizations, required: true, &problems)
            _ = r.present(2, &problems)
            let currency = r.currencyCode(4, &problems)
            let start = r.date(5, required: true, &problems)
            let end = r.date(6, required: false, &problems)
            contractOrganization.set(r.ordinal, Int32(organization ?? 0))
            contractCurrency.set(r.ordinal, currency)
            guard writing else { continue }
            let org = organization ?? 0
            key.reset()
            key.int(org)
            key.int(r.ordinal)
            record.int(org)
            record.int(r.ordinal)
            r.withBytes(0) { record.text($0) }
            r.withBytes(2) { record.text($0) }
            appendText(r, 3)
            Currency.append(currency, to: record)
            record.int(Int64(start?.daysSinceEpoch ?? 0))
            record.int(end.map { Int64($0.daysSinceEpoch) })
            appendFoldedKey(r, 2)
            try sorter.add(key: key, record)
        }
        guard writing else { return }
        try later { try self.drain(sorter, into: StoreSchema.contract) }
    }

    /// Categories and object types: an id and a name.
    private func loadNamed(_ r: ExportFileReader, _ dimension: Dimension, _ table: StoreTable) throws {
        let writer = CollectedRows(table)
        while try r.next(&problems) {
            try counted(dimension.file)
            dimension.register(r, hasID: r.present(0, &problems), &problems)
            _ = r.present(1, &problems)
            guard writing else { continue }
            writer.record.int(r.ordinal)
            r.withBytes(0) { writer.record.text($0) }
            r.withBytes(1) { writer.record.text($0) }
            folded.removeAll(keepingCapacity: true)
            r.withBytes(1) { NameFolding.fold($0, into: &folded) }
            folded.withUnsafeBufferPointer { writer.record.text($0) }
            try writer.addRow()
        }
        guard writing else { return }
        try writeLater(writer.batch)
    }

    private func loadProducts(_ r: ExportFileReader) throws {
        let writer = CollectedRows(StoreSchema.product)
        while try r.next(&problems) {
            try counted(.products)
            products.register(r, hasID: r.present(0, &problems), &problems)
            _ = r.present(1, &problems)
            let category = r.reference(2, to: categories, required: true, &problems) ?? 0
            productCategory.set(r.ordinal, Int32(category))
            guard writing else { continue }
            writer.record.int(r.ordinal)
            r.withBytes(0) { writer.record.text($0) }
            r.withBytes(1) { writer.record.text($0) }
            writer.record.int(category)
            if r.isNull(3) { writer.record.null() } else { r.withBytes(3) { writer.record.text($0) } }
            folded.removeAll(keepingCapacity: true)
            r.withBytes(1) { NameFolding.fold($0, into: &folded) }
            folded.withUnsafeBufferPointer { writer.record.text($0) }
            try writer.addRow()
        }
        guard writing else { return }
        try writeLater(writer.batch)
    }

    private func loadProfiles(_ r: ExportFileReader) throws {
        let writer = CollectedRows(StoreSchema.objectProfile)
        while try r.next(&problems) {
            try counted(.objectProfiles)
            profiles.register(r, hasID: r.present(0, &problems), &problems)
            _ = r.present(1, &problems)
            let type = r.reference(2, to: objectTypes, required: true, &problems) ?? 0
            profileType.set(r.ordinal, Int32(type))
            guard writing else { continue }
            writer.record.int(r.ordinal)
            r.withBytes(0) { writer.record.text($0) }
            r.withBytes(1) { writer.record.text($0) }
            writer.record.int(type)
            folded.removeAll(keepingCapacity: true)
            r.withBytes(1) { NameFolding.fold($0, into: &folded) }
            folded.withUnsafeBufferPointer { writer.record.text($0) }
            try writer.addRow()
        }
        guard writing else { return }
        try writeLater(writer.batch)
    }

    private func loadObjects(_ r: ExportFileReader) throws {
        let sorter = RecordSorter(budget: memoryBudget / 3, scratch: scratch)
        // object_activity_delta: +1 at an object's first active month, -1 after its last.
        let activity = Aggregator(combines: [.sum], capacity: 1 << 16, scratch: scratch)
        while try r.next(&problems) {
            try counted(.objects)
            objects.register(r, hasID: r.present(0, &problems), &problems)
            _ = r.present(1, &problems)
            let organization = r.reference(2, to: organizations, required: true, &problems) ?? 0
            var contract = r.reference(3, to: contracts, required: false, &problems) ?? 0
            let type = r.reference(4, to: objectTypes, required: true, &problems) ?? 0
            var profile = r.reference(5, to: profiles, required: false, &problems) ?? 0
            let from = r.date(6, required: true, &problems)
            let to = r.date(7, required: false, &problems)
            if profile != 0, type != 0, profileType[profile] != 0, profileType[profile] != type {
                r.report(
                    5, "the profile is of object type \"\(objectTypes.id(Int(profileType[profile])))\", "
                        + "the object of type \"\(objectTypes.id(type))\"", &problems)
                profile = 0
            }
            if contract != 0, organization != 0, contractOrganization[contract] != 0,
                contractOrganization[contract] != organization
            {
                r.report(
                    3, "the contract belongs to organization \"\(organizations.id(Int(contractOrganization[contract])))\", "
                        + "the object to organization \"\(organizations.id(organization))\"", &problems)
                contract = 0
            }
            objectOrganization.set(r.ordinal, Int32(organization))
            objectType.set(r.ordinal, Int32(type))
            objectProfile.set(r.ordinal, Int32(profile))
            guard writing else { continue }
            let fromMonth = from?.monthValue.ordinal ?? 0
            let toMonth = to?.monthValue.ordinal
            key.reset()
            key.int(organization)
            key.int(r.ordinal)
            record.int(organization)
            record.int(r.ordinal)
            r.withBytes(0) { record.text($0) }
            r.withBytes(1) { record.text($0) }
            record.key(contract)
            record.int(type)
            record.key(profile)
            record.int(Int64(from?.daysSinceEpoch ?? 0))
            record.int(to.map { Int64($0.daysSinceEpoch) })
            record.int(fromMonth)
            record.int(toMonth.map { Int64($0) })
            appendFoldedKey(r, 1)
            try sorter.add(key: key, record)
            // Never active when it ends before it starts (by day: docs/data-contract.md).
            if let from, to.map({ $0.daysSinceEpoch >= from.daysSinceEpoch }) ?? true {
                try activity.add(SumKeys.organizationMonth(organization, fromMonth), 1)
                if let toMonth { try activity.add(SumKeys.organizationMonth(organization, toMonth + 1), -1) }
            }
        }
        guard writing else { return }
        try later {
            try self.drain(sorter, into: StoreSchema.object)
            let writer = self.tableWriter(StoreSchema.objectActivityDelta)
            try activity.forEachSorted { key, values in
                writer.record.int(Int(key.0 >> 32))
                writer.record.int(Int(key.0 & 0xFFFF_FFFF))
                writer.record.int(values[0])
                try writer.addRow()
            }
            try writer.finish()
        }
    }

    private func loadInvoices(_ r: ExportFileReader) throws {
        let sorter = RecordSorter(budget: memoryBudget / 3, scratch: scratch)
        let rollup = Aggregator(combines: [.sum, .sum], capacity: 1 << 16, scratch: scratch)
        while try r.next(&problems) {
            try counted(.invoices)
            invoices.register(r, hasID: r.present(0, &problems), &problems)
            let organization = r.reference(1, to: organizations, required: true, &problems) ?? 0
            _ = r.present(2, &problems)
            let date = r.date(3, required: true, &problems)
            var status: InvoiceStatus?
            if r.present(4, &problems) {
                status = r.withBytes(4) { InvoiceStatus(caseInsensitive: $0) }
                if status == nil { r.report(4, "not a status: draft, final or void", &problems) }
            }
            let currency = r.currencyCode(5, &problems)
            let total = r.decimal(6, required: true, &problems)
            invoiceOrganization.set(r.ordinal, Int32(organization))
            invoiceCurrency.set(r.ordinal, currency)
            guard writing, let status else { continue }
            let month = date?.monthValue.ordinal ?? 0
            key.reset()
            key.int(organization)
            key.int(r.ordinal)
            record.int(organization)
            record.int(r.ordinal)
            r.withBytes(0) { record.text($0) }
            r.withBytes(2) { record.text($0) }
            record.int(Int64(date?.daysSinceEpoch ?? 0))
            record.int(month)
            record.text(status.text)
            Currency.append(currency, to: record)
            record.int(total ?? 0)
            appendFoldedKey(r, 2)
            try sorter.add(key: key, record)
            try rollup.add(SumKeys.invoiceRollup(organization, month, status, currency), 1, total ?? 0)
        }
        guard writing else { return }
        try later {
            try self.drain(sorter, into: StoreSchema.invoice)
            let writer = self.tableWriter(StoreSchema.invoiceRollup)
            try rollup.forEachSorted { key, values in
                writer.record.int(Int(key.0 >> 32))
                writer.record.int(Int(key.0 & 0xFFFF_FFFF))
                writer.record.text(InvoiceStatus(rawValue: UInt8(key.1 >> 16))?.text ?? "")
                Currency.append(UInt16(truncatingIfNeeded: key.1), to: writer.record)
                writer.record.int(values[0])
                writer.record.int(values[1])
                try writer.addRow()
            }
            if rollup.overflowed != nil {
                if let problem = try self.invoiceSumOverflow(rollup.overflowedKeys) { throw problem }
                if rollup.overflowedKeys.count >= 64 { throw SumOverflow.tooMany("invoices.csv") }
            }
            try writer.finish()
        }
    }
}

/// The rows of a small table (categories, products, types, profiles), collected while its file is
/// read and handed to the sink afterwards.
final class CollectedRows {
    let batch: RowBatch
    let record = RecordBuilder()

    init(_ table: StoreTable) { batch = RowBatch(table: table) }

    func addRow() throws { batch.append(record) }
}

/// An invoice's status, in the order of its text.
enum InvoiceStatus: UInt8 {
    case draft = 0, final, void

    /// `draft`, `final` or `void` in any case.
    init?(caseInsensitive bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 4 || bytes.count == 5 else { return nil }
        var lower: [UInt8] = []
        for b in bytes { lower.append(b >= 65 && b <= 90 ? b + 32 : b) }
        switch String(decoding: lower, as: UTF8.self) {
        case "draft": self = .draft
        case "final": self = .final
        case "void": self = .void
        default: return nil
        }
    }

    var text: String {
        switch self {
        case .draft: "draft"
        case .final: "final"
        case .void: "void"
        }
    }
}

/// Currency codes (three letters A-Z) packed into 15 bits, five per letter, in alphabetical order;
/// 0 is no currency.
enum Currency {
    static func pack(_ upper: UnsafeBufferPointer<UInt8>) -> UInt16 {
        guard upper.count == 3 else { return 0 }
        return (UInt16(upper[0] - 64) << 10) | (UInt16(upper[1] - 64) << 5) | UInt16(upper[2] - 64)
    }

    static func text(_ code: UInt16) -> String {
        guard code != 0 else { return "" }
        let letters = [UInt8((code >> 10) & 31) + 64, UInt8((code >> 5) & 31) + 64, UInt8(code & 31) + 64]
        return String(decoding: letters, as: UTF8.self)
    }

    /// The code's three letters as a text value, or an empty text for none.
    static func append(_ code: UInt16, to record: RecordBuilder) {
        guard code != 0 else {
            record.text("")
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3) { letters in
            letters[0] = UInt8((code >> 10) & 31) + 64
            letters[1] = UInt8((code >> 5) & 31) + 64
            letters[2] = UInt8(code & 31) + 64
            record.text(UnsafeBufferPointer(letters))
        }
    }
}
