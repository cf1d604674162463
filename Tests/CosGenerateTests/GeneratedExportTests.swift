import CosGenerate
import CosModel
import Foundation
import XCTest

final class GeneratedExportTests: XCTestCase {
    // MARK: Determinism

    func testSameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws {
        let arguments = ["--orgs", "30", "--scale", "0.1", "--months", "6"]
        let a = try GeneratedExport.make("seed-a", arguments + ["--seed", "7"])
        let b = try GeneratedExport.make("seed-b", arguments + ["--seed", "7"])
        let c = try GeneratedExport.make("seed-c", arguments + ["--seed", "8"])
        var differing = 0
        for name in GeneratedExport.fileNames.map({ $0 + ".csv" }) + ["manifest.json"] {
            let bytesA = FileManager.default.contents(atPath: a.directory + "/" + name)
            let bytesB = FileManager.default.contents(atPath: b.directory + "/" + name)
            let bytesC = FileManager.default.contents(atPath: c.directory + "/" + name)
            XCTAssertNotNil(bytesA, name)
            XCTAssertEqual(bytesA, bytesB, "\(name) differs between two runs with the same seed")
            if bytesA != bytesC { differing += 1 }
        }
        // The catalogue files are the same whatever the seed; the customer data is not.
        XCTAssertGreaterThanOrEqual(differing, 5)
        XCTAssertNotEqual(a.rows("charge_tickets").count, 0)
    }

    // MARK: References

    func testEveryReferenceResolves() throws {
        for export in [try smallExport.get(), try midExport.get()] {
            var ids: [String: Set<String>] = [:]
            for name in GeneratedExport.fileNames {
                let values = export.rows(name).compactMap { $0["id"] }
                ids[name] = Set(values)
                XCTAssertEqual(ids[name]?.count, values.count, "\(name): ids are not unique")
            }
            func check(_ file: String, _ column: String, _ target: String, optional: Bool) {
                for row in export.rows(file) {
                    let value = row[column] ?? ""
                    if value.isEmpty {
                        XCTAssertTrue(optional, "\(file).\(column) is empty in \(row)")
                        continue
                    }
                    XCTAssertTrue(ids[target]?.contains(value) ?? false, "\(file).\(column) = \(value) is not in \(target)")
                }
            }
            check("organizations", "parent_id", "organizations", optional: true)
            check("contracts", "organization_id", "organizations", optional: false)
            check("products", "category_id", "product_categories", optional: false)
            check("object_profiles", "object_type_id", "object_types", optional: false)
            check("objects", "organization_id", "organizations", optional: false)
            check("objects", "contract_id", "contracts", optional: true)
            check("objects", "object_type_id", "object_types", optional: false)
            check("objects", "object_profile_id", "object_profiles", optional: true)
            check("usage_events", "object_id", "objects", optional: false)
            check("usage_events", "product_id", "products", optional: false)
            check("charge_tickets", "contract_id", "contracts", optional: false)
            check("charge_tickets", "object_id", "objects", optional: true)
            check("charge_tickets", "product_id", "products", optional: false)
            check("charge_tickets", "invoice_id", "invoices", optional: true)
            check("invoices", "organization_id", "organizations", optional: false)

            // The rules across files.
            let profileType = Dictionary(uniqueKeysWithValues: export.rows("object_profiles").map { ($0["id"] ?? "", $0["object_type_id"] ?? "") })
            let contractOrg = Dictionary(uniqueKeysWithValues: export.rows("contracts").map { ($0["id"] ?? "", $0["organization_id"] ?? "") })
            let contractCurrency = Dictionary(uniqueKeysWithValues: export.rows("contracts").map { ($0["id"] ?? "", $0["currency"] ?? "") })
            for object in export.rows("objects") {
                if let profile = object["object_profile_id"], !profile.isEmpty {
                    XCTAssertEqual(profileType[profile], object["object_type_id"], "profile of another type: \(object)")
                }
                if let contract = object["contract_id"], !contract.isEmpty {
                    XCTAssertEqual(contractOrg[contract], object["organization_id"], "contract of another organization: \(object)")
                }
            }
            let invoices = Dictionary(uniqueKeysWithValues: export.rows("invoices").map { ($0["id"] ?? "", $0) })
            for ticket in export.rows("charge_tickets") {
                guard let invoiceID = ticket["invoice_id"], !invoiceID.isEmpty, let invoice = invoices[invoiceID] else { continue }
                let contract = ticket["contract_id"] ?? ""
                XCTAssertEqual(invoice["organization_id"], contractOrg[contract], "invoice of another organization: \(ticket)")
                XCTAssertEqual(invoice["currency"], contractCurrency[contract], "invoice in another currency: \(ticket)")
            }
            // The organization tree has no cycle.
            let parents = Dictionary(uniqueKeysWithValues: export.rows("organizations").map { ($0["id"] ?? "", $0["parent_id"] ?? "") })
            for start in parents.keys {
                var seen: Set<String> = [start]
                var current = parents[start] ?? ""
                while !current.isEmpty {
                    XCTAssertFalse(seen.contains(current), "cycle through \(start)")
                    if seen.contains(current) { break }
                    seen.insert(current)
                    current = parents[current] ?? ""
                }
            }
        }
    }

    func testOrganizationTreeHasThreeLevelsAndAParentListedAfterItsChild() throws {
        let export = try smallExport.get()
        let organizations = export.rows("organizations")
        let position = Dictionary(uniqueKeysWithValues: organizations.enumerated().map { ($1["id"] ?? "", $0) })
        let parents = Dictionary(uniqueKeysWithValues: organizations.map { ($0["id"] ?? "", $0["parent_id"] ?? "") })
        var deepest = 0
        for id in parents.keys {
            var depth = 1
            var current = parents[id] ?? ""
            while !current.isEmpty, depth < 10 {
                depth += 1
                current = parents[current] ?? ""
            }
            deepest = max(deepest, depth)
        }
        XCTAssertEqual(deepest, 3)
        let forward = organizations.contains { row in
            guard let parent = row["parent_id"], !parent.isEmpty else { return false }
            return (position[parent] ?? 0) > (position[row["id"] ?? ""] ?? 0)
        }
        XCTAssertTrue(forward, "no organization names a parent that comes later in the file")
    }

    // MARK: Quoting and names

    func testNamesWithCommasQuotesAndLineBreaksAreQuoted() throws {
        let export = try smallExport.get()
        let raw = String(decoding: FileManager.default.contents(atPath: export.directory + "/organizations.csv") ?? Data(), as: UTF8.self)
        XCTAssertTrue(raw.contains(",\"Nordic \"\"Cloud\"\", Ltd\","), "the quoted name is not written per RFC 4180")
        let names = export.rows("organizations").compactMap { $0["name"] }
        XCTAssertTrue(names.contains("Nordic \"Cloud\", Ltd"))
        XCTAssertTrue(names.contains("Bergström, Lind & Co AB"))
        XCTAssertTrue(names.contains("Åkesson & Söner AB"))
        XCTAssertTrue(names.contains("Società Ñandú S.r.l."))
        XCTAssertEqual(names.filter { $0 == "Nordic IT Partner AB" }.count, 2, "the duplicate name is missing")
        let contractNames = export.rows("contracts").compactMap { $0["name"] }
        XCTAssertTrue(contractNames.contains("Master agreement\nAppendix 2: \"Cloud\" services"))
        XCTAssertTrue(export.rows("objects").contains { ($0["name"] ?? "").contains(", ") }, "no object name with a comma")
    }

    func testIdsComeInSeveralShapes() throws {
        let export = try smallExport.get()
        let objectIDs = export.rows("objects").compactMap { $0["id"] }
        let uuidLike = objectIDs.filter { $0.count == 36 && $0.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12] }
        XCTAssertFalse(uuidLike.isEmpty)
        XCTAssertTrue(objectIDs.contains { $0.hasPrefix("SUB-") })
        XCTAssertTrue(objectIDs.contains { Int($0) != nil })
        XCTAssertTrue(export.rows("organizations").allSatisfy { ($0["id"] ?? "").hasPrefix("ORG-") })
        // Besides the contract planted for audit's outside_contract (ENDED-ORG-...), contract ids are
        // numbers with leading zeros.
        let contracts = export.rows("contracts").compactMap { $0["id"] }
        XCTAssertEqual(contracts.filter { $0.hasPrefix("ENDED-") }, ["ENDED-ORG-0001"])
        XCTAssertTrue(contracts.filter { !$0.hasPrefix("ENDED-") }.allSatisfy { $0.hasPrefix("0") }, "contract ids keep leading zeros")
    }

    // MARK: Sizes

    func testLargestOrganizationHoldsAboutFivePercentOfTickets() throws {
        let export = try midExport.get()
        let contractOrg = Dictionary(uniqueKeysWithValues: export.rows("contracts").map { ($0["id"] ?? "", $0["organization_id"] ?? "") })
        var perOrg: [String: Int] = [:]
        for ticket in export.rows("charge_tickets") { perOrg[contractOrg[ticket["contract_id"] ?? ""] ?? "?", default: 0] += 1 }
        let total = export.rows("charge_tickets").count
        let sizes = perOrg.values.sorted(by: >)
        let share = Double(sizes[0]) / Double(total)
        XCTAssertGreaterThanOrEqual(share, 0.03, "largest share \(share)")
        XCTAssertLessThanOrEqual(share, 0.08, "largest share \(share)")
        // Skewed: the median organization is far smaller than the largest.
        XCTAssertLessThan(sizes[sizes.count / 2] * 8, sizes[0])
        XCTAssertEqual(export.rows("organizations").count, 200)
    }

    func testScaleMultipliesObjectsAndMonthsEndWithTheAsOfMonth() throws {
        let single = try GeneratedExport.make("scale-1", ["--orgs", "40", "--scale", "0.1", "--months", "5", "--as-of", "2025-03-15"])
        let double = try GeneratedExport.make("scale-2", ["--orgs", "40", "--scale", "0.2", "--months", "5", "--as-of", "2025-03-15"])
        let ratio = Double(double.rows("objects").count) / Double(single.rows("objects").count)
        XCTAssertEqual(ratio, 2, accuracy: 0.15, "objects \(single.rows("objects").count) -> \(double.rows("objects").count)")
        let months = Set(single.rows("charge_tickets").map { String(($0["period_start"] ?? "").prefix(7)) })
        XCTAssertEqual(months, ["2024-11", "2024-12", "2025-01", "2025-02", "2025-03"])
        XCTAssertTrue(single.rows("usage_events").allSatisfy { ($0["occurred_at"] ?? "") < "2025-03-16" })
    }

    func testSmallProfileStaysUnderFiveMegabytes() throws {
        let export = try smallExport.get()
        XCTAssertEqual(export.rows("organizations").count, 25)
        XCTAssertLessThan(export.summary.totalBytes, 5_000_000)
        XCTAssertGreaterThan(export.rows("charge_tickets").count, 1000)
        let manifest = String(decoding: FileManager.default.contents(atPath: export.directory + "/manifest.json") ?? Data(), as: UTF8.self)
        XCTAssertTrue(manifest.contains("\"as_of\": \"2026-10-31\""), manifest)
        // The summary counts what the files hold.
        for name in GeneratedExport.fileNames {
            XCTAssertEqual(export.summary.rows(name + ".csv"), export.rows(name).count, name)
        }
    }

    // MARK: Currencies and money

    func testOrganizationsWithTwoCurrenciesAndOneWithYen() throws {
        let export = try smallExport.get()
        var currencies: [String: Set<String>] = [:]
        for contract in export.rows("contracts") { currencies[contract["organization_id"] ?? "", default: []].insert(contract["currency"] ?? "") }
        XCTAssertGreaterThanOrEqual(currencies.values.filter { $0.count == 2 }.count, 2)
        XCTAssertTrue(currencies.values.contains(["SEK", "EUR"]))
        XCTAssertTrue(currencies.values.contains(["SEK", "JPY"]))
        let contractCurrency = Dictionary(uniqueKeysWithValues: export.rows("contracts").map { ($0["id"] ?? "", $0["currency"] ?? "") })
        var yenTickets = 0
        for ticket in export.rows("charge_tickets") {
            let amount = ticket["amount"] ?? ""
            switch contractCurrency[ticket["contract_id"] ?? ""] {
            case "JPY":
                yenTickets += 1
                XCTAssertFalse(amount.contains("."), "yen amount with a fraction: \(amount)")
            default:
                XCTAssertEqual(amount.split(separator: ".").last?.count, 2, "amount without two decimals: \(amount)")
            }
        }
        XCTAssertGreaterThan(yenTickets, 0)
    }

    /// amount = quantity × unit_price rounded half away from zero to the currency's minor unit, computed
    /// here with Foundation's Decimal rather than the model's ExactDecimal.
    func testAmountsAreQuantityTimesUnitPriceRounded() throws {
        let export = try smallExport.get()
        let contractCurrency = Dictionary(uniqueKeysWithValues: export.rows("contracts").map { ($0["id"] ?? "", $0["currency"] ?? "") })
        var checked = 0
        for ticket in export.rows("charge_tickets") {
            guard let priceText = ticket["unit_price"], !priceText.isEmpty,
                let price = Decimal(string: priceText), let quantity = Decimal(string: ticket["quantity"] ?? ""),
                let amount = Decimal(string: ticket["amount"] ?? "")
            else { continue }
            var product = quantity * price
            var rounded = Decimal()
            let scale = contractCurrency[ticket["contract_id"] ?? ""] == "JPY" ? 0 : 2
            NSDecimalRound(&rounded, &product, scale, .plain)
            XCTAssertEqual(rounded, amount, "ticket \(ticket["id"] ?? ""): \(quantity) × \(price)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testInvoiceTotalsEqualTheirTicketsExceptTheDeliberateDifferences() throws {
        for export in [try smallExport.get(), try midExport.get()] {
            var sums: [String: Int64] = [:]
            var onVoid: Set<String> = []
            let voidIDs = Set(export.rows("invoices").filter { $0["status"]?.lowercased() == "void" }.compactMap { $0["id"] })
            for ticket in export.rows("charge_tickets") {
                guard let invoice = ticket["invoice_id"], !invoice.isEmpty else { continue }
                sums[invoice, default: 0] += try ExactDecimal(parsing: ticket["amount"] ?? "").micros
                if voidIDs.contains(invoice) { onVoid.insert(ticket["id"] ?? "") }
            }
            // Only the tickets planted for audit's on_void_invoice are on a void invoice.
            XCTAssertEqual(onVoid, Set(export.summary.planted["on_void_invoice"] ?? []))
            XCTAssertFalse(onVoid.isEmpty)
            var differing: Set<String> = []
            var voids = 0
            for invoice in export.rows("invoices") {
                let id = invoice["id"] ?? ""
                let total = try ExactDecimal(parsing: invoice["total_amount"] ?? "").micros
                if invoice["status"]?.lowercased() == "void" {
                    voids += 1
                    continue
                }
                let sum = sums[id] ?? 0
                if sum != total {
                    differing.insert(id)
                    XCTAssertEqual(invoice["status"]?.lowercased(), "final")
                    XCTAssertLessThanOrEqual(abs(sum - total), 3_000_000, "difference too large on \(id)")
                }
            }
            XCTAssertFalse(differing.isEmpty)
            XCTAssertEqual(differing, Set(export.summary.deliberateDifferences))
            XCTAssertLessThan(differing.count * 50, export.rows("invoices").count, "differences are not rare")
            XCTAssertGreaterThan(voids, 0)
        }
    }

    func testRecentMonthsAreDraftOrUninvoicedAndOldLeftoversExist() throws {
        let export = try smallExport.get()
        let invoices = Dictionary(uniqueKeysWithValues: export.rows("invoices").map { ($0["id"] ?? "", $0) })
        var statuses: [String: Set<String>] = [:]
        for invoice in invoices.values {
            statuses[String((invoice["invoice_date"] ?? "").prefix(7)), default: []].insert(invoice["status"]?.lowercased() ?? "")
        }
        XCTAssertNil(statuses["2026-10"], "the as-of month is invoiced")
        XCTAssertEqual(statuses["2026-09"], ["draft"])
        XCTAssertTrue(statuses["2026-08"]?.contains("final") ?? false)
        XCTAssertTrue(statuses["2025-06"]?.contains("final") ?? false)
        XCTAssertFalse(statuses["2025-06"]?.contains("draft") ?? true)
        var currentUninvoiced = 0
        var oldUninvoiced = 0
        for ticket in export.rows("charge_tickets") where (ticket["invoice_id"] ?? "").isEmpty {
            let month = String((ticket["period_start"] ?? "").prefix(7))
            if month == "2026-10" { currentUninvoiced += 1 } else if month <= "2026-08" { oldUninvoiced += 1 }
        }
        XCTAssertTrue(export.rows("charge_tickets").allSatisfy { !($0["period_start"] ?? "").hasPrefix("2026-10") || ($0["invoice_id"] ?? "").isEmpty })
        XCTAssertGreaterThan(currentUninvoiced, 0)
        XCTAssertGreaterThan(oldUninvoiced, 0)
        XCTAssertEqual(oldUninvoiced, export.summary.leftoverTickets)
        XCTAssertTrue(invoices.values.contains { $0["status"] == "Final" }, "no capitalised status")
    }

    func testCreditsTicketsWithoutObjectsAndObjectsWithoutProfiles() throws {
        let export = try smallExport.get()
        let tickets = export.rows("charge_tickets")
        XCTAssertTrue(tickets.contains { ($0["amount"] ?? "").hasPrefix("-") && ($0["object_id"] ?? "").isEmpty })
        XCTAssertTrue(tickets.contains { ($0["amount"] ?? "").hasPrefix("-") && !($0["object_id"] ?? "").isEmpty })
        XCTAssertTrue(tickets.contains { ($0["object_id"] ?? "").isEmpty && $0["product_id"] == "401" }, "no support hours")
        XCTAssertTrue(tickets.contains { ($0["unit_price"] ?? "").isEmpty }, "no ticket without a unit price")
        let objects = export.rows("objects")
        XCTAssertTrue(objects.contains { ($0["object_profile_id"] ?? "").isEmpty })
        XCTAssertTrue(objects.contains { ($0["contract_id"] ?? "").isEmpty })
        XCTAssertTrue(objects.contains { ($0["active_to"] ?? "").isEmpty }, "no open-ended object")
        XCTAssertTrue(objects.contains { ($0["active_to"] ?? "") > "2025-01-01" && ($0["active_to"] ?? "") < "2026-10-01" }, "no object ends")
        XCTAssertTrue(objects.contains { ($0["active_from"] ?? "") > "2025-06-01" }, "no object starts inside the months")
        XCTAssertTrue(export.rows("products").contains { ($0["unit"] ?? "").isEmpty })
        // A dormant customer: a contract, nothing billed.
        let contractOrg = Dictionary(uniqueKeysWithValues: export.rows("contracts").map { ($0["id"] ?? "", $0["organization_id"] ?? "") })
        let billed = Set(tickets.compactMap { contractOrg[$0["contract_id"] ?? ""] })
        XCTAssertEqual(export.rows("organizations").filter { !billed.contains($0["id"] ?? "") }.count, 1)
    }

    // MARK: Usage events

    func testUsageEventsAddUpToUsageTicketsAndSomeCrossMonthsInUTC() throws {
        let export = try smallExport.get()
        let usageProducts: Set<String> = ["102", "103", "202", "203", "204", "502"]
        var eventSums: [String: Int64] = [:]
        var crossing = 0
        var offsets = 0
        let asOf = try XCTUnwrap(Timestamp(parsing: "2026-11-01T00:00:00Z"))
        for event in export.rows("usage_events") {
            let text = event["occurred_at"] ?? ""
            let stamp = try XCTUnwrap(Timestamp(parsing: text), text)
            XCTAssertLessThan(stamp, asOf, "event after the as-of date: \(text)")
            if stamp.utcMonth.description != String(text.prefix(7)) { crossing += 1 }
            if text.hasSuffix("+01:00") || text.hasSuffix("+02:00") { offsets += 1 }
            let key = (event["object_id"] ?? "") + "|" + (event["product_id"] ?? "") + "|" + String(text.prefix(7))
            eventSums[key, default: 0] += try ExactDecimal(parsing: event["quantity"] ?? "").micros
        }
        XCTAssertGreaterThan(crossing, 0, "no event whose UTC month differs from its local month")
        XCTAssertGreaterThan(offsets, 0)
        var ticketSums: [String: Int64] = [:]
        for ticket in export.rows("charge_tickets") where usageProducts.contains(ticket["product_id"] ?? "") {
            let key = (ticket["object_id"] ?? "") + "|" + (ticket["product_id"] ?? "") + "|" + String((ticket["period_start"] ?? "").prefix(7))
            ticketSums[key, default: 0] += try ExactDecimal(parsing: ticket["quantity"] ?? "").micros
        }
        XCTAssertFalse(ticketSums.isEmpty)
        // The object-months planted for audit's unbilled_object_month keep their events and lose their
        // tickets: usage without a ticket, on purpose.
        let unbilled = Set(export.summary.planted["unbilled_object_month"] ?? [])
        XCTAssertFalse(unbilled.isEmpty)
        let unplanted = eventSums.filter { key, _ in
            let parts = key.split(separator: "|", omittingEmptySubsequences: false)
            return !unbilled.contains("\(parts[0])@\(parts[2])")
        }
        XCTAssertEqual(unplanted, ticketSums, "usage tickets do not add up their events (by local month)")
    }

    // MARK: The committed sample data

    func testCommittedSampleDataIsWhatTheGeneratorWrites() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sample = repository.appendingPathComponent("sample-data").path
        let export = try smallExport.get()
        for name in GeneratedExport.fileNames.map({ $0 + ".csv" }) + ["manifest.json"] {
            let committed = FileManager.default.contents(atPath: sample + "/" + name)
            XCTAssertNotNil(committed, "sample-data/\(name) is missing")
            XCTAssertEqual(committed, FileManager.default.contents(atPath: export.directory + "/" + name),
                "sample-data/\(name) is stale: run scripts/generate-sample-data")
        }
    }
}
