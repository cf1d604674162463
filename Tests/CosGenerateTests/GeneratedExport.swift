import CosGenerate
import Foundation

/// A generated export read back through the test's own CSV reader.
struct GeneratedExport: Sendable {
    let directory: String
    let summary: GenerationSummary
    let tables: [String: [[String: String]]]

    static let fileNames = [
        "organizations", "contracts", "product_categories", "products", "object_types", "object_profiles",
        "objects", "usage_events", "charge_tickets", "invoices",
    ]

    func rows(_ name: String) -> [[String: String]] { tables[name] ?? [] }

    /// A fresh, empty directory under the temporary directory.
    static func scratchDirectory(_ label: String) -> String {
        let path = NSTemporaryDirectory() + "cos-generate-tests-\(getpid())-\(label)"
        try? FileManager.default.removeItem(atPath: path)
        return path
    }

    /// Generates with `arguments` (as `cos generate` takes them) into a scratch directory and reads it.
    static func make(_ label: String, _ arguments: [String]) throws -> GeneratedExport {
        let directory = scratchDirectory(label)
        guard let options = try GenerateOptions.parse(["-o", directory] + arguments) else {
            throw TestCSV.Failure(description: "no options")
        }
        let summary = try BillingExportGenerator.generate(options)
        var tables: [String: [[String: String]]] = [:]
        for name in fileNames {
            tables[name] = try TestCSV.table(directory + "/" + name + ".csv")
        }
        return GeneratedExport(directory: directory, summary: summary, tables: tables)
    }
}

/// The small profile, generated once for the tests that only read it.
let smallExport = Result { try GeneratedExport.make("small", ["--profile", "small"]) }
/// A mid-size run: 200 organizations, about 4,000 objects.
let midExport = Result { try GeneratedExport.make("mid", ["--orgs", "200", "--scale", "0.2", "--seed", "5"]) }
