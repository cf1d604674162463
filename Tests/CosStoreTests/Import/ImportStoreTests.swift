import Foundation
import XCTest

@testable import CosStore

/// A loaded store's contents, checked with SQL against figures computed by hand.
final class ImportStoreTests: ImportTestCase {
    func testRowCountsAndMeta() throws {
        let db = try importStore()
        let meta = try db.metadata()
        XCTAssertEqual(meta["format"], "cos-store")
        XCTAssertEqual(meta["format_version"], "5")
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
        XCTAssertEqual(try int(db, "SELECT organization_k FROM contract WHERE organization_k = 3 AND id = 'C4'"), 3)
        XCTAssertEqual(try int(db, "SELECT category_k FROM product WHERE id = 'P2'"), 2)
        XCTAssertEqual(try int(db, "SELECT object_type_k FROM object_profile WHERE id = 'PR-5G'"), 2)
    }

    func testCurrencyUpperAndStatusLower() throws {
        let db = try importStore()
        XCTAssertEqual(try text(db, "SELECT currency FROM contract WHERE organization_k = 1 AND id = 'C2'"), "EUR")
        XCTAssertEqual(try text(db, "SELECT group_concat(status, ',') FROM (SELECT status FROM invoice ORDER BY k)"), "final,draft,void,final")
        XCTAssertEqual(try text(db, "SELECT currency FROM invoice WHERE organization_k = 2 AND id = 'I4'"), "SEK")
        // Invoices summed per organization, month, status and currency.
        XCTAssertEqual(
            try text(db, "SELECT group_concat((month - 24300) || ':' || status || ':' || currency || ':' || invoices || ':' || amount, ',') FROM invoice_rollup WHERE organization_k = 1"),
            "1:final:SEK:1:1500500000,2:draft:SEK:1:200000000,2:void:EUR:1:10000000")
    }

    func testMoneyInMillionths() throws {
        let db = try importStore()
        // ORG-1's tickets: 1000.25 + 500.25 - 0.000001 + 10 = 1510.499999
        XCTAssertEqual(try int(db, "SELECT sum(amount) FROM charge_ticket WHERE organization_k = 1"), 1_510_499_999)
        // Quantities: 1 + 1 + 2.5 + 0.0042 = 4.5042
        XCTAssertEqual(try int(db, "SELECT sum(quantity) FROM charge_ticket WHERE organization_k = 1"), 4_504_200)
        XCTAssertEqual(try int(db, "SELECT unit_price FROM charge_ticket WHERE organization_k = 2 AND id = 'T5'"), 33_333_333)
        XCTAssertEqual(try int(db, "SELECT count(*) FROM charge_ticket WHERE unit_price IS NULL"), 2)
        // Final invoices of ORG-1: 1500.50; of ORG-2: 99.999999
        XCTAssertEqual(try int(db, "SELECT sum(total_amount) FROM invoice WHERE organization_k = 1 AND status = 'final'"), 1_500_500_000)
        XCTAssertEqual(try int(db, "SELECT total_amount FROM invoice WHERE organization_k = 2 AND id = 'I4'"), 99_999_999)
        // The rollup agrees with the tickets.
        XCTAssertEqual(try int(db, "SELECT sum(amount) FROM ticket_rollup WHERE organization_k = 1"), 1_510_499_999)
        XCTAssertEqual(try int(db, "SELECT sum(amount) FROM ticket_rollup WHERE organization_k = 1 AND invoiced = 0"), -1)
        // Per invoice: I1 holds T1 and T2 (1000.25 + 500.25).
        XCTAssertEqual(try int(db, "SELECT sum(amount) FROM ticket_rollup WHERE organization_k = 1 AND invoice_k = 1"), 1_500_500_000)
        XCTAssertEqual(try int(db, "SELECT sum(tickets) FROM ticket_rollup WHERE organization_k = 1 AND invoice_k = 1"), 2)
    }

    func testDenormalizedTicketColumns() throws {
        let db = try importStore()
        var row: [SQLValue] = []
        try db.forEachRow(
            """
            SELECT organization_k, currency, object_k, product_k, category_k, object_type_k, object_profile_k,
                   month, period_start_day, period_end_day, invoice_k, k FROM charge_ticket WHERE organization_k = 2 AND id = 'T5'
            """
        ) { r in row = (0..<12).map { r.value($0) } }
        // 2025-02-01 is day 20,120 since 1970-01-01 (55 years of 365 days and 13 leap days, plus 31).
        XCTAssertEqual(
            row,
            [.integer(2), .text("SEK"), .integer(3), .integer(2), .integer(2), .integer(2), .integer(3),
             .integer(2025 * 12 + 1), .integer(20_120), .integer(20_147), .integer(4), .integer(5)])
        // T3 has no object: no type, no profile; not invoiced.
        XCTAssertEqual(try int(db, "SELECT count(*) FROM charge_ticket WHERE organization_k = 1 AND id = 'T3' AND object_k IS NULL AND object_type_k IS NULL AND object_profile_k IS NULL AND invoice_k IS NULL"), 1)
        // T4's object O2 has no profile: the type is kept.
        XCTAssertEqual(try int(db, "SELECT object_type_k FROM charge_ticket WHERE organization_k = 1 AND id = 'T4' AND object_profile_k IS NULL"), 1)
        XCTAssertEqual(try text(db, "SELECT currency FROM charge_ticket WHERE organization_k = 1 AND id = 'T4'"), "EUR")
        // Clustered by organization, month, period start and id.
        XCTAssertEqual(try text(db, "SELECT group_concat(id, ',') FROM charge_ticket"), "T1,T2,T3,T4,T5")
    }

    /// Usage events are kept as their count and quantity per organization, object, month and product.
    func testUsageInUTCMonthsPerObjectAndProduct() throws {
        let db = try importStore()
        // E1 2025-01-31T23:30:00-01:00 is 2025-02-01T00:30:00Z: February. E2 2025-02-01T00:30:00+01:00 is
        // 2025-01-31T23:30:00Z: January. E3 (O3 of ORG-2) on 2025-02-10.
        XCTAssertEqual(
            try text(db, "SELECT group_concat(organization_k || ':' || object_k || ':' || (month - 24300) || ':' || product_k || ':' || events || ':' || quantity, ',') FROM object_usage"),
            "1:1:0:1:1:2000000,1:1:1:1:1:1500000,2:3:1:2:1:1")
        XCTAssertEqual(try int(db, "SELECT quantity FROM usage_rollup WHERE organization_k = 1 AND month = ?", [.integer(2025 * 12 + 1)]), 1_500_000)
        XCTAssertEqual(try int(db, "SELECT quantity FROM usage_rollup WHERE organization_k = 2"), 1)
        XCTAssertEqual(try int(db, "SELECT sum(events) FROM usage_rollup"), 3)
    }

    /// The rollups behind the product and profile views and the summaries' distinct objects.
    func testObjectRollups() throws {
        let db = try importStore()
        // O1 (ORG-1, P1): T1 in January, T2 in February.
        XCTAssertEqual(
            try text(db, "SELECT group_concat(object_k || ':' || currency || ':' || (month - 24300) || ':' || tickets || ':' || amount, ',') FROM product_object WHERE organization_k = 1 AND product_k = 1"),
            "1:SEK:0:1:1000250000,1:SEK:1:1:500250000")
        // object_month keeps the object's profile: O2 has none.
        XCTAssertEqual(
            try text(db, "SELECT group_concat(object_k || ':' || ifnull(object_profile_k, '-') || ':' || currency || ':' || (month - 24300), ',') FROM object_month WHERE organization_k = 1"),
            "1:1:SEK:0,1:1:SEK:1,2:-:EUR:2")
        // O1 has tickets in January and February in Cloud (one run), O2 in March in Connectivity.
        XCTAssertEqual(
            try text(db, "SELECT group_concat(category_k || ':' || currency || ':' || kind || ':' || (first_month - 24300) || '-' || (last_month - 24300) || ':' || objects, ',') FROM category_object_runs WHERE organization_k = 1"),
            "1:SEK:1:0-1:1,2:EUR:1:2-2:1")
        XCTAssertEqual(
            try text(db, "SELECT group_concat(object_type_k || ':' || ifnull(object_profile_k, '-') || ':' || currency || ':' || kind || ':' || objects, ',') FROM profile_object_runs WHERE organization_k = 1"),
            "1:-:EUR:1:1,1:1:SEK:1:1")
        XCTAssertEqual(try int(db, "SELECT count(*) FROM foreign_object"), 0)
    }

    /// An object with tickets in January, February, April and May has two runs and one gap.
    func testRunsAndGaps() throws {
        let db = try importStore(TestData.appending(
            "charge_tickets.csv",
            "T6,C1,O1,P1,2025-04-01,2025-04-30,1,1,1,\nT7,C1,O1,P1,2025-05-10,2025-05-31,1,1,1,\nT8,C1,O1,P1,2025-05-01,2025-05-09,1,1,1,"))
        // O1's Cloud months: January, February, April, May: runs Jan-Feb and Apr-May, the gap March.
        XCTAssertEqual(
            try text(db, "SELECT group_concat(kind || ':' || (first_month - 24300) || '-' || (last_month - 24300) || ':' || objects, ',') FROM category_object_runs WHERE organization_k = 1 AND category_k = 1"),
            "1:0-1:1,1:3-4:1,2:2-2:1")
    }

    func testObjectMonthsAndActivity() throws {
        let db = try importStore()
        XCTAssertEqual(try int(db, "SELECT from_month FROM object WHERE organization_k = 1 AND id = 'O2'"), 2025 * 12 + 2)
        XCTAssertEqual(try int(db, "SELECT to_month FROM object WHERE organization_k = 1 AND id = 'O2'"), 2025 * 12 + 4)
        // 2025-05-31: day 20,239.
        XCTAssertEqual(try int(db, "SELECT active_to_day FROM object WHERE organization_k = 1 AND id = 'O2'"), 20_239)
        XCTAssertEqual(try int(db, "SELECT count(*) FROM object WHERE active_to_day IS NULL"), 2)
        XCTAssertEqual(try text(db, "SELECT name_key FROM object WHERE organization_k = 2 AND k = 3"), "+46701234567")
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
        // 2024-12-31 is day 20,088; 2025-01-15 day 20,103.
        XCTAssertEqual(try int(db, "SELECT end_day FROM contract WHERE organization_k = 1 AND id = 'C2'"), 20_088)
        XCTAssertEqual(try int(db, "SELECT period_end_day FROM charge_ticket WHERE organization_k = 1 AND id = 'T3'"), 20_103)
        XCTAssertEqual(try int(db, "SELECT amount FROM charge_ticket WHERE organization_k = 1 AND id = 'T2'"), 500_250_000)
    }

    func testIndexesAndStatistics() throws {
        let db = try importStore()
        let indexes = StoreSchema.tables.reduce(0) { $0 + $1.indexes.count }
        XCTAssertEqual(try int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"), Int64(indexes))
        XCTAssertEqual(try text(db, "PRAGMA integrity_check"), "ok")
        XCTAssertEqual(try int(db, "SELECT count(*) > 0 FROM sqlite_stat1"), 1)
        // The partial index of uninvoiced tickets holds exactly those (the import builds IS NULL ones too).
        XCTAssertEqual(
            try int(db, "SELECT count(*) FROM charge_ticket INDEXED BY ticket_uninvoiced WHERE invoice_k IS NULL AND organization_k > 0"),
            try int(db, "SELECT count(*) FROM charge_ticket NOT INDEXED WHERE invoice_k IS NULL"))
        XCTAssertGreaterThan(try int(db, "SELECT count(*) FROM charge_ticket WHERE invoice_k IS NULL") ?? 0, 0)
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
        XCTAssertEqual(try int(db, "SELECT organization_k FROM contract WHERE organization_k = 2 AND id = 'C4'"), 2)
        XCTAssertEqual(try int(db, "SELECT k FROM organization WHERE id = '7'"), 3)
        XCTAssertEqual(try int(db, "SELECT count(*) FROM contract WHERE end_day IS NULL AND name IS NULL"), 4)
    }
}

/// Every derived table equals plain SQL over the base tables (`StoreSchema.derivations`), here with a
/// ticket of ORG-1 on ORG-2's object O3 (foreign_object) and runs with a gap.
final class DerivedTableSQLTests: ImportTestCase {
    func testDerivedTablesEqualTheirSQL() throws {
        let db = try importStore(TestData.appending(
            "charge_tickets.csv",
            "T6,C1,O1,P1,2025-04-01,2025-04-30,1,1,1,\nT7,C1,O3,P1,2025-05-10,2025-05-31,1,1,1,\nT8,C1,O1,P1,2025-05-01,2025-05-09,1,1,1,"))
        XCTAssertEqual(try int(db, "SELECT count(*) FROM foreign_object"), 1)
        for derivation in StoreSchema.derivations {
            let name = derivation.table.name
            let stored = "SELECT " + derivation.table.columns.map(\.name).joined(separator: ", ") + " FROM \(name)"
            let derived = "SELECT * FROM (\(derivation.select)) derived"
            XCTAssertEqual(try int(db, "SELECT count(*) FROM (\(stored))"), try int(db, "SELECT count(*) FROM (\(derived))"), name)
            XCTAssertEqual(try int(db, "SELECT count(*) FROM (\(stored) EXCEPT \(derived))"), 0, name)
            XCTAssertEqual(try int(db, "SELECT count(*) FROM (\(derived) EXCEPT \(stored))"), 0, name)
        }
    }
}
