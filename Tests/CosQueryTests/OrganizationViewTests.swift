import CosModel
import CosQuery
import CosView
import XCTest

final class OrganizationViewTests: TinyStoreTestCase {
    func testCardsTwoCurrenciesPreviousPeriodDraftsAndSoldProducts() throws {
        let view = try overview.organization(try org("O1"), asOf: asOf, period: P)
        XCTAssertEqual(view.kind, "organization")
        let cards = try view.table(named: "cards")
        XCTAssertEqual(cards.presentation, .cards)
        // total_invoicing EUR: INV3 30 (FINAL is final), count 1; previous 2025-09..12 none → change null.
        // total_invoicing SEK: INV1 40 + INV6 -10 = 30, count 2 (INV2 is void); previous: INV0 15;
        //   change (30 - 15) / 15 = 100.0 %.
        // draft_invoices EUR: INV5 12.25 (dated 2025-03, any date counts); SEK: INV4 7.5 (2026-05) +
        //   INV9 3.25 (2026-03) = 10.75, 2 drafts.
        // sold_products: P1 (TK1,3,5), P2 (TK2,4), P3 (TK7,8,9) = 3.
        XCTAssertEqual(
            cards.lines("card", "currency", "amount", "count", "previous_amount", "change_percent"),
            [
                "total_invoicing|EUR|30|1|0|",
                "total_invoicing|SEK|30|2|15|100",
                "draft_invoices|EUR|12.25|1||",
                "draft_invoices|SEK|10.75|2||",
                "sold_products|||3||",
            ])
    }

    func testInvoicingTrendHasEveryMonthAndCurrencyWithAnEmptyMarch() throws {
        let view = try overview.organization(try org("O1"), asOf: asOf, period: P)
        let trend = try view.table(named: "invoicing_trend")
        XCTAssertEqual(trend.presentation, .trend(month: "month", values: ["amount"], split: "currency"))
        // Final invoices only: 2026-01 SEK INV1 40; 2026-02 EUR INV3 30 (INV2 void); March has only the
        // draft INV9: 0; 2026-04 SEK INV6 -10.
        XCTAssertEqual(
            trend.lines("month", "currency", "amount"),
            [
                "2026-01|EUR|0", "2026-01|SEK|40",
                "2026-02|EUR|30", "2026-02|SEK|0",
                "2026-03|EUR|0", "2026-03|SEK|0",
                "2026-04|EUR|0", "2026-04|SEK|-10",
            ])
        XCTAssertEqual(trend.rows[1][2], .decimal(ExactDecimal(micros: 40_000_000)))
    }

    func testUsageTrendTakesMonthsInUTC() throws {
        let view = try overview.organization(try org("O1"), asOf: asOf, period: P)
        let usage = try view.table(named: "usage_trend")
        // January: U1 4 + U2 6 (2026-02-01T00:30+01:00 is 2026-01-31T23:30Z) = 2 events, 10.
        // February: U3 1.5. April: U4 is 2026-05-01T01:00Z, so nothing. March empty.
        XCTAssertEqual(
            usage.lines("month", "events", "quantity"),
            ["2026-01|2|10", "2026-02|1|1.5", "2026-03|0|0", "2026-04|0|0"])
        XCTAssertEqual(usage.rows[0][1], .int(2))
    }

    func testObjectsVsChargesCountsObjectsActivePartOfAMonth() throws {
        let view = try overview.organization(try org("O1"), asOf: asOf, period: P)
        let table = try view.table(named: "objects_vs_charges")
        XCTAssertEqual(table.presentation, .dualAxis(month: "month", left: "objects", right: "charges", split: "currency"))
        // Active: OB1 always; OB3 Jan..Apr (to 04-10); OB2 only Feb (02-20..25); OB8 only Mar (03-15..20);
        // OB4 ended 2025-12, OB5 starts 2026-05. Jan 2, Feb 3, Mar 3, Apr 2.
        // Charges SEK: Jan TK1 15 + TK2 25 = 40; Feb TK3 7.5 + TK4 -5 = 2.5; Apr TK5 15 + TK9 22.5 = 37.5.
        // Charges EUR: Jan TK7 25; Feb TK8 12.5.
        XCTAssertEqual(
            table.lines("month", "objects", "currency", "charges"),
            [
                "2026-01|2|EUR|25", "2026-01|2|SEK|40",
                "2026-02|3|EUR|12.5", "2026-02|3|SEK|2.5",
                "2026-03|3|EUR|0", "2026-03|3|SEK|0",
                "2026-04|2|EUR|0", "2026-04|2|SEK|37.5",
            ])
    }

    func testSummaryByCategoryWithSharesPerCurrency() throws {
        let view = try overview.organization(try org("O1"), asOf: asOf, period: P)
        let table = try view.table(named: "by_category")
        XCTAssertEqual(table.presentation, .bars(label: "category", value: "amount", split: "currency"))
        // EUR Mobile: TK7 25 + TK8 12.5 = 37.5, 2 tickets, 1 object (OB3), share 100.
        // SEK Cloud: TK1 15 + TK2 25 + TK3 7.5 + TK4 -5 + TK5 15 = 57.5, 5 tickets, objects OB1, OB2 = 2
        //   (TK4 has none); SEK total 57.5 + 22.5 = 80; share 57.5 / 80 = 71.875 → 71.9.
        // SEK Mobile: TK9 22.5, 1 ticket, 1 object; 22.5 / 80 = 28.125 → 28.1.
        XCTAssertEqual(
            table.lines("category_id", "category", "currency", "amount", "tickets", "objects", "share"),
            [
                "CAT2|Mobile|EUR|37.5|2|1|100",
                "CAT1|Cloud|SEK|57.5|5|2|71.9",
                "CAT2|Mobile|SEK|22.5|1|1|28.1",
            ])
    }

    func testSummaryByObjectTypeHasANoObjectGroup() throws {
        let view = try overview.organization(try org("O1"), asOf: asOf, period: P)
        let table = try view.table(named: "by_object_type")
        // SEK Virtual server: TK1 15 + TK2 25 + TK3 7.5 + TK5 15 + TK9 22.5 = 85, 5 tickets, OB1 OB2;
        //   85 / 80 = 106.25 → 106.3. (no object): TK4 -5, 1 ticket, 0 objects; -5 / 80 = -6.25 → -6.3.
        XCTAssertEqual(
            table.lines("object_type_id", "object_type", "currency", "amount", "tickets", "objects", "share"),
            [
                "T2|Subscription|EUR|37.5|2|1|100",
                "T1|Virtual server|SEK|85|5|2|106.3",
                "|(no object)|SEK|-5|1|0|-6.3",
            ])
        XCTAssertEqual(table.rows[2][0], .null)
    }

    func testSummaryByObjectProfileHasNoProfileAndNoObjectGroups() throws {
        let view = try overview.organization(try org("O1"), asOf: asOf, period: P)
        let table = try view.table(named: "by_object_profile")
        // SEK Large: TK1 15 + TK2 25 + TK5 15 + TK9 22.5 = 77.5, 4 tickets, OB1; 77.5 / 80 = 96.875 → 96.9.
        // SEK (no profile) of Virtual server: TK3 7.5 (OB2); 7.5 / 80 = 9.375 → 9.4.
        XCTAssertEqual(
            table.lines("object_profile_id", "object_profile", "object_type_id", "currency", "amount", "tickets", "objects", "share"),
            [
                "PR3|Unlimited|T2|EUR|37.5|2|1|100",
                "PR1|Large|T1|SEK|77.5|4|1|96.9",
                "|(no profile)|T1|SEK|7.5|1|1|9.4",
                "|(no object)||SEK|-5|1|0|-6.3",
            ])
    }

    func testJPYOrganizationWithOneCurrency() throws {
        let view = try overview.organization(try org("O2"), asOf: asOf, period: P)
        // INV8 1200 JPY final in 2026-01; TK12 1200 on OB6; U5 (bare date = midnight UTC) in January, 7.
        XCTAssertEqual(
            try view.table(named: "cards").lines("card", "currency", "amount", "count"),
            ["total_invoicing|JPY|1200|1", "draft_invoices|JPY|0|0", "sold_products|||1"])
        XCTAssertEqual(
            try view.table(named: "invoicing_trend").lines("month", "currency", "amount"),
            ["2026-01|JPY|1200", "2026-02|JPY|0", "2026-03|JPY|0", "2026-04|JPY|0"])
        XCTAssertEqual(try view.table(named: "usage_trend").lines("month", "events", "quantity").first, "2026-01|1|7")
        XCTAssertEqual(
            try view.table(named: "by_category").lines("category", "currency", "amount", "tickets", "objects", "share"),
            ["Cloud|JPY|1200|1|1|100"])
    }

    func testSingleCurrencyOrganizationCountsDistinctObjects() throws {
        let view = try overview.organization(try org("O3"), asOf: asOf, period: P)
        // TK10 6 + TK11 4 = 10 on OB7: one object for two tickets.
        XCTAssertEqual(
            try view.table(named: "by_category").lines("category", "currency", "amount", "tickets", "objects"),
            ["Cloud|SEK|10|2|1"])
        XCTAssertEqual(
            try view.table(named: "by_object_profile").lines("object_profile", "object_type", "amount", "tickets", "objects"),
            ["Small|Virtual server|10|2|1"])
    }

    func testOneMonthPeriod() throws {
        let view = try overview.organization(try org("O1"), asOf: asOf, period: period("2026-02", "2026-02"))
        // SEK: nothing final in Feb (INV2 void); previous is 2026-01: INV1 40; change (0 - 40) / 40 = -100.
        // EUR: INV3 30; previous none.
        XCTAssertEqual(
            try view.table(named: "cards").lines("card", "currency", "amount", "count", "previous_amount", "change_percent"),
            [
                "total_invoicing|EUR|30|1|0|", "total_invoicing|SEK|0|0|40|-100",
                "draft_invoices|EUR|12.25|1||", "draft_invoices|SEK|10.75|2||", "sold_products|||3||",
            ])
        XCTAssertEqual(
            try view.table(named: "invoicing_trend").lines("month", "currency", "amount"),
            ["2026-02|EUR|30", "2026-02|SEK|0"])
        // Feb tickets: TK3 7.5 (OB2) + TK4 -5 = 2.5 SEK; TK8 12.5 EUR.
        XCTAssertEqual(
            try view.table(named: "by_category").lines("category", "currency", "amount", "tickets", "objects", "share"),
            ["Mobile|EUR|12.5|1|1|100", "Cloud|SEK|2.5|2|1|100"])
    }

    func testDistinctObjectsWhenAnObjectsTicketsHaveGaps() throws {
        // OB1's Cloud tickets are in 2025-12, 2026-01 and 2026-04: its span overlaps 2026-02..03 but it
        // has no ticket there, so only OB2 (TK3, Feb) counts; TK4 has no object. Cloud SEK 7.5 - 5 = 2.5.
        // OB3's Mobile tickets are in Jan and Feb (contiguous): counted in 2026-02..03 by overlap.
        let view = try overview.organization(try org("O1"), asOf: asOf, period: period("2026-02", "2026-03"))
        XCTAssertEqual(
            try view.table(named: "by_category").lines("category", "currency", "amount", "tickets", "objects"),
            ["Mobile|EUR|12.5|1|1", "Cloud|SEK|2.5|2|1"])
        XCTAssertEqual(
            try view.table(named: "by_object_type").lines("object_type", "currency", "tickets", "objects"),
            ["Subscription|EUR|1|1", "Virtual server|SEK|1|1", "(no object)|SEK|1|0"])
        // 2026-05..2026-12: OB1's span ends in April, nothing counts.
        let later = try overview.organization(try org("O1"), asOf: asOf, period: period("2026-05", "2026-12"))
        XCTAssertEqual(try later.table(named: "by_object_profile").rows, [])
    }

    func testPeriodWithNoData() throws {
        let view = try overview.organization(try org("O1"), asOf: asOf, period: period("2024-01", "2024-03"))
        XCTAssertEqual(
            try view.table(named: "cards").lines("card", "currency", "amount", "count"),
            ["total_invoicing|EUR|0|0", "total_invoicing|SEK|0|0", "draft_invoices|EUR|12.25|1",
             "draft_invoices|SEK|10.75|2", "sold_products|||0"])
        let trend = try view.table(named: "invoicing_trend")
        XCTAssertEqual(trend.rows.count, 6)  // 3 months × 2 currencies
        XCTAssertTrue(trend.values(of: "amount").allSatisfy { $0 == .decimal(.zero) })
        // OB4 (2025-01-01..) is active in 2024? No: it starts 2025-01. OB1 starts 2025-06. So 0.
        XCTAssertEqual(try view.table(named: "objects_vs_charges").values(of: "objects"), Array(repeating: .int(0), count: 6))
        XCTAssertEqual(try view.table(named: "by_category").rows, [])
        XCTAssertEqual(try view.table(named: "by_object_profile").rows, [])
    }

    func testOrganizationWithNoDataAtAll() throws {
        let view = try overview.organization(try org("O4"), asOf: asOf, period: P)
        XCTAssertEqual(try view.table(named: "cards").lines("card", "count"), ["sold_products|0"])
        XCTAssertEqual(try view.table(named: "invoicing_trend").rows, [])
        XCTAssertEqual(try view.table(named: "usage_trend").rows.count, 4)
    }

    func testUnknownOrganizationIsAClearError() {
        XCTAssertThrowsError(try overview.organization(9999, asOf: asOf, period: P)) { error in
            XCTAssertEqual(error as? QueryError, .notFound(what: "organization", key: 9999))
        }
    }
}
