import CosModel
@testable import CosPostgres
import CosStore
import Foundation
import XCTest

/// `cos import --from-schema SCHEMA --to URL`: the store built inside the server from tables that
/// follow the data contract, here sample-data/ loaded into plain tables by the test itself.
final class FromSchemaTests: XCTestCase {
    /// Column types of the contract tables: text, except these (as a warehouse would type them).
    static let types: [String: String] = [
        "charge_tickets.period_start": "date", "charge_tickets.period_end": "date", "charge_tickets.quantity": "numeric",
        "charge_tickets.unit_price": "numeric(20,8)", "charge_tickets.amount": "numeric",
        "usage_events.occurred_at": "timestamptz", "usage_events.quantity": "numeric(24,10)",
        "invoices.invoice_date": "date", "invoices.total_amount": "numeric(20,4)", "objects.active_from": "date",
        "objects.active_to": "date", "contracts.start_date": "date",
    ]

    /// Creates schema `schema` with the ten contract tables (typed as `types` says, or all text) and
    /// loads the CSV files of `directory` into them with COPY; a `manifest` table from manifest.json.
    static func loadContractTables(_ directory: String, into schema: String, typed: Bool) throws {
        let admin = try TestServer.admin()
        try admin.execute("CREATE SCHEMA \"\(schema)\"")
        for file in ExportFile.allCases {
            let table = String(file.fileName.dropLast(4))
            let text = try String(contentsOfFile: directory + "/" + file.fileName, encoding: .utf8)
            let header = text.prefix { $0 != "\n" }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let columns = header.map { name in "\"\(name)\" " + (typed ? types["\(table).\(name)"] ?? "text" : "text") }
            // Upper-case table and column names would be fine too: they are matched in any case.
            try admin.execute("CREATE TABLE \"\(schema)\".\(table)(\(columns.joined(separator: ", ")))")
            try admin.beginCopy("COPY \"\(schema)\".\(table) FROM STDIN WITH (FORMAT csv, HEADER true)")
            var bytes = Array(text.utf8)
            try bytes.withUnsafeMutableBytes { try admin.putCopyData(UnsafeRawBufferPointer($0)) }
            try admin.endCopy()
        }
        if let manifest = FileManager.default.contents(atPath: directory + "/manifest.json"),
            let object = try JSONSerialization.jsonObject(with: manifest) as? [String: Any]
        {
            try admin.execute("CREATE TABLE \"\(schema)\".manifest(as_of date, name text)")
            _ = try admin.run(
                "INSERT INTO \"\(schema)\".manifest VALUES ($1::date, $2)", [object["as_of"] as? String, object["name"] as? String])
        }
    }

    func testTheStoreBuiltInsideTheServerAnswersEveryViewAsTheCSVImport() throws {
        let conninfo = try TestServer.conninfo()
        let billing = "billing_\(getpid())_\(UInt32.random(in: 0...99999))"
        let schema = TestServer.schema("fromschema")
        defer {
            TestServer.drop(schema)
            if let admin = try? TestServer.admin() { try? admin.execute("DROP SCHEMA IF EXISTS \"\(billing)\" CASCADE") }
        }
        try Self.loadContractTables(TestServer.sampleData, into: billing, typed: true)
        let result = try CosRun.run(["import", "--from-schema", billing, "--to", conninfo, "--schema", schema.name])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("imported 24,744 rows"), result.stdout)
        XCTAssertTrue(
            result.stdout.split(separator: "\n").contains { $0.contains("charge_tickets") && $0.hasSuffix(" 7,703") }, result.stdout)
        try assertSameViews(store: try TestServer.sampleStore(), schema: schema, minimumCommands: 3000)
        // The manifest's as-of date and name came along; the export fingerprint is absent (no files).
        let meta = try TestServer.source(schema).metadata()
        XCTAssertEqual(meta["as_of"], "2026-10-31")
        XCTAssertEqual(meta["name"], "Nordvik IT & Telecom billing export (small)")
        XCTAssertEqual(meta["source"], "schema \(billing) of database cos_test")
    }

    /// The server folds names (`name_key`, `number_key`) as TextFolding does, for every character it
    /// folds itself (ASCII and Latin-1's letters); the others are folded by cos.
    func testTheServersFoldingIsTextFoldingForASCIIAndLatin1() throws {
        let admin = try TestServer.admin()
        try admin.execute("BEGIN")
        defer { try? admin.execute("ROLLBACK") }
        for function in ContractSQL.functions { try admin.execute(function) }
        var texts = (0x20...0x7E).map { String(UnicodeScalar(UInt8($0))) }
        texts += (0xC0...0xFF).compactMap { UnicodeScalar($0).map { String($0) } }
        texts += ["Åkesson & Söner AB", "ÆØÅ æøå", "Þór ß", "Zoë's Café", "MÜLLER GmbH", "Łódź", "Ωmega", "×", "naïve ÷ 2"]
        for text in texts {
            let foldable = try admin.scalar("SELECT pg_temp.cos_foldable($1)", [text]) == "t"
            let expectedFoldable = text.unicodeScalars.allSatisfy {
                ($0.value >= 1 && $0.value <= 0x7F) || ($0.value >= 0xC0 && $0.value <= 0xFF && $0.value != 0xD7 && $0.value != 0xF7)
            }
            XCTAssertEqual(foldable, expectedFoldable, text)
            if foldable {
                XCTAssertEqual(try admin.scalar("SELECT pg_temp.cos_fold($1)", [text]), TextFolding.fold(text), text)
            }
        }
    }

    /// The server reads timestamps as `Timestamp(parsing:)` does (the usual form by position, others by
    /// `pg_temp.cos_seconds`), and takes their months in UTC alike.
    func testTheServersTimestampsAreTimestampParsing() throws {
        let admin = try TestServer.admin()
        try admin.execute("BEGIN")
        defer { try? admin.execute("ROLLBACK") }
        for function in ContractSQL.functions { try admin.execute(function) }
        let texts = [
            "2026-03-01T12:00:00Z", "2026-03-01T13:00:00+01:00", "2026-03-01", "2026-02-01T00:30:00+01:00",
            "2026-03-01T12:00:00.250Z", "2026-03-01 12:00:00Z", "2026-03-01T12:00:00z", "2026-03-01T12:00Z",
            "2026-03-01T12:00:00+0130", "2026-03-01T12:00:00-05", "2026-12-31T23:59:60Z", "2026-03-01T24:00:00Z",
            "2026-03-01T12:60:00Z", "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-03-01T12:00:00+24:00",
            "2026-03-01T12:00:00+01:60", "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00", "1969-12-31T23:59:59Z",
            "2026-03-01T12:00:00.Z", "2026-03-01T12", "2026-3-01", "", "garbage", "2026-03-01T12:00:00+01:00x",
        ]
        for text in texts {
            let seconds = try admin.scalar("SELECT \(ContractSQL.seconds("$1::text"))", [text])
            let expected = Timestamp(parsing: text)
            XCTAssertEqual(seconds, expected.map { String($0.secondsSinceEpoch) }, text)
            if let expected, expected.isInContractRange {
                XCTAssertEqual(
                    try admin.scalar("SELECT pg_temp.cos_month_of_seconds($1::bigint)", [String(expected.secondsSinceEpoch)]),
                    String(expected.utcMonth.ordinal), text)
            }
            if let expected {
                XCTAssertEqual(
                    try admin.scalar("SELECT pg_temp.cos_utc_text($1::bigint)", [String(expected.secondsSinceEpoch)]),
                    expected.description, text)
            }
        }
    }

    /// Decimals and dates are checked and converted as `ExactDecimal` and `CivilDate` do, with the
    /// CSV import's messages.
    func testTheServersDecimalsAndDatesAreTheImports() throws {
        let admin = try TestServer.admin()
        try admin.execute("BEGIN")
        defer { try? admin.execute("ROLLBACK") }
        for function in ContractSQL.functions { try admin.execute(function) }
        let decimals = [
            "12", "-3.5", "0.0042", "0", "-0", "007.10", "1.123456", "1.1234567", "1.1234567x", "1.", ".5", "+1", "1e5",
            "9223372036854.775807", "9223372036854.775808", "-9223372036854.775807", "99999999999999999999", "12a", "-",
        ]
        for text in decimals {
            let problem = try admin.scalar("SELECT pg_temp.cos_decimal_problem($1, true)", [text])
            var expected: String?
            var micros: Int64?
            do { micros = try ExactDecimal(parsing: text).micros } catch ExactDecimalError.tooManyFractionDigits {
                expected = ContractSQL.tooManyDigits
            } catch ExactDecimalError.overflow {
                expected = ContractSQL.tooLarge
            } catch {
                expected = ContractSQL.notADecimal
            }
            XCTAssertEqual(problem, expected, text)
            if let micros { XCTAssertEqual(try admin.scalar("SELECT pg_temp.cos_micros($1)", [text]), String(micros), text) }
        }
        for text in ["2026-02-28", "2026-02-29", "2024-02-29", "1900-02-29", "2000-02-29", "0001-01-01", "0000-01-01", "2026-13-01", "2026-1-01", "2026-04-31", "26-04-01"] {
            let valid = try admin.scalar("SELECT pg_temp.cos_is_date($1)", [text]) == "t"
            XCTAssertEqual(valid, CivilDate(parsing: text) != nil, text)
            if let date = CivilDate(parsing: text) {
                XCTAssertEqual(try admin.scalar("SELECT pg_temp.cos_day($1)", [text]), String(date.daysSinceEpoch), text)
                XCTAssertEqual(try admin.scalar("SELECT pg_temp.cos_month($1)", [text]), String(date.monthValue.ordinal), text)
            }
        }
    }

    func testBadRowsAreReportedByTableIdColumnAndValueAndNothingIsBuilt() throws {
        let conninfo = try TestServer.conninfo()
        let billing = "billing_bad_\(getpid())_\(UInt32.random(in: 0...99999))"
        let schema = TestServer.schema("frombad")
        defer {
            TestServer.drop(schema)
            if let admin = try? TestServer.admin() { try? admin.execute("DROP SCHEMA IF EXISTS \"\(billing)\" CASCADE") }
        }
        try Self.loadContractTables(TestServer.sampleData, into: billing, typed: false)
        let admin = try TestServer.admin()
        let q = "\"\(billing)\""
        try admin.execute(
            """
            UPDATE \(q).contracts SET currency = 'SEKK' WHERE id = '000002';
            UPDATE \(q).charge_tickets SET amount = '1.2345678' WHERE id = (SELECT min(id) FROM \(q).charge_tickets);
            INSERT INTO \(q).charge_tickets(id, contract_id, product_id, period_start, period_end, quantity, amount)
              VALUES ('TK-X1', 'NO-SUCH', '101', '2026-02-30', '2026-03-01', '1', '12x');
            UPDATE \(q).invoices SET status = 'paid' WHERE id = (SELECT min(id) FROM \(q).invoices);
            INSERT INTO \(q).usage_events(id, object_id, product_id, occurred_at, quantity)
              SELECT 'UE-X1', object_id, product_id, '2026-13-01T00:00:00Z', '1' FROM \(q).usage_events LIMIT 1;
            INSERT INTO \(q).usage_events(id, object_id, product_id, occurred_at, quantity)
              SELECT 'UE-X2', object_id, product_id, '0001-01-01T00:30:00+01:00', '1' FROM \(q).usage_events LIMIT 1;
            INSERT INTO \(q).product_categories VALUES ('cloud', 'Cloud again');
            UPDATE \(q).organizations SET parent_id = 'ORG-0002' WHERE id = 'ORG-0017';
            """)
        let parentOf2 = try XCTUnwrap(try admin.scalar("SELECT parent_id FROM \(q).organizations WHERE id = 'ORG-0002'"))
        XCTAssertEqual(parentOf2, "ORG-0017", "the sample data's tree: ORG-0002 under ORG-0017, now a cycle")
        let result = try CosRun.run(["import", "--from-schema", billing, "--to", conninfo, "--schema", schema.name])
        XCTAssertEqual(result.status, 2, result.stdout)
        let expected = [
            "\(billing).organizations: id \"ORG-0002\": column parent_id: value \"ORG-0017\": the organization tree has a cycle (child -> parent): ORG-0002 -> ORG-0017 -> ORG-0002",
            "\(billing).contracts: id \"000002\": column currency: value \"SEKK\": not a currency code (three letters, ISO 4217, like SEK or EUR)",
            "\(billing).product_categories: id \"cloud\": column id: value \"cloud\": the id is not unique: 2 rows of product_categories have it",
            "\(billing).charge_tickets: id \"TK-X1\": column contract_id: value \"NO-SUCH\": no row of contracts has this id",
            "\(billing).charge_tickets: id \"TK-X1\": column period_start: value \"2026-02-30\": not a date (YYYY-MM-DD)",
            "\(billing).charge_tickets: id \"TK-X1\": column amount: value \"12x\": not a decimal number (like 12, -3.5 or 0.0042)",
            "\(billing).usage_events: id \"UE-X1\": column occurred_at: value \"2026-13-01T00:00:00Z\": not an ISO 8601 timestamp (2026-03-01T12:00:00Z, 2026-03-01T13:00:00+01:00 or 2026-03-01)",
            "\(billing).usage_events: id \"UE-X2\": column occurred_at: value \"0001-01-01T00:30:00+01:00\": in UTC this is 0000-12-31T23:30:00Z, outside the years 0001 to 9999",
            "more than 6 digits after the decimal point", "not a status: draft, final or void",
        ]
        for line in expected {
            XCTAssertTrue(result.stderr.contains(line), "missing: \(line)\nin:\n\(result.stderr)")
        }
        XCTAssertEqual(try admin.scalar("SELECT count(*) FROM pg_namespace WHERE starts_with(nspname, $1)", [schema.name]), "0")

        // Over a hundred problems: the first 100 and a count.
        try admin.execute("UPDATE \(q).usage_events SET quantity = 'many'")
        let many = try CosRun.run(["import", "--from-schema", billing, "--to", conninfo, "--schema", schema.name])
        XCTAssertEqual(many.status, 2)
        let lines = many.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 101, many.stderr.suffix(500).description)
        XCTAssertTrue(lines.last?.hasPrefix("... and ") == true && lines.last?.hasSuffix(" more problems") == true, "\(lines.last ?? "")")

        // A missing table and a missing required column.
        try admin.execute("DROP TABLE \(q).invoices; ALTER TABLE \(q).products DROP COLUMN category_id")
        let missing = try CosRun.run(["import", "--from-schema", billing, "--to", conninfo, "--schema", schema.name])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("\(billing).invoices: no such table or view in schema \(billing)"), missing.stderr)
        XCTAssertTrue(missing.stderr.contains("\(billing).products: the required column \"category_id\" is missing"), missing.stderr)
        let noSchema = try CosRun.run(["import", "--from-schema", "no_such_billing", "--to", conninfo, "--schema", schema.name])
        XCTAssertEqual(noSchema.status, 2)
        XCTAssertTrue(noSchema.stderr.contains("the database has no schema \"no_such_billing\""), noSchema.stderr)
    }
}
