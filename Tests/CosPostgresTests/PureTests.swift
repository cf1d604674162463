import CosStore
import XCTest

@testable import CosPostgres

/// The parts of the PostgreSQL source that need no server: placeholders, masking, integers, layout.
final class PlaceholderTests: XCTestCase {
    func testQuestionMarksBecomeNumberedParameters() {
        let (sql, count) = Placeholders.numbered("SELECT a FROM t WHERE x = ? AND y BETWEEN ? AND ?")
        XCTAssertEqual(sql, "SELECT a FROM t WHERE x = $1 AND y BETWEEN $2 AND $3")
        XCTAssertEqual(count, 3)
    }

    func testQuestionMarksInStringsIdentifiersAndCommentsStay() {
        let input = """
            SELECT '?', 'it''s ?', "col?", "a""?" -- what?
            , E'\\' ?', $$ ? $$, $tag$ ? $tag$ /* ? /* ? */ ? */ FROM t WHERE a = ? AND b LIKE ? ESCAPE '\\'
            """
        let (sql, count) = Placeholders.numbered(input)
        XCTAssertEqual(count, 2)
        XCTAssertTrue(sql.hasSuffix("WHERE a = $1 AND b LIKE $2 ESCAPE '\\'"), sql)
        XCTAssertTrue(sql.hasPrefix("SELECT '?', 'it''s ?', \"col?\", \"a\"\"?\" -- what?\n, E'\\' ?', $$ ? $$, $tag$ ? $tag$ /* ? /* ? */ ? */"), sql)
    }

    func testAStandardStringEndsAtItsQuoteEvenAfterABackslash() {
        // standard_conforming_strings: '\' is one backslash, and the next ? is a parameter.
        XCTAssertEqual(Placeholders.numbered("SELECT 'a\\' , ?").sql, "SELECT 'a\\' , $1")
        // An identifier ending in E is not an escape-string prefix.
        XCTAssertEqual(Placeholders.numbered("SELECT name'\\' , ?").sql, "SELECT name'\\' , $1")
    }

    func testEveryStatementOfTheSchemaAndQueriesKeepsItsParameterCount() {
        // The rewrite never changes the count of ? outside quotes (the schema has none).
        for statement in StoreSchema.tables.map(\.sqliteCreate) + StoreSchema.tables.flatMap(\.sqliteIndexes) {
            XCTAssertEqual(Placeholders.numbered(statement).count, 0, statement)
        }
    }
}

final class ConnectionStringTests: XCTestCase {
    func testURLPasswordsAreMasked() {
        XCTAssertEqual(
            ConnectionString.masked("postgresql://alice:s3cr%40t@db.example:5432/billing?sslmode=require"),
            "postgresql://alice:***@db.example:5432/billing?sslmode=require")
        XCTAssertEqual(
            ConnectionString.masked("postgres://alice@db/billing?password=hunter2&sslmode=require"),
            "postgres://alice@db/billing?password=***&sslmode=require")
        XCTAssertEqual(ConnectionString.masked("postgresql://db/billing"), "postgresql://db/billing")
        XCTAssertEqual(ConnectionString.masked("postgresql:///billing?host=/tmp"), "postgresql:///billing?host=/tmp")
        XCTAssertEqual(ConnectionString.masked("postgresql://"), "postgresql://")
    }

    func testKeyValuePasswordsAreMaskedQuotedOrNot() {
        XCTAssertEqual(
            ConnectionString.masked("host=db password=hunter2 dbname=billing"), "host=db password=*** dbname=billing")
        XCTAssertEqual(
            ConnectionString.masked("host=db password = 'it\\'s secret' dbname=billing"),
            "host=db password = *** dbname=billing")
        XCTAssertEqual(ConnectionString.masked("password=a\\ b user=x"), "password=*** user=x")
        XCTAssertEqual(ConnectionString.masked("PASSWORD='x y'"), "PASSWORD=***")
        XCTAssertEqual(ConnectionString.masked("service=billing"), "service=billing")
    }

    func testConnectionStringsAreToldFromPaths() {
        XCTAssertTrue(ConnectionString.isConnectionString("postgresql://db/billing"))
        XCTAssertTrue(ConnectionString.isConnectionString("postgres://"))
        XCTAssertTrue(ConnectionString.isConnectionString("service=billing"))
        XCTAssertTrue(ConnectionString.isConnectionString("host=db dbname=x"))
        XCTAssertTrue(ConnectionString.isConnectionString("  dbname = x"))
        XCTAssertFalse(ConnectionString.isConnectionString("sample-data"))
        XCTAssertFalse(ConnectionString.isConnectionString("/tmp/a=b"))
        XCTAssertFalse(ConnectionString.isConnectionString("colour=red.cos"))
        XCTAssertFalse(ConnectionString.isConnectionString("postgresql:/db"))
    }
}

final class ResultTextTests: XCTestCase {
    func parse(_ text: String) -> (Int64, Bool) {
        var text = text
        return text.withUTF8 { let r = PostgresRow.parseInteger($0); return (r.value, r.overflow) }
    }

    func testIntegersNumericsAndBooleansAreReadExactly() {
        XCTAssertEqual(parse("0").0, 0)
        XCTAssertEqual(parse("-42").0, -42)
        XCTAssertEqual(parse("9223372036854775807").0, Int64.max)
        XCTAssertEqual(parse("-9223372036854775808").0, Int64.min)
        // sum(bigint) is numeric: far beyond a Double's 53 bits, still exact.
        XCTAssertEqual(parse("9007199254740993").0, 9_007_199_254_740_993)
        XCTAssertEqual(parse("12.000").0, 12)
        XCTAssertEqual(parse("t").0, 1)
        XCTAssertEqual(parse("f").0, 0)
    }

    func testWhatDoesNotFitIsAnOverflowNeverAWrappedNumber() {
        XCTAssertTrue(parse("9223372036854775808").1)
        XCTAssertTrue(parse("-9223372036854775809").1)
        XCTAssertTrue(parse("123456789012345678901234567890").1)
        XCTAssertTrue(parse("1.5").1)
        XCTAssertTrue(parse("abc").1)
        XCTAssertFalse(parse("12.000").1)
    }
}

final class LayoutTests: XCTestCase {
    func testEveryTableOfTheStoreIsDerivedWithBytewiseText() throws {
        let layout = PostgresLayout()
        XCTAssertEqual(layout.tables.map(\.name), StoreSchema.tables.map(\.name))
        let ticket = try XCTUnwrap(layout.table("charge_ticket"))
        let create = PostgresLayout.create(ticket)
        // Widest first: money and quantities in 64 bits, keys, days and months in 32, text last.
        XCTAssertTrue(create.hasPrefix("CREATE TABLE charge_ticket(quantity bigint NOT NULL, unit_price bigint, amount bigint NOT NULL, organization_k integer NOT NULL, "), create)
        XCTAssertTrue(create.contains("id text COLLATE \"C\" NOT NULL"), create)
        XCTAssertTrue(create.contains("object_k integer,"), create)
        XCTAssertTrue(ticket.isPerOrganization)
        XCTAssertEqual(
            layout.constraints(ticket).first, "ALTER TABLE charge_ticket ADD PRIMARY KEY (organization_k, month, period_start_day, id)")
        // The uninvoiced tickets in page order (a partial index: the WHERE is kept).
        XCTAssertTrue(
            layout.constraints(ticket).contains(
                "CREATE INDEX ticket_uninvoiced ON charge_ticket(organization_k, month, period_start_day, id) WHERE invoice_k IS NULL"),
            "\(layout.constraints(ticket))")
        for table in layout.tables {
            XCTAssertFalse(PostgresLayout.create(table).contains("INTEGER"), table.name)
            for statement in layout.constraints(table) { XCTAssertEqual(Placeholders.numbered(statement).count, 0, statement) }
        }
        XCTAssertFalse(try XCTUnwrap(layout.table("product")).isPerOrganization)
    }

    func testADistributedLayoutLeadsPerOrganizationKeysWithTheOrganization() throws {
        let layout = PostgresLayout(distributed: true)
        for table in layout.tables where table.isPerOrganization {
            for statement in layout.constraints(table) where statement.contains("PRIMARY KEY") || statement.contains("UNIQUE") {
                XCTAssertTrue(statement.contains("(organization_k"), statement)
            }
        }
        let organization = try XCTUnwrap(layout.table("organization"))
        XCTAssertTrue(layout.constraints(organization).contains("CREATE UNIQUE INDEX organization_id ON organization(id)"))
    }

    func testTimeoutsAreReadAndShownAsPsqlUsersWriteThem() {
        XCTAssertEqual(TimeoutText.parse("30s"), 30_000)
        XCTAssertEqual(TimeoutText.parse("30"), 30_000)
        XCTAssertEqual(TimeoutText.parse("500ms"), 500)
        XCTAssertEqual(TimeoutText.parse("2min"), 120_000)
        XCTAssertEqual(TimeoutText.parse("1h"), 3_600_000)
        XCTAssertEqual(TimeoutText.parse("off"), 0)
        XCTAssertNil(TimeoutText.parse("soon"))
        XCTAssertNil(TimeoutText.parse("-5s"))
        XCTAssertEqual(TimeoutText.describe(milliseconds: 30_000), "30s")
        XCTAssertEqual(TimeoutText.describe(milliseconds: 120_000), "2min")
        XCTAssertEqual(TimeoutText.describe(milliseconds: 1500), "1500ms")
        XCTAssertEqual(TimeoutText.describe(milliseconds: 0), "off")
    }
}

final class ReferenceCacheTests: XCTestCase {
    func testOnlyStatementsOnReferenceTablesAreKept() {
        XCTAssertTrue(ReferenceCache.readsOnlyReferenceTables("SELECT id, name FROM object_profile WHERE k = ?"))
        XCTAssertTrue(ReferenceCache.readsOnlyReferenceTables(
            "SELECT p.id, p.name FROM product p JOIN product_category c ON c.k = p.category_k WHERE p.k = ?"))
        XCTAssertFalse(ReferenceCache.readsOnlyReferenceTables("SELECT id FROM contract WHERE organization_k = ?"))
        XCTAssertFalse(ReferenceCache.readsOnlyReferenceTables(
            "SELECT k FROM product WHERE k IN (SELECT product_k FROM ticket_rollup WHERE organization_k = ?)"))
        XCTAssertFalse(ReferenceCache.readsOnlyReferenceTables("SELECT pg_backend_pid()"))
        XCTAssertFalse(ReferenceCache.readsOnlyReferenceTables("SELECT key, value FROM meta"))
    }
}

final class DerivationTests: XCTestCase {
    func testEveryTableIsABaseTableOfFromSchemaOrADerivation() {
        let derived = Set(PostgresLayout.derivations.keys)
        let base = Set(SchemaBuild.buildStatements.keys).union(["organization", "meta"])
        XCTAssertEqual(derived.intersection(base), [])
        XCTAssertEqual(derived.union(base), Set(StoreSchema.tables.map(\.name)))
        XCTAssertTrue(PostgresLayout.derivations["usage_rollup"]?.hasPrefix("INSERT INTO usage_rollup(") == true)
    }
}
