import CosModel
import CosQuery
import CosStore
import CosView
import XCTest

/// The differences scripts/conformance found between cos and its reference (scripts/conformance.d,
/// known.py), each on a tiny export written here, with the figures worked out by hand beside the
/// assertions. Every view is answered from the store, and from PostgreSQL under
/// `COS_TEST_SOURCE=postgres` (scripts/test).
final class ConformanceFindingsTests: XCTestCase {
    /// A whole export: the given files over empty ones (a header and no rows), with one category C
    /// (product P), one object type T and its profile PR.
    static func export(_ files: [String: String]) -> [String: String] {
        var all = [
            "organizations": "id,name,number,parent_id\n",
            "contracts": "id,organization_id,number,name,currency,start_date,end_date\n",
            "product_categories": "id,name\nC,Cat\n",
            "products": "id,name,category_id,unit\nP,Prod,C,\n",
            "object_types": "id,name\nT,Type\n",
            "object_profiles": "id,name,object_type_id\nPR,Prof,T\n",
            "objects": "id,name,organization_id,contract_id,object_type_id,object_profile_id,active_from,active_to\n",
            "usage_events": "id,object_id,product_id,occurred_at,quantity\n",
            "charge_tickets": "id,contract_id,object_id,product_id,period_start,period_end,quantity,unit_price,amount,invoice_id\n",
            "invoices": "id,organization_id,number,invoice_date,status,currency,total_amount\n",
        ]
        for (name, text) in files { all[name] = text }
        return all
    }

    struct Fixture {
        let db: Database
        let overview: Overview

        init(_ files: [String: String]) throws {
            db = try FixtureStore.importing(ConformanceFindingsTests.export(files))
            overview = Overview(source: try FixtureStore.viewSource(db))
        }

        func key(_ table: String, _ id: String) throws -> Key {
            guard case .integer(let k)? = try db.scalar("SELECT k FROM \(table) WHERE id = ?", [.text(id)]) else {
                throw FixtureStore.FixtureError(description: "no \(table) \(id)")
            }
            return k
        }

        func profile(of organization: String, _ period: Period) throws -> View {
            try overview.objectProfile(
                organization: try key("organization", organization), objectType: try key("object_type", "T"),
                profile: try key("object_profile", "PR"), asOf: asOf, period: period)
        }
    }

    /// BUG-1: an object whose `active_to` is before its `active_from` is never active, also when both
    /// are in one month (compared by day, not by month): not in objects_vs_charges, not among the
    /// profile view's idle objects.
    func testAnObjectThatEndsBeforeItStartsInTheSameMonthIsNeverActive() throws {
        let f = try Fixture([
            "organizations": "id,name,number,parent_id\nO1,Org,,\n",
            "contracts": "id,organization_id,number,name,currency,start_date,end_date\nK1,O1,K-1,,SEK,2026-01-01,\n",
            "objects": """
                id,name,organization_id,contract_id,object_type_id,object_profile_id,active_from,active_to
                B1,never in March,O1,K1,T,PR,2026-03-20,2026-03-10
                B2,ten days of March,O1,K1,T,PR,2026-03-01,2026-03-10
                B3,never across months,O1,K1,T,PR,2026-04-02,2026-02-27

                """,
        ])
        let p = period("2026-01", "2026-04")
        let organization = try f.overview.organization(try f.key("organization", "O1"), asOf: asOf, period: p)
        // Only B2 is active, in March (2026-03-01..10); B1 (20th to 10th) and B3 (April to February) never.
        XCTAssertEqual(
            try organization.table(named: "objects_vs_charges").lines("month", "objects", "currency", "charges"),
            ["2026-01|0|SEK|0", "2026-02|0|SEK|0", "2026-03|1|SEK|0", "2026-04|0|SEK|0"])
        // The profile's objects: B2 with no tickets, zero in its contract's currency.
        XCTAssertEqual(
            try f.profile(of: "O1", p).table(named: "objects").lines("object_id", "active_from", "active_to", "currency", "amount", "tickets"),
            ["B2|2026-03-01|2026-03-10|SEK|0|0"])
    }

    /// BUG-2: a profile view lists the objects of another organization that the organization's
    /// tickets in the period charge (the contract allows them), as the product view does, so its
    /// objects add up to its trend and products.
    func testAProfileListsAnotherOrganizationsObjectItsTicketsCharge() throws {
        let f = try Fixture([
            "organizations": "id,name,number,parent_id\nA,Org A,,\nB,Org B,,\n",
            "contracts": """
                id,organization_id,number,name,currency,start_date,end_date
                KA,A,K-A,,SEK,2026-01-01,
                KB,B,K-B,,SEK,2026-01-01,

                """,
            "objects": """
                id,name,organization_id,contract_id,object_type_id,object_profile_id,active_from,active_to
                OA,A's object,A,KA,T,PR,2026-01-01,
                OB,B's object,B,KB,T,PR,2025-06-01,

                """,
            "charge_tickets": """
                id,contract_id,object_id,product_id,period_start,period_end,quantity,unit_price,amount,invoice_id
                X1,KA,OB,P,2026-03-01,2026-03-31,2,,10,
                X2,KA,OA,P,2026-02-01,2026-02-28,1,,4.5,
                X3,KA,OB,P,2026-04-01,2026-04-30,1,,-2.25,
                Y1,KB,OB,P,2026-03-01,2026-03-31,1,,7,

                """,
        ])
        let p = period("2026-01", "2026-04")
        let atA = try f.profile(of: "A", p)
        // A's tickets on the profile: X2 OA 4.5 (Feb); X1 OB 10 (Mar) and X3 OB -2.25 (Apr): OB 7.75 in
        // 2 tickets, OA 4.5 in 1; together 12.25, the trend's 4.5 + 10 - 2.25.
        XCTAssertEqual(
            try atA.table(named: "objects").lines("object_id", "object", "active_from", "active_to", "currency", "amount", "tickets"),
            ["OB|B's object|2025-06-01||SEK|7.75|2", "OA|A's object|2026-01-01||SEK|4.5|1"])
        XCTAssertEqual(
            try atA.table(named: "trend").lines("month", "quantity", "amount"),
            ["2026-01|0|0", "2026-02|1|4.5", "2026-03|2|10", "2026-04|1|-2.25"])
        XCTAssertEqual(try atA.table(named: "products").lines("product_id", "amount", "tickets"), ["P|12.25|3"])
        // B's own view: its ticket Y1 only (A's tickets on OB count for A).
        XCTAssertEqual(
            try f.profile(of: "B", p).table(named: "objects").lines("object_id", "currency", "amount", "tickets"),
            ["OB|SEK|7|1"])
    }

    /// BUG-4: the summaries' distinct objects count an object only for the organization's own tickets
    /// in the period: A charges OA before and after the period (not in it) and B charges OA inside it,
    /// so A counts OA2 only.
    func testSummaryObjectsCountOnlyTheOrganizationsOwnTicketsInThePeriod() throws {
        let f = try Fixture([
            "organizations": "id,name,number,parent_id\nA,Org A,,\nB,Org B,,\n",
            "contracts": """
                id,organization_id,number,name,currency,start_date,end_date
                KA,A,K-A,,SEK,2024-01-01,
                KB,B,K-B,,SEK,2024-01-01,

                """,
            "objects": """
                id,name,organization_id,contract_id,object_type_id,object_profile_id,active_from,active_to
                OA,around,A,KA,T,PR,2024-01-01,
                OA2,inside,A,KA,T,PR,2024-01-01,

                """,
            "charge_tickets": """
                id,contract_id,object_id,product_id,period_start,period_end,quantity,unit_price,amount,invoice_id
                G1,KA,OA,P,2025-05-01,2025-05-31,1,,10,
                G2,KA,OA,P,2026-08-01,2026-08-31,1,,10,
                G3,KA,OA2,P,2026-01-01,2026-01-31,1,,10,
                G4,KB,OA,P,2026-01-01,2026-01-31,1,,10,

                """,
        ])
        let p = period("2025-07", "2026-06")
        // In 2025-07..2026-06 A has G3 (OA2): 10 in 1 ticket on 1 object; B has G4 (OA): the same.
        for organization in ["A", "B"] {
            let view = try f.overview.organization(try f.key("organization", organization), asOf: asOf, period: p)
            for (table, label, group) in [
                ("by_category", "category_id", "C"), ("by_object_type", "object_type_id", "T"),
                ("by_object_profile", "object_profile_id", "PR"),
            ] {
                XCTAssertEqual(
                    try view.table(named: table).lines(label, "currency", "amount", "tickets", "objects"), [group + "|SEK|10|1|1"],
                    "\(organization) \(table)")
            }
            let type = try f.overview.objectType(
                organization: try f.key("organization", organization), objectType: try f.key("object_type", "T"), asOf: asOf, period: p)
            XCTAssertEqual(try type.table(named: "by_object_profile").lines("object_profile_id", "tickets", "objects"), ["PR|1|1"], organization)
        }
    }
}
