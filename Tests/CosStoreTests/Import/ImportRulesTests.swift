import Foundation
import XCTest

@testable import CosStore

/// Every rule of the contract, each with the exact message.
final class ImportRulesTests: ImportTestCase {
    func testMissingFile() throws {
        XCTAssertEqual(try problems(["invoices.csv": nil]), ["invoices.csv: the file is missing"])
    }

    func testEmptyFile() throws {
        XCTAssertEqual(try problems(["object_types.csv": ""]), ["object_types.csv:1: the file is empty: there is no header row"])
    }

    func testHeaderOnlyFileIsFine() throws {
        let db = try importStore(["usage_events.csv": "id,object_id,product_id,occurred_at,quantity\n"])
        XCTAssertEqual(try int(db, "SELECT count(*) FROM object_usage"), 0)
    }

    func testMissingRequiredColumn() throws {
        XCTAssertEqual(
            try problems(["product_categories.csv": "id,title\nCAT-CLOUD,x\nCAT-CONN,y\n"]),
            ["product_categories.csv:1: the required column \"name\" is missing from the header"])
    }

    func testOptionalColumnsMayBeAbsent() throws {
        let db = try importStore(["products.csv": "id,name,category_id\nP1,a,CAT-CLOUD\nP2,b,CAT-CONN\n"])
        XCTAssertEqual(try int(db, "SELECT count(*) FROM product WHERE unit IS NULL"), 2)
    }

    func testDuplicatedHeader() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("object_types.csv", line: 1, with: "id,name,Name")),
            ["object_types.csv:1: the header names column \"name\" twice"])
    }

    /// Unknown columns are ignored by the contract, so one named twice (in any case or padding) is
    /// not ambiguous and loads; only a contract column named twice is refused (conformance BUG-8).
    func testUnknownColumnsNamedTwiceLoad() throws {
        let db = try importStore([
            "products.csv": "id,notes,name,category_id,unit, NOTES ,Notes\nP1,a,Virtual server,CAT-CLOUD,pcs,b,c\nP2,,Data,CAT-CONN,GB,,\n",
            // With a duplicate ticket id as well: the second pass that names the first line reads the
            // header again.
            "charge_tickets.csv": "id,contract_id,object_id,product_id,period_start,period_end,quantity,unit_price,amount,invoice_id,x,x\n"
                + "T1,C1,O1,P1,2025-01-01,2025-01-31,1,1000.25,1000.25,I1,1,2\n",
        ])
        // The two products as written, their names from the `name` column (not a `notes` one).
        XCTAssertEqual(try text(db, "SELECT group_concat(id || '=' || name, ';') FROM (SELECT id, name FROM product ORDER BY k)"),
                       "P1=Virtual server;P2=Data")
        XCTAssertEqual(
            try problems([
                "charge_tickets.csv": "id,contract_id,object_id,product_id,period_start,period_end,quantity,unit_price,amount,invoice_id,x,X\n"
                    + "T1,C1,O1,P1,2025-01-01,2025-01-31,1,1000.25,1000.25,I1,1,2\n"
                    + "T1,C1,O1,P1,2025-02-01,2025-02-28,1,1000.25,500.25,I1,,\n"
            ]),
            ["charge_tickets.csv:3: column id: value \"T1\": the id is not unique: it is also on line 2"])
        // A contract column named twice is still refused, beside unknown ones.
        XCTAssertEqual(
            try problems(TestData.replacing("object_types.csv", line: 1, with: "id,notes,name,notes, Name")),
            ["object_types.csv:1: the header names column \"name\" twice"])
    }

    /// Text after the closing quote of a field that runs over lines is reported on the line where
    /// the record starts, as every problem of a record (conformance BUG-3).
    func testTextAfterAClosingQuoteNamesTheLineWhereTheRecordStarts() throws {
        XCTAssertEqual(
            try problems(["product_categories.csv": "id,name\nCAT-CLOUD,\"Cloud Services\nCAT-X,\"Connectivity\"x\nCAT-CONN,Connectivity\n"]),
            ["product_categories.csv:2: text after a closing quote (a quote inside a quoted field is written \"\")"])
    }

    func testCSVSyntaxProblemsNameFileAndLine() throws {
        var changes = TestData.appending("charge_tickets.csv", "T6,C1,O1,P1,2025-01-01,2025-01-31,1,1,1")
        changes.merge(TestData.replacing("organizations.csv", line: 3, with: "ORG-2,\"A\"B,1002,ORG-1")) { $1 }
        changes["usage_events.csv"] = (TestData.valid["usage_events.csv"] ?? "") + "E4,O1,P1,\"2025-01-01,1\n"
        XCTAssertEqual(
            try problems(changes),
            [
                "organizations.csv:3: text after a closing quote (a quote inside a quoted field is written \"\")",
                "charge_tickets.csv:7: the row has 9 fields, the header has 10",
                "usage_events.csv:5: unterminated quote: the quoted field that starts on this line never ends",
            ])
    }

    func testInvalidUTF8() throws {
        let bytes = (TestData.valid["product_categories.csv"] ?? "") + "CAT-X,Bad \u{FFFD}\n"
        let bad = String(decoding: Array(bytes.utf8), as: UTF8.self).replacingOccurrences(of: "\u{FFFD}", with: "\u{1}")
        let directory = try TestData.write(self)
        var data = Data(bad.utf8)
        if let index = data.firstIndex(of: 1) { data[index] = 0xFF }
        try data.write(to: URL(fileURLWithPath: directory + "/product_categories.csv"))
        XCTAssertThrowsError(try Importer(directory: directory, destination: directory + "/s.cos").run()) { error in
            XCTAssertEqual("\(error)", "product_categories.csv:4: invalid UTF-8")
        }
    }

    func testRequiredValueEmpty() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("contracts.csv", line: 2, with: "C1,ORG-1,,Main,SEK,2025-01-01,")),
            ["contracts.csv:2: column number: value \"\": a required value is empty"])
        XCTAssertEqual(
            try problems(TestData.replacing("organizations.csv", line: 2, with: "ORG-1,\"\",1001,")),
            ["organizations.csv:2: column name: value \"\": a required value is empty"])
    }

    func testBadDates() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("objects.csv", line: 2, with: "O1,vm-1,ORG-1,C1,T-VM,PR-S,2025-02-30,15/01/2026")),
            [
                "objects.csv:2: column active_from: value \"2025-02-30\": not a date (YYYY-MM-DD)",
                "objects.csv:2: column active_to: value \"15/01/2026\": not a date (YYYY-MM-DD)",
            ])
        XCTAssertEqual(
            try problems(TestData.replacing("invoices.csv", line: 2, with: "I1,ORG-1,INV-1,2025-2-1,final,SEK,1500.50")),
            ["invoices.csv:2: column invoice_date: value \"2025-2-1\": not a date (YYYY-MM-DD)"])
    }

    func testBadTimestamp() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("usage_events.csv", line: 2, with: "E1,O1,P1,2025-01-31 25:00,1.5")),
            [
                "usage_events.csv:2: column occurred_at: value \"2025-01-31 25:00\": not an ISO 8601 timestamp "
                    + "(2026-03-01T12:00:00Z, 2026-03-01T13:00:00+01:00 or 2026-03-01)"
            ])
    }

    func testBadDecimals() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("charge_tickets.csv", line: 2, with: "T1,C1,O1,P1,2025-01-01,2025-01-31,1.0000001,\"1,5\",1e3,I1")),
            [
                "charge_tickets.csv:2: column quantity: value \"1.0000001\": more than 6 digits after the decimal point",
                "charge_tickets.csv:2: column unit_price: value \"1,5\": not a decimal number (like 12, -3.5 or 0.0042)",
                "charge_tickets.csv:2: column amount: value \"1e3\": not a decimal number (like 12, -3.5 or 0.0042)",
            ])
        XCTAssertEqual(
            try problems(TestData.replacing("invoices.csv", line: 2, with: "I1,ORG-1,INV-1,2025-02-01,final,SEK,99999999999999")),
            ["invoices.csv:2: column total_amount: value \"99999999999999\": too large (the limit is 9223372036854.775807)"])
    }

    func testBadCurrencyAndStatus() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("invoices.csv", line: 2, with: "I1,ORG-1,INV-1,2025-02-01,paid,kronor,1500.50")),
            [
                "invoices.csv:2: column status: value \"paid\": not a status: draft, final or void",
                "invoices.csv:2: column currency: value \"kronor\": not a currency code (three letters, ISO 4217, like SEK or EUR)",
            ])
    }

    func testDuplicateDimensionIDs() throws {
        XCTAssertEqual(
            try problems(TestData.appending("products.csv", "P1,Other,CAT-CLOUD,")),
            ["products.csv:4: column id: value \"P1\": the id is not unique: it is also on line 2"])
    }

    func testEmptyFactIDsAreNotAlsoDuplicates() throws {
        XCTAssertEqual(
            try problems(TestData.appending("usage_events.csv", ",O1,P1,2025-01-01,1\n,O1,P1,2025-01-01,1")),
            [
                "usage_events.csv:5: column id: value \"\": a required value is empty",
                "usage_events.csv:6: column id: value \"\": a required value is empty",
            ])
    }

    func testDuplicateTicketAndEventIDs() throws {
        var changes = TestData.appending("charge_tickets.csv", "T2,C1,O1,P1,2025-01-01,2025-01-31,1,1,1,\nT9,C1,O1,P1,2025-01-01,2025-01-31,1,1,1,\nT2,C1,O1,P1,2025-01-01,2025-01-31,1,1,1,")
        changes.merge(TestData.appending("usage_events.csv", "E1,O1,P1,2025-01-01,1")) { $1 }
        XCTAssertEqual(
            try problems(changes),
            [
                "charge_tickets.csv:7: column id: value \"T2\": the id is not unique: it is also on line 3",
                "charge_tickets.csv:9: column id: value \"T2\": the id is not unique: it is also on line 3",
                "usage_events.csv:5: column id: value \"E1\": the id is not unique: it is also on line 2",
            ])
    }

    /// Duplicates are still found when other problems came first (the store is not indexed then).
    func testDuplicateTicketIDsBesideOtherProblems() throws {
        var changes = TestData.appending("charge_tickets.csv", "T1,C1,O1,P1,2025-01-01,2025-01-31,1,1,1,")
        changes.merge(TestData.replacing("products.csv", line: 2, with: "P1,,CAT-CLOUD,pcs")) { $1 }
        XCTAssertEqual(
            try problems(changes),
            [
                "products.csv:2: column name: value \"\": a required value is empty",
                "charge_tickets.csv:7: column id: value \"T1\": the id is not unique: it is also on line 2",
            ])
    }

    func testIDsAreComparedExactly() throws {
        // `007` and `7` are different ids; so are `a` and `A`, and ` a`.
        let db = try importStore([
            "product_categories.csv": "id,name\nCAT-CLOUD,a\nCAT-CONN,b\n007,c\n7,d\nx,e\nX,f\n x,g\n"
        ])
        XCTAssertEqual(try int(db, "SELECT count(*) FROM product_category"), 7)
        XCTAssertEqual(
            try problems(TestData.appending("products.csv", "P3,x,07,")),
            ["products.csv:4: column category_id: value \"07\": no row of product_categories.csv has this id"])
    }

    func testUnknownReferences() throws {
        var changes = TestData.replacing("objects.csv", line: 4, with: "O3,+46701234567,ORG-9,C9,T-X,PR-X,2025-02-01,")
        changes.merge(TestData.replacing("usage_events.csv", line: 4, with: "E3,O9,P9,2025-02-10,1")) { $1 }
        changes.merge(TestData.replacing("charge_tickets.csv", line: 6, with: "T5,C9,O9,P9,2025-02-01,2025-02-28,3,,1,I9")) { $1 }
        changes.merge(TestData.replacing("contracts.csv", line: 5, with: "C4,43,K-4,,USD,2025-01-01,")) { $1 }
        changes.merge(TestData.replacing("object_profiles.csv", line: 4, with: "PR-5G,5G Max,T-MOBILE")) { $1 }
        changes.merge(TestData.replacing("invoices.csv", line: 5, with: "I4,ORG-3,INV-4,2025-02-01,final,SEK,1")) { $1 }
        XCTAssertEqual(
            try problems(changes),
            [
                "contracts.csv:5: column organization_id: value \"43\": no row of organizations.csv has this id",
                "object_profiles.csv:4: column object_type_id: value \"T-MOBILE\": no row of object_types.csv has this id",
                "objects.csv:4: column organization_id: value \"ORG-9\": no row of organizations.csv has this id",
                "objects.csv:4: column contract_id: value \"C9\": no row of contracts.csv has this id",
                "objects.csv:4: column object_type_id: value \"T-X\": no row of object_types.csv has this id",
                "objects.csv:4: column object_profile_id: value \"PR-X\": no row of object_profiles.csv has this id",
                "invoices.csv:5: column organization_id: value \"ORG-3\": no row of organizations.csv has this id",
                "charge_tickets.csv:6: column contract_id: value \"C9\": no row of contracts.csv has this id",
                "charge_tickets.csv:6: column object_id: value \"O9\": no row of objects.csv has this id",
                "charge_tickets.csv:6: column product_id: value \"P9\": no row of products.csv has this id",
                "charge_tickets.csv:6: column invoice_id: value \"I9\": no row of invoices.csv has this id",
                "usage_events.csv:4: column object_id: value \"O9\": no row of objects.csv has this id",
                "usage_events.csv:4: column product_id: value \"P9\": no row of products.csv has this id",
            ])
    }

    func testUnknownParent() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("organizations.csv", line: 3, with: "ORG-2,B,1002,ORG-7")),
            ["organizations.csv:3: column parent_id: value \"ORG-7\": no row of organizations.csv has this id"])
    }

    func testProfileOfAnotherType() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("objects.csv", line: 2, with: "O1,vm-1,ORG-1,C1,T-VM,PR-5G,2025-01-15,")),
            [
                "objects.csv:2: column object_profile_id: value \"PR-5G\": the profile is of object type \"T-MOB\", "
                    + "the object of type \"T-VM\""
            ])
    }

    func testContractOfAnotherOrganization() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("objects.csv", line: 2, with: "O1,vm-1,ORG-1,C3,T-VM,PR-S,2025-01-15,")),
            [
                "objects.csv:2: column contract_id: value \"C3\": the contract belongs to organization \"ORG-2\", "
                    + "the object to organization \"ORG-1\""
            ])
    }

    func testTicketInvoiceOfAnotherOrganizationOrCurrency() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("charge_tickets.csv", line: 6, with: "T5,C3,O3,P2,2025-02-01,2025-02-28,3,,1,I1")),
            [
                "charge_tickets.csv:6: column invoice_id: value \"I1\": the invoice belongs to organization \"ORG-1\", "
                    + "the ticket's contract \"C3\" to organization \"ORG-2\""
            ])
        XCTAssertEqual(
            try problems(TestData.replacing("charge_tickets.csv", line: 2, with: "T1,C1,O1,P1,2025-01-01,2025-01-31,1,,1,I3")),
            ["charge_tickets.csv:2: column invoice_id: value \"I3\": the invoice is in EUR, the ticket's contract \"C1\" in SEK"])
    }

    func testOrganizationCycles() throws {
        let organizations = """
            id,name,number,parent_id
            ORG-1,a,,ORG-3
            ORG-2,b,,ORG-1
            42,c,,
            ORG-3,d,,ORG-2
            SELF,e,,SELF
            ORG-5,f,,ORG-1

            """
        XCTAssertEqual(
            try problems(["organizations.csv": organizations]),
            [
                "organizations.csv:2: column parent_id: value \"ORG-3\": the organization tree has a cycle (child -> parent): ORG-1 -> ORG-3 -> ORG-2 -> ORG-1",
                "organizations.csv:6: column parent_id: value \"SELF\": the organization tree has a cycle (child -> parent): SELF -> SELF",
            ])
    }

    func testManifestProblems() throws {
        XCTAssertEqual(try problems(["manifest.json": "{\"as_of\": \"30/06/2025\"}"]), [
            "manifest.json: as_of: value \"30/06/2025\": not a date (YYYY-MM-DD)"
        ])
        XCTAssertEqual(try problems(["manifest.json": "[1"]), [
            "manifest.json: not a JSON object like {\"as_of\": \"2026-06-30\", \"name\": \"...\"}"
        ])
    }

    func testValuesInMessagesAreEscaped() throws {
        XCTAssertEqual(
            try problems(TestData.replacing("invoices.csv", line: 2, with: "I1,ORG-1,INV-1,2025-02-01,\"fi\"\"nal\nx\",SEK,1")),
            ["invoices.csv:2: column status: value \"fi\\\"nal\\nx\": not a status: draft, final or void"])
    }

    func testFirstHundredProblemsThenACount() throws {
        var lines = ["id,name"]
        for i in 0..<150 { lines.append("X\(i),") }
        let report = try problems(["object_types.csv": lines.joined(separator: "\n") + "\n"])
        // 150 empty names, plus the references to the missing T-VM and T-MOB types (3 profiles, 3 objects).
        XCTAssertEqual(report.count, 101)
        XCTAssertEqual(report[0], "object_types.csv:2: column name: value \"\": a required value is empty")
        XCTAssertEqual(report[99], "object_types.csv:101: column name: value \"\": a required value is empty")
        XCTAssertEqual(report[100], "... and 56 more problems")
    }
}
