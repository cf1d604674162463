import CosModel
import CosPostgres
import CosStore
import Foundation
import XCTest

@testable import CosShell

#if canImport(Glibc)
    import Glibc
#endif

/// Opening a PostgreSQL source: each way it can fail has its own message and exit status 2, passwords
/// never show, the session is read-only, statements time out, Ctrl-C cancels the running statement,
/// and a lost connection is reconnected for the next command.
final class OpeningTests: XCTestCase {
    /// The server's TCP port (password logins are on TCP; the socket trusts its local users).
    func tcpPort() throws -> String {
        try XCTUnwrap(try TestServer.admin().scalar("SELECT current_setting('port')"))
    }

    func testAnUnreachableServerIsSaidSoWithExitStatus2() throws {
        _ = try TestServer.conninfo()
        let result = try CosRun.run(["host=127.0.0.1 port=1 dbname=x connect_timeout=5 password=hunter2", "-c", "ls"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("cannot reach the PostgreSQL server"), result.stderr)
        XCTAssertTrue(result.stderr.contains("password=***"), result.stderr)
        XCTAssertFalse(result.stderr.contains("hunter2"), result.stderr)
    }

    func testAWrongPasswordIsSaidSoAndNeverShown() throws {
        let admin = try TestServer.admin()
        try admin.execute("DO $$ BEGIN CREATE ROLE cos_pw LOGIN PASSWORD 'right-one'; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        let port = try tcpPort()
        let url = "postgresql://cos_pw:wrong-secret@127.0.0.1:\(port)/cos_test"
        let result = try CosRun.run([url, "-c", "ls"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("the server refused the login"), result.stderr)
        XCTAssertTrue(result.stderr.contains("postgresql://cos_pw:***@127.0.0.1"), result.stderr)
        XCTAssertFalse(result.stderr.contains("wrong-secret"), result.stderr)
        XCTAssertFalse(result.stderr.contains("right-one"), result.stderr)
        // The same through COS_DATA and key=value pairs.
        let pairs = try CosRun.run(
            ["-c", "ls"], environment: ["COS_DATA": "host=127.0.0.1 port=\(port) user=cos_pw password='wrong secret' dbname=cos_test"])
        XCTAssertEqual(pairs.status, 2)
        XCTAssertTrue(pairs.stderr.contains("password=***"), pairs.stderr)
        XCTAssertFalse(pairs.stderr.contains("wrong secret"), pairs.stderr)
    }

    func testTheRightPasswordOpensTheSourceAndTheBannerMasksIt() throws {
        let schema = try TestServer.sample()
        let admin = try TestServer.admin()
        try admin.execute("DO $$ BEGIN CREATE ROLE cos_pw LOGIN PASSWORD 'right-one'; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        try admin.execute("GRANT USAGE ON SCHEMA \(schema.quoted) TO cos_pw; GRANT SELECT ON ALL TABLES IN SCHEMA \(schema.quoted) TO cos_pw")
        let url = "postgresql://cos_pw:right-one@127.0.0.1:\(try tcpPort())/cos_test"
        let result = try CosRun.run([url, "--schema", schema.name, "-c", "set", "-c", "save \(NSTemporaryDirectory())/cos-pw-\(getpid()).cos"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("source       postgresql://cos_pw:***@127.0.0.1:"), result.stdout)
        XCTAssertFalse(result.stdout.contains("right-one"), result.stdout)
        let saved = try String(contentsOfFile: "\(NSTemporaryDirectory())/cos-pw-\(getpid()).cos", encoding: .utf8)
        try? FileManager.default.removeItem(atPath: "\(NSTemporaryDirectory())/cos-pw-\(getpid()).cos")
        XCTAssertTrue(saved.contains("# Data: postgresql://cos_pw:***@127.0.0.1:"), saved)
        XCTAssertFalse(saved.contains("right-one"), saved)
    }

    /// The test server's connection keywords (`host=DIR port=PORT user=... dbname=...`).
    func serverKeywords() throws -> [String: String] {
        var keywords: [String: String] = [:]
        for pair in try TestServer.conninfo().split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { keywords[parts[0]] = parts[1] }
        }
        return keywords
    }

    /// libpq's other ways of naming a server, as psql users have them: the PG* variables alone
    /// (`cos postgresql://`), a service file (`service=NAME`, and PGSERVICE), and the password file.
    func testThePGVariablesTheServiceFileAndThePasswordFileAreLibpqs() throws {
        let schema = try TestServer.sample()
        let server = try serverKeywords()
        let host = try XCTUnwrap(server["host"]), port = try XCTUnwrap(server["port"])
        let user = try XCTUnwrap(server["user"]), database = try XCTUnwrap(server["dbname"])
        let directory = NSTemporaryDirectory() + "cos-pg-files-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ls = ["--schema", schema.name, "-c", "cd /", "-c", "find a --limit 1", "-c", "set"]
        // No PGHOST: libpq's default socket directory has no server, so only the variables can reach it.
        let variables = ["PGHOST": host, "PGPORT": port, "PGUSER": user, "PGDATABASE": database]
        let fromVariables = try CosRun.run(["postgresql://"] + ls, environment: variables)
        XCTAssertEqual(fromVariables.status, 0, fromVariables.stderr)
        XCTAssertTrue(fromVariables.stdout.contains("\"organizations\"") || fromVariables.stdout.contains("Organizations"), fromVariables.stdout)
        XCTAssertTrue(fromVariables.stdout.contains("source       postgresql://"), fromVariables.stdout)
        let withoutThem = try CosRun.run(["postgresql://"] + ls, environment: ["PGHOST": directory])
        XCTAssertEqual(withoutThem.status, 2, "the variables were what found the server")
        XCTAssertTrue(withoutThem.stderr.contains("cannot reach the PostgreSQL server"), withoutThem.stderr)

        let serviceFile = directory + "/pg_service.conf"
        try "[cos_team]\nhost=\(host)\nport=\(port)\nuser=\(user)\ndbname=\(database)\n".write(
            toFile: serviceFile, atomically: true, encoding: .utf8)
        let fromService = try CosRun.run(["service=cos_team"] + ls, environment: ["PGSERVICEFILE": serviceFile])
        XCTAssertEqual(fromService.status, 0, fromService.stderr)
        XCTAssertTrue(fromService.stdout.contains("source       service=cos_team"), fromService.stdout)
        let fromPGService = try CosRun.run(
            ["postgresql://"] + ls, environment: ["PGSERVICEFILE": serviceFile, "PGSERVICE": "cos_team"])
        XCTAssertEqual(fromPGService.status, 0, fromPGService.stderr)
        let noService = try CosRun.run(["service=no_such_service"] + ls, environment: ["PGSERVICEFILE": serviceFile])
        XCTAssertEqual(noService.status, 2)
        XCTAssertTrue(noService.stderr.contains("no_such_service"), noService.stderr)

        // The password file: a password login over TCP with no password in the connection string.
        let admin = try TestServer.admin()
        try admin.execute("DO $$ BEGIN CREATE ROLE cos_pw LOGIN PASSWORD 'right-one'; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        try admin.execute("GRANT USAGE ON SCHEMA \(schema.quoted) TO cos_pw; GRANT SELECT ON ALL TABLES IN SCHEMA \(schema.quoted) TO cos_pw")
        let tcp = try tcpPort()
        let passFile = directory + "/pgpass"
        try "127.0.0.1:\(tcp):\(database):cos_pw:right-one\n".write(toFile: passFile, atomically: true, encoding: .utf8)
        chmod(passFile, 0o600)
        let url = "postgresql://cos_pw@127.0.0.1:\(tcp)/\(database)"
        let fromPassFile = try CosRun.run([url] + ls, environment: ["PGPASSFILE": passFile])
        XCTAssertEqual(fromPassFile.status, 0, fromPassFile.stderr)
        XCTAssertFalse(fromPassFile.stdout.contains("right-one"), fromPassFile.stdout)
        let noPassFile = try CosRun.run([url] + ls, environment: ["PGPASSFILE": directory + "/none"])
        XCTAssertEqual(noPassFile.status, 2, "the password file was what logged in")
        XCTAssertTrue(noPassFile.stderr.contains("the server refused the login"), noPassFile.stderr)
        let fromPGPassword = try CosRun.run([url] + ls, environment: ["PGPASSFILE": directory + "/none", "PGPASSWORD": "right-one"])
        XCTAssertEqual(fromPGPassword.status, 0, fromPGPassword.stderr)
        XCTAssertFalse(fromPGPassword.stdout.contains("right-one") || fromPGPassword.stderr.contains("right-one"))
    }

    /// The banner and the error of a lost connection name the source with its password masked.
    func testTheBannerAndErrorsOfAnOpenSourceMaskThePassword() throws {
        let schema = try TestServer.sample()
        let admin = try TestServer.admin()
        try admin.execute("DO $$ BEGIN CREATE ROLE cos_pw LOGIN PASSWORD 'right-one'; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        try admin.execute("GRANT USAGE ON SCHEMA \(schema.quoted) TO cos_pw; GRANT SELECT ON ALL TABLES IN SCHEMA \(schema.quoted) TO cos_pw")
        let source = try PostgresSource(
            conninfo: "postgresql://cos_pw:right-one@127.0.0.1:\(try tcpPort())/cos_test?application_name=x&password=right-one",
            schema: schema)
        var options = ProgramOptions()
        options.color = "never"
        let output = CapturedOutput()
        let shell = try Shell(
            source: source, options: options, output: output, today: try XCTUnwrap(CivilDate(parsing: "2026-11-24")),
            environment: ["LANG": "C.UTF-8"])
        let banner = DataCheck.banner(shell, version: "test")
        XCTAssertTrue(banner.contains("postgresql://cos_pw:***@127.0.0.1:"), banner)
        XCTAssertTrue(banner.contains("password=***"), banner)
        XCTAssertFalse(banner.contains("right-one"), banner)
        // Lost in the middle of a command: the error names the source, masked.
        source.beginReading()
        var pid = ""
        try source.query("SELECT pg_backend_pid()", []) { pid = $0.text(0) ?? "" }
        _ = try admin.run("SELECT pg_terminate_backend($1::int)", [pid])
        usleep(100_000)
        XCTAssertThrowsError(try source.query("SELECT count(*) FROM contract", []) { _ in }) { error in
            XCTAssertTrue("\(error)".contains("the connection to postgresql://cos_pw:***@127.0.0.1:"), "\(error)")
            XCTAssertFalse("\(error)".contains("right-one"), "\(error)")
        }
        source.endReading()
        XCTAssertEqual(shell.execute(line: "cd /"), .done)
        XCTAssertFalse(output.text.contains("right-one"), output.text)
    }

    func testADatabaseWithoutTheSchemaAndAMissingDatabaseAreSaidSo() throws {
        let conninfo = try TestServer.conninfo()
        let missing = try CosRun.run([conninfo, "--schema", "no_such_schema", "-c", "ls"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("has no cos schema \"no_such_schema\": load one with cos import DIR --to URL --schema no_such_schema"), missing.stderr)
        let noDatabase = try CosRun.run([conninfo + " dbname=no_such_database", "-c", "ls"])
        XCTAssertEqual(noDatabase.status, 2)
        XCTAssertTrue(noDatabase.stderr.contains("database \"no_such_database\" does not exist"), noDatabase.stderr)
        let badName = try CosRun.run([conninfo, "--schema", "Bad-Name", "-c", "ls"])
        XCTAssertEqual(badName.status, 2)
        XCTAssertTrue(badName.stderr.contains("\"Bad-Name\" is not a schema name cos uses"), badName.stderr)
        let badString = try CosRun.run(["postgresql://db:notaport/x", "-c", "ls"])
        XCTAssertEqual(badString.status, 2)
        XCTAssertTrue(badString.stderr.contains("not a PostgreSQL connection string") || badString.stderr.contains("invalid"), badString.stderr)
    }

    func testASchemaOfAnotherFormatVersionIsRefusedWithAClearMessage() throws {
        let admin = try TestServer.admin()
        let schema = TestServer.schema("format")
        defer { TestServer.drop(schema) }
        try admin.execute(
            "CREATE SCHEMA \(schema.quoted); CREATE TABLE \(schema.quoted).meta(key text, value text); "
                + "INSERT INTO \(schema.quoted).meta VALUES ('format', 'cos-store'), ('format_version', '2'), ('postgres_layout', '1')")
        let result = try CosRun.run([try TestServer.conninfo(), "--schema", schema.name, "-c", "ls"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("holds a cos store of format version 2"), result.stderr)
        XCTAssertTrue(result.stderr.contains("import the data again with cos import DIR --to URL"), result.stderr)
        try admin.execute("DROP TABLE \(schema.quoted).meta; CREATE TABLE \(schema.quoted).other(x int)")
        let notCos = try CosRun.run([try TestServer.conninfo(), "--schema", schema.name, "-c", "ls"])
        XCTAssertEqual(notCos.status, 2)
        XCTAssertTrue(notCos.stderr.contains("is not a cos store"), notCos.stderr)
    }

    func testEverySessionIsReadOnly() throws {
        let source = try TestServer.source(try TestServer.sample())
        XCTAssertThrowsError(try source.query("INSERT INTO meta(key, value) VALUES(?, ?)", [.text("x"), .text("y")]) { _ in }) { error in
            XCTAssertTrue("\(error)".contains("read-only transaction"), "\(error)")
        }
        var readOnly = ""
        try source.query("SELECT current_setting('default_transaction_read_only')", []) { readOnly = $0.text(0) ?? "" }
        XCTAssertEqual(readOnly, "on")
        // The planner's settings of a cos session (the tables are stored in key order).
        var settings: [String] = []
        try source.query("SELECT current_setting('random_page_cost'), current_setting('work_mem'), current_setting('jit')", []) {
            settings = [$0.text(0) ?? "", $0.text(1) ?? "", $0.text(2) ?? ""]
        }
        XCTAssertEqual(settings, ["1.1", "64MB", "off"])
    }

    func testTheTimeoutStopsALongStatementWithAClearMessage() throws {
        let source = try TestServer.source(try TestServer.sample())
        try source.setTimeout(milliseconds: 200)
        let started = Date()
        XCTAssertThrowsError(try source.query("SELECT pg_sleep(5)", []) { _ in }) { error in
            XCTAssertEqual((error as? DatabaseError)?.isInterrupt, false)
            XCTAssertTrue("\(error)".contains("ran longer than the timeout (200ms, see set timeout)"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        try source.setTimeout(milliseconds: 0)
        var one: Int64 = 0
        try source.query("SELECT 1", []) { one = $0.int64(0) }
        XCTAssertEqual(one, 1, "the source goes on after a timeout")
    }

    /// `set timeout` (default 30 s) and `--timeout` are the server's statement_timeout, from the shell.
    func testSetTimeoutIsTheServersStatementTimeout() throws {
        let schema = try TestServer.sample()
        let source = try TestServer.source(schema)
        func serverTimeout() throws -> String {
            var value = ""
            try source.query("SELECT current_setting('statement_timeout')", []) { value = $0.text(0) ?? "" }
            return value
        }
        XCTAssertEqual(try serverTimeout(), "30s", "the default")
        let shell = try Shell(
            source: source, options: ProgramOptions(), output: CapturedOutput(),
            today: try XCTUnwrap(CivilDate(parsing: "2026-11-24")), environment: ["LANG": "C.UTF-8"])
        XCTAssertEqual(shell.execute(line: "set timeout 250ms"), .done)
        XCTAssertEqual(try serverTimeout(), "250ms")
        XCTAssertEqual(shell.execute(line: "set timeout off"), .done)
        XCTAssertEqual(try serverTimeout(), "0")
        // From the command line: every query sleeps 1 s first (COS_TEST_SLOW_QUERIES), past the timeout.
        for arguments in [["-c", "set timeout 250ms", "-c", "open id:ORG-0001"], ["--timeout", "250ms", "-c", "open id:ORG-0001"]] {
            let started = Date()
            let result = try CosRun.run(
                [try TestServer.conninfo(), "--schema", schema.name] + arguments, environment: ["COS_TEST_SLOW_QUERIES": "1000"])
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("ran longer than the timeout (250ms, see set timeout) and was stopped"), result.stderr)
            XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        }
    }

    func testInterruptCancelsTheRunningStatementAndTheSourceGoesOn() throws {
        let source = try TestServer.source(try TestServer.sample())
        let thread = Thread {
            usleep(300_000)
            source.interrupt()
        }
        let started = Date()
        thread.start()
        source.beginReading()
        XCTAssertThrowsError(try source.query("SELECT pg_sleep(10)", []) { _ in }) { error in
            XCTAssertEqual((error as? DatabaseError)?.isInterrupt, true, "\(error)")
        }
        source.endReading()
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "PQcancel stops the statement at once")
        source.beginReading()
        var count: Int64 = 0
        try source.query("SELECT count(*) FROM organization", []) { count = $0.int64(0) }
        source.endReading()
        XCTAssertEqual(count, 25)
    }

    /// A Ctrl-C that comes between two statements cancels the rest of the command (the server had
    /// nothing to cancel), and the next command reads again.
    func testAnInterruptBetweenStatementsCancelsTheRestOfTheCommand() throws {
        let source = try TestServer.source(try TestServer.sample())
        source.beginReading()
        try source.query("SELECT 1", []) { _ in }
        source.interrupt()
        XCTAssertThrowsError(try source.query("SELECT count(*) FROM organization", []) { _ in }) { error in
            XCTAssertEqual((error as? DatabaseError)?.isInterrupt, true, "\(error)")
        }
        source.endReading()
        source.beginReading()
        var count: Int64 = 0
        try source.query("SELECT count(*) FROM organization", []) { count = $0.int64(0) }
        source.endReading()
        XCTAssertEqual(count, 25)
    }

    func testALostConnectionIsReconnectedForTheNextCommand() throws {
        let source = try TestServer.source(try TestServer.sample())
        var notices: [String] = []
        source.notice = { notices.append($0) }
        let admin = try TestServer.admin()
        func backend() throws -> String {
            var pid = ""
            try source.query("SELECT pg_backend_pid()", []) { pid = $0.text(0) ?? "" }
            return pid
        }
        // Lost while idle (between commands): the next command reconnects and runs.
        var pid = try backend()
        _ = try admin.run("SELECT pg_terminate_backend($1::int)", [pid])
        usleep(100_000)
        source.beginReading()
        var count: Int64 = 0
        try source.query("SELECT count(*) FROM organization", []) { count = $0.int64(0) }
        source.endReading()
        XCTAssertEqual(count, 25)
        XCTAssertEqual(notices.count, 1)
        XCTAssertTrue(notices.first?.contains("was lost") == true && notices.first?.contains("reconnected") == true, "\(notices)")
        // Lost in the middle of a command: that command fails with the message, the next one works.
        source.beginReading()
        pid = try backend()
        _ = try admin.run("SELECT pg_terminate_backend($1::int)", [pid])
        usleep(100_000)
        // (Not a reference table's statement: those are answered from the cache of this load.)
        XCTAssertThrowsError(try source.query("SELECT count(*) FROM contract", []) { _ in }) { error in
            XCTAssertTrue("\(error)".contains("was lost"), "\(error)")
            XCTAssertTrue("\(error)".contains("cos reconnects for the next command"), "\(error)")
        }
        source.endReading()
        source.beginReading()
        try source.query("SELECT count(*) FROM organization", []) { count = $0.int64(0) }
        source.endReading()
        XCTAssertEqual(count, 25)
        XCTAssertEqual(notices.count, 2)
    }
}

/// Runs the built `cos` executable.
enum CosRun {
    static let executable = TestServer.root.appendingPathComponent(".build/debug/cos")

    static func run(_ arguments: [String], environment extra: [String: String] = [:], input: String? = nil) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = NSTemporaryDirectory()
        environment.removeValue(forKey: "COS_DATA")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        // Output into files: no pipe can fill up and block the process.
        let base = NSTemporaryDirectory() + "cos-run-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let outData = FileManager.default.contents(atPath: base + ".out") ?? Data()
        let errData = FileManager.default.contents(atPath: base + ".err") ?? Data()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
