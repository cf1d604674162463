import CosModel
import CosPostgres
import CosStore
import Foundation
import XCTest

@testable import CosShell

/// SQL is never built from what the user types: every value reaches the server as a bound parameter.
/// A session types names, ids, numbers, searches and ticket ids that carry a marker and SQL of their
/// own; no statement the source sends holds the marker, the values it was given do, and the schema is
/// intact afterwards.
final class BoundParameterTests: XCTestCase {
    func testWhatTheUserTypesReachesTheServerOnlyAsBoundValues() throws {
        let schema = try TestServer.sample()
        let source = try TestServer.source(schema)
        nonisolated(unsafe) var statements: [String] = []
        nonisolated(unsafe) var values: [String] = []
        source.recorder = { sql, given in
            statements.append(sql)
            for value in given { if case .text(let text) = value { values.append(text) } }
        }
        let marker = "zq9marker"
        let typed = [
            "find \(marker)'; DROP TABLE meta; --", "open \"\(marker)' OR '1'='1\"", "open id:\(marker)\"--",
            "cd /id:ORG-0001", "cd categories/\"\(marker)%_\\\\\"", "cd objects/\(marker)'", "cd contracts/\(marker)$1",
            "cd invoices/\(marker)?", "trace \(marker)')--", "cd /id:ORG-0001/objects/id:\(marker)", "tickets --limit 1",
        ]
        let output = CapturedOutput()
        var options = ProgramOptions()
        options.keepGoing = true
        let shell = try Shell(
            source: source, options: options, output: output, today: try XCTUnwrap(CivilDate(parsing: "2026-11-24")),
            environment: ["LANG": "C.UTF-8"])
        _ = shell.run(script: ScriptInput(name: "typed", lines: typed))
        let provider = ShellCompletionProvider(shell: shell)
        _ = provider.complete(line: "cd objects/\(marker)'", cursor: "cd objects/\(marker)'".count)
        _ = provider.complete(line: "open \(marker)'", cursor: "open \(marker)'".count)
        source.recorder = nil
        XCTAssertGreaterThan(statements.count, 3, "\(statements.count) statements")
        XCTAssertEqual(statements.filter { $0.contains(marker) }, [], "a statement holds what the user typed")
        XCTAssertTrue(values.contains { $0.contains(marker) }, "the typed text should reach the server as values: \(values)")
        XCTAssertTrue(output.text.contains("more rows"), "the session went on to its tickets")
        var count: Int64 = 0
        let fresh = try TestServer.source(schema)
        try fresh.query("SELECT count(*) FROM meta", []) { count = $0.int64(0) }
        XCTAssertGreaterThan(count, 0, "meta is still there")
    }
}
