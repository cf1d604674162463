import Foundation
import XCTest

@testable import CosStore

/// A loaded store's contents, checked with SQL against figures computed by hand.
final class ImportStoreTests: ImportTestCase {
    func testRowCountsAndMeta() throws {
        let db = try importStore()
        let meta = try db.metadata()
        XCTAssertEqual(meta["format"], "cos-store")
        XCTAssertEqual(meta["format_version"], "3")
        XCTAssertEqual(meta["as_of"], "2025-06-30")
        XCTAssertEqual(meta["name"], "Test set")
        XCTAssertEqual(meta["rows.charge_ticket"], "5")
        XCTAssertEqual(meta["rows.usage_event"], "3")
        XCTAssertEqual(meta["rows.organization"], "3")
        XCTAssertNotNil(meta["created"])
        XCTAssertNotNil(meta["source"])
    }

    func testKeysFollowFileOrderAndReferencesUseThem() throws {
        let db = try importStore()
        XCTAssertEqual(try text(db, "SELECT id FROM organization WHERE k = 3"), "42")
        XCTAssertEqual(try int(db, "SELECT parent_k FROM organization WHERE id = 'ORG-2'"), 1)
        XCTAssertEqual(try text(db, "SELECT name FROM organization WHERE k = 1"), "Acme, Inc.")
        XCTAssertEqual(try text(db, "SELECT name FROM organization WHERE k = 3"), "Quote \"Q\" Ltd")
        XCTAssertEqual(try text(db, "SELECT search_name FROM organization WHERE k = 2"), "akesson & soner ab")
        XCTAssertEqual(try int(db, "SELECT organization_k FROM contract WHERE id = 'C4'"), 3)
        XCTAssertEqual(try int(db, "SELECT category_k FROM product WHERE id = 'P2'"), 2)
        XCTAssertEqual(try int(db, "SELECT object_type_k FROM object_profile WHERE id = 'PR-5G'"), 2)
    }

    func testCurrencyUpperAndStatusLower() throws {
        let db = try importStore()
        XCTAssertEqual(try text(db, "SELECT currency FROM contract WHERE id = 'C2'"), "EUR")
        XCTAssertEqual(try text(db, "SELECT group_concat(status, ',') FROM (SELECT status FROM invoice ORDER BY k)"), "final,draft,void,final")
        XCTAssertEqual(try text(db, "SELECT currency FROM invoice WHERE id = 'I4'"), "SEK")
    }

    func testMoneyInMillionths() throws {
        let db = try importStore()
        // ORG-1's tickets: 1000.25 + 500.25 - 0.000001 + 10 = 1510.499999
        XCTAssertEqual(try int(db, "SELECT sum(amount) FROM charge_ticket WHERE organization_k = 1"), 1_510_499_999)
        // Quantities: 1 + 1 + 2.5 + 0.0042 = 4.5042
        XCTAssertEqual(try int(db, "SELECT sum(quantity) FROM charge_ticket WHERE organization_k = 1"), 4_504_200)
        XCTAssertEqual(try int(db, "SELECT unit_price FROM charge_ticket WHERE id = 'T5'"), 33_333_333)
        XCTAssertEqual(try int(db, "SELECT count(*) FROM charge_ticket WHERE unit_price IS NULL"), 2)
        // Final invoices of ORG-1: 1500.50; of ORG-2: 99.999999
        XCTAssertEqual(try int(db, "SELECT sum(total_amount) FROM invoice WHERE organization_k = 1 AND status = 'final'"), 1_500_500_000)
        XCTAssertEqual(try int(db, "SELECT total_amount FROM invoice WHERE id = 'I4'"), 99_999_999)
        // The rollup agrees with the tickets.
        XCTAssertEqual(try int(db, "SELECT sum(amount) FROM ticket_rollup WHERE organization_k = 1"), 1_510_499_999)
        XCTAssertEqual(try int(db, "SELECT sum(amount) FROM ticket_rollup WHERE organization_k = 1 AND invoiced = 0"), -1)
    }

    func testDenormalizedTicketColumns() throws {
        let db = try importStore()
        var row: [SQLValue] = []
        try db.forEachRow(
            """
            SELECT organization_k, currency, object_k, product_k, category_k, object_type_k, object_profile_k,
                   month, period_start, period_end, invoice_k FROM charge_ticket WHERE id = 'T5'
            """
        ) { r in row = (0..<11).map { r.value($0) } }
        XCTAssertEqual(
            row,
            [.integer(2), .text("SEK"), .integer(3), .integer(2), .integer(2), .integer(2), .integer(3),
             .integer(2025 * 12 + 1), .text("2025-02-01"), .text("2025-02-28"), .integer(4)])
        // T3 has no object: no type, no profile; not invoiced.
        XCTAssertEqual(try int(db, "SELECT count(*) FROM charge_ticket WHERE id = 'T3' AND object_k IS NULL AND object_type_k IS NULL AND object_profile_k IS NULL AND invoice_k IS NULL"), 1)
        // T4's object O2 has no profile: the type is kept.
        XCTAssertEqual(try int(db, "SELECT object_type_k FROM charge_ticket WHERE id = 'T4' AND object_profile_k IS NULL"), 1)
        XCTAssertEqual(try text(db, "SELECT currency FROM charge_ticket WHERE id = 'T4'"), "EUR")
    }

    func testTimestampsInUTCAndTheirMonths() throws {
        let db = try importStore()
        // 2025-01-31T23:30:00-01:00 is 2025-02-01T00:30:00Z: February.
        XCTAssertEqual(try text(db, "SELECT occurred_at FROM usage_event WHERE id = 'E1'"), "2025-02-01T00:30:00Z")
        XCTAssertEqual(try int(db, "SELECT month FROM usage_event WHERE id = 'E1'"), 2025 * 12 + 1)
        // 2025-02-01T00:30:00+01:00 is 2025-01-31T23:30:00Z: January.
        XCTAssertEqual(try text(db, "SELECT occurred_at FROM usage_event WHERE id = 'E2'"), "2025-01-31T23:30:00Z")
        XCTAssertEqual(try int(db, "SELECT month FROM usage_event WHERE id = 'E2'"), 2025 * 12 + 0)
        XCTAssertEqual(try text(db, "SELECT occurred_at FROM usage_event WHERE id = 'E3'"), "2025-02-10T00:00:00Z")
        // Usage counts for the object's organization.
        XCTAssertEqual(try int(db, "SELECT organization_k FROM usage_event WHERE id = 'E3'"), 2)
        XCTAssertEqual(try int(db, "SELECT quantity FROM usage_rollup WHERE organization_k = 1 AND month = ?", [.integer(2025 * 12 + 1)]), 1_500_000)
        XCTAssertEqual(try int(db, "SELECT quantity FROM usage_rollup WHERE organization_k = 2"), 1)
    }

    func testObjectMonthsAndActivity() throws {
        let db = try importStore()
        XCTAssertEqual(try int(db, "SELECT from_month FROM object WHERE id = 'O2'"), 2025 * 12 + 2)
        XCTAssertEqual(try int(db, "SELECT to_month FROM object WHERE id = 'O2'"), 2025 * 12 + 4)
        XCTAssertEqual(try text(db, "SELECT active_to FROM object WHERE id = 'O2'"), "2025-05-31")
        XCTAssertEqual(try int(db, "SELECT count(*) FROM object WHERE active_to IS NULL"), 2)
        // ORG-1: O1 from January, O2 March..May: +1 Jan, +1 Mar, -1 Jun.
        var deltas: [String] = []
        try db.forEachRow("SELECT month, delta FROM object_activity_delta WHERE organization_k = 1 ORDER BY month") {
            deltas.append("\($0.int(0) - 2025 * 12 + 1):\($0.int(1))")
        }
        XCTAssertEqual(deltas, ["1:1", "3:1", "6:-1"])
    }

    /// Open questions decided by loading: end before start, amount not equal to quantity × price.
    func testLoadedAsWritten() throws {
        let db = try importStore()
        XCTAssertEqual(try text(db, "SELECT end_date FROM contract WHERE id = 'C2'"), "2024-12-31")
        XCTAssertEqual(try text(db, "SELECT period_end FROM charge_ticket WHERE id = 'T3'"), "2025-01-15")
        XCTAssertEqual(try int(db, "SELECT amount FROM charge_ticket WHERE id = 'T2'"), 500_250_000)
    }

    func testIndexesAndStatistics() throws {
        let db = try importStore()
        XCTAssertEqual(try int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"), Int64(StoreSchema.indexes.count))
        XCTAssertEqual(try int(db, "SELECT count(*) > 0 FROM sqlite_stat1"), 1)
    }

    /// Any valid export loads: shuffled and extra columns, CRLF, a BOM, quoted line breaks, ids of
    /// every shape.
    func testAnyValidExportLoads() throws {
        let uuid = "3f2b8c1e-9d4a-4e6b-8a7f-0c1d2e3f4a5b"
        let db = try importStore([
            "organizations.csv": "\u{FEFF}Parent_ID , NAME,extra,id\r\n,\"Acme\r\nNordic\",x,\(uuid)\r\n\(uuid),Child,y,007\r\n\(uuid),Other,z,7\r\n,Plain,,ORG-1\r\n,Two,,ORG-2\r\n,Three,,42\r\n",
            "contracts.csv": "currency,start_date,id,organization_id,number,note\nSEK,2025-01-01,C1,ORG-1,K-1,\"a, b\"\nEUR,2025-01-01,C2,ORG-1,K-2,\nSEK,2025-01-01,C3,ORG-2,K-3,\nUSD,2025-01-01,C4,007,K-4,\n",
        ])
        XCTAssertEqual(try text(db, "SELECT name FROM organization WHERE id = ?", [.text(uuid)]), "Acme\r\nNordic")
        XCTAssertEqual(try int(db, "SELECT parent_k FROM organization WHERE id = '007'"), 1)
        XCTAssertEqual(try int(db, "SELECT organization_k FROM contract WHERE id = 'C4'"), 2)
        XCTAssertEqual(try int(db, "SELECT k FROM organization WHERE id = '7'"), 3)
        XCTAssertEqual(try int(db, "SELECT count(*) FROM contract WHERE end_date IS NULL AND name IS NULL"), 4)
    }
}
