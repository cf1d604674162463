import CosGenerate
import CosModel
import Foundation
import XCTest

final class GenerateCommandTests: XCTestCase {
    func testFlagsAreParsed() throws {
        let options = try XCTUnwrap(
            GenerateOptions.parse(["-o", "/tmp/x", "--orgs", "12", "--months=6", "--scale", "0.5", "--seed", "9", "--as-of", "2025-02-14", "--force"]))
        XCTAssertEqual(options.outputDirectory, "/tmp/x")
        XCTAssertEqual(options.organizations, 12)
        XCTAssertEqual(options.months, 6)
        XCTAssertEqual(options.scale, 0.5)
        XCTAssertEqual(options.seed, 9)
        XCTAssertEqual(options.asOf, CivilDate(year: 2025, month: 2, day: 14))
        XCTAssertTrue(options.force)
        let large = try XCTUnwrap(GenerateOptions.parse(["--profile", "large", "-o", "d"]))
        XCTAssertEqual(large.organizations, 10_000)
        XCTAssertEqual(large.months, 24)
        XCTAssertNil(try GenerateOptions.parse(["--help"]))
    }

    func testBadFlagsGiveClearMessages() {
        func message(_ arguments: [String]) -> String {
            do {
                _ = try GenerateOptions.parse(arguments)
                return "accepted"
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(message(["--orgs", "5"]), "-o DIR is required: where to write the data (see cos generate --help)")
        XCTAssertEqual(message(["-o", "d", "--orgs", "0"]), "--orgs needs a whole number from 1 to 1000000, got \"0\"")
        XCTAssertEqual(message(["-o", "d", "--orgs"]), "--orgs needs a value (see cos generate --help)")
        XCTAssertEqual(message(["-o", "d", "--scale", "lots"]), "--scale needs a number from 0.001 to 100, got \"lots\"")
        XCTAssertEqual(message(["-o", "d", "--as-of", "2026-02-30"]), "--as-of needs a date as YYYY-MM-DD, got \"2026-02-30\"")
        XCTAssertEqual(message(["-o", "d", "--profile", "huge"]), "--profile is small or large, got \"huge\"")
        XCTAssertEqual(message(["-o", "d", "--colour"]), "unknown option \"--colour\" (see cos generate --help)")
        XCTAssertEqual(GenerateCommand.run(arguments: ["--bogus"]), 2)
        XCTAssertEqual(GenerateCommand.run(arguments: ["--help"]), 0)
    }

    func testRefusesANonEmptyDirectoryWithoutForce() throws {
        let directory = GeneratedExport.scratchDirectory("non-empty")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
        XCTAssertEqual(GenerateCommand.run(arguments: ["-o", directory, "--orgs", "2", "--scale", "0.05"]), 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/organizations.csv"))
        XCTAssertEqual(GenerateCommand.run(arguments: ["-o", directory, "--orgs", "2", "--scale", "0.05", "--force"]), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/organizations.csv"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/notes.txt"))
    }

    func testCreatesAMissingDirectoryAndRunsWithOneMonthAndOneOrganization() throws {
        let directory = GeneratedExport.scratchDirectory("tiny") + "/a/b"
        XCTAssertEqual(GenerateCommand.run(arguments: ["-o", directory, "--orgs", "1", "--months", "1", "--as-of", "2024-02-10"]), 0)
        let tickets = try TestCSV.table(directory + "/charge_tickets.csv")
        XCTAssertFalse(tickets.isEmpty)
        XCTAssertTrue(tickets.allSatisfy { ($0["period_start"] ?? "").hasPrefix("2024-02") && ($0["invoice_id"] ?? "").isEmpty })
        let events = try TestCSV.table(directory + "/usage_events.csv")
        XCTAssertTrue(events.allSatisfy { ($0["occurred_at"] ?? "") < "2024-02-11" })
    }
}
