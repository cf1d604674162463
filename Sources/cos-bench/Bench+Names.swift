import CosModel
import CosQuery
import CosStore
import Foundation

extension Bench {
    /// Entering contexts of the largest organization by name, segment by segment, as `cd` resolves a
    /// path (`Overview.resolve` at every segment: what the shell calls), `open` by name, and Tab
    /// completion of a name in each collection (`Overview.complete`, 50 candidates, as the shell asks).
    /// The names are real ones, cycled over the repetitions: objects of the largest profile, its
    /// largest category's products, the contracts and invoices. The views themselves are measured
    /// separately (`views`).
    func names(_ org: Int64) throws {
        let o = SQLValue.integer(org)
        let organization = Scope.organization(org)
        let reps = repetitions
        func strings(_ sql: String, _ values: [SQLValue]) throws -> [String] {
            try db.rows(sql, values) { $0.text(0) ?? "" }.filter { !$0.isEmpty }
        }
        func cycle(_ list: [String]) -> () -> String {
            var turn = 0
            return {
                turn += 1
                return list[turn % list.count]
            }
        }
        func found(_ resolution: Resolution<ListItem>, _ what: String) throws -> ListItem {
            guard case .found(let item) = resolution else { throw BenchError("\(what) did not resolve to one item") }
            return item
        }
        // The names: every 97th object, the type and profile with the most objects, the category with
        // the most tickets and its products, contracts, invoices.
        // Names that are unique in the organization (generated names repeat): each resolves to one object.
        let objects = try strings(
            """
            SELECT min(name) FROM object WHERE organization_k = ? GROUP BY name_key HAVING count(*) = 1
            ORDER BY min(k) LIMIT 200
            """, [o])
        guard
            let group = try db.rows(
                """
                SELECT t.name, p.name, count(*) FROM object o JOIN object_type t ON t.k = o.object_type_k
                JOIN object_profile p ON p.k = o.object_profile_k
                WHERE o.organization_k = ? GROUP BY o.object_type_k, o.object_profile_k ORDER BY 3 DESC LIMIT 1
                """, [o], { ($0.text(0) ?? "", $0.text(1) ?? "", $0.int64(2)) }
            ).first,
            let category = try db.rows(
                """
                SELECT c.name, sum(r.tickets) FROM ticket_rollup r JOIN product_category c ON c.k = r.category_k
                WHERE r.organization_k = ? GROUP BY c.k, c.name ORDER BY 2 DESC LIMIT 1
                """, [o], { $0.text(0) ?? "" }
            ).first,
            !objects.isEmpty
        else { throw BenchError("the largest organization has no objects, profiles or categories") }
        let groupObjects = try strings(
            """
            SELECT min(o.name) FROM object o JOIN object_type t ON t.k = o.object_type_k
            JOIN object_profile p ON p.k = o.object_profile_k
            WHERE o.organization_k = ? AND t.name = ? AND p.name = ? GROUP BY o.name_key HAVING count(*) = 1
            ORDER BY min(o.k) LIMIT 200
            """, [o, .text(group.0), .text(group.1)])
        let products = try strings(
            """
            SELECT DISTINCT p.name FROM ticket_rollup r JOIN product p ON p.k = r.product_k JOIN product_category c ON c.k = p.category_k
            WHERE r.organization_k = ? AND c.name = ? ORDER BY 1
            """, [o, .text(category)])
        let contracts = try strings("SELECT number FROM contract WHERE organization_k = ? ORDER BY k", [o])
        let invoices = try strings("SELECT number FROM invoice WHERE organization_k = ? ORDER BY k", [o])
        let orgName = try name(org)
        guard !groupObjects.isEmpty, !products.isEmpty, !contracts.isEmpty, !invoices.isEmpty else {
            throw BenchError("the largest organization lacks products, contracts or invoices")
        }
        let objectCount = try db.rows("SELECT count(*) FROM object WHERE organization_k = ?", [o]) { $0.int64(0) }.first ?? 0

        var nextObject = cycle(objects)
        _ = try measure("cd objects/NAME (largest)", repetitions: reps, detail: "\(objectCount) objects; exact name") {
            _ = try found(try overview.resolve(nextObject(), in: .objects, of: organization), "objects/NAME")
        }
        nextObject = cycle(objects.map { String($0.dropLast()) })
        _ = try measure("cd objects/PREFIX (largest)", repetitions: reps, detail: "a name without its last character (found or ambiguous)") {
            _ = try overview.resolve(nextObject(), in: .objects, of: organization)
        }
        let nextGroupObject = cycle(groupObjects)
        _ = try measure(
            "cd types/T/P/O (largest)", repetitions: reps, detail: "\(group.0)/\(group.1): \(group.2) objects; three segments"
        ) {
            let type = try found(try overview.resolve(group.0, in: .types, of: organization), "types/T")
            let typeScope = Scope.objectType(organization: org, objectType: type.key)
            let profile = try found(try overview.resolve(group.1, in: .profiles, of: typeScope), "types/T/P")
            guard let typeKey = type.key else { throw BenchError("no type key") }
            let profileScope = Scope.objectProfile(organization: org, objectType: typeKey, profile: profile.key)
            _ = try found(try overview.resolve(nextGroupObject(), in: .objects, of: profileScope), "types/T/P/O")
        }
        let nextProduct = cycle(products)
        _ = try measure("cd categories/C/P (largest)", repetitions: reps, detail: "\(category): \(products.count) products") {
            let found1 = try found(try overview.resolve(category, in: .categories, of: organization), "categories/C")
            guard let key = found1.key else { throw BenchError("no category key") }
            _ = try found(
                try overview.resolve(nextProduct(), in: .products, of: .category(organization: org, category: key)), "categories/C/P")
        }
        let nextInvoice = cycle(invoices)
        _ = try measure("cd invoices/NUMBER (largest)", repetitions: reps, detail: "\(invoices.count) invoices") {
            _ = try found(try overview.resolve(nextInvoice(), in: .invoices, of: organization), "invoices/NUMBER")
        }
        let nextContract = cycle(contracts)
        _ = try measure("cd contracts/NUMBER (largest)", repetitions: reps, detail: "\(contracts.count) contracts") {
            _ = try found(try overview.resolve(nextContract(), in: .contracts, of: organization), "contracts/NUMBER")
        }
        _ = try measure("open NAME (largest)", repetitions: reps, detail: orgName) {
            guard case .found = try overview.resolveOrganization(orgName) else { throw BenchError("open NAME did not resolve") }
        }

        // Tab completion: the first three characters of a real name in each collection.
        let typeItems = try overview.list(.types, in: organization)
        let collections: [(ListCollection, Scope, [String])] = [
            (.objects, organization, objects.map { String($0.prefix(3)) }),
            (.categories, organization, [String(category.prefix(3))]),
            (.products, organization, products.map { String($0.prefix(3)) }),
            (.types, organization, typeItems.map { String($0.name.prefix(3)) }),
            (.profiles, organization, [String(group.1.prefix(3))]),
            (.contracts, organization, contracts.map { String($0.prefix(3)) }),
            (.invoices, organization, invoices.map { String($0.prefix(6)) }),
        ]
        for (collection, scope, prefixes) in collections where !prefixes.isEmpty {
            let next = cycle(prefixes)
            _ = try measure("Tab \(collection.rawValue)/PREFIX (largest)", repetitions: reps, detail: "the first characters of a name") {
                _ = try overview.complete(next(), in: collection, of: scope, limit: 50)
            }
        }
        _ = try measure("Tab objects/ (largest)", repetitions: reps, detail: "no prefix: \(objectCount) objects") {
            _ = try overview.complete("", in: .objects, of: organization, limit: 50)
        }
    }
}
