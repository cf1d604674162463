import CosModel
@testable import CosQuery
import CosStore
import CosView
import XCTest

/// `audit` on the hand-written AuditBillingData (as of 2026-06-15, period 2026-03..2026-06): what each
/// kind must find and what it must leave alone is listed at the top of AuditBillingData.swift.
final class AuditTests: FixtureStoreTestCase {
    override class var files: [String: String] { AuditBillingData.files }
    let auditAsOf = CivilDate(year: 2026, month: 6, day: 15) ?? CivilDate(daysSinceEpoch: 0)
    let P = period("2026-03", "2026-06")

    var a1: Scope { get throws { .organization(try key("organization", "A1")) } }

    func testFindingsOfEveryKind() throws {
        let view = try overview.audit(try a1, asOf: auditAsOf, period: P)
        XCTAssertEqual(view.kind, "audit")
        let findings = try view.table(named: "findings")
        XCTAssertEqual(
            findings.lines("kind", "currency", "count", "amount", "oldest"),
            [
                // TL1 7 + TL2 3; TL1 starts 2026-02-01.
                "left_behind|SEK|2|10|2026-02-01",
                // TV1 on the void IA4.
                "on_void_invoice|SEK|1|20|2026-04-01",
                // OA3 in March, OA2 in May: object-months, no currency or amount.
                "unbilled_object_month||2||2026-03",
                // TO1 11 + TO2 2; TO2 starts 04-01.
                "outside_object_life|SEK|2|13|2026-04-01",
                // TC1 6 + TC2 4 (EUR); TC2 starts 2025-11-01.
                "outside_contract|EUR|2|10|2025-11-01",
                // IA9: 0 - 10; IA2: 63 - 65; both dated 04-30.
                "invoice_mismatch|EUR|1|-10|2026-04-30",
                "invoice_mismatch|SEK|1|-2|2026-04-30",
                // TD2 9 + TD3 9 + TD5 5 charged twice; TD2 starts 03-01.
                "duplicate|SEK|3|23|2026-03-01",
                // IA5, 36 days before the as-of date.
                "stale_draft|SEK|1|12|2026-05-10",
            ])
        // The oldest of an object-month is a month, of the others a date.
        XCTAssertEqual(findings.rows[2][4], .month(month("2026-03")))
        XCTAssertEqual(findings.rows[0][4], .date(try XCTUnwrap(CivilDate(parsing: "2026-02-01"))))
    }

    func testTheRowsBehindEachKind() throws {
        func rows(_ kind: AuditKind, _ columns: String...) throws -> [String] {
            let view = try overview.audit(try a1, kind: kind, asOf: auditAsOf, period: P)
            let table = try view.table(named: kind.rawValue)
            return table.plainRows.map { row in columns.map { row[$0] ?? "<no \($0)>" }.joined(separator: "|") }
        }
        XCTAssertEqual(
            try rows(.leftBehind, "id", "contract", "object_id", "product_id", "period_end", "amount", "currency", "last_final_invoice"),
            ["TL1|KA-1||P2|2026-02-28|7|SEK|2026-04-30", "TL2|KA-1|OA2|P2|2026-04-29|3|SEK|2026-04-30"])
        XCTAssertEqual(try rows(.onVoidInvoice, "id", "invoice_id", "invoice", "amount"), ["TV1|IA4|A-4|20"])
        XCTAssertEqual(
            try rows(.unbilledObjectMonth, "object_id", "object", "contract", "month", "active_from", "active_to"),
            ["OA3|srv-3|KA-1|2026-03|2026-01-01|2026-04-15", "OA2|srv-2|KA-1|2026-05|2026-03-10|"])
        XCTAssertEqual(
            try rows(.outsideObjectLife, "id", "object_id", "period_start", "period_end", "active_from", "active_to"),
            ["TO2|OA5|2026-04-01|2026-04-20|2026-05-01|", "TO1|OA3|2026-05-01|2026-05-31|2026-01-01|2026-04-15"])
        XCTAssertEqual(
            try rows(.outsideContract, "id", "contract", "period_start", "start_date", "end_date", "currency"),
            ["TC2|KB-1|2025-11-01|2026-01-01|2026-04-30|EUR", "TC1|KB-1|2026-05-01|2026-01-01|2026-04-30|EUR"])
        XCTAssertEqual(
            try rows(.invoiceMismatch, "invoice_id", "invoice", "currency", "tickets", "tickets_amount", "total_amount", "difference"),
            ["IA2|A-2|SEK|5|63|65|-2", "IA9|A-9|EUR|0|0|10|-10"])
        XCTAssertEqual(
            try rows(.duplicate, "id", "duplicate_of", "object_id", "product_id", "amount", "invoice"),
            ["TD2|TD1|OA1|P2|9|A-1", "TD3|TD1|OA1|P2|9|A-1", "TD5|TD4||P4|5|A-2"])
        XCTAssertEqual(try rows(.staleDraft, "invoice_id", "invoice_date", "days", "tickets", "total_amount"), ["IA5|2026-05-10|36|1|12"])
    }

    func testAContractsAudit() throws {
        // KB: only its own tickets and objects count. TC1 and TC2 are outside it; its invoice IA3 adds
        // up; IA9 carries none of its tickets; OA4 is billed every finished month.
        let view = try overview.audit(.contract(organization: try owner("contract", "KB"), contract: try key("contract", "KB")), asOf: auditAsOf, period: P)
        XCTAssertEqual(
            try view.table(named: "findings").lines("kind", "currency", "count", "amount"),
            [
                "left_behind||0|", "on_void_invoice||0|", "unbilled_object_month||0|", "outside_object_life||0|",
                "outside_contract|EUR|2|10", "invoice_mismatch||0|", "duplicate||0|", "stale_draft||0|",
            ])
        // KC: TN2 is on IA1, which adds up; TS2's draft IA6 is only 26 days old.
        let kc = try overview.audit(.contract(organization: try owner("contract", "KC"), contract: try key("contract", "KC")), asOf: auditAsOf, period: P)
        XCTAssertEqual(try kc.table(named: "findings").values(of: "count"), Array(repeating: .int(0), count: 8))
    }

    func testAnotherAsOfDateMovesTheFindings() throws {
        // As of 2026-04-20: TL2 (ends 04-29) is not left behind any more: the latest final SEK invoice
        // on or before it is IA1 (03-31); TL1 (02-28) still is. Object-months: March only (April has not
        // ended): OA3. IA2 and IA9 are not yet dated; TC1, TO1 start after the as-of date. IA5 is not
        // yet dated either.
        let earlier = CivilDate(year: 2026, month: 4, day: 20) ?? auditAsOf
        let view = try overview.audit(try a1, asOf: earlier, period: P)
        XCTAssertEqual(
            try view.table(named: "findings").lines("kind", "currency", "count", "amount"),
            [
                "left_behind|SEK|1|7", "on_void_invoice|SEK|1|20", "unbilled_object_month||1|",
                "outside_object_life|SEK|1|2", "outside_contract|EUR|1|4", "invoice_mismatch||0|",
                "duplicate|SEK|3|23", "stale_draft||0|",
            ])
    }

    func testAuditBelongsToAnOrganizationOrAContract() throws {
        let a1Key = try key("organization", "A1")
        XCTAssertThrowsError(try overview.audit(.object(organization: try owner("object", "OA1"), object: try key("object", "OA1")), asOf: auditAsOf, period: P))
        XCTAssertThrowsError(
            try overview.audit(.category(organization: a1Key, category: try key("product_category", "CAT")), asOf: auditAsOf, period: P))
    }
}
