import CosPostgres
import Foundation
import XCTest

/// The README's three commands, as a team runs them: a database of its own, `cos import DIR --to URL`
/// as the loading role, `cos URL` as the loader and as a reader, who needs the two grants once (a
/// re-import keeps them), and is told exactly that without them.
final class ReadmeTests: XCTestCase {
    func testTheThreeCommandsOfTheReadmeWorkForTheLoaderAndForAReaderWithTheGrants() throws {
        let admin = try TestServer.admin()
        let port = try XCTUnwrap(try admin.scalar("SELECT current_setting('port')"))
        let database = "cos_readme_\(getpid())"
        try admin.execute(
            """
            DO $$ BEGIN CREATE ROLE cos_loader_t LOGIN PASSWORD 'load-pw'; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            DO $$ BEGIN CREATE ROLE cos_alice_t LOGIN PASSWORD 'alice-pw'; EXCEPTION WHEN duplicate_object THEN NULL; END $$
            """)
        // `createdb billing`, and the loading role of docs/postgresql.md.
        try admin.execute("CREATE DATABASE \(database)")
        defer { try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        try admin.execute("GRANT CREATE, CONNECT ON DATABASE \(database) TO cos_loader_t; GRANT CONNECT ON DATABASE \(database) TO cos_alice_t")
        let loader = "postgresql://cos_loader_t@127.0.0.1:\(port)/\(database)"
        let alice = "postgresql://cos_alice_t@127.0.0.1:\(port)/\(database)"
        let asLoader = ["PGPASSWORD": "load-pw"], asAlice = ["PGPASSWORD": "alice-pw"]

        let imported = try CosRun.run(["import", TestServer.sampleData, "--to", loader], environment: asLoader)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.contains("imported "), imported.stdout)
        let opened = try CosRun.run([loader, "-c", "find a --limit 3", "-c", "pwd"], environment: asLoader)
        XCTAssertEqual(opened.status, 0, opened.stderr)

        let refused = try CosRun.run([alice, "-c", "pwd"], environment: asAlice)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(
            refused.stderr.contains(
                "role cos_alice_t may not read the cos schema \"cos\" of database \(database): its owner grants it with "
                    + "GRANT USAGE ON SCHEMA \"cos\" TO cos_alice_t; GRANT SELECT ON ALL TABLES IN SCHEMA \"cos\" TO cos_alice_t"),
            refused.stderr)

        let grants = try PostgresConnection("host=127.0.0.1 port=\(port) dbname=\(database) user=cos_loader_t password=load-pw")
        try grants.execute("GRANT USAGE ON SCHEMA cos TO cos_alice_t; GRANT SELECT ON ALL TABLES IN SCHEMA cos TO cos_alice_t")
        let reading = try CosRun.run([alice, "-c", "open id:ORG-0001", "-c", "tickets --limit 2"], environment: asAlice)
        XCTAssertEqual(reading.status, 0, reading.stderr)
        // The reader's session is read-only whatever its grants; a re-import keeps the grants.
        let again = try CosRun.run(["import", TestServer.sampleData, "--to", loader], environment: asLoader)
        XCTAssertEqual(again.status, 0, again.stderr)
        let stillReading = try CosRun.run([alice, "-c", "open id:ORG-0001", "-c", "tickets --limit 2"], environment: asAlice)
        XCTAssertEqual(stillReading.status, 0, stillReading.stderr)
        XCTAssertEqual(stillReading.stdout, reading.stdout)
    }
}
