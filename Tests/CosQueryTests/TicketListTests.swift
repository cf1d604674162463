import CosModel
import CosQuery
import CosView
import XCTest

final class TicketListTests: TinyStoreTestCase {
    func testOrganizationTicketsFilteredAndPaged() throws {
        let o1 = try org("O1")
        let any = try overview.tickets(.organization(o1), asOf: asOf, period: P).table(named: "tickets")
        // In P, by period start then id (ids compare as text):
        // Jan: TK1, TK2, TK7 (all 2026-01-01, by id: "TK1" < "TK2" < "TK7"); Feb: TK4, TK8 (02-01), TK3 (02-20);
        // Apr: TK5, TK9.
        XCTAssertEqual(any.lines("id"), ["TK1", "TK2", "TK7", "TK4", "TK8", "TK3", "TK5", "TK9"])
        XCTAssertEqual(any.totalRows, 8)
        let first = any.plainRows[0]
        XCTAssertEqual(first["contract"], "C-1001")
        XCTAssertEqual(first["object"], "vm-alpha")
        XCTAssertEqual(first["product"], "Compute")
        XCTAssertEqual(first["unit_price"], "1.5")
        XCTAssertEqual(first["invoice"], "I-101")
        XCTAssertEqual(any.plainRows[3]["object"], "")  // TK4 has no object
        XCTAssertEqual(any.rows[3][any.columnIndex("unit_price") ?? 0], .null)

        let uninvoiced = try overview.tickets(.organization(o1), filter: .uninvoiced, offset: 1, limit: 2, asOf: asOf, period: P)
            .table(named: "tickets")
        // Uninvoiced in P: TK4, TK8, TK3, TK5, TK9 = 5; page 2..3.
        XCTAssertEqual(uninvoiced.lines("id"), ["TK8", "TK3"])
        XCTAssertEqual(uninvoiced.totalRows, 5)
        let invoiced = try overview.tickets(.organization(o1), filter: .invoiced, asOf: asOf, period: P).table(named: "tickets")
        XCTAssertEqual(invoiced.lines("id"), ["TK1", "TK2", "TK7"])
        XCTAssertEqual(invoiced.totalRows, 3)
        let allTime = try overview.tickets(.organization(o1), allTime: true, limit: 1, asOf: asOf, period: P).table(named: "tickets")
        XCTAssertEqual(allTime.lines("id"), ["TK6"])
        XCTAssertEqual(allTime.totalRows, 9)
        XCTAssertEqual(allTime.hiddenRows, 8)
    }

    func testTicketsOfEveryContext() throws {
        let o1 = try org("O1")
        let t1 = try key("object_type", "T1")
        func ids(_ scope: Scope, _ filter: TicketFilter = .any) throws -> ([String], Int?) {
            let table = try overview.tickets(scope, filter: filter, asOf: asOf, period: P).table(named: "tickets")
            return (table.lines("id"), table.totalRows)
        }
        let cloud = try ids(.category(organization: o1, category: try key("product_category", "CAT1")))
        XCTAssertEqual(cloud.0, ["TK1", "TK2", "TK4", "TK3", "TK5"])
        XCTAssertEqual(cloud.1, 5)
        let compute = try ids(.product(organization: o1, product: try key("product", "P1")))
        XCTAssertEqual(compute.0, ["TK1", "TK3", "TK5"])
        XCTAssertEqual(compute.1, 3)
        let type = try ids(.objectType(organization: o1, objectType: t1), .uninvoiced)
        XCTAssertEqual(type.0, ["TK3", "TK5", "TK9"])
        XCTAssertEqual(type.1, 3)
        let large = try ids(.objectProfile(organization: o1, objectType: t1, profile: try key("object_profile", "PR1")))
        XCTAssertEqual(large.0, ["TK1", "TK2", "TK5", "TK9"])
        XCTAssertEqual(large.1, 4)
        let noProfile = try ids(.objectProfile(organization: o1, objectType: t1, profile: nil))
        XCTAssertEqual(noProfile.0, ["TK3"])
        XCTAssertEqual(noProfile.1, 1)
        let object = try ids(.object(organization: try owner("object", "OB3"), object: try key("object", "OB3")))
        XCTAssertEqual(object.0, ["TK7", "TK8"])
        XCTAssertEqual(object.1, 2)
        let contract = try ids(.contract(organization: try owner("contract", "C2"), contract: try key("contract", "C2")), .invoiced)
        XCTAssertEqual(contract.0, ["TK7"])
        XCTAssertEqual(contract.1, 1)
        let invoice = try ids(.invoice(organization: try owner("invoice", "INV1"), invoice: try key("invoice", "INV1")))
        XCTAssertEqual(invoice.0, ["TK1", "TK2"])
        XCTAssertEqual(invoice.1, 2)
        let none = try overview.tickets(.organization(o1), asOf: asOf, period: period("2024-01", "2024-12")).table(named: "tickets")
        XCTAssertEqual(none.rows, [])
        XCTAssertEqual(none.totalRows, 0)
    }

    func testPagesThatStartInLaterMonths() throws {
        let o1 = Scope.organization(try org("O1"))
        func page(_ scope: Scope, _ offset: Int, _ limit: Int, allTime: Bool = false) throws -> ([String], Int?) {
            let table = try overview.tickets(scope, allTime: allTime, offset: offset, limit: limit, asOf: asOf, period: P)
                .table(named: "tickets")
            return (table.lines("id"), table.totalRows)
        }
        // Order in P: TK1 TK2 TK7 | TK4 TK8 TK3 | TK5 TK9 (Jan 3, Feb 3, Apr 2).
        XCTAssertEqual(try page(o1, 5, 2).0, ["TK3", "TK5"])
        XCTAssertEqual(try page(o1, 3, 3).0, ["TK4", "TK8", "TK3"])
        XCTAssertEqual(try page(o1, 7, 5).0, ["TK9"])
        XCTAssertEqual(try page(o1, 8, 5).0, [])
        XCTAssertEqual(try page(o1, 8, 5).1, 8)
        XCTAssertEqual(try page(o1, 2, 0).0, [])
        // All time adds TK6 (2025-12) first.
        XCTAssertEqual(try page(o1, 1, 3, allTime: true).0, ["TK1", "TK2", "TK7"])
        // Contract C1, all time: TK6 TK1 TK2 TK4 TK3 TK5 TK9.
        XCTAssertEqual(try page(.contract(organization: try owner("contract", "C1"), contract: try key("contract", "C1")), 3, 2, allTime: true).0, ["TK4", "TK3"])
    }

    /// Issue 10, point 1: a list fetched whole is no page; one asked for by offset or limit says where
    /// it starts and how long the whole list is.
    func testAPageSaysWhereItStartsAndTheWholeListIsNoPage() throws {
        let o1 = Scope.organization(try org("O1"))
        let whole = try overview.tickets(o1, limit: nil, asOf: asOf, period: P).table(named: "tickets")
        XCTAssertEqual(whole.lines("id"), ["TK1", "TK2", "TK7", "TK4", "TK8", "TK3", "TK5", "TK9"])
        XCTAssertNil(whole.page)
        let page = try overview.tickets(o1, offset: 5, limit: 2, asOf: asOf, period: P).table(named: "tickets")
        XCTAssertEqual(page.page?.offset, 5)
        XCTAssertEqual(page.page?.shown, 2)
        XCTAssertEqual(page.page?.total, 8)
        let rest = try overview.tickets(o1, offset: 6, limit: nil, asOf: asOf, period: P).table(named: "tickets")
        XCTAssertEqual(rest.lines("id"), ["TK5", "TK9"])
        XCTAssertEqual(rest.page?.offset, 6)
        // An object has no rollup: the count comes from the tickets themselves.
        let object = try overview.tickets(.object(organization: try owner("object", "OB1"), object: try key("object", "OB1")), limit: nil, asOf: asOf, period: P)
            .table(named: "tickets")
        XCTAssertEqual(object.lines("id"), ["TK1", "TK2", "TK5", "TK9"])
        XCTAssertNil(object.page)
    }

    func testNegativePagingIsRefused() {
        XCTAssertThrowsError(try overview.tickets(.organization(1), offset: -1, asOf: asOf, period: P))
    }
}
