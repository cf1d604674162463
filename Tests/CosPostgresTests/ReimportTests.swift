import CosGenerate
import CosModel
import CosPostgres
import CosStore
import Foundation
import XCTest

@testable import CosShell

#if canImport(Glibc)
    import Glibc
#endif

/// Re-importing into a schema that is being read: readers see the old data or the new, never a
/// mixture and never an error; a killed import leaves the schema in use untouched; leftovers of a
/// killed import are removed by the next one; bad data is refused with the SQLite import's messages.
final class ReimportTests: XCTestCase {
    /// The commands each reader runs in a loop: several views, each made of many statements.
    static let commands = [
        "cd /id:ORG-0001", "tickets --limit 30", "tree", "ls objects", "find a", "ls types",
        "cd /id:ORG-0002", "summary", "cd /", "show",
    ]

    /// Each command's output, one per command, from a shell on `source`.
    static func outputs(_ source: any BillingSource, _ shell: Shell? = nil, _ output: CapturedOutput? = nil) throws -> [String] {
        let output = output ?? CapturedOutput()
        var options = ProgramOptions()
        options.format = "json"
        options.keepGoing = true
        let shell = try shell ?? Shell(
            source: source, options: options, output: output, today: try XCTUnwrap(CivilDate(parsing: "2026-11-24")),
            environment: ["LANG": "C.UTF-8"])
        var result: [String] = []
        for command in commands {
            let before = output.text.utf8.count
            let outcome = shell.execute(line: command)
            var text = String(decoding: Array(output.text.utf8)[before...], as: UTF8.self)
            // The notice that a re-import was noticed is not part of the answer.
            text = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("the data was re-imported") }.joined(separator: "\n")
            if case .failed(let error) = outcome { text += "ERROR: \(error.message)" }
            result.append(text)
        }
        return result
    }

    static func generated(seed: Int) throws -> String {
        let directory = NSTemporaryDirectory() + "cos-seed\(seed)-\(UUID().uuidString)"
        XCTAssertEqual(GenerateCommand.run(arguments: ["-o", directory, "--seed", String(seed)]), 0)
        return directory
    }

    static func sqlite(_ directory: String) throws -> Database {
        let path = NSTemporaryDirectory() + "cos-reimport-\(UUID().uuidString).cos"
        _ = try Importer(directory: directory, destination: path).run()
        let db = try StoreFile.open(path: path)
        try? FileManager.default.removeItem(atPath: path)
        return db
    }

    func testReadersDuringReimportsSeeOldOrNewDataNeverAMixtureNorAnError() throws {
        let conninfo = try TestServer.conninfo()
        let a = TestServer.sampleData
        let b = try Self.generated(seed: 2)
        defer { try? FileManager.default.removeItem(atPath: b) }
        let expectedA = try Self.outputs(try Self.sqlite(a))
        let expectedB = try Self.outputs(try Self.sqlite(b))
        // The organization views, tickets, objects, summaries and the start view differ between the two.
        for (index, (x, y)) in zip(expectedA, expectedB).enumerated() where [0, 1, 3, 6, 7, 9].contains(index) {
            XCTAssertNotEqual(x, y, "\(Self.commands[index]) should differ between the two data sets")
        }
        let schema = TestServer.schema("reimport")
        defer { TestServer.drop(schema) }
        _ = try PostgresImport(input: .directory(a), conninfo: conninfo, target: schema).run()

        let lock = NSLock()
        nonisolated(unsafe) var done = false
        nonisolated(unsafe) var problems: [String] = []
        nonisolated(unsafe) var seen = (a: 0, b: 0, passes: 0)
        let readers = (0..<2).map { _ in
            Thread {
                do {
                    let source = try TestServer.source(schema)
                    let output = CapturedOutput()
                    var options = ProgramOptions()
                    options.format = "json"
                    options.keepGoing = true
                    let shell = try Shell(
                        source: source, options: options, output: output,
                        today: try XCTUnwrap(CivilDate(parsing: "2026-11-24")), environment: ["LANG": "C.UTF-8"])
                    while true {
                        lock.lock()
                        let stop = done
                        lock.unlock()
                        if stop { break }
                        let got = try Self.outputs(source, shell, output)
                        lock.lock()
                        seen.passes += 1
                        for (index, text) in got.enumerated() {
                            if text == expectedA[index] {
                                seen.a += 1
                            } else if text == expectedB[index] {
                                seen.b += 1
                            } else if problems.count < 5 {
                                problems.append("\(Self.commands[index]) gave neither the old nor the new answer: \(text.prefix(400))")
                            }
                        }
                        lock.unlock()
                    }
                } catch {
                    lock.lock()
                    problems.append("reader failed: \(error)")
                    lock.unlock()
                }
            }
        }
        for reader in readers { reader.start() }
        for round in 0..<4 {
            usleep(200_000)
            _ = try PostgresImport(input: .directory(round % 2 == 0 ? b : a), conninfo: conninfo, target: schema).run()
        }
        usleep(300_000)
        lock.lock()
        done = true
        lock.unlock()
        while readers.contains(where: { $0.isExecuting }) { usleep(20_000) }
        XCTAssertEqual(problems, [])
        XCTAssertGreaterThan(seen.a, 0)
        XCTAssertGreaterThan(seen.b, 0, "the readers should have seen the re-imported data")
        XCTAssertGreaterThan(seen.passes, 8, "the readers should have run through several swaps")
        print("reader loop: \(seen.passes) passes, \(seen.a) answers of the old data and \(seen.b) of the new over 4 swaps")
    }

    /// A session open across a re-import in which the keys changed (the organizations in another
    /// order) follows its places by id, and says what is gone.
    func testASessionFollowsItsPlacesByIdAcrossAReimport() throws {
        let conninfo = try TestServer.conninfo()
        let schema = TestServer.schema("follow")
        defer { TestServer.drop(schema) }
        _ = try PostgresImport(input: .directory(TestServer.sampleData), conninfo: conninfo, target: schema).run()
        // The same export with the organizations in reverse order, and without contract 000001.
        let reversed = NSTemporaryDirectory() + "cos-reversed-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: TestServer.sampleData, toPath: reversed)
        defer { try? FileManager.default.removeItem(atPath: reversed) }
        let organizations = try String(contentsOfFile: reversed + "/organizations.csv", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        try ([organizations[0]] + organizations.dropFirst().reversed()).joined(separator: "\n").appending("\n")
            .write(toFile: reversed + "/organizations.csv", atomically: true, encoding: .utf8)
        let expected = try Self.shellOutputs(["cd /id:ORG-0001", "show", "cd /id:ORG-0003", "show"], on: try Self.sqlite(reversed))
        let source = try TestServer.source(schema)
        let output = CapturedOutput()
        var options = ProgramOptions()
        options.format = "json"
        let shell = try Shell(
            source: source, options: options, output: output, today: try XCTUnwrap(CivilDate(parsing: "2026-11-24")),
            environment: ["LANG": "C.UTF-8"])
        _ = shell.execute(line: "cd /id:ORG-0003")
        _ = shell.execute(line: "cd /id:ORG-0001")
        _ = try PostgresImport(input: .directory(reversed), conninfo: conninfo, target: schema).run()
        let before = output.text.utf8.count
        _ = shell.execute(line: "show")
        _ = shell.execute(line: "back")
        let after = String(decoding: Array(output.text.utf8)[before...], as: UTF8.self).split(separator: "\n")
        XCTAssertTrue(after.first?.hasPrefix("the data was re-imported (loaded ") == true, "\(after.first ?? "")")
        XCTAssertEqual(after.count, 3, "\(after)")
        guard after.count == 3, expected.count == 4 else { return }
        XCTAssertEqual(String(after[1]), expected[1], "show after the re-import answers for ORG-0001 of the new data")
        XCTAssertEqual(
            String(after[2]), expected[3].replacingOccurrences(of: "\"command\":\"show\"", with: "\"command\":\"back\""),
            "back returns to ORG-0003 of the new data")
    }

    /// Each command's output lines (JSON: one line per command) from a shell on `source`.
    static func shellOutputs(_ commands: [String], on source: any BillingSource) throws -> [String] {
        let output = CapturedOutput()
        var options = ProgramOptions()
        options.format = "json"
        let shell = try Shell(
            source: source, options: options, output: output, today: try XCTUnwrap(CivilDate(parsing: "2026-11-24")),
            environment: ["LANG": "C.UTF-8"])
        for command in commands { _ = shell.execute(line: command) }
        return output.text.split(separator: "\n").map(String.init)
    }

    func testAKilledImportLeavesTheSchemaInUseUntouchedAndNothingBehind() throws {
        let conninfo = try TestServer.conninfo()
        let schema = TestServer.schema("kill")
        defer { TestServer.drop(schema) }
        _ = try PostgresImport(input: .directory(TestServer.sampleData), conninfo: conninfo, target: schema).run()
        let before = try Self.outputs(try TestServer.source(schema))
        let admin = try TestServer.admin()
        let loadID = try admin.scalar("SELECT value FROM \(schema.quoted).meta WHERE key = 'load_id'")
        let big = NSTemporaryDirectory() + "cos-kill-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: big) }
        XCTAssertEqual(GenerateCommand.run(arguments: ["-o", big, "--orgs", "300"]), 0)

        let process = Process()
        process.executableURL = CosRun.executable
        process.arguments = ["import", big, "--to", conninfo, "--schema", schema.name]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the import writes into PostgreSQL (its COPY or index builds), then kill it.
        let deadline = Date().addingTimeInterval(60)
        var writing = false
        while Date() < deadline, process.isRunning {
            let active = try admin.scalar(
                """
                SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cos import'
                AND (query LIKE 'COPY%' OR query LIKE 'CREATE%' OR query LIKE 'ALTER%')
                """)
            if active != "0" {
                writing = true
                break
            }
            usleep(20_000)
        }
        XCTAssertTrue(writing, "the import ended before it wrote into PostgreSQL: make the data larger")
        usleep(100_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        // The server notices the client is gone (client_connection_check_interval) and rolls back.
        let gone = Date().addingTimeInterval(20)
        while Date() < gone, try admin.scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cos import'") != "0" {
            usleep(50_000)
        }
        XCTAssertEqual(try admin.scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cos import'"), "0")
        XCTAssertEqual(try admin.scalar("SELECT value FROM \(schema.quoted).meta WHERE key = 'load_id'"), loadID)
        XCTAssertEqual(try Self.outputs(try TestServer.source(schema)), before, "the schema in use changed")
        // What it had committed (tables loaded before the kill, in its build schema) is removed by the
        // next import into the schema, which says so; nothing is left after it.
        let leftovers = try admin.run(
            "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) ORDER BY 1", [schema.name + "__"]
        ).allText.compactMap { $0.first ?? nil }
        var notices: [String] = []
        var next = PostgresImport(input: .directory(TestServer.sampleData), conninfo: conninfo, target: schema)
        next.notice = { notices.append($0) }
        _ = try next.run()
        XCTAssertEqual(notices, leftovers.map { "removed schema \($0), left by an import into \(schema.name) that did not finish" })
        XCTAssertEqual(
            try admin.scalar("SELECT count(*) FROM pg_namespace WHERE starts_with(nspname, $1)", [schema.name + "__"]), "0")
    }

    func testTheNextImportRemovesWhatAKilledImportCommittedAndTwoImportsNeverRunAtOnce() throws {
        let conninfo = try TestServer.conninfo()
        let schema = TestServer.schema("leftover")
        defer { TestServer.drop(schema) }
        let admin = try TestServer.admin()
        // What an import killed after its build committed (during VACUUM, before the swap) leaves.
        let leftover = "\(schema.name)__load_1700000000_4242"
        try admin.execute("CREATE SCHEMA \"\(leftover)\"; CREATE TABLE \"\(leftover)\".meta(key text, value text)")
        var notices: [String] = []
        var importer = PostgresImport(input: .directory(TestServer.sampleData), conninfo: conninfo, target: schema)
        importer.notice = { notices.append($0) }
        _ = try importer.run()
        XCTAssertEqual(notices, ["removed schema \(leftover), left by an import into \(schema.name) that did not finish"])
        XCTAssertEqual(try admin.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [leftover]), "0")
        // A live import holds the schema's loader lock: another import into it is refused.
        let holder = try TestServer.admin()
        _ = try holder.run("SELECT pg_advisory_lock(\(0x636F_7302), hashtext($1))", [schema.name])
        XCTAssertThrowsError(try PostgresImport(input: .directory(TestServer.sampleData), conninfo: conninfo, target: schema).run()) {
            XCTAssertTrue("\($0)".contains("another cos import into schema \(schema.name) is running"), "\($0)")
        }
    }

    func testBadDataIsRefusedWithTheSQLiteImportsMessagesAndTheSchemaInUseStays() throws {
        let conninfo = try TestServer.conninfo()
        let schema = TestServer.schema("bad")
        defer { TestServer.drop(schema) }
        _ = try PostgresImport(input: .directory(TestServer.sampleData), conninfo: conninfo, target: schema).run()
        let admin = try TestServer.admin()
        let loadID = try admin.scalar("SELECT value FROM \(schema.quoted).meta WHERE key = 'load_id'")
        let bad = NSTemporaryDirectory() + "cos-bad-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: TestServer.sampleData, toPath: bad)
        defer { try? FileManager.default.removeItem(atPath: bad) }
        var tickets = try String(contentsOfFile: bad + "/charge_tickets.csv", encoding: .utf8)
        tickets += "TK-BAD-1,NO-SUCH-CONTRACT,,101,2026-01-01,2026-01-31,1,,12.5,\n"
        tickets += "TK-BAD-2,000001,,101,2026-02-30,2026-01-31,1,,1.2345678,\n"
        try tickets.write(toFile: bad + "/charge_tickets.csv", atomically: true, encoding: .utf8)
        let sqlite = try CosRun.run(["import", bad, "-o", NSTemporaryDirectory() + "cos-bad-\(getpid()).cos"])
        let postgres = try CosRun.run(["import", bad, "--to", conninfo, "--schema", schema.name])
        XCTAssertEqual(sqlite.status, 2)
        XCTAssertEqual(postgres.status, 2)
        XCTAssertTrue(postgres.stderr.contains("column contract_id: value \"NO-SUCH-CONTRACT\": no row of contracts.csv has this id"), postgres.stderr)
        XCTAssertEqual(postgres.stderr, sqlite.stderr, "the same report as the SQLite import")
        XCTAssertEqual(try admin.scalar("SELECT value FROM \(schema.quoted).meta WHERE key = 'load_id'"), loadID)
        XCTAssertEqual(
            try admin.scalar("SELECT count(*) FROM pg_namespace WHERE starts_with(nspname, $1)", [schema.name + "__"]), "0")
    }
}
