import CosModel
import CosStore
import XCTest

/// TEMPORARY, test-only: builds a store from contract-format CSV text by inserting rows directly,
/// until the checked CSV importer (branch `store`) lands on main; then the fixtures switch to it.
///
/// It understands only what the fixtures use: a header row, commas, no quoting, empty = null. It does
/// no checking beyond what it needs to resolve references.
enum TemporaryFixtureStore {
    struct FixtureError: Error, CustomStringConvertible {
        let description: String
    }

    /// A fresh in-memory store holding `files` (file name without `.csv` → CSV text).
    static func build(_ files: [String: String]) throws -> Database {
        let db = try Database(path: ":memory:", readOnly: false, create: true)
        for sql in StoreSchema.tables { try db.execute(sql) }
        var keys: [String: [String: Int64]] = [:]
        func key(_ file: String, _ id: String?) throws -> SQLValue {
            guard let id else { return .null }
            guard let k = keys[file]?[id] else { throw FixtureError(description: "\(file): no id \(id)") }
            return .integer(k)
        }
        func rows(_ file: String) -> [[String: String]] {
            guard let text = files[file] else { return [] }
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard let header = lines.first else { return [] }
            let names = header.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
            return lines.dropFirst().map { line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
                var row: [String: String] = [:]
                for (index, name) in names.enumerated() where index < fields.count && !fields[index].isEmpty {
                    row[name] = fields[index]
                }
                return row
            }
        }
        func register(_ file: String, _ id: String) -> Int64 {
            let k = Int64((keys[file]?.count ?? 0) + 1)
            keys[file, default: [:]][id] = k
            return k
        }
        func micros(_ text: String?) throws -> SQLValue {
            guard let text else { return .null }
            return .integer(try ExactDecimal(parsing: text).micros)
        }
        func month(_ date: String?) -> SQLValue {
            guard let date, let d = CivilDate(parsing: date) else { return .null }
            return .integer(Int64(d.monthValue.ordinal))
        }
        let organizations = rows("organizations")
        for row in organizations { _ = register("organizations", row["id"] ?? "") }
        for row in organizations {
            try db.run(
                "INSERT INTO organization(k, id, name, number, parent_k, search_name) VALUES (?, ?, ?, ?, ?, ?)",
                [try key("organizations", row["id"]), .text(row["id"] ?? ""), .text(row["name"] ?? ""),
                 row["number"].map { .text($0) } ?? .null, try key("organizations", row["parent_id"]),
                 .text(TextFolding.fold(row["name"] ?? ""))])
        }
        var contractCurrency: [Int64: (String, SQLValue)] = [:]
        for row in rows("contracts") {
            let k = register("contracts", row["id"] ?? "")
            let org = try key("organizations", row["organization_id"])
            contractCurrency[k] = (row["currency"] ?? "", org)
            try db.run(
                "INSERT INTO contract VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [.integer(k), .text(row["id"] ?? ""), org, .text(row["number"] ?? ""),
                 row["name"].map { .text($0) } ?? .null, .text(row["currency"] ?? ""), .text(row["start_date"] ?? ""),
                 row["end_date"].map { .text($0) } ?? .null])
        }
        for row in rows("product_categories") {
            let k = register("product_categories", row["id"] ?? "")
            try db.run("INSERT INTO product_category VALUES (?, ?, ?)", [.integer(k), .text(row["id"] ?? ""), .text(row["name"] ?? "")])
        }
        var productCategory: [Int64: SQLValue] = [:]
        for row in rows("products") {
            let k = register("products", row["id"] ?? "")
            let category = try key("product_categories", row["category_id"])
            productCategory[k] = category
            try db.run(
                "INSERT INTO product VALUES (?, ?, ?, ?, ?)",
                [.integer(k), .text(row["id"] ?? ""), .text(row["name"] ?? ""), category, row["unit"].map { .text($0) } ?? .null])
        }
        for row in rows("object_types") {
            let k = register("object_types", row["id"] ?? "")
            try db.run("INSERT INTO object_type VALUES (?, ?, ?)", [.integer(k), .text(row["id"] ?? ""), .text(row["name"] ?? "")])
        }
        for row in rows("object_profiles") {
            let k = register("object_profiles", row["id"] ?? "")
            try db.run(
                "INSERT INTO object_profile VALUES (?, ?, ?, ?)",
                [.integer(k), .text(row["id"] ?? ""), .text(row["name"] ?? ""), try key("object_types", row["object_type_id"])])
        }
        var objectFacts: [Int64: (org: SQLValue, type: SQLValue, profile: SQLValue)] = [:]
        for row in rows("objects") {
            let k = register("objects", row["id"] ?? "")
            let org = try key("organizations", row["organization_id"])
            let type = try key("object_types", row["object_type_id"])
            let profile = try key("object_profiles", row["object_profile_id"])
            objectFacts[k] = (org, type, profile)
            try db.run(
                "INSERT INTO object VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [.integer(k), .text(row["id"] ?? ""), .text(row["name"] ?? ""), org, try key("contracts", row["contract_id"]),
                 type, profile, .text(row["active_from"] ?? ""), row["active_to"].map { .text($0) } ?? .null,
                 month(row["active_from"]), month(row["active_to"])])
        }
        for row in rows("invoices") {
            let k = register("invoices", row["id"] ?? "")
            try db.run(
                "INSERT INTO invoice VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [.integer(k), .text(row["id"] ?? ""), try key("organizations", row["organization_id"]),
                 .text(row["number"] ?? ""), .text(row["invoice_date"] ?? ""), month(row["invoice_date"]),
                 .text((row["status"] ?? "").lowercased()), .text((row["currency"] ?? "").uppercased()),
                 try micros(row["total_amount"])])
        }
        for row in rows("charge_tickets") {
            let k = register("charge_tickets", row["id"] ?? "")
            let contract = try key("contracts", row["contract_id"])
            guard case .integer(let contractK) = contract, let (currency, org) = contractCurrency[contractK] else {
                throw FixtureError(description: "ticket \(row["id"] ?? "") has no contract")
            }
            let object = try key("objects", row["object_id"])
            let product = try key("products", row["product_id"])
            var type = SQLValue.null
            var profile = SQLValue.null
            if case .integer(let objectK) = object, let facts = objectFacts[objectK] {
                type = facts.type
                profile = facts.profile
            }
            guard case .integer(let productK) = product, let category = productCategory[productK] else {
                throw FixtureError(description: "ticket \(row["id"] ?? "") has no product")
            }
            try db.run(
                "INSERT INTO charge_ticket VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [.integer(k), .text(row["id"] ?? ""), contract, org, .text(currency), object, product, category, type, profile,
                 month(row["period_start"]), .text(row["period_start"] ?? ""), .text(row["period_end"] ?? ""),
                 try micros(row["quantity"]), try micros(row["unit_price"]), try micros(row["amount"]),
                 try key("invoices", row["invoice_id"])])
        }
        for row in rows("usage_events") {
            let k = register("usage_events", row["id"] ?? "")
            let object = try key("objects", row["object_id"])
            guard case .integer(let objectK) = object, let facts = objectFacts[objectK],
                let at = Timestamp(parsing: row["occurred_at"] ?? "")
            else { throw FixtureError(description: "usage event \(row["id"] ?? "") is bad") }
            try db.run(
                "INSERT INTO usage_event VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [.integer(k), .text(row["id"] ?? ""), object, try key("products", row["product_id"]), facts.org,
                 .text(at.description), .integer(Int64(at.utcMonth.ordinal)), try micros(row["quantity"])])
        }
        for sql in StoreSchema.indexes { try db.execute(sql) }
        for sql in StoreSchema.rollups { try db.execute(sql) }
        return db
    }
}
