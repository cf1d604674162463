import CosModel
@testable import CosQuery
import CosStore
import CosView
import XCTest

/// `compare` on the hand-written CompareBillingData: base B = 2026-01..2026-02, period P = 2026-03..2026-04.
/// The items and their sums are in the table at the top of CompareBillingData.swift; each figure
/// below is worked out from them.
final class CompareTests: FixtureStoreTestCase {
    override class var files: [String: String] { CompareBillingData.files }
    let P = period("2026-03", "2026-04")

    static let columns = ["currency", "before", "after", "change", "change_percent", "volume", "price", "new", "gone", "objects_before", "objects_after"]

    func lines(_ table: ViewTable, _ head: String...) -> [String] {
        table.plainRows.map { row in (head + Self.columns).map { row[$0] ?? "<no \($0)>" }.joined(separator: "|") }
    }

    /// Every row adds up: volume + price + new + gone = change = after - before.
    func assertSplitAddsUp(_ table: ViewTable, file: StaticString = #filePath, line: UInt = #line) throws {
        for row in table.rows {
            let value = { (name: String) -> Int64 in row[table.columnIndex(name) ?? 0].decimalValue?.micros ?? 0 }
            XCTAssertEqual(value("volume") + value("price") + value("new") + value("gone"), value("change"), file: file, line: line)
            XCTAssertEqual(value("after") - value("before"), value("change"), file: file, line: line)
        }
    }

    func testTheOrganizationByCategoryIsTheDefault() throws {
        let view = try overview.compare(.organization(try key("organization", "X1")), asOf: asOf, period: P)
        XCTAssertEqual(view.kind, "compare")
        let changes = try view.table(named: "changes")
        // Cloud SEK = items 1, 2, 3, 5:
        //   item 1 (price rose): q0 = q1 = 20, so volume = 0 × 200 / 20 = 0; price = 240 - 200 = 40.
        //   item 2 (volume fell): volume = (60 - 100) × 50 / 100 = -20; price = (30 - 50) - (-20) = 0.
        //   item 3: volume = (4 - 3) × 10 / 3 = 3.333333 (rounded); price = 4 - 3.333333 = 0.666667.
        //   item 5 (gone): gone = -7.5.
        //   before 200 + 50 + 10 + 7.5 = 267.5; after 240 + 30 + 14 = 284; change 16.5 = 6.2 % of 267.5
        //   (6.168...); volume -20 + 3.333333 = -16.666667; price 40.666667; objects V1, V2, V3 before,
        //   V1, V2 after.
        // Services SEK = items 4, 6, 7:
        //   item 4 (new): 25. item 6 (q0 = 0): all price, 20 - 15 = 5. item 7 (credit): volume =
        //   (2 - 1) × -10 / 1 = -10, price = (-30 - -10) - (-10) = -10.
        //   before 15 - 10 = 5; after 25 + 20 - 30 = 15; change 10 = 200 %; volume -10; price 5 - 10 = -5;
        //   new 25; objects: none before (items 6 and 7 have no object), S1 after.
        // Cloud EUR = items 8, 9: item 8 volume (8 - 5) × 50 / 5 = 30, price 0; item 9 new 5.
        //   before 50, after 85, change 35 = 70 %.
        // Order: by currency, then the largest change first.
        XCTAssertEqual(
            lines(changes, "category_id", "category"),
            [
                "CAT-C|Cloud|EUR|50|85|35|70|30|0|5|0|1|1",
                "CAT-C|Cloud|SEK|267.5|284|16.5|6.2|-16.666667|40.666667|0|-7.5|3|2",
                "CAT-S|Services|SEK|5|15|10|200|-10|-5|25|0|0|1",
            ])
        try assertSplitAddsUp(changes)
        // Totals per currency: SEK before 272.5, after 299, change 26.5 (9.7 % of 272.5: 9.724...),
        // volume -26.666667, price 35.666667, new 25, gone -7.5; objects V1, V2, V3 / V1, V2, S1.
        let totals = try view.table(named: "change_totals")
        XCTAssertEqual(
            totals.lines("currency", "before", "after", "change", "change_percent", "volume", "price", "new", "gone",
                         "objects_before", "objects_after", "base_from", "base_to"),
            [
                "EUR|50|85|35|70|30|0|5|0|1|1|2026-01|2026-02",
                "SEK|272.5|299|26.5|9.7|-26.666667|35.666667|25|-7.5|3|3|2026-01|2026-02",
            ])
        try assertSplitAddsUp(totals)
    }

    func testByTypeProfileProductAndObject() throws {
        let x1 = Scope.organization(try key("organization", "X1"))
        // Types: Server = items 1, 2, 3, 5 (SEK, as Cloud above) and 8, 9 (EUR); Seat = item 4 (new 25);
        // (no object) = items 6 and 7: before 15 - 10 = 5, after 20 - 30 = -10, change -15 = -300 %,
        // volume -10, price 5 - 10 = -5.
        let byType = try overview.compare(x1, by: .type, asOf: asOf, period: P).table(named: "changes")
        XCTAssertEqual(
            lines(byType, "object_type_id", "object_type"),
            [
                "TY-S|Server|EUR|50|85|35|70|30|0|5|0|1|1",
                "TY-T|Seat|SEK|0|25|25||0|0|25|0|0|1",
                "TY-S|Server|SEK|267.5|284|16.5|6.2|-16.666667|40.666667|0|-7.5|3|2",
                "|(no object)|SEK|5|-10|-15|-300|-10|-5|0|0|0|0",
            ])
        // Profiles: Large = V1 (items 1, 2: 250 → 270, volume -20, price 40) and E1 (EUR); Small = V2
        // (item 3); (no profile) of Server = V3 (item 5, gone); Basic = S1 (item 4).
        let byProfile = try overview.compare(x1, by: .profile, asOf: asOf, period: P).table(named: "changes")
        XCTAssertEqual(
            lines(byProfile, "object_profile_id", "object_profile", "object_type_id"),
            [
                "PF-L|Large|TY-S|EUR|50|85|35|70|30|0|5|0|1|1",
                "PF-B|Basic|TY-T|SEK|0|25|25||0|0|25|0|0|1",
                "PF-L|Large|TY-S|SEK|250|270|20|8|-20|40|0|0|1|1",
                "|(no object)||SEK|5|-10|-15|-300|-10|-5|0|0|0|0",
                "|(no profile)|TY-S|SEK|7.5|0|-7.5|-100|0|0|0|-7.5|1|0",
                "PF-M|Small|TY-S|SEK|10|14|4|40|3.333333|0.666667|0|0|1|1",
            ])
        try assertSplitAddsUp(byProfile)
        // Products SEK: Compute = items 1, 3: 210 → 254, volume 3.333333, price 40.666667; Storage =
        // items 2, 5: 57.5 → 30, volume -20, gone -7.5; Licence new 25; Support 15 → 20; Credit -10 → -30.
        let byProduct = try overview.compare(x1, by: .product, asOf: asOf, period: P).table(named: "changes")
        XCTAssertEqual(
            lines(byProduct, "product_id", "product", "unit"),
            [
                "P1|Compute|h|EUR|50|80|30|60|30|0|0|0|1|1",
                "P2|Storage|GB|EUR|0|5|5||0|0|5|0|0|1",
                "P1|Compute|h|SEK|210|254|44|21|3.333333|40.666667|0|0|2|2",
                "P2|Storage|GB|SEK|57.5|30|-27.5|-47.8|-20|0|0|-7.5|2|1",
                "P4|Licence|pcs|SEK|0|25|25||0|0|25|0|0|1",
                "P5|Credit||SEK|-10|-30|-20|-200|-10|-10|0|0|0|0",
                "P3|Support|h|SEK|15|20|5|33.3|0|5|0|0|0|0",
            ])
        try assertSplitAddsUp(byProduct)
        // Objects: V1 = items 1, 2; V2 = item 3; V3 = item 5; S1 = item 4; (no object) = items 6, 7.
        let byObject = try overview.compare(x1, by: .object, asOf: asOf, period: P).table(named: "changes")
        XCTAssertEqual(
            lines(byObject, "object_id", "object"),
            [
                "E1|vm-eu|EUR|50|85|35|70|30|0|5|0|1|1",
                "S1|seat-1|SEK|0|25|25||0|0|25|0|0|1",
                "V1|vm-1|SEK|250|270|20|8|-20|40|0|0|1|1",
                "|(no object)|SEK|5|-10|-15|-300|-10|-5|0|0|0|0",
                "V3|vm-3|SEK|7.5|0|-7.5|-100|0|0|0|-7.5|1|0",
                "V2|vm-2|SEK|10|14|4|40|3.333333|0.666667|0|0|1|1",
            ])
    }

    func testDrillDownsCompareTheirOwnTickets() throws {
        let x1 = try key("organization", "X1")
        // The Cloud category defaults to products: items 1, 3 (Compute), 2, 5 (Storage), 8, 9 (EUR).
        let cloud = try overview.compare(.category(organization: x1, category: try key("product_category", "CAT-C")), asOf: asOf, period: P)
        XCTAssertEqual(
            lines(try cloud.table(named: "changes"), "product_id"),
            [
                "P1|EUR|50|80|30|60|30|0|0|0|1|1", "P2|EUR|0|5|5||0|0|5|0|0|1",
                "P1|SEK|210|254|44|21|3.333333|40.666667|0|0|2|2", "P2|SEK|57.5|30|-27.5|-47.8|-20|0|0|-7.5|2|1",
            ])
        // The object V1 defaults to products: item 1 (T5 on contract K3 is still the same item) and item 2.
        let vm1 = try overview.compare(.object(organization: try owner("object", "V1"), object: try key("object", "V1")), asOf: asOf, period: P)
        XCTAssertEqual(
            lines(try vm1.table(named: "changes"), "product_id"),
            ["P1|SEK|200|240|40|20|0|40|0|0|1|1", "P2|SEK|50|30|-20|-40|-20|0|0|0|1|1"])
        // The contract K3 holds only T5: a new item there.
        let k3 = try overview.compare(.contract(organization: try owner("contract", "K3"), contract: try key("contract", "K3")), asOf: asOf, period: P)
        XCTAssertEqual(lines(try k3.table(named: "changes"), "product_id"), ["P1|SEK|0|120|120||0|0|120|0|0|1"])
        // The Large profile defaults to objects: V1 (SEK) and E1 (EUR).
        let large = try overview.compare(
            .objectProfile(organization: x1, objectType: try key("object_type", "TY-S"), profile: try key("object_profile", "PF-L")),
            asOf: asOf, period: P)
        XCTAssertEqual(
            lines(try large.table(named: "changes"), "object_id"),
            ["E1|EUR|50|85|35|70|30|0|5|0|1|1", "V1|SEK|250|270|20|8|-20|40|0|0|1|1"])
        // An invoice has no periods to compare.
        XCTAssertThrowsError(try overview.compare(.invoice(organization: try owner("invoice", "I1"), invoice: try key("invoice", "I1")), asOf: asOf, period: P))
    }

    func testABaseOfAnotherLength() throws {
        // Base 2026-01 only: item 1 has q0 = 10, a0 = 100 (T1): volume = (20 - 10) × 100 / 10 = 100,
        // price = 140 - 100 = 40. Item 2: T6 10 in January: volume (60 - 100) × 50 / 100 = -20, price 0.
        let view = try overview.compare(
            .object(organization: try owner("object", "V1"), object: try key("object", "V1")), base: period("2026-01", "2026-01"), asOf: asOf, period: P)
        XCTAssertEqual(
            lines(try view.table(named: "changes"), "product_id"),
            ["P1|SEK|100|240|140|140|100|40|0|0|1|1", "P2|SEK|50|30|-20|-40|-20|0|0|0|1|1"])
    }

    func testTheSplitOfOneItem() throws {
        // Half to even at the sixth decimal: q0 = 4, q1 = 5, a0 = 0.000002 → (1 × 2 / 4) millionths = 0.5
        // → 0; a0 = 0.000006 → 1.5 → 2; a0 = -0.000006 → -1.5 → -2.
        XCTAssertEqual(try ItemChange.split(ticketsBefore: true, ticketsAfter: true, q0: 4_000_000, a0: 2, q1: 5_000_000, a1: 2).volume, 0)
        XCTAssertEqual(try ItemChange.split(ticketsBefore: true, ticketsAfter: true, q0: 4_000_000, a0: 6, q1: 5_000_000, a1: 6).volume, 2)
        XCTAssertEqual(try ItemChange.split(ticketsBefore: true, ticketsAfter: true, q0: 4_000_000, a0: -6, q1: 5_000_000, a1: -6).volume, -2)
        // 2.5 millionths → 2, 3.5 → 4, and a negative base quantity.
        XCTAssertEqual(ItemChange.divideHalfEven(5, 2), 2)
        XCTAssertEqual(ItemChange.divideHalfEven(7, 2), 4)
        XCTAssertEqual(ItemChange.divideHalfEven(7, -2), -4)
        XCTAssertEqual(ItemChange.divideHalfEven(-5, 2), -2)
        XCTAssertEqual(ItemChange.divideHalfEven(-8, 3), -3)
        // q0 = 0: everything is price; amounts whose difference overflows are refused.
        let zero = try ItemChange.split(ticketsBefore: true, ticketsAfter: true, q0: 0, a0: 15_000_000, q1: 2_000_000, a1: 20_000_000)
        XCTAssertEqual([zero.volume, zero.price, zero.new, zero.gone], [0, 5_000_000, 0, 0])
        XCTAssertThrowsError(try ItemChange.split(ticketsBefore: true, ticketsAfter: true, q0: 1, a0: Int64.min, q1: 1, a1: Int64.max))
        XCTAssertThrowsError(try ItemChange.split(ticketsBefore: true, ticketsAfter: false, q0: 1, a0: Int64.min, q1: 0, a1: 0))
    }
}
