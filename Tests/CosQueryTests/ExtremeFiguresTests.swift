import CosModel
import CosQuery
import CosStore
import CosView
import XCTest

/// Issue 12, point 2: amounts the contract allows (up to ±9223372036854.775807 each) never trap a
/// view. Differences and shares are taken in 128 bits; a sum that cannot be held exactly is a clear
/// "too large to add up exactly" error. Figures by hand beside each assertion.
final class ExtremeFiguresTests: XCTestCase {
    static let max = "9223372036854.775807"

    /// One organization with one SEK contract; `invoices` and `tickets` are the rows after the headers.
    func store(invoices: [String], tickets: [String] = []) throws -> (Database, Key) {
        let db = try FixtureStore.importing([
            "organizations": "id,name\nO1,Edge AB\n",
            "contracts": "id,organization_id,number,currency,start_date\nC1,O1,K-1,SEK,2020-01-01\nC2,O1,K-2,SEK,2020-01-01\n",
            "product_categories": "id,name\nCAT1,Cloud\n",
            "products": "id,name,category_id\nP1,Compute,CAT1\nP2,Storage,CAT1\n",
            "object_types": "id,name\nT1,Server\n",
            "object_profiles": "id,name,object_type_id\n",
            "objects": "id,name,organization_id,object_type_id,active_from\n",
            "usage_events": "id,object_id,product_id,occurred_at,quantity\n",
            "invoices": (["id,organization_id,number,invoice_date,status,currency,total_amount"] + invoices)
                .joined(separator: "\n") + "\n",
            "charge_tickets": (["id,contract_id,object_id,product_id,period_start,period_end,quantity,unit_price,amount,invoice_id"]
                + tickets).joined(separator: "\n") + "\n",
        ])
        guard case .integer(let k)? = try db.scalar("SELECT k FROM organization WHERE id = 'O1'") else {
            throw FixtureStore.FixtureError(description: "no O1")
        }
        return (db, k)
    }

    let asOf = CivilDate(year: 2026, month: 6, day: 30) ?? CivilDate(daysSinceEpoch: 0)
    /// 2026-01..2026-06; the previous period is 2025-07..2025-12.
    let period = Period(from: Month(year: 2026, month: 1), to: Month(year: 2026, month: 6)) ?? Period.defaultPeriod(asOf: CivilDate(daysSinceEpoch: 0))

    func cards(_ view: View) throws -> [[Cell]] { try XCTUnwrap(view.tables.first { $0.name == "cards" }).rows }

    /// The case: the previous period holds one invoice of the largest negative total, this
    /// period 100 SEK. The change is (100 - (-9223372036854.775807)) / 9223372036854.775807 * 100
    /// = 100.000000000001...% = 100.0% at one decimal; a 64-bit difference would overflow.
    func testAChangeAgainstTheLargestNegativeTotalDoesNotTrap() throws {
        let (db, org) = try store(invoices: [
            "I1,O1,INV-1,2025-08-31,final,SEK,-\(Self.max)",
            "I2,O1,INV-2,2026-02-28,final,SEK,100",
        ])
        let view = try Overview(source: db).organization(org, asOf: asOf, period: period)
        let total = try XCTUnwrap(try cards(view).first { $0.first == .text("total_invoicing") })
        XCTAssertEqual(total[2], .decimal(try ExactDecimal(parsing: "100")))
        XCTAssertEqual(total[4], .decimal(try ExactDecimal(parsing: "-\(Self.max)")))
        XCTAssertEqual(total[5], .decimal(try ExactDecimal(parsing: "100")))
    }

    func testAChangeFromTheLargestTotalToTheLargestNegativeOneDoesNotTrap() throws {
        // (-max - max) / max * 100 = -200%.
        let (db, org) = try store(invoices: [
            "I1,O1,INV-1,2025-08-31,final,SEK,\(Self.max)",
            "I2,O1,INV-2,2026-02-28,final,SEK,-\(Self.max)",
        ])
        let total = try XCTUnwrap(
            try cards(Overview(source: db).organization(org, asOf: asOf, period: period)).first { $0.first == .text("total_invoicing") })
        XCTAssertEqual(total[5], .decimal(try ExactDecimal(parsing: "-200")))
    }

    /// Two invoices of the largest total in one period: their sum cannot be held exactly.
    func testATotalTooLargeToAddUpIsAClearError() throws {
        let (db, org) = try store(invoices: [
            "I1,O1,INV-1,2026-01-31,final,SEK,\(Self.max)",
            "I2,O1,INV-2,2026-02-28,final,SEK,\(Self.max)",
        ])
        XCTAssertThrowsError(try Overview(source: db).organization(org, asOf: asOf, period: period)) { error in
            XCTAssertEqual(error as? QueryError, .overflow(what: "a sum in this view (more than \(Self.max) in size)"))
            XCTAssertEqual("\(error)", "a sum in this view (more than \(Self.max) in size) is too large to add up exactly")
        }
    }

    /// Two ticket groups (contracts K-1 and K-2) of one category: -max and -0.000001 add up to exactly
    /// -9223372036854.775808, the smallest 64-bit value, which sorting by a negated amount trapped on.
    /// The share of each is its part of that whole: 100.0% and 0.0%.
    func testASummaryAtTheSmallest64BitSumSortsAndShares() throws {
        let (db, org) = try store(invoices: [], tickets: [
            "T1,C1,,P1,2026-03-01,2026-03-31,1,,-\(Self.max),",
            "T2,C2,,P2,2026-03-01,2026-03-31,1,,-0.000001,",
        ])
        let view = try Overview(source: db).organization(org, asOf: asOf, period: period)
        let byCategory = try XCTUnwrap(view.tables.first { $0.name == "by_category" })
        XCTAssertEqual(byCategory.rows.count, 1)
        let row = byCategory.rows[0]
        let amount = try XCTUnwrap(byCategory.columns.firstIndex { $0.name == "amount" })
        let share = try XCTUnwrap(byCategory.columns.firstIndex { $0.name == "share" })
        XCTAssertEqual(row[amount], .decimal(ExactDecimal(micros: Int64.min)))
        XCTAssertEqual(row[share], .decimal(try ExactDecimal(parsing: "100")))
    }

    /// The as-of month's first period has no previous period inside the years 0001..9999: no change.
    func testThePeriodAtTheStartOfTimeHasNoPreviousPeriod() throws {
        let (db, org) = try store(invoices: ["I1,O1,INV-1,0001-02-28,final,SEK,5"])
        let first = try XCTUnwrap(Period(from: Month(year: 1, month: 1), to: Month(year: 1, month: 3)))
        let view = try Overview(source: db).organization(
            org, asOf: CivilDate(year: 1, month: 3, day: 31) ?? asOf, period: first)
        let total = try XCTUnwrap(try cards(view).first { $0.first == .text("total_invoicing") })
        XCTAssertEqual(total[2], .decimal(try ExactDecimal(parsing: "5")))
        XCTAssertEqual(total[4], .decimal(.zero))
        XCTAssertEqual(total[5], .null)
    }

    func testATicketPageFarPastTheEndDoesNotTrap() throws {
        let (db, org) = try store(invoices: [], tickets: ["T1,C1,,P1,2026-03-01,2026-03-31,1,,1,"])
        let view = try Overview(source: db).tickets(
            .organization(org), offset: Int.max - 1, limit: Int.max, asOf: asOf, period: period)
        XCTAssertEqual(view.tables.first?.rows.count, 0)
        XCTAssertEqual(view.tables.first?.totalRows, 1)
    }
}
