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
        // Cloud, SEK, per unit (hours are never added to gigabytes): Jan TK1 10 h / 15 and TK2 100 GB / 25;
        // Feb TK3 5 h / 7.5 and TK4 0 GB / -5; Apr TK5 10 h / 15. No Cloud tickets in EUR: one row a
        // month without a unit.
        XCTAssertEqual(
            trend.lines("month", "currency", "unit", "quantity", "amount"),
            [
                "2026-01|EUR||0|0", "2026-01|SEK|GB|100|25", "2026-01|SEK|h|10|15",
                "2026-02|EUR||0|0", "2026-02|SEK|GB|0|-5", "2026-02|SEK|h|5|7.5",
                "2026-03|EUR||0|0", "2026-03|SEK|GB|0|0", "2026-03|SEK|h|0|0",
                "2026-04|EUR||0|0", "2026-04|SEK|GB|0|0", "2026-04|SEK|h|10|15",
            ])
        // The chart draws the largest unit per currency (by amount: GB 25 - 5 = 20 against h 15 + 7.5 +
        // 15 = 37.5, so hours) against the amount of all units (40, 2.5, 0, 15), and lists gigabytes.
        let chart = try XCTUnwrap(UnitTrend(trend))
        XCTAssertEqual(chart.charted["SEK"], "h")
        XCTAssertEqual(chart.chart.lines("month", "currency", "quantity", "amount").filter { $0.contains("SEK") },
                       ["2026-01|SEK|10|40", "2026-02|SEK|5|2.5", "2026-03|SEK|0|0", "2026-04|SEK|10|15"])
        XCTAssertEqual(chart.others, [UnitTrend.Other(currency: "SEK", unit: "GB", quantity: ExactDecimal(micros: 100_000_000), amount: ExactDecimal(micros: 20_000_000))])
        XCTAssertEqual(chart.chart.columns[2].heading, "Quantity (h)")
        // Compute: qty 10 + 5 + 10 = 25, amount 15 + 7.5 + 15 = 37.5, 3 tickets; Storage: 100 + 0, 25 - 5 = 20, 2.
        XCTAssertEqual(
            try view.table(named: "products").lines("product_id", "product", "unit", "currency", "quantity", "amount", "tickets"),
            ["P1|Compute|h|SEK|25|37.5|3", "P2|Storage|GB|SEK|100|20|2"])
    }

    func testProductTrendAndObjects() throws {
        let view = try overview.product(organization: try org("O1"), product: try key("product", "P2"), asOf: asOf, period: P)
        XCTAssertEqual(view.kind, "product")
        // Storage (GB): TK2 (OB1) Jan 100 / 25; TK4 (no object) Feb 0 / -5.
        XCTAssertEqual(
            try view.table(named: "trend").lines("month", "currency", "unit", "quantity", "amount").filter { $0.contains("SEK") },
            ["2026-01|SEK|GB|100|25", "2026-02|SEK|GB|0|-5", "2026-03|SEK|GB|0|0", "2026-04|SEK|GB|0|0"])
        XCTAssertEqual(
            try view.table(named: "objects").lines("object_id", "object", "active_from", "active_to", "currency", "amount", "tickets"),
            ["OB1|vm-alpha|2025-06-01||SEK|25|1", "|(no object)|||SEK|-5|1"])
    }

    func testObjectTypeTrendProfilesAndProducts() throws {
        let view = try overview.objectType(organization: try org("O1"), objectType: try key("object_type", "T1"), asOf: asOf, period: P)
        // Virtual server, SEK: Jan TK1 10 h / 15, TK2 100 GB / 25; Feb TK3 5 h / 7.5; Apr TK5 10 h / 15 and
        // TK9 (Data plan) 1 GB / 22.5 (before units, April read 11 of nothing in particular).
        XCTAssertEqual(
            try view.table(named: "trend").lines("month", "currency", "unit", "quantity", "amount").filter { $0.contains("SEK") },
            [
                "2026-01|SEK|GB|100|25", "2026-01|SEK|h|10|15", "2026-02|SEK|GB|0|0", "2026-02|SEK|h|5|7.5",
                "2026-03|SEK|GB|0|0", "2026-03|SEK|h|0|0", "2026-04|SEK|GB|1|22.5", "2026-04|SEK|h|10|15",
            ])
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
            try view.table(named: "trend").lines("month", "currency", "unit", "quantity", "amount").filter { $0.hasPrefix("2026-02") },
            ["2026-02|EUR||0|0", "2026-02|SEK|h|5|7.5"])
    }
}
