import CosModel
import CosQuery
import CosView
import XCTest

/// The summaries and products tables carry the base period's amount (`previous_amount`: the previous
/// period of equal length) and the change in percent. On TinyBillingData with P = 2026-01..2026-04 the
/// base period is 2025-09..2025-12, which holds one ticket: TK6 (Compute on OB1, SEK, 15).
final class BasePeriodColumnTests: TinyStoreTestCase {
    func testOrganizationSummaries() throws {
        let view = try overview.organization(try org("O1"), asOf: asOf, period: P)
        // Cloud SEK 57.5 against TK6's 15: (57.5 - 15) / 15 = 283.3 %; Mobile has no base amount: no change.
        XCTAssertEqual(
            try view.table(named: "by_category").lines("category_id", "currency", "amount", "previous_amount", "change_percent"),
            ["CAT2|EUR|37.5|0|", "CAT1|SEK|57.5|15|283.3", "CAT2|SEK|22.5|0|"])
        // Virtual server SEK 85 (TK1 15 + TK2 25 + TK3 7.5 + TK5 15 + TK9 22.5) against 15: 466.7 %.
        XCTAssertEqual(
            try view.table(named: "by_object_type").lines("object_type_id", "currency", "amount", "previous_amount", "change_percent")
                .filter { $0.contains("SEK") },
            ["T1|SEK|85|15|466.7", "|SEK|-5|0|"])
        // Large SEK 77.5 against 15: 62.5 / 15 = 416.7 %.
        XCTAssertEqual(
            try view.table(named: "by_object_profile").lines("object_profile_id", "currency", "amount", "previous_amount", "change_percent")
                .filter { $0.hasPrefix("PR1|SEK") },
            ["PR1|SEK|77.5|15|416.7"])
    }

    func testDrillDownProducts() throws {
        // Cloud's Compute SEK 37.5 (TK1 15 + TK3 7.5 + TK5 15) against 15: 150 %; Storage had nothing.
        let cloud = try overview.category(organization: try org("O1"), category: try key("product_category", "CAT1"), asOf: asOf, period: P)
        XCTAssertEqual(
            try cloud.table(named: "products").lines("product_id", "currency", "amount", "previous_amount", "change_percent"),
            ["P1|SEK|37.5|15|150", "P2|SEK|20|0|"])
        // OB1's Compute: TK1 15 + TK5 15 = 30 against 15: 100 %.
        let object = try overview.object(organization: try org("O1"), object: try key("object", "OB1"), asOf: asOf, period: P)
        XCTAssertEqual(
            try object.table(named: "products").lines("product_id", "amount", "previous_amount", "change_percent").first,
            "P1|30|15|100")
    }
}
