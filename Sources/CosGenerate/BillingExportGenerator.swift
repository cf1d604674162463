import CosModel
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one billing export: the nine CSV files of the data contract and `manifest.json`.
///
/// Organizations are generated one at a time and streamed to the files, so memory stays bounded however
/// large the run: only the current organization's invoice totals are held. Each organization draws from
/// its own random stream, derived from the seed and its position, so the output depends on the options
/// alone.
public final class BillingExportGenerator {
    /// Writes the export described by `options` and returns what was written.
    public static func generate(_ options: GenerateOptions) throws(GenerateError) -> GenerationSummary {
        try prepareDirectory(options)
        let generator = try BillingExportGenerator(options)
        return try generator.run()
    }

    // MARK: Run state

    private let options: GenerateOptions
    private let catalog = Catalog.standard
    private let months: [MonthInfo]
    private let monthCount: Int
    private let plans: [OrganizationPlan]

    private let organizations: CSVOutput
    private let contracts: CSVOutput
    private let categories: CSVOutput
    private let products: CSVOutput
    private let objectTypes: CSVOutput
    private let objectProfiles: CSVOutput
    private let objects: CSVOutput
    private let usageEvents: CSVOutput
    private let chargeTickets: CSVOutput
    private let invoices: CSVOutput

    private var contractSequence = 0
    private var objectSequence = 0
    private var ticketSequence = 0
    private var eventSequence = 0
    private var invoiceSequence = 0
    /// Planted tickets take ids from 90,000,001 up, outside the sequence, so that no other id moves.
    private var plantSequence = 90_000_000
    private var summary = GenerationSummary()

    /// Product ids as bytes, by catalogue index.
    private let productIDs: [[UInt8]]

    /// A month of the run: month 0 is the first, `monthCount - 1` the as-of month.
    struct MonthInfo {
        let year: Int
        let month: Int
        let days: Int
        /// Days usage can happen on: the whole month, except the as-of month, which ends on the as-of date.
        let lastUsageDay: Int
        /// Swedish local time: +02:00 in summer (April to October), +01:00 otherwise.
        let offsetHours: Int
        let lastDayEpoch: Int
    }

    private init(_ options: GenerateOptions) throws(GenerateError) {
        self.options = options
        monthCount = options.months
        let asOfMonth = options.asOf.monthValue
        var infos: [MonthInfo] = []
        for m in 0..<options.months {
            let month = asOfMonth.advanced(by: m - (options.months - 1))
            let days = CivilDate.daysIn(year: month.year, month: month.month)
            infos.append(
                MonthInfo(
                    year: month.year, month: month.month, days: days,
                    lastUsageDay: m == options.months - 1 ? options.asOf.day : days,
                    offsetHours: (4...10).contains(month.month) ? 2 : 1,
                    lastDayEpoch: month.lastDay.daysSinceEpoch))
        }
        months = infos
        plans = OrganizationPlan.plan(count: options.organizations, scale: options.scale, seed: options.seed)
        productIDs = catalog.products.map { Array($0.id.utf8) }

        let directory = options.outputDirectory
        func file(_ name: String, _ header: [String]) throws(GenerateError) -> CSVOutput {
            try CSVOutput(path: directory + "/" + name, header: header)
        }
        organizations = try file("organizations.csv", ["id", "number", "name", "parent_id"])
        contracts = try file(
            "contracts.csv", ["id", "organization_id", "number", "name", "currency", "start_date", "end_date"])
        categories = try file("product_categories.csv", ["id", "name"])
        products = try file("products.csv", ["id", "name", "category_id", "unit"])
        objectTypes = try file("object_types.csv", ["id", "name"])
        objectProfiles = try file("object_profiles.csv", ["id", "object_type_id", "name"])
        objects = try file(
            "objects.csv",
            ["id", "organization_id", "contract_id", "object_type_id", "object_profile_id", "name", "active_from", "active_to"])
        usageEvents = try file("usage_events.csv", ["id", "object_id", "product_id", "occurred_at", "quantity"])
        chargeTickets = try file(
            "charge_tickets.csv",
            ["id", "contract_id", "object_id", "product_id", "period_start", "period_end", "quantity", "unit_price", "amount", "invoice_id"])
        // `due_date` is not in the contract: readers must ignore unknown columns.
        invoices = try file(
            "invoices.csv",
            ["id", "organization_id", "number", "invoice_date", "due_date", "status", "currency", "total_amount"])
    }

    private static func prepareDirectory(_ options: GenerateOptions) throws(GenerateError) {
        let path = options.outputDirectory
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw GenerateError.cannotWrite(path: path, reason: "it exists and is not a directory")
            }
            let entries = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            if !entries.isEmpty && !options.force { throw GenerateError.outputNotEmpty(path: path) }
        } else {
            do {
                try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw GenerateError.cannotWrite(path: path, reason: "the directory cannot be created")
            }
        }
    }

    private func run() throws(GenerateError) -> GenerationSummary {
        writeCatalog()
        for plan in plans {
            try generateOrganization(plan)
        }
        let outputs = [
            organizations, contracts, categories, products, objectTypes, objectProfiles, objects, usageEvents,
            chargeTickets, invoices,
        ]
        for output in outputs {
            try output.finish()
            let name = String(output.path.split(separator: "/").last ?? "")
            summary.files.append(GenerationSummary.File(name: name, rows: output.rows, bytes: output.bytes))
        }
        let manifest = try writeManifest()
        summary.files.append(GenerationSummary.File(name: "manifest.json", rows: 0, bytes: manifest))
        return summary
    }

    private func writeManifest() throws(GenerateError) -> Int {
        func escaped(_ text: String) -> String {
            var result = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": result += "\\\""
                case "\\": result += "\\\\"
                case "\n": result += "\\n"
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result
        }
        let text = "{\"as_of\": \"\(options.asOf)\", \"name\": \"\(escaped(options.name))\"}\n"
        let path = options.outputDirectory + "/manifest.json"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw GenerateError.cannotWrite(path: path, reason: "\(error.localizedDescription)")
        }
        return text.utf8.count
    }

    private func writeCatalog() {
        for category in catalog.categories {
            categories.text(category.id)
            categories.comma()
            categories.field(category.name)
            categories.endRow()
        }
        for product in catalog.products {
            products.text(product.id)
            products.comma()
            products.field(product.name)
            products.comma()
            products.text(product.categoryID)
            products.comma()
            if let unit = product.unit { products.text(unit) }
            products.endRow()
        }
        for type in catalog.types {
            objectTypes.text(type.id)
            objectTypes.comma()
            objectTypes.field(type.name)
            objectTypes.endRow()
            for profile in type.profiles {
                objectProfiles.text(profile.id)
                objectProfiles.comma()
                objectProfiles.text(type.id)
                objectProfiles.comma()
                objectProfiles.field(profile.name)
                objectProfiles.endRow()
            }
        }
    }

    // MARK: One organization

    /// The running state of the organization being generated.
    private struct OrganizationState {
        let plan: OrganizationPlan
        var random: RandomSource
        var contractIDs: [[UInt8]] = []
        var contractCurrency: [BillingCurrency] = []
        var contractWeights: [Double] = []
        /// Invoice totals and ticket counts by currency slot and month.
        var totals: [Int64]
        var counts: [Int]
        var invoiceIDs: [[UInt8]?]
        let monthCount: Int
        /// Tickets written for this organization (the duplicate plant copies one by its number).
        var ticketsWritten = 0
        /// Whether the object-month, object-life and void-invoice plants of this organization are done.
        var plantedUnbilled = false
        var plantedAfterLife = false
        var plantedBeforeLife = false

        init(plan: OrganizationPlan, seed: UInt64, monthCount: Int) {
            self.plan = plan
            random = RandomSource(seed: seed, stream: UInt64(plan.index) + 1)
            self.monthCount = monthCount
            let cells = plan.currencies.count * monthCount
            totals = Array(repeating: 0, count: cells)
            counts = Array(repeating: 0, count: cells)
            invoiceIDs = Array(repeating: nil, count: cells)
        }

        func slot(_ currency: BillingCurrency) -> Int { plan.currencies.firstIndex(of: currency) ?? 0 }
    }

    private enum InvoiceStatus { case none, draft, final }

    private func status(ofMonth m: Int, _ plan: OrganizationPlan) -> InvoiceStatus {
        if m >= monthCount - 1 { return .none }
        if m == monthCount - 2 { return .draft }
        if m == monthCount - 3 && plan.lateApproval { return .draft }
        return .final
    }

    private func generateOrganization(_ plan: OrganizationPlan) throws(GenerateError) {
        var state = OrganizationState(plan: plan, seed: options.seed, monthCount: monthCount)
        let orgID = Array(plan.id.utf8)

        organizations.raw(orgID)
        organizations.comma()
        if let number = plan.number { organizations.field(number) }
        organizations.comma()
        organizations.field(plan.name)
        organizations.comma()
        if let parent = plan.parent { organizations.text(plans[parent].id) }
        organizations.endRow()

        writeContracts(&state, orgID)

        for _ in 0..<plan.objectCount {
            try generateObject(&state, orgID)
        }
        if plan.objectCount > 0 {
            try generateOrganizationCharges(&state)
        }
        writeInvoices(&state, orgID)
    }

    private func writeContracts(_ state: inout OrganizationState, _ orgID: [UInt8]) {
        let plan = state.plan
        var count: Int
        if plan.currencies.count > 1 {
            count = 2 + (state.random.chance(0.3) ? 1 : 0)
        } else {
            count = 1 + (state.random.chance(0.35) ? 1 : 0) + (state.random.chance(0.15) ? 1 : 0)
        }
        count = min(count, 3)
        let firstMonth = Month(year: months[0].year, month: months[0].month)
        for k in 0..<count {
            contractSequence += 1
            let currency = k == 1 && plan.currencies.count > 1 ? plan.currencies[1] : plan.currencies[0]
            let id = Array(OrganizationPlan.padded(contractSequence, width: 6).utf8)
            state.contractIDs.append(id)
            state.contractCurrency.append(currency)
            state.contractWeights.append(k == 0 ? 0.7 : (k == 1 ? (plan.currencies.count > 1 ? 0.35 : 0.2) : 0.1))
            let start = firstMonth.advanced(by: -state.random.inRange(1...48))

            contracts.raw(id)
            contracts.comma()
            contracts.raw(orgID)
            contracts.comma()
            contracts.text("K-")
            contracts.int(start.year)
            contracts.text("-")
            contracts.padded(contractSequence, width: 5)
            contracts.comma()
            contracts.field(contractName(plan, k, currency, &state.random) ?? "")
            contracts.comma()
            contracts.text(currency.code)
            contracts.comma()
            contracts.date(start.year, start.month, 1)
            contracts.comma()
            if state.random.chance(0.25) {
                let end = Month(year: options.asOf.year, month: options.asOf.month).advanced(by: state.random.inRange(1...36))
                contracts.date(end.year, end.month, CivilDate.daysIn(year: end.year, month: end.month))
            }
            contracts.endRow()
        }
        if Plants.endedContract(plan) {
            // Planted: a contract that ended before the months of the run, which two tickets still use
            // (audit: outside_contract). Its id is not from the sequence, so no other id moves.
            let id = Array("ENDED-\(plan.id)".utf8)
            state.contractIDs.append(id)
            state.contractCurrency.append(plan.currencies[0])
            contracts.raw(id)
            contracts.comma()
            contracts.raw(orgID)
            contracts.comma()
            contracts.text("K-2022-ENDED")
            contracts.comma()
            contracts.field("Old framework agreement (ended)")
            contracts.comma()
            contracts.text(plan.currencies[0].code)
            contracts.comma()
            contracts.text("2022-01-01")
            contracts.comma()
            contracts.text("2023-12-31")
            contracts.endRow()
        }
    }

    private func contractName(_ plan: OrganizationPlan, _ k: Int, _ currency: BillingCurrency, _ random: inout RandomSource) -> String? {
        // A name with quotes and a line break, which a reader must take as one field.
        if plan.index == 3 && k == 0 { return "Master agreement\nAppendix 2: \"Cloud\" services" }
        if random.chance(0.1) { return nil }
        switch currency {
        case .eur: return random.pick(["Rahmenvertrag Cloud", "Servicevertrag IT", "Contratto quadro", "Framework agreement, EU"])
        case .jpy: return "Tokyo office services"
        case .sek:
            return random.pick([
                "Ramavtal IT-drift", "Mobilavtal", "Cloud Services Agreement", "Avtal Mobil, Bredband",
                "Ramavtal Säkerhet", "Licensavtal Microsoft", "Driftavtal Nätverk",
            ])
        }
    }

    // MARK: Objects

    private static let sites = ["sto", "gbg", "mmo", "ume", "hel", "osl", "fra", "cph"]
    private static let roles = ["web", "db", "app", "mail", "file", "ad", "vpn", "build", "crm", "erp", "backup"]
    private static let firstNames = [
        "anna", "åsa", "björn", "jörg", "maría", "léa", "øystein", "erik", "sofia", "mikael", "zoë", "jürgen",
        "chiara", "noé", "lars", "karin", "per", "ingrid", "ola", "märta",
    ]
    private static let lastNames = [
        "svensson", "öberg", "ström", "müller", "peña", "lindqvist", "dahl", "nyström", "håkansson", "rossi",
        "andersson", "berg", "ek", "sjöholm",
    ]
    private static let streets = ["Storgatan", "Kungsgatan", "Drottninggatan", "Västra Hamngatan", "Sveavägen", "Industrivägen"]
    private static let cities = ["Stockholm", "Göteborg", "Malmö", "Umeå", "Örebro", "Luleå", "Västerås"]

    private func objectName(_ naming: Catalog.Naming, _ random: inout RandomSource) -> String {
        func two(_ n: Int) -> String { OrganizationPlan.padded(n, width: 2) }
        switch naming {
        case .server:
            return "srv-" + random.pick(Self.sites) + "-" + random.pick(Self.roles) + two(random.inRange(1...40))
        case .phone:
            return "+46 7" + String(random.pick([0, 2, 3, 6, 9])) + "-" + OrganizationPlan.padded(random.below(1000), width: 3)
                + " " + two(random.below(100)) + " " + two(random.below(100))
        case .seat:
            return "Microsoft 365 – " + random.pick(Self.firstNames) + "." + random.pick(Self.lastNames)
        case .router:
            return "rtr-" + random.pick(Self.sites) + "-" + two(random.inRange(1...20))
        case .volume:
            return "vol-" + random.pick(Self.roles) + "-" + two(random.inRange(1...30))
        case .fibre:
            return random.pick(Self.streets) + " " + String(random.inRange(1...120)) + ", " + random.pick(Self.cities)
        case .firewall:
            return "fw-" + random.pick(Self.sites) + "-" + two(random.inRange(1...9))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A UUID-shaped id (version 4 layout) from two random words.
    static func uuid(_ high: UInt64, _ low: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        var nibbles: [UInt8] = []
        nibbles.reserveCapacity(32)
        for shift in stride(from: 60, through: 0, by: -4) { nibbles.append(UInt8((high >> UInt64(shift)) & 15)) }
        for shift in stride(from: 60, through: 0, by: -4) { nibbles.append(UInt8((low >> UInt64(shift)) & 15)) }
        nibbles[12] = 4
        nibbles[16] = 8 | (nibbles[16] & 3)
        for (index, nibble) in nibbles.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(hexDigits[Int(nibble)])
        }
        return bytes
    }

    private func objectID(_ naming: Catalog.Naming, _ random: inout RandomSource) -> [UInt8] {
        switch naming {
        case .phone:
            return Array(("SUB-" + OrganizationPlan.padded(objectSequence, width: 7)).utf8)
        case .router, .fibre:
            return Array(String(100_000 + objectSequence).utf8)
        default:
            return Self.uuid(random.next(), random.next())
        }
    }

    /// Mean lifetime of an object in months: sized so that the large profile's million objects carry
    /// about ten million charge tickets.
    private static let meanLifetimeMonths = 8.6

    private func generateObject(_ state: inout OrganizationState, _ orgID: [UInt8]) throws(GenerateError) {
        objectSequence += 1
        let type = catalog.types[state.random.weightedIndex(catalog.typeWeights)]
        var profile: Catalog.Profile?
        if !type.profiles.isEmpty && !state.random.chance(type.noProfileChance) {
            profile = type.profiles[state.random.weightedIndex(type.profiles.map(\.weight))]
        }
        let contract = state.random.weightedIndex(state.contractWeights)
        let withoutContract = state.random.chance(0.02)
        let id = objectID(type.naming, &state.random)
        let name = objectName(type.naming, &state.random)

        // Lifetime in months relative to the first month of the run; it may start before the run.
        let first = state.random.inRange(-6...(monthCount - 1))
        let u = state.random.fraction()
        var last = first + Int(-log(1 - u) * Self.meanLifetimeMonths)
        if last < 0 { last = state.random.inRange(0...min(monthCount - 1, 2)) }
        let firstMonth = Month(year: months[0].year, month: months[0].month).advanced(by: first)
        let startDay: Int
        if state.random.chance(0.4) {
            startDay = 1
        } else {
            let limit = first == monthCount - 1 ? max(1, options.asOf.day) : 28
            startDay = state.random.inRange(1...limit)
        }
        var endDay = 0
        var openEnded = false
        var futureEnd: Month?
        if last >= monthCount - 1 {
            last = monthCount - 1
            if state.random.chance(0.85) {
                openEnded = true
            } else {
                futureEnd = Month(year: options.asOf.year, month: options.asOf.month).advanced(by: state.random.inRange(1...24))
            }
        } else {
            let days = months[last].days
            let lowest = last == first ? startDay : 1
            endDay = state.random.chance(0.5) ? days : state.random.inRange(lowest...days)
        }

        objects.raw(id)
        objects.comma()
        objects.raw(orgID)
        objects.comma()
        if !withoutContract { objects.raw(state.contractIDs[contract]) }
        objects.comma()
        objects.text(type.id)
        objects.comma()
        if let profile { objects.text(profile.id) }
        objects.comma()
        objects.field(name)
        objects.comma()
        objects.date(firstMonth.year, firstMonth.month, startDay)
        objects.comma()
        if let futureEnd {
            objects.date(futureEnd.year, futureEnd.month, CivilDate.daysIn(year: futureEnd.year, month: futureEnd.month))
        } else if !openEnded {
            objects.date(months[last].year, months[last].month, endDay)
        }
        objects.endRow()

        let currency = state.contractCurrency[contract]
        let monthlyPrice = currency.price(fromSEK: profile?.price ?? type.defaultPrice)
        let from = max(first, 0)
        guard from <= last else { return }
        let endsInRun = last < monthCount - 1 && !openEnded && futureEnd == nil
        // Planted (audit: unbilled_object_month): the first object of some organizations that is active
        // all of the month three before the as-of month gets no ticket in it; its usage events stay.
        let unbilledMonth = monthCount - 3
        var unbilled: Int?
        if Plants.unbilledObjectMonth(state.plan), !state.plantedUnbilled, unbilledMonth > first,
            unbilledMonth >= 0, unbilledMonth < last || !endsInRun
        {
            unbilled = unbilledMonth
            state.plantedUnbilled = true
            summary.planted["unbilled_object_month", default: []].append(
                String(decoding: id, as: UTF8.self) + "@" + Month(year: months[unbilledMonth].year, month: months[unbilledMonth].month).description)
        }
        for m in from...last {
            let info = months[m]
            let periodStart = m == first ? startDay : 1
            let periodEnd = m == last && !openEnded && futureEnd == nil ? endDay : info.days
            let suppressed = m == unbilled
            try ticket(
                &state, contract: contract, object: id, product: type.recurringProduct, month: m,
                startDay: periodStart, endDay: periodEnd, quantity: 1_000_000, unitPrice: monthlyPrice, suppressed: suppressed)
            if type.installationFee && m == first {
                try ticket(
                    &state, contract: contract, object: id, product: catalog.installation, month: m,
                    startDay: periodStart, endDay: periodStart, quantity: 1_000_000,
                    unitPrice: currency.price(fromSEK: catalog.products[catalog.installation].price), suppressed: suppressed)
            }
            // An SLA credit on the object: a quarter to all of the month's fee back.
            if state.random.chance(0.002) {
                let share = Int64(state.random.inRange(25...100))
                let credit = ExactDecimal(micros: -monthlyPrice * share / 100).rounded(toFractionDigits: currency.minorUnits)
                try ticket(
                    &state, contract: contract, object: id, product: catalog.serviceCredit, month: m,
                    startDay: periodStart, endDay: periodEnd, quantity: 1_000_000, unitPrice: credit.micros,
                    suppressed: suppressed)
            }
            let usageLast = min(periodEnd, info.lastUsageDay)
            guard periodStart <= usageLast else { continue }
            for usage in type.usage where state.random.chance(usage.monthlyChance) {
                let events = 1 + state.random.below(usage.maxEvents)
                var total: Int64 = 0
                for _ in 0..<events {
                    let steps = (usage.quantity.upperBound - usage.quantity.lowerBound) / usage.step
                    let quantity = usage.quantity.lowerBound + Int64(state.random.below(Int(steps) + 1)) * usage.step
                    total += quantity
                    writeEvent(&state, object: id, product: usage.product, month: m, firstDay: periodStart,
                        lastDay: usageLast, quantity: quantity)
                }
                try ticket(
                    &state, contract: contract, object: id, product: usage.product, month: m,
                    startDay: periodStart, endDay: periodEnd, quantity: total,
                    unitPrice: currency.price(fromSEK: catalog.products[usage.product].price), suppressed: suppressed)
            }
        }
        // Planted (audit: outside_object_life): the monthly fee billed once more for the month after an
        // object ended, or for the month before it started (no random draw, so nothing else moves).
        if Plants.afterLife(state.plan), !state.plantedAfterLife, endsInRun {
            state.plantedAfterLife = true
            let m = last + 1
            let amount = try amountOf(quantity: 1_000_000, price: monthlyPrice, currency)
            let ticketID = writeTicket(
                &state, contract: contract, object: id, product: type.recurringProduct, month: m, startDay: 1,
                endDay: months[m].days, quantity: 1_000_000, unitPrice: monthlyPrice, amount: amount, leftover: false, planted: true)
            summary.planted["outside_object_life", default: []].append(ticketID)
        }
        if Plants.beforeLife(state.plan), !state.plantedBeforeLife, first >= 1 {
            state.plantedBeforeLife = true
            let m = first - 1
            let amount = try amountOf(quantity: 1_000_000, price: monthlyPrice, currency)
            let ticketID = writeTicket(
                &state, contract: contract, object: id, product: type.recurringProduct, month: m, startDay: 1,
                endDay: months[m].days, quantity: 1_000_000, unitPrice: monthlyPrice, amount: amount, leftover: false, planted: true)
            summary.planted["outside_object_life", default: []].append(ticketID)
        }
    }

    /// One usage event, in local time with an offset or in UTC. Some fall in the first hour of the
    /// month in local time, which is still the previous month in UTC.
    private func writeEvent(
        _ state: inout OrganizationState, object: [UInt8], product: Int, month m: Int, firstDay: Int, lastDay: Int,
        quantity: Int64
    ) {
        eventSequence += 1
        let info = months[m]
        var day = state.random.inRange(firstDay...lastDay)
        var hour = state.random.below(24)
        let minute = state.random.below(60)
        let second = state.random.below(60)
        let mode = state.random.below(100)
        var offset = 0
        if mode < 45 {
            offset = 0
        } else if mode < 96 {
            offset = info.offsetHours
        } else if firstDay == 1 {
            day = 1
            hour = 0
            offset = info.offsetHours
        } else {
            day = lastDay
            hour = 23
        }
        let out = usageEvents
        out.int(eventSequence)
        out.comma()
        out.raw(object)
        out.comma()
        out.raw(productIDs[product])
        out.comma()
        out.date(info.year, info.month, day)
        out.byte(UInt8(ascii: "T"))
        out.padded(hour, width: 2)
        out.byte(UInt8(ascii: ":"))
        out.padded(minute, width: 2)
        out.byte(UInt8(ascii: ":"))
        out.padded(second, width: 2)
        if offset == 0 {
            if mode == 7 { out.text(".250") }
            out.byte(UInt8(ascii: "Z"))
        } else {
            out.text(offset == 1 ? "+01:00" : "+02:00")
        }
        out.comma()
        out.decimal(micros: quantity)
        out.endRow()
    }

    // MARK: Charges that belong to the organization, not to an object

    private func generateOrganizationCharges(_ state: inout OrganizationState) throws(GenerateError) {
        let plan = state.plan
        let supportRate = 0.4 + Double(plan.objectCount) / 300
        for m in 0..<monthCount {
            let info = months[m]
            let supportTickets = Int(supportRate) + (state.random.chance(supportRate - Double(Int(supportRate))) ? 1 : 0)
            for _ in 0..<supportTickets {
                let contract = state.random.weightedIndex(state.contractWeights)
                let currency = state.contractCurrency[contract]
                let day = state.random.inRange(1...max(1, info.lastUsageDay))
                try ticket(
                    &state, contract: contract, object: nil, product: catalog.supportHours, month: m, startDay: day,
                    endDay: day, quantity: Int64(state.random.inRange(1...32)) * 250_000,
                    unitPrice: currency.price(fromSEK: catalog.products[catalog.supportHours].price))
            }
            if state.random.chance(0.05) {
                try oneOff(&state, product: catalog.onSiteVisit, month: m, quantity: 1)
            }
            if state.random.chance(0.03) {
                try oneOff(&state, product: catalog.hardwareSale, month: m, quantity: state.random.inRange(1...5))
            }
            // Credits with no object: goodwill and corrections, negative amounts.
            if state.random.chance(0.03) || (plan.index == 0 && m == 0) {
                let contract = state.random.weightedIndex(state.contractWeights)
                let currency = state.contractCurrency[contract]
                let credit = currency.price(fromSEK: -Int64(state.random.inRange(1...50)) * 100_000_000)
                try ticket(
                    &state, contract: contract, object: nil, product: catalog.serviceCredit, month: m, startDay: 1,
                    endDay: info.days, quantity: 1_000_000, unitPrice: credit)
            }
            // Adjustments carry an amount and no unit price.
            if state.random.chance(0.01) || (plan.index == 0 && m == 0) {
                let contract = state.random.weightedIndex(state.contractWeights)
                let currency = state.contractCurrency[contract]
                let cents = Int64(state.random.inRange(-50_000...20_000))
                let amount = ExactDecimal(micros: currency.price(fromSEK: cents * 10_000)).rounded(toFractionDigits: currency.minorUnits)
                writeTicket(
                    &state, contract: contract, object: nil, product: catalog.adjustment, month: m, startDay: info.days,
                    endDay: info.days, quantity: 1_000_000, unitPrice: nil, amount: amount.micros, leftover: false)
            }
            // Planted (audit: outside_contract): support hours on the contract that ended in 2023.
            if Plants.endedContract(plan), m == 2 || m == 5 {
                let contract = state.contractIDs.count - 1
                let currency = state.contractCurrency[contract]
                let price = currency.price(fromSEK: catalog.products[catalog.supportHours].price)
                let amount = try amountOf(quantity: 1_000_000, price: price, currency)
                let ticketID = writeTicket(
                    &state, contract: contract, object: nil, product: catalog.supportHours, month: m, startDay: 12,
                    endDay: 12, quantity: 1_000_000, unitPrice: price, amount: amount, leftover: false, planted: true)
                summary.planted["outside_contract", default: []].append(ticketID)
            }
            // Planted (audit: on_void_invoice): support hours left on the voided first attempt of the
            // organization's first invoice, so they are billed nowhere.
            if Plants.voidInvoiceTickets(plan), m == 0, status(ofMonth: m, plan) == .final {
                let currency = state.contractCurrency[0]
                let price = currency.price(fromSEK: catalog.products[catalog.supportHours].price)
                for day in [6, 20] {
                    let amount = try amountOf(quantity: 500_000, price: price, currency)
                    let ticketID = writeTicket(
                        &state, contract: 0, object: nil, product: catalog.supportHours, month: m, startDay: day,
                        endDay: day, quantity: 500_000, unitPrice: price, amount: amount, leftover: false, planted: true,
                        invoice: invoiceID(plan.index, cell: state.slot(currency) * monthCount + m, variant: 1))
                    summary.planted["on_void_invoice", default: []].append(ticketID)
                }
            }
            // A leftover from long ago that nobody invoiced.
            if plan.index == 0 && m == 0 && status(ofMonth: m, plan) == .final {
                let contract = 0
                let currency = state.contractCurrency[contract]
                let price = currency.price(fromSEK: catalog.products[catalog.supportHours].price)
                let amount = try amountOf(quantity: 2_000_000, price: price, currency)
                writeTicket(
                    &state, contract: contract, object: nil, product: catalog.supportHours, month: m, startDay: 3,
                    endDay: 3, quantity: 2_000_000, unitPrice: price, amount: amount, leftover: true)
            }
        }
    }

    private func oneOff(_ state: inout OrganizationState, product: Int, month m: Int, quantity: Int) throws(GenerateError) {
        let contract = state.random.weightedIndex(state.contractWeights)
        let currency = state.contractCurrency[contract]
        let day = state.random.inRange(1...max(1, months[m].lastUsageDay))
        try ticket(
            &state, contract: contract, object: nil, product: product, month: m, startDay: day, endDay: day,
            quantity: Int64(quantity) * 1_000_000, unitPrice: currency.price(fromSEK: catalog.products[product].price))
    }

    // MARK: Charge tickets

    /// quantity × price rounded half away from zero to the currency's minor unit, in one step from the
    /// exact 128-bit product (rounding to six digits first could round twice and be a cent off).
    private func amountOf(quantity: Int64, price: Int64, _ currency: BillingCurrency) throws(GenerateError) -> Int64 {
        let product = Int128(quantity) * Int128(price)
        var divisor: Int128 = 1
        for _ in 0..<(12 - currency.minorUnits) { divisor *= 10 }
        var units = product / divisor
        let remainder = product % divisor
        if remainder.magnitude * 2 >= divisor.magnitude { units += product < 0 ? -1 : 1 }
        var scale: Int128 = 1
        for _ in 0..<currency.minorUnits { scale *= 10 }
        guard let micros = Int64(exactly: units * (1_000_000 / scale)) else {
            throw GenerateError.amountOutOfRange("\(ExactDecimal(micros: quantity)) × \(ExactDecimal(micros: price))")
        }
        return micros
    }

    /// A rated ticket: amount = quantity × unit price, rounded to the currency's minor unit.
    /// `suppressed` draws the same random numbers and writes nothing (the unbilled object-month plant).
    private func ticket(
        _ state: inout OrganizationState, contract: Int, object: [UInt8]?, product: Int, month m: Int, startDay: Int,
        endDay: Int, quantity: Int64, unitPrice: Int64, suppressed: Bool = false
    ) throws(GenerateError) {
        let currency = state.contractCurrency[contract]
        let amount = try amountOf(quantity: quantity, price: unitPrice, currency)
        // Now and then a ticket of an invoiced month was missed by the invoice run.
        let leftover = state.random.below(4000) == 0
        if suppressed {
            // Its id stays unused, so that every later ticket keeps its id.
            ticketSequence += 1
            return
        }
        writeTicket(
            &state, contract: contract, object: object, product: product, month: m, startDay: startDay,
            endDay: endDay, quantity: quantity, unitPrice: unitPrice, amount: amount, leftover: leftover)
        // Planted (audit: duplicate): one ticket of some organizations is written twice, and both are
        // invoiced: charged twice.
        if Plants.duplicateAt(state.plan) == state.ticketsWritten {
            let copy = writeTicket(
                &state, contract: contract, object: object, product: product, month: m, startDay: startDay,
                endDay: endDay, quantity: quantity, unitPrice: unitPrice, amount: amount, leftover: leftover, planted: true)
            summary.planted["duplicate", default: []].append(copy)
        }
    }

    /// Writes a ticket and returns its id. A `planted` ticket takes its id outside the sequence;
    /// `invoice` puts it on that invoice without counting it in any invoice's total (the void-invoice
    /// plant).
    @discardableResult
    private func writeTicket(
        _ state: inout OrganizationState, contract: Int, object: [UInt8]?, product: Int, month m: Int, startDay: Int,
        endDay: Int, quantity: Int64, unitPrice: Int64?, amount: Int64, leftover: Bool, planted: Bool = false,
        invoice override: [UInt8]? = nil
    ) -> String {
        let ticketID: Int
        if planted {
            plantSequence += 1
            ticketID = plantSequence
        } else {
            ticketSequence += 1
            ticketID = ticketSequence
        }
        state.ticketsWritten += 1
        let currency = state.contractCurrency[contract]
        let info = months[m]
        var invoice: [UInt8]?
        let status = status(ofMonth: m, state.plan)
        if let override {
            invoice = override
        } else if status != .none && !(leftover && status == .final) {
            let cell = state.slot(currency) * monthCount + m
            if state.invoiceIDs[cell] == nil {
                state.invoiceIDs[cell] = invoiceID(state.plan.index, cell: cell, variant: 0)
            }
            invoice = state.invoiceIDs[cell]
            state.totals[cell] += amount
            state.counts[cell] += 1
        } else if status == .final {
            summary.leftoverTickets += 1
        }
        let out = chargeTickets
        out.int(ticketID)
        out.comma()
        out.raw(state.contractIDs[contract])
        out.comma()
        if let object { out.raw(object) }
        out.comma()
        out.raw(productIDs[product])
        out.comma()
        out.date(info.year, info.month, startDay)
        out.comma()
        out.date(info.year, info.month, endDay)
        out.comma()
        out.decimal(micros: quantity)
        out.comma()
        if let unitPrice { out.decimal(micros: unitPrice, minimumFractionDigits: currency.minorUnits) }
        out.comma()
        out.decimal(micros: amount, minimumFractionDigits: currency.minorUnits)
        out.comma()
        if let invoice { out.raw(invoice) }
        out.endRow()
        return String(ticketID)
    }

    // MARK: Invoices

    /// Invoice ids are derived from the organization, currency slot and month, so a ticket can name its
    /// invoice before the invoice's total is known.
    private func invoiceID(_ organization: Int, cell: Int, variant: UInt64) -> [UInt8] {
        var state = options.seed ^ 0x1A2B_3C4D ^ (UInt64(organization) << 24) ^ (UInt64(cell) << 2) ^ variant
        let high = RandomSource.splitMix(&state)
        let low = RandomSource.splitMix(&state)
        return Self.uuid(high, low)
    }

    private func writeInvoices(_ state: inout OrganizationState, _ orgID: [UInt8]) {
        let plan = state.plan
        var firstFinal = true
        for (slot, currency) in plan.currencies.enumerated() {
            for m in 0..<monthCount {
                let cell = slot * monthCount + m
                guard state.counts[cell] > 0, let id = state.invoiceIDs[cell] else { continue }
                let status = status(ofMonth: m, plan)
                var total = state.totals[cell]
                if status == .final {
                    // Rarely, and once in the first organization, the invoice total is off by a little.
                    if (firstFinal && plan.index == 0) || state.random.below(500) == 0 {
                        // A few cents (or yen) either way, or a whole krona short.
                        let unit: Int64 = currency.minorUnits == 0 ? 1_000_000 : 10_000
                        let steps: [Int64] = currency.minorUnits == 0 ? [-1, 1, 3] : [-100, -1, 1, 3]
                        total += unit * state.random.pick(steps)
                        summary.deliberateDifferences.append(String(decoding: id, as: UTF8.self))
                    }
                    // A voided first attempt, replaced by this invoice.
                    if (plan.index == 0 && firstFinal) || state.random.below(100) == 0 {
                        writeInvoice(
                            id: invoiceID(plan.index, cell: cell, variant: 1), orgID: orgID, plan: plan, month: m,
                            status: "void", currency: currency, total: state.totals[cell])
                    }
                    firstFinal = false
                }
                writeInvoice(
                    id: id, orgID: orgID, plan: plan, month: m, status: status == .final ? "final" : "draft",
                    currency: currency, total: total)
            }
        }
    }

    private func writeInvoice(
        id: [UInt8], orgID: [UInt8], plan: OrganizationPlan, month m: Int, status: String, currency: BillingCurrency,
        total: Int64
    ) {
        invoiceSequence += 1
        let info = months[m]
        let out = invoices
        out.raw(id)
        out.comma()
        out.raw(orgID)
        out.comma()
        out.text(status == "draft" ? "DRAFT-" : "INV-\(info.year)-")
        out.padded(invoiceSequence, width: 6)
        out.comma()
        out.date(info.year, info.month, info.days)
        out.comma()
        let due = CivilDate(daysSinceEpoch: info.lastDayEpoch + 30)
        out.date(due.year, due.month, due.day)
        out.comma()
        // One customer's system writes statuses capitalised; the contract says they are case-insensitive.
        out.text(plan.index == 9 ? status.prefix(1).uppercased() + status.dropFirst() : status)
        out.comma()
        out.text(currency.code)
        out.comma()
        out.decimal(micros: total, minimumFractionDigits: currency.minorUnits)
        out.endRow()
    }
}

/// Which organizations carry the planted rows behind each audit kind (docs/data-contract.md): by
/// their position, so that the same organizations get them in every profile, and without random
/// draws, so that no other row of the export changes because of them. Leftover tickets, invoice
/// totals that differ from their tickets and drafts left for more than 30 days come from the
/// generator's ordinary run.
enum Plants {
    static func endedContract(_ plan: OrganizationPlan) -> Bool { plan.index == 0 }
    static func voidInvoiceTickets(_ plan: OrganizationPlan) -> Bool { plan.index == 0 }
    static func unbilledObjectMonth(_ plan: OrganizationPlan) -> Bool { plan.index == 0 || plan.index == 2 }
    static func afterLife(_ plan: OrganizationPlan) -> Bool { plan.index == 0 }
    static func beforeLife(_ plan: OrganizationPlan) -> Bool { plan.index == 1 }
    /// The organization's ticket (by its number among the organization's tickets) that is written twice.
    static func duplicateAt(_ plan: OrganizationPlan) -> Int? {
        switch plan.index {
        case 0: return 40
        case 1: return 12
        default: return nil
        }
    }
}
