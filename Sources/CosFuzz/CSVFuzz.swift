import CosModel
import CosQuery
import CosRender
import CosStore
import CosView
import Foundation

/// The CSV reader with every contract check, and the views over what it accepts.
///
/// An input is one file of `TinyExport` replaced (first byte < 0xF0: the file is `TinyExport.names[b %
/// 11]`, the rest is its content), or a whole export (first byte ≥ 0xF0: the files in `names` order,
/// separated by the byte 0x1E). The export is imported into a temporary store. It must either be
/// refused with a report whose every line names its file (and line), or load; a store that loads must
/// answer the organization, tree and ticket views of its organizations and render them, or say that a
/// sum is too large to add up exactly. Anything else (an import that fails without naming the data,
/// another query error, a crash) is a finding.
enum CSVFuzz {
    static func run(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        var files = TinyExport.files
        let body = Array(bytes.dropFirst())
        if first >= 0xF0 {
            let parts = body.split(separator: 0x1E, omittingEmptySubsequences: false)
            for (index, part) in parts.prefix(TinyExport.names.count).enumerated() {
                files[TinyExport.names[index]] = String(decoding: part, as: UTF8.self)
            }
            // The bytes themselves (not only valid UTF-8) of each part.
            write(export: files, raw: Dictionary(uniqueKeysWithValues: parts.prefix(TinyExport.names.count).enumerated().map {
                (TinyExport.names[$0.offset], Array($0.element))
            }))
        } else {
            let name = TinyExport.names[Int(first) % TinyExport.names.count]
            write(export: files, raw: [name: body])
        }
    }

    private static func write(export files: [String: String], raw: [String: [UInt8]]) {
        let directory = FuzzPaths.temporaryDirectory("csv")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, text) in files {
            let bytes = raw[name] ?? Array(text.utf8)
            guard FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(bytes)) else {
                FuzzCheck.fail("cannot write \(name)")
            }
        }
        let store = directory + "/store.cos"
        do {
            _ = try Importer(directory: directory, destination: store).run()
        } catch let error as ImportError {
            check(error)
            return
        } catch {
            FuzzCheck.fail("the import threw something that is not an ImportError: \(error)")
        }
        let db: Database
        do { db = try StoreFile.open(path: store) } catch { FuzzCheck.fail("the store the import wrote does not open: \(error)") }
        views(db)
    }

    /// A refused export: every line of the report names a file of the export.
    static func check(_ error: ImportError) {
        guard error.kind == .badData else {
            FuzzCheck.fail("the import failed without naming a problem of the data: \(error.lines)")
        }
        for line in error.lines {
            let named = TinyExport.names.contains { line.hasPrefix($0 + ":") } || line.hasPrefix("... and ")
            if !named { FuzzCheck.fail("a report line names no file: \(line.debugDescription)") }
            if let raw = TerminalSafeText.firstRawControl(in: line, allowSGR: false) { FuzzCheck.fail("a report line holds \(raw)") }
        }
        if error.lines.isEmpty { FuzzCheck.fail("a refused export with an empty report") }
    }

    /// The organization, tree and tickets views of up to four organizations, rendered as a table and
    /// as JSON, for the as-of date of the data and a period around it.
    static func views(_ db: Database) {
        let overview = Overview(source: db)
        let meta = (try? db.metadata()) ?? [:]
        let asOf = meta["as_of"].flatMap { CivilDate(parsing: $0) } ?? CivilDate(year: 2025, month: 6, day: 30)
        guard let asOf else { return }
        let period = Period.defaultPeriod(asOf: asOf)
        let keys: [Int64]
        do {
            keys = try db.rows("SELECT k FROM organization ORDER BY k LIMIT 4") { $0.int64(0) }
        } catch { FuzzCheck.fail("the organizations of a loaded store cannot be read: \(error)") }
        for key in keys {
            let answers: [() throws -> View] = [
                { try overview.organization(key, asOf: asOf, period: period) },
                { try overview.tree(key, asOf: asOf, period: period) },
                { try overview.tickets(.organization(key), asOf: asOf, period: period) },
            ]
            for answer in answers {
                do {
                    let view = try answer()
                    RenderFuzz.renderAll(view, widths: [80], checkEveryFormat: false)
                } catch let error as QueryError {
                    if case .overflow = error { continue }
                    FuzzCheck.fail("a view of loaded data failed: \(error)")
                } catch {
                    FuzzCheck.fail("a view of loaded data threw \(error)")
                }
            }
        }
    }
}
