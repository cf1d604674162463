import CosGenerate
import CosStore
import Foundation
import XCTest

/// The generator's output goes through the checked loader without a single problem.
final class ImportGeneratedDataTests: XCTestCase {
    private func importWithoutProblems(_ export: GeneratedExport, file: StaticString = #filePath, line: UInt = #line) throws {
        let store = export.directory + ".cos"
        try? FileManager.default.removeItem(atPath: store)
        defer { try? FileManager.default.removeItem(atPath: store) }
        do {
            let summary = try Importer(directory: export.directory, destination: store).run()
            var loaded: [String: Int] = [:]
            for entry in summary.rows { loaded[entry.file] = entry.rows }
            for name in GeneratedExport.fileNames {
                XCTAssertEqual(loaded[name + ".csv"], export.rows(name).count, "\(name).csv rows loaded", file: file, line: line)
            }
            XCTAssertTrue(FileManager.default.fileExists(atPath: store), file: file, line: line)
            let db = try StoreFile.open(path: store)
            XCTAssertEqual(try StoreSchema.derivationMismatches(in: db), [], export.directory, file: file, line: line)
        } catch {
            XCTFail("the import reported problems:\n\(error)", file: file, line: line)
        }
    }

    func testSmallProfileImports() throws {
        try importWithoutProblems(try smallExport.get())
    }

    func testMidSizeRunImports() throws {
        try importWithoutProblems(try midExport.get())
    }

    func testOddAsOfDateAndShortRunImports() throws {
        try importWithoutProblems(
            try GeneratedExport.make("odd", ["--orgs", "45", "--months", "3", "--scale", "0.05", "--as-of", "2024-02-29", "--seed", "11"]))
    }

    /// The check above can fail: the same data with one ticket pointing at a missing invoice is refused.
    func testABrokenReferenceInGeneratedDataIsRefused() throws {
        let export = try GeneratedExport.make("broken", ["--orgs", "12", "--months", "4", "--scale", "0.05"])
        let path = export.directory + "/charge_tickets.csv"
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try XCTUnwrap(lines.indices.dropFirst().first { !lines[$0].hasSuffix(",") && !lines[$0].isEmpty })
        var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[fields.count - 1] = "no-such-invoice"
        lines[index] = fields.joined(separator: ",")
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let store = export.directory + ".cos"
        XCTAssertThrowsError(try Importer(directory: export.directory, destination: store).run()) { error in
            XCTAssertTrue("\(error)".contains("no-such-invoice"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: store))
    }
}
