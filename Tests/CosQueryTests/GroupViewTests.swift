import CosModel
import CosQuery
import CosView
import XCTest

final class GroupViewTests: TinyStoreTestCase {
    func testCategoryTrendAndProducts() throws {
        let view = try overview.category(organization: try org("O1"), category: try key("product_category", "CAT1"), asOf: asOf, period: P)
        XCTAssertEqual(view.kind, "category")
        let trend = try view.table(named: "trend")
        XCTAssertEqual(trend.presentation, .trend(month: "month", values: ["quantity", "amount"], split: "currency"))
        // Cloud, SEK: Jan TK1 10 + TK2 100 = 110 qty, 15 + 25 = 40; Feb TK3 5 + TK4 0 = 5, 7.5 - 5 = 2.5;
        // Apr TK5 10, 15. No Cloud tickets in EUR.
        XCTAssertEqual(
            trend.lines("month", "currency", "quantity", "amount"),
            [
                "2026-01|EUR|0|0", "2026-01|SEK|110|40", "2026-02|EUR|0|0", "2026-02|SEK|5|2.5",
                "2026-03|EUR|0|0", "2026-03|SEK|0|0", "2026-04|EUR|0|0", "2026-04|SEK|10|15",
            ])
        // Compute: qty 10 + 5 + 10 = 25, amount 15 + 7.5 + 15 = 37.5, 3 tickets; Storage: 100 + 0, 25 - 5 = 20, 2.
        XCTAssertEqual(
            try view.table(named: "products").lines("product_id", "product", "unit", "currency", "quantity", "amount", "tickets"),
            ["P1|Compute|h|SEK|25|37.5|3", "P2|Storage|GB|SEK|100|20|2"])
    }

    func testProductTrendAndObjects() throws {
        let view = try overview.product(organization: try org("O1"), product: try key("product", "P2"), asOf: asOf, period: P)
        XCTAssertEqual(view.kind, "product")
        // Storage: TK2 (OB1) Jan 100 / 25; TK4 (no object) Feb 0 / -5.
        XCTAssertEqual(
            try view.table(named: "trend").lines("month", "currency", "quantity", "amount").filter { $0.contains("SEK") },
            ["2026-01|SEK|100|25", "2026-02|SEK|0|-5", "2026-03|SEK|0|0", "2026-04|SEK|0|0"])
        XCTAssertEqual(
            try view.table(named: "objects").lines("object_id", "object", "active_from", "active_to", "currency", "amount", "tickets"),
            ["OB1|vm-alpha|2025-06-01||SEK|25|1", "|(no object)|||SEK|-5|1"])
    }

    func testObjectTypeTrendProfilesAndProducts() throws {
        let view = try overview.objectType(organization: try org("O1"), objectType: try key("object_type", "T1"), asOf: asOf, period: P)
        // Virtual server, SEK: Jan TK1 + TK2 = 110 / 40; Feb TK3 5 / 7.5; Apr TK5 10 + TK9 1 = 11, 15 + 22.5 = 37.5.
        XCTAssertEqual(
            try view.table(named: "trend").lines("month", "currency", "quantity", "amount").filter { $0.contains("SEK") },
            ["2026-01|SEK|110|40", "2026-02|SEK|5|7.5", "2026-03|SEK|0|0", "2026-04|SEK|11|37.5"])
        // Shares within the type's SEK total 85: Large 77.5 / 85 = 91.176 → 91.2; (no profile) 7.5 / 85 = 8.82 → 8.8.
        XCTAssertEqual(
            try view.table(named: "by_object_profile").lines("object_profile_id", "object_profile", "object_type_id", "amount", "tickets", "objects", "share"),
            ["PR1|Large|T1|77.5|4|1|91.2", "|(no profile)|T1|7.5|1|1|8.8"])
        // Compute TK1 + TK3 + TK5 = 25 / 37.5; Storage TK2 100 / 25; Data plan TK9 1 / 22.5.
        XCTAssertEqual(
            try view.table(named: "products").lines("product", "quantity", "amount", "tickets"),
            ["Compute|25|37.5|3", "Storage|100|25|1", "Data plan|1|22.5|1"])
    }

    func testObjectProfileListsActiveAndChargedObjects() throws {
        let view = try overview.objectProfile(
            organization: try org("O1"), objectType: try key("object_type", "T1"), profile: try key("object_profile", "PR1"),
            asOf: asOf, period: P)
        // Large objects of O1: OB1 (charged: TK1 15 + TK2 25 + TK5 15 + TK9 22.5 = 77.5, 4 tickets);
        // OB8 active in March only, no tickets: zero in its contract's currency (C2, EUR);
        // OB5 starts 2026-05 with no tickets: not listed. OB6 belongs to O2.
        XCTAssertEqual(
            try view.table(named: "objects").lines("object_id", "object", "active_from", "active_to", "currency", "amount", "tickets"),
            ["OB8|vm-idle|2026-03-15|2026-03-20|EUR|0|0", "OB1|vm-alpha|2025-06-01||SEK|77.5|4"])
        XCTAssertEqual(
            try view.table(named: "products").lines("product", "amount", "tickets"),
            ["Compute|30|2", "Storage|25|1", "Data plan|22.5|1"])
    }

    func testNoProfileGroup() throws {
        let view = try overview.objectProfile(
            organization: try org("O1"), objectType: try key("object_type", "T1"), profile: nil, asOf: asOf, period: P)
        XCTAssertEqual(view.title, "(no profile) (Virtual server profile of Åkesson & Söner AB)")
        // OB2 vm-beta: TK3 7.5.
        XCTAssertEqual(try view.table(named: "objects").lines("object", "currency", "amount", "tickets"), ["vm-beta|SEK|7.5|1"])
        XCTAssertEqual(
            try view.table(named: "trend").lines("month", "currency", "quantity", "amount").filter { $0.hasPrefix("2026-02") },
            ["2026-02|EUR|0|0", "2026-02|SEK|5|7.5"])
    }
}
