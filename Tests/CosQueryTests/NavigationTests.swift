import CosModel
import CosQuery
import CosView
import XCTest

final class NavigationTests: TinyStoreTestCase {
    func testStartViewTopOrganizationsPerCurrency() throws {
        let view = try overview.start(recent: [try org("O3"), 9999, try org("O1")], asOf: asOf, period: P)
        // Unknown keys are skipped; the shell's order is kept.
        XCTAssertEqual(try view.table(named: "recent").lines("organization_id", "organization"), ["O3|Bolt Services", "O1|Åkesson & Söner AB"])
        // Final invoices in P: EUR O1 30; JPY O2 1200; SEK O1 40 - 10 = 30, O3 10. Never added across currencies.
        XCTAssertEqual(
            try view.table(named: "top_organizations").lines("rank", "organization_id", "currency", "amount"),
            ["1|O1|EUR|30", "1|O2|JPY|1200", "1|O1|SEK|30", "2|O3|SEK|10"])
        let one = try overview.start(recent: [], top: 1, asOf: asOf, period: P)
        XCTAssertEqual(try one.table(named: "top_organizations").lines("organization_id", "currency"), ["O1|EUR", "O2|JPY", "O1|SEK"])
    }

    func testSearchRanking() throws {
        // "acme": O6's number is exactly "acme" (rank 0); "Acme Japan KK" and "Acme Nordic" start with it
        // (rank 1, by name); "Widget Acmeco" has a word starting with it (rank 2); "Megacme Ltd" holds it (3).
        let found = try overview.searchOrganizations("acme")
        XCTAssertEqual(found.matches.map(\.id), ["O6", "O2", "O5", "O7", "O8"])
        XCTAssertEqual(found.total, 5)
        let two = try overview.searchOrganizations("ACME", limit: 2)
        // "ACME" is not the number "acme" (numbers and ids compare exactly), so O6 drops to a word prefix
        // (rank 2) but still counts: 5 matches.
        XCTAssertEqual(two.matches.map(\.id), ["O2", "O5"])
        XCTAssertEqual(two.total, 5)
        XCTAssertEqual(try overview.searchOrganizations("akesson").matches.map(\.id), ["O1"])
        XCTAssertEqual(try overview.searchOrganizations("SÖNER").matches.map(\.id), ["O1"])
        XCTAssertEqual(try overview.searchOrganizations("1003").matches.map(\.id), ["O3"])
        XCTAssertEqual(try overview.searchOrganizations("O4").matches.map(\.id), ["O4"])
        XCTAssertEqual(try overview.searchOrganizations("%").total, 0)  // LIKE wildcards match themselves
        XCTAssertEqual(try overview.searchOrganizations("   ").total, 0)
        let view = try overview.find("acme", limit: 3, asOf: asOf, period: P)
        let table = try view.table(named: "organizations")
        XCTAssertEqual(table.lines("id", "name", "number"), ["O6|Zeta Acme Holding|acme", "O2|Acme Japan KK|1002", "O5|Acme Nordic|2001"])
        XCTAssertEqual(table.totalRows, 5)
    }

    func testCompletionIsByPrefix() throws {
        XCTAssertEqual(try overview.completeOrganizationNames("acm"), ["Acme Japan KK", "Acme Nordic"])
        XCTAssertEqual(try overview.completeOrganizationNames("Åke"), ["Åkesson & Söner AB"])
        XCTAssertEqual(try overview.completeOrganizationNames("", limit: 2), ["Acme Japan KK", "Acme Nordic"])
    }

    func testResolveOrganization() throws {
        XCTAssertEqual(try overview.resolveOrganization("id:O3").foundID, "O3")
        XCTAssertEqual(try overview.resolveOrganization("1002").foundID, "O2")
        XCTAssertEqual(try overview.resolveOrganization("acme").foundID, "O6")  // exact number
        XCTAssertEqual(try overview.resolveOrganization("akesson").foundID, "O1")  // unique prefix, folded
        XCTAssertEqual(try overview.resolveOrganization("japan").foundID, "O2")  // unique substring
        guard case .ambiguous(let candidates) = try overview.resolveOrganization("Acme") else {
            return XCTFail("Acme should be ambiguous")
        }
        XCTAssertEqual(candidates.map(\.id), ["O2", "O5"])
        XCTAssertEqual(try overview.resolveOrganization("nothing like it"), .notFound)
        XCTAssertEqual(try overview.resolveOrganization("id:o3"), .notFound)  // ids compare exactly
    }

    func testTree() throws {
        let view = try overview.tree(try org("O2"), asOf: asOf, period: P)
        let table = try view.table(named: "tree")
        // O1 own: EUR 30, SEK 40 - 10 = 30; subtree adds O2 JPY 1200 and O3 SEK 10: SEK 30 + 10 = 40.
        // O2 own JPY 1200 = subtree; O4 nothing: one row with no currency. O3 is a sibling: not listed.
        XCTAssertEqual(
            table.lines("level", "relation", "organization_id", "currency", "amount", "subtree_amount"),
            [
                "0|ancestor|O1|EUR|30|30", "0|ancestor|O1|JPY|0|1200", "0|ancestor|O1|SEK|30|40",
                "1|self|O2|JPY|1200|1200",
                "2|descendant|O4|||",
            ])
        XCTAssertFalse(view.notes.isEmpty)
        let root = try overview.tree(try org("O1"), asOf: asOf, period: P).table(named: "tree")
        XCTAssertEqual(
            root.lines("relation", "organization_id", "currency"),
            ["self|O1|EUR", "self|O1|JPY", "self|O1|SEK", "descendant|O2|JPY", "descendant|O4|", "descendant|O3|SEK"])
    }

    func testLists() throws {
        let o1 = try org("O1")
        let scope = Scope.organization(o1)
        XCTAssertEqual(try overview.list(.categories, in: scope).map(\.name), ["Cloud", "Mobile"])
        XCTAssertEqual(try overview.list(.products, in: scope).map(\.name), ["Compute", "Data plan", "Storage"])
        // TK4 (contract C1 of O1) charges no object: the (no object) group is one of O1's types.
        let types = try overview.list(.types, in: scope)
        XCTAssertEqual(types.map(\.name), ["Subscription", "Virtual server", "(no object)"])
        XCTAssertNil(types[2].key)
        XCTAssertEqual(try overview.list(.types, in: .organization(try org("O3"))).map(\.name).contains("(no object)"), false)
        XCTAssertEqual(try overview.list(.contracts, in: scope).map(\.name), ["C-1001", "C-1002"])
        XCTAssertEqual(try overview.list(.invoices, in: scope).map(\.id), ["INV0", "INV1", "INV2", "INV3", "INV4", "INV5", "INV6", "INV9"])
        XCTAssertEqual(try overview.list(.organizations, in: scope).map(\.id), ["O2", "O3"])
        XCTAssertEqual(
            try overview.list(.objects, in: scope).map(\.name), ["sim-1", "vm-alpha", "vm-beta", "vm-delta", "vm-gamma", "vm-idle"])
        let t1 = try key("object_type", "T1")
        let profiles = try overview.list(.profiles, in: .objectType(organization: o1, objectType: t1))
        XCTAssertEqual(profiles.map(\.name), ["Large", "Small", "(no profile)"])
        XCTAssertNil(profiles[2].key)
        XCTAssertEqual(profiles[2].parentKey, t1)
        XCTAssertEqual(
            try overview.list(.products, in: .category(organization: o1, category: try key("product_category", "CAT2"))).map(\.name),
            ["Data plan"])
        XCTAssertEqual(
            try overview.list(.objects, in: .objectProfile(organization: o1, objectType: t1, profile: nil)).map(\.name), ["vm-beta"])
        XCTAssertEqual(try overview.list(.objects, in: .product(organization: o1, product: try key("product", "P3"))).map(\.name),
                       ["sim-1", "vm-alpha"])
        XCTAssertEqual(try overview.list(.invoices, in: .contract(organization: try owner("contract", "C1"), contract: try key("contract", "C1"))).map(\.name), ["I-100", "I-101"])
        let view = try overview.listView(.profiles, in: scope, asOf: asOf, period: P)
        XCTAssertEqual(
            try view.table(named: "profiles").lines("id", "name", "object_type_id"),
            ["PR1|Large|T1", "PR2|Small|T1", "PR3|Unlimited|T2", "|(no profile)|T1"])
    }

    func testNameResolution() throws {
        let o1 = Scope.organization(try org("O1"))
        XCTAssertEqual(try overview.resolve("cloud", in: .categories, of: o1).foundName, "Cloud")
        XCTAssertEqual(try overview.resolve("id:CAT2", in: .categories, of: o1).foundName, "Mobile")
        XCTAssertEqual(try overview.resolve("id:cat2", in: .categories, of: o1), .notFound)
        XCTAssertEqual(try overview.resolve("VM-A", in: .objects, of: o1).foundName, "vm-alpha")  // unique prefix
        XCTAssertEqual(try overview.resolve("plan", in: .products, of: o1).foundName, "Data plan")  // unique substring
        XCTAssertEqual(try overview.resolve("C-1002", in: .contracts, of: o1).foundName, "C-1002")
        guard case .ambiguous(let vms) = try overview.resolve("vm", in: .objects, of: o1) else { return XCTFail("vm is ambiguous") }
        XCTAssertEqual(vms.map(\.name), ["vm-alpha", "vm-beta", "vm-delta", "vm-gamma", "vm-idle"])
        // An exact name wins over longer names it prefixes.
        let items = [ListItem(key: 1, id: "a", name: "Large"), ListItem(key: 2, id: "b", name: "Large XL")]
        XCTAssertEqual(NameResolver.resolve("large", among: items), .found(items[0]))
        XCTAssertEqual(NameResolver.resolve("no profile", among: [ListItem(key: nil, id: nil, name: "(no profile)")]).foundName, "(no profile)")
    }

    func testNameCompletion() throws {
        let o1 = Scope.organization(try org("O1"))
        // Folded prefix, name order, limited, with the total: O1's objects are sim-1 and five vm-*.
        let vms = try overview.complete("VM-", in: .objects, of: o1, limit: 2)
        XCTAssertEqual(vms.items.map(\.name), ["vm-alpha", "vm-beta"])
        XCTAssertEqual(vms.total, 5)
        XCTAssertEqual(try overview.complete("", in: .categories, of: o1, limit: 10).items.map(\.name), ["Cloud", "Mobile"])
        XCTAssertEqual(try overview.complete("plan", in: .products, of: o1, limit: 10).total, 0)  // a prefix, not a substring
    }
}

extension Resolution where Item == OrganizationMatch {
    var foundID: String? {
        if case .found(let item) = self { return item.id }
        return nil
    }
}

extension Resolution where Item == ListItem {
    var foundName: String? {
        if case .found(let item) = self { return item.name }
        return nil
    }
}
