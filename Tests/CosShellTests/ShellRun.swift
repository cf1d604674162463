import CosStore
import Foundation
import XCTest

@testable import CosShell

/// Runs commands through a shell on the shipped sample data, non-interactively, as `cos -c ...` does.
enum ShellRun {
    /// The output of the last of `commands`, each of which must succeed.
    static func last(
        _ commands: [String], format: String = "table", width: Int = 100, file: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        var options = ProgramOptions()
        options.color = "never"
        options.width = width
        options.format = format
        let output = CapturedOutput()
        let shell = try Shell(
            source: try SampleStore.shared(), options: options, output: output,
            today: try XCTUnwrap(CivilDateToday.fixed), environment: ["LANG": "C.UTF-8"])
        var text = ""
        for command in commands {
            let before = output.text.utf8.count
            XCTAssertEqual(shell.execute(line: command), .done, command, file: file, line: line)
            text = String(decoding: output.text.utf8.dropFirst(before), as: UTF8.self)
        }
        return text
    }

    /// A JSON document as a dictionary.
    static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try XCTUnwrap(object as? [String: Any])
    }

    /// The rows of one table of a JSON document.
    static func rows(_ document: [String: Any], _ table: String) throws -> [[String: Any]] {
        let tables = try XCTUnwrap(document["tables"] as? [String: Any])
        return try XCTUnwrap(tables[table] as? [[String: Any]], "no table \(table)")
    }
}
