import CosModel
import CosQuery
import CosStore
import Foundation
import CosPostgres
import XCTest

@testable import CosShell

/// A script that visits every view of every organization of a store: the start view and search; per
/// organization its view, tree, lists and ticket lists; every category and product charged to it,
/// every object type and profile (with `(no profile)`), every object, contract and invoice, each with
/// its view and tickets; then the organization views again for another period and as-of date.
///
/// Every context is entered by id (`cd /id:ORG/categories/id:CAT`), so the script never depends on
/// names. The items are listed from the SQLite store through `Overview.list`.
enum FullPass {
    static func script(from store: Database) throws -> [String] {
        let overview = Overview(source: store)
        var lines = ["cd /", "show", "ls", "find a", "find acme", "find 0001"]
        let organizations = try store.rows("SELECT k, id FROM organization ORDER BY k") { ($0.int64(0), $0.text(1) ?? "") }
        // A path is written as Place.idPath writes one: segments quoted where they need it.
        func segment(_ text: String) -> String {
            let plain = !text.isEmpty && !text.contains { $0 == " " || $0 == "/" || $0 == "\"" || $0 == "\\" || $0 == "'" || $0 == "#" || $0 == ";" || $0 == "$" }
                && text != ".." && text != "-"
            return plain ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func quoted(_ path: String) -> String { path }
        func id(_ item: ListItem) -> String { item.id.map { "id:" + segment($0) } ?? segment("(no profile)") }
        for (key, orgID) in organizations {
            let org = "/id:" + segment(orgID)
            let scope = Scope.organization(key)
            lines += [
                "cd \(quoted(org))", "show", "tree", "tickets --all --limit none", "tickets --uninvoiced --limit 7",
                "tickets --invoiced --limit 5 --offset 3",
            ]
            for collection in ["categories", "products", "types", "profiles", "objects", "contracts", "invoices", "organizations"] {
                lines.append("ls \(collection)")
            }
            for category in try overview.list(.categories, in: scope) {
                guard let categoryKey = category.key else { continue }
                let path = "\(org)/categories/\(id(category))"
                lines += ["cd \(quoted(path))", "show", "tickets --all --limit 10", "ls"]
                for product in try overview.list(.products, in: .category(organization: key, category: categoryKey)) {
                    lines += ["cd \(quoted(path + "/" + id(product)))", "show", "tickets --limit 10"]
                }
            }
            for type in try overview.list(.types, in: scope) {
                guard let typeKey = type.key else { continue }
                let path = "\(org)/types/\(id(type))"
                lines += ["cd \(quoted(path))", "show", "tickets --limit 10", "ls"]
                for profile in try overview.list(.profiles, in: .objectType(organization: key, objectType: typeKey)) {
                    lines += ["cd \(quoted(path + "/" + id(profile)))", "show", "tickets --limit 10", "ls"]
                }
            }
            let objects = try overview.list(.objects, in: scope)
            for (index, object) in objects.enumerated() {
                lines += ["cd \(quoted(org + "/objects/" + id(object)))", "show", "tickets --all --limit 10"]
                // Trace at the first objects of each organization (every object would double the pass).
                if index < 3 { lines += ["trace"] }
            }
            for contract in try overview.list(.contracts, in: scope) {
                lines += [
                    "cd \(quoted(org + "/contracts/" + id(contract)))", "show", "tickets --all --limit none", "ls invoices", "audit",
                    "audit left_behind",
                ]
            }
            for invoice in try overview.list(.invoices, in: scope) {
                lines += ["cd \(quoted(org + "/invoices/" + id(invoice)))", "show", "tickets --limit 10"]
            }
            // The other views of the organization: cards, trends, summaries, the full view, why it
            // changed (every base and grouping), every audit and its rows, traces by ticket id.
            lines += ["cd \(quoted(org))", "cards", "trend", "summary", "summary type", "summary profile", "show --full"]
            lines += ["compare", "compare previous", "compare year", "compare 2025-01..2025-06"]
            for group in ["category", "type", "profile", "product", "object"] {
                lines += ["compare by \(group)"]
            }
            lines += ["audit"] + AuditKind.allCases.map { "audit \($0.rawValue)" }
            let tickets = try store.rows(
                """
                SELECT id FROM (SELECT id, k FROM charge_ticket WHERE organization_k = ? AND object_k IS NOT NULL ORDER BY k LIMIT 2)
                UNION ALL SELECT id FROM (SELECT id, k FROM charge_ticket WHERE organization_k = ? AND object_k IS NULL ORDER BY k LIMIT 1)
                """, [.integer(key), .integer(key)]
            ) { $0.text(0) ?? "" }
            for ticket in tickets { lines.append("trace \(segment(ticket))") }
            // By name where a name is unique among its neighbours (a repeated name is ambiguous, an
            // error from both sources alike): the name resolution's statements.
            for category in try overview.list(.categories, in: scope) where unique(category, try overview.list(.categories, in: scope)) {
                lines += ["cd \(quoted(org))", "cd categories/\(segment(category.name))", "show"]
            }
            let types = try overview.list(.types, in: scope)
            for type in types where type.key != nil && unique(type, types) {
                lines += ["cd \(quoted(org))", "cd types/\(segment(type.name))", "ls"]
            }
            for object in objects.prefix(4) where unique(object, objects) {
                lines += ["cd \(quoted(org))", "cd objects/\(segment(object.name))", "show"]
            }
        }
        // Organizations by name, as people open them.
        let names = try store.rows("SELECT name FROM organization ORDER BY k") { $0.text(0) ?? "" }
        for name in names where names.filter({ TextFolding.fold($0) == TextFolding.fold(name) }).count == 1 {
            lines += ["open \(segment(name))"]
        }
        lines += ["period 2025-01..2025-06", "as-of 2026-06-30"]
        for (_, orgID) in organizations {
            lines += ["cd /id:\(segment(orgID))", "show", "tickets --limit 5"]
        }
        // Tab completion (the names under a path, organization names as typed), at the start and in
        // the first organizations.
        lines += ["cd /", complete + "open a", complete + "open Å", complete + "find s"]
        for (_, orgID) in organizations.prefix(6) {
            lines += ["cd /id:\(segment(orgID))"]
            for typed in ["cd ", "cd categories/", "cd products/", "cd types/", "cd profiles/", "cd objects/", "cd contracts/", "ls invoices/", "cd categories/c"] {
                lines.append(complete + typed)
            }
        }
        lines += ["period last 24"]
        for (_, orgID) in organizations.prefix(5) {
            lines += ["cd /id:\(segment(orgID))", "show"]
        }
        return lines
    }

    /// Whether no other item of the list folds to the same name (so that cd NAME finds it alone).
    static func unique(_ item: ListItem, _ items: [ListItem]) -> Bool {
        let folded = TextFolding.fold(item.name)
        return !item.name.isEmpty && items.filter { TextFolding.fold($0.name) == folded }.count == 1
    }

    nonisolated(unsafe) private static var passes: [ObjectIdentifier: ([String], String)] = [:]

    /// The script of a store and its output from that store, computed once per store and process.
    static func sqlitePass(_ store: Database) throws -> ([String], String) {
        if let done = passes[ObjectIdentifier(store)] { return done }
        let script = try FullPass.script(from: store)
        let output = try FullPass.run(script, on: store)
        passes[ObjectIdentifier(store)] = (script, output)
        return (script, output)
    }

    nonisolated(unsafe) private static var postgresPasses: [SchemaName: (output: String, statements: Set<String>)] = [:]

    /// The pass of a store's script on a PostgreSQL schema, with every statement the query layer sent
    /// (recorded), computed once per schema and process (the view comparison and the Citus check
    /// share it).
    static func postgresPass(_ store: Database, _ schema: SchemaName) throws -> (output: String, statements: Set<String>) {
        if let done = postgresPasses[schema] { return done }
        let (script, _) = try sqlitePass(store)
        let source = try TestServer.source(schema)
        nonisolated(unsafe) var statements = Set<String>()
        source.recorder = { sql, _ in statements.insert(sql) }
        let output = try run(script, on: source)
        source.recorder = nil
        postgresPasses[schema] = (output, statements)
        return (output, statements)
    }

    /// Runs the script on a source in JSON (one object per command), `--keep-going`, as of the sample
    /// data's manifest; returns everything written, errors included.
    static func run(_ lines: [String], on source: any BillingSource) throws -> String {
        var options = ProgramOptions()
        options.format = "json"
        options.keepGoing = true
        options.color = "never"
        options.width = 100
        let output = CapturedOutput()
        let shell = try Shell(
            source: source, options: options, output: output,
            today: try XCTUnwrap(CivilDate(parsing: "2026-11-24")), environment: ["LANG": "C.UTF-8", "COLUMNS": "100"])
        // Commands run as scripts; a completion line asks the shell's completer (what Tab shows) there.
        var pending: [String] = []
        var part = 0
        func flush() {
            guard !pending.isEmpty else { return }
            part += 1
            _ = shell.run(script: ScriptInput(name: "full-pass", lines: pending))
            pending = []
        }
        let provider = ShellCompletionProvider(shell: shell)
        for line in lines {
            guard line.hasPrefix(complete) else {
                pending.append(line)
                continue
            }
            flush()
            let typed = String(line.dropFirst(complete.count))
            let answer = provider.complete(line: typed, cursor: typed.count)
            output.writeMessage(
                "complete \(typed): " + answer.candidates.map { $0.insertion + "|" + $0.display }.joined(separator: ", ")
                    + " (\(answer.moreCount) more)")
        }
        flush()
        return output.text
    }

    /// A line of the script that is Tab completion of the rest, not a command.
    static let complete = "\u{1}complete "
}

extension XCTestCase {
    /// The JSON of a full pass over every view is byte-for-byte the same from the SQLite store and from
    /// the PostgreSQL schema.
    func assertSameViews(store: Database, schema: SchemaName, minimumCommands: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let (script, fromSQLite) = try FullPass.sqlitePass(store)
        XCTAssertGreaterThan(script.count, minimumCommands, "the pass should visit every view", file: file, line: line)
        let fromPostgres = try FullPass.postgresPass(store, schema).output
        XCTAssertFalse(fromSQLite.contains("could not answer"), String(fromSQLite.prefix(2000)), file: file, line: line)
        if let dump = TestServer.environment["COS_TEST_PASS_DUMP"] {
            try? fromSQLite.write(toFile: dump, atomically: true, encoding: .utf8)
        }
        // Every command that answers with a view is in the pass, and answered with tables.
        let answered = fromSQLite.split(separator: "\n").filter { $0.hasPrefix("{\"command\":\"") && $0.contains("\"tables\":{") }
        for command in [
            "show", "find", "tree", "ls", "tickets", "cards", "trend", "summary", "show --full", "compare", "compare by object",
            "audit", "audit duplicate", "trace", "trace ", "open ", "cd categories/", "cd types/", "cd objects/",
        ] {
            XCTAssertTrue(
                answered.contains { $0.hasPrefix("{\"command\":\"" + command) }, "the pass should answer \(command)",
                file: file, line: line)
        }
        XCTAssertTrue(
            fromSQLite.split(separator: "\n").contains { $0.hasPrefix("complete cd categories/: ") && $0.contains("|") },
            "the pass should complete names", file: file, line: line)
        let errors = fromSQLite.split(separator: "\n").filter { $0.hasPrefix("full-pass:") }
        XCTAssertEqual(errors, [], "the pass should run without errors", file: file, line: line)
        let left = fromSQLite.split(separator: "\n", omittingEmptySubsequences: false)
        let right = fromPostgres.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(left.count, right.count, file: file, line: line)
        for (index, (a, b)) in zip(left, right).enumerated() where a != b {
            XCTFail(
                "line \(index + 1) of \(left.count) differs:\n  SQLite:     \(a.prefix(800))\n  PostgreSQL: \(b.prefix(800))",
                file: file, line: line)
            break
        }
    }
}
