import CosModel
import CosQuery
import CosStore
import XCTest

/// Export ids are opaque and compared byte for byte (the data contract), never by Swift's canonical
/// equivalence: `café` with é as one code point (U+00E9, NFC) and `cafe` + U+0301 (NFD) are two ids.
final class CanonicalIDTests: XCTestCase {
    static let nfc = "caf\u{E9}"
    static let nfd = "cafe\u{301}"

    func store() throws -> Overview {
        XCTAssertNotEqual(Array(Self.nfc.utf8), Array(Self.nfd.utf8))
        XCTAssertEqual(Self.nfc, Self.nfd)  // what Swift's == says, and why ids must not use it
        let db = try FixtureStore.importing([
            "organizations": "id,name,number\n\(Self.nfc),Alpha AB,\(Self.nfc)\n\(Self.nfd),Beta AB,\n",
            "contracts": "id,organization_id,number,currency,start_date\nC1,\(Self.nfc),K-1,SEK,2025-01-01\n",
            "product_categories": "id,name\n",
            "products": "id,name,category_id\n",
            "object_types": "id,name\n",
            "object_profiles": "id,name,object_type_id\n",
            "objects": "id,name,organization_id,object_type_id,active_from\n",
            "usage_events": "id,object_id,product_id,occurred_at,quantity\n",
            "charge_tickets": "id,contract_id,product_id,period_start,period_end,quantity,amount\n",
            "invoices":
                "id,organization_id,number,invoice_date,status,currency,total_amount\n"
                + "\(Self.nfc),\(Self.nfc),I-1,2025-02-01,final,SEK,10\n\(Self.nfd),\(Self.nfc),I-2,2025-03-01,final,SEK,20\n",
        ])
        return Overview(source: try FixtureStore.viewSource(db))
    }

    func organization(_ overview: Overview, _ id: String) throws -> OrganizationMatch {
        guard case .found(let org) = try overview.resolveOrganization("id:" + id) else {
            throw XCTSkip("id:\(id) does not name exactly one organization")
        }
        return org
    }

    func testIDSegmentsMatchBytesNotCanonicalEquivalents() throws {
        let overview = try store()
        let composed = try organization(overview, Self.nfc)
        let decomposed = try organization(overview, Self.nfd)
        XCTAssertEqual(Array(composed.id.utf8), Array(Self.nfc.utf8))
        XCTAssertEqual(Array(decomposed.id.utf8), Array(Self.nfd.utf8))
        XCTAssertEqual([composed.name, decomposed.name], ["Alpha AB", "Beta AB"])
        // Two invoices of Alpha AB whose ids are the same text in NFC and NFD: each finds its own.
        let alpha = Scope.organization(composed.key)
        guard case .found(let first) = try overview.resolve("id:" + Self.nfc, in: .invoices, of: alpha) else {
            return XCTFail("id:\(Self.nfc) names one invoice")
        }
        XCTAssertEqual(first.name, "I-1")
        guard case .found(let second) = try overview.resolve("id:" + Self.nfd, in: .invoices, of: alpha) else {
            return XCTFail("id:\(Self.nfd) names one invoice")
        }
        XCTAssertEqual(second.name, "I-2")
    }

    func testAnExactNumberOrIDInSearchIsByteForByte() throws {
        let overview = try store()
        // `find` lists an exact id or number (no name here holds the text): only the organization whose
        // id or number has these bytes, not the one whose id or number is canonically equivalent.
        XCTAssertEqual(try overview.searchOrganizations(Self.nfd, limit: 5).matches.map(\.name), ["Beta AB"])
        XCTAssertEqual(try overview.searchOrganizations(Self.nfc, limit: 5).matches.map(\.name), ["Alpha AB"])
    }
}
