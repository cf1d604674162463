import CosModel

/// Reads every file of an export, checks every rule of the contract and, while no problem has been
/// found, writes the rows into the (temporary) store.
///
/// One pass per file. The dimension files (organizations ... invoices) are kept in memory as id → key
/// maps with the few attributes the checks need; charge tickets and usage events go straight to the
/// store, and their ids' uniqueness is checked there afterwards (`DuplicateCheck`).
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
    let db: Database
    let progress: ProgressReporter
    var problems = ImportProblems()
    /// Rows read per file (rows with a sound CSV syntax).
    var rowCounts: [ExportFile: Int] = [:]
    /// The SHA-256 of every file, digested as it is read.
    let fingerprint = ExportFingerprint()

    let organizations = Dimension(file: .organizations)
    let contracts = Dimension(file: .contracts)
    let categories = Dimension(file: .productCategories)
    let products = Dimension(file: .products)
    let objectTypes = Dimension(file: .objectTypes)
    let profiles = Dimension(file: .objectProfiles)
    let objects = Dimension(file: .objects)
    let invoices = Dimension(file: .invoices)

    var contractOrganization = Attribute<Int>(empty: 0)
    var contractCurrency = Attribute<String?>(empty: nil)
    var productCategory = Attribute<Int>(empty: 0)
    var profileType = Attribute<Int>(empty: 0)
    var objectOrganization = Attribute<Int>(empty: 0)
    var objectType = Attribute<Int>(empty: 0)
    var objectProfile = Attribute<Int>(empty: 0)
    var invoiceOrganization = Attribute<Int>(empty: 0)
    var invoiceCurrency = Attribute<String?>(empty: nil)

    init(directory: String, db: Database, progress: ProgressReporter) {
        self.directory = directory
        self.db = db
        self.progress = progress
    }

    /// True while the rows are worth writing: once the data set is known to be refused, dimension rows
    /// are only checked. Facts are always written (placeholders where a value is bad) so that their
    /// ids' uniqueness can still be checked in the store.
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
            case .productCategories: try loadNamed(reader, categories, "INSERT INTO product_category(k, id, name) VALUES(?, ?, ?)")
            case .products: try loadProducts(reader)
            case .objectTypes: try loadNamed(reader, objectTypes, "INSERT INTO object_type(k, id, name) VALUES(?, ?, ?)")
            case .objectProfiles: try loadProfiles(reader)
            case .objects: try loadObjects(reader)
            case .invoices: try loadInvoices(reader)
            case .chargeTickets: try loadChargeTickets(reader)
            case .usageEvents: try loadUsageEvents(reader)
            }
            progress.end()
        }
    }

    /// Counts a row, and lets the progress bar and the signal check run now and then.
    @inline(__always)
    func counted(_ file: ExportFile) throws {
        rowCounts[file, default: 0] += 1
        try progress.row()
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
            organizations.register(r, id: id, &problems)
            let name = r.required(1, &problems)
            rows.append(OrganizationRow(k: r.ordinal, line: r.line, id: id ?? "", name: name ?? "", number: r.text(2), parentID: r.text(3)))
        }
        var parent = Attribute<Int>(empty: 0)
        for row in rows {
            guard let parentID = row.parentID else { continue }
            if let key = organizations.keys.find(parentID) {
                parent.set(row.k, key)
            } else {
                r.report(line: row.line, 3, value: parentID, "no row of organizations.csv has this id", &problems)
            }
        }
        checkCycles(rows.map(\.k), parent: parent, reader: r)
        guard writing else { return }
        let insert = try db.statement(
            "INSERT INTO organization(k, id, name, number, parent_k, search_name) VALUES(?, ?, ?, ?, ?, ?)")
        for row in rows {
            insert.bind(int: Int64(row.k), at: 1)
            insert.bind(text: row.id, at: 2)
            insert.bind(text: row.name, at: 3)
            insert.bind(optionalText: row.number, at: 4)
            let p = parent[row.k]
            insert.bind(optional: p == 0 ? nil : Int64(p), at: 5)
            insert.bind(text: TextFolding.fold(row.name), at: 6)
            try insert.runAndReset()
        }
    }

    /// Reports each cycle of the organization tree once, on the row of its first member in the file.
    private func checkCycles(_ keys: [Int], parent: Attribute<Int>, reader: ExportFileReader) {
        // 0: not seen, 1: on the current path, 2: done.
        var state = Attribute<UInt8>(empty: 0)
        for start in keys where state[start] == 0 {
            var path: [Int] = []
            var k = start
            while k != 0 && state[k] == 0 {
                state.set(k, 1)
                path.append(k)
                k = parent[k]
            }
            if k != 0 && state[k] == 1, let at = path.firstIndex(of: k) {
                let cycle = Array(path[at...])
                let first = cycle.min() ?? k
                guard let offset = cycle.firstIndex(of: first) else { continue }
                let ordered = Array(cycle[offset...] + cycle[..<offset]) + [first]
                let names = ordered.map { organizations.id($0) }.joined(separator: " -> ")
                let line = organizations.lines[first - 1]
                reader.report(
                    line: line, 3, value: organizations.id(parent[first]),
                    "the organization tree has a cycle (child -> parent): \(names)", &problems)
            }
            for p in path { state.set(p, 2) }
        }
    }

    // MARK: Other dimensions

    private func loadContracts(_ r: ExportFileReader) throws {
        let insert = try db.statement(
            "INSERT INTO contract(k, id, organization_k, number, name, currency, start_date, end_date) VALUES(?, ?, ?, ?, ?, ?, ?, ?)")
        while try r.next(&problems) {
            try counted(.contracts)
            let id = r.required(0, &problems)
            contracts.register(r, id: id, &problems)
            let organization = r.reference(1, to: organizations, required: true, &problems)
            _ = r.present(2, &problems)
            let currency = r.currency(4, &problems)
            _ = r.date(5, required: true, &problems)
            _ = r.date(6, required: false, &problems)
            contractOrganization.set(r.ordinal, organization ?? 0)
            contractCurrency.set(r.ordinal, currency)
            guard writing else { continue }
            insert.bind(int: Int64(r.ordinal), at: 1)
            r.withBytes(0) { insert.bind(bytes: $0, at: 2) }
            insert.bind(int: Int64(organization ?? 0), at: 3)
            r.withBytes(2) { insert.bind(bytes: $0, at: 4) }
            insert.bind(optionalText: r.text(3), at: 5)
            insert.bind(text: currency ?? "", at: 6)
            r.withBytes(5) { insert.bind(bytes: $0, at: 7) }
            insert.bind(optionalText: r.text(6), at: 8)
            try insert.runAndReset()
        }
    }

    /// Categories and object types: an id and a name.
    private func loadNamed(_ r: ExportFileReader, _ dimension: Dimension, _ sql: String) throws {
        let insert = try db.statement(sql)
        while try r.next(&problems) {
            try counted(dimension.file)
            dimension.register(r, id: r.required(0, &problems), &problems)
            _ = r.present(1, &problems)
            guard writing else { continue }
            insert.bind(int: Int64(r.ordinal), at: 1)
            r.withBytes(0) { insert.bind(bytes: $0, at: 2) }
            r.withBytes(1) { insert.bind(bytes: $0, at: 3) }
            try insert.runAndReset()
        }
    }

    private func loadProducts(_ r: ExportFileReader) throws {
        let insert = try db.statement("INSERT INTO product(k, id, name, category_k, unit) VALUES(?, ?, ?, ?, ?)")
        while try r.next(&problems) {
            try counted(.products)
            products.register(r, id: r.required(0, &problems), &problems)
            _ = r.present(1, &problems)
            let category = r.reference(2, to: categories, required: true, &problems) ?? 0
            productCategory.set(r.ordinal, category)
            guard writing else { continue }
            insert.bind(int: Int64(r.ordinal), at: 1)
            r.withBytes(0) { insert.bind(bytes: $0, at: 2) }
            r.withBytes(1) { insert.bind(bytes: $0, at: 3) }
            insert.bind(int: Int64(category), at: 4)
            insert.bind(optionalText: r.text(3), at: 5)
            try insert.runAndReset()
        }
    }

    private func loadProfiles(_ r: ExportFileReader) throws {
        let insert = try db.statement("INSERT INTO object_profile(k, id, name, object_type_k) VALUES(?, ?, ?, ?)")
        while try r.next(&problems) {
            try counted(.objectProfiles)
            profiles.register(r, id: r.required(0, &problems), &problems)
            _ = r.present(1, &problems)
            let type = r.reference(2, to: objectTypes, required: true, &problems) ?? 0
            profileType.set(r.ordinal, type)
            guard writing else { continue }
            insert.bind(int: Int64(r.ordinal), at: 1)
            r.withBytes(0) { insert.bind(bytes: $0, at: 2) }
            r.withBytes(1) { insert.bind(bytes: $0, at: 3) }
            insert.bind(int: Int64(type), at: 4)
            try insert.runAndReset()
        }
    }

    private func loadObjects(_ r: ExportFileReader) throws {
        let insert = try db.statement(
            """
            INSERT INTO object(k, id, name, organization_k, contract_k, object_type_k, object_profile_k,
                               active_from, active_to, from_month, to_month)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        while try r.next(&problems) {
            try counted(.objects)
            objects.register(r, id: r.required(0, &problems), &problems)
            _ = r.present(1, &problems)
            let organization = r.reference(2, to: organizations, required: true, &problems) ?? 0
            var contract = r.reference(3, to: contracts, required: false, &problems) ?? 0
            let type = r.reference(4, to: objectTypes, required: true, &problems) ?? 0
            var profile = r.reference(5, to: profiles, required: false, &problems) ?? 0
            let from = r.date(6, required: true, &problems)
            let to = r.date(7, required: false, &problems)
            if profile != 0, type != 0, profileType[profile] != 0, profileType[profile] != type {
                r.report(
                    5, "the profile is of object type \"\(objectTypes.id(profileType[profile]))\", "
                        + "the object of type \"\(objectTypes.id(type))\"", &problems)
                profile = 0
            }
            if contract != 0, organization != 0, contractOrganization[contract] != 0,
                contractOrganization[contract] != organization
            {
                r.report(
                    3, "the contract belongs to organization \"\(organizations.id(contractOrganization[contract]))\", "
                        + "the object to organization \"\(organizations.id(organization))\"", &problems)
                contract = 0
            }
            objectOrganization.set(r.ordinal, organization)
            objectType.set(r.ordinal, type)
            objectProfile.set(r.ordinal, profile)
            guard writing else { continue }
            insert.bind(int: Int64(r.ordinal), at: 1)
            r.withBytes(0) { insert.bind(bytes: $0, at: 2) }
            r.withBytes(1) { insert.bind(bytes: $0, at: 3) }
            insert.bind(int: Int64(organization), at: 4)
            insert.bind(optional: contract == 0 ? nil : Int64(contract), at: 5)
            insert.bind(int: Int64(type), at: 6)
            insert.bind(optional: profile == 0 ? nil : Int64(profile), at: 7)
            r.withBytes(6) { insert.bind(bytes: $0, at: 8) }
            insert.bind(optionalText: to?.description, at: 9)
            insert.bind(int: Int64(from?.monthValue.ordinal ?? 0), at: 10)
            insert.bind(optional: to.map { Int64($0.monthValue.ordinal) }, at: 11)
            try insert.runAndReset()
        }
    }

    private func loadInvoices(_ r: ExportFileReader) throws {
        let insert = try db.statement(
            """
            INSERT INTO invoice(k, id, organization_k, number, invoice_date, month, status, currency, total_amount)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        while try r.next(&problems) {
            try counted(.invoices)
            invoices.register(r, id: r.required(0, &problems), &problems)
            let organization = r.reference(1, to: organizations, required: true, &problems) ?? 0
            _ = r.present(2, &problems)
            let date = r.date(3, required: true, &problems)
            var status: String?
            if r.present(4, &problems) {
                let lower = r.string(4).lowercased()
                if lower == "draft" || lower == "final" || lower == "void" {
                    status = lower
                } else {
                    r.report(4, "not a status: draft, final or void", &problems)
                }
            }
            let currency = r.currency(5, &problems)
            let total = r.decimal(6, required: true, &problems)
            invoiceOrganization.set(r.ordinal, organization)
            invoiceCurrency.set(r.ordinal, currency)
            guard writing else { continue }
            insert.bind(int: Int64(r.ordinal), at: 1)
            r.withBytes(0) { insert.bind(bytes: $0, at: 2) }
            insert.bind(int: Int64(organization), at: 3)
            r.withBytes(2) { insert.bind(bytes: $0, at: 4) }
            r.withBytes(3) { insert.bind(bytes: $0, at: 5) }
            insert.bind(int: Int64(date?.monthValue.ordinal ?? 0), at: 6)
            insert.bind(text: status ?? "", at: 7)
            insert.bind(text: currency ?? "", at: 8)
            insert.bind(int: total ?? 0, at: 9)
            try insert.runAndReset()
        }
    }
}
