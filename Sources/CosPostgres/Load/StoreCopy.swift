import CosStore
import Foundation

/// Rows of a CSV export for the PostgreSQL build: the export is read, checked and keyed by the SQLite
/// import (same loader, same messages, same keys and rollups) into a temporary store file, whose tables
/// are then streamed into the build schema with `COPY`. The temporary file is removed at the end.
enum StoreCopy {
    static func load(
        directory: String, layout: PostgresLayout, connection: PostgresConnection, reporter: StepReporter
    ) throws -> (rows: [(file: String, rows: Int)], meta: [String: String]) {
        let scratch = NSTemporaryDirectory() + "cos-pg-import-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let store = scratch + "/store.cos"
        let summary = try Importer(directory: directory, destination: store, progress: reporter.callback).run()
        let db = try StoreFile.open(path: store)
        var meta = try db.metadata()
        meta.removeValue(forKey: "format")
        meta.removeValue(forKey: "format_version")
        meta.removeValue(forKey: "created")
        reporter.begin("copy")
        var copied = 0
        for table in layout.tables where table.name != "meta" {
            let writer = try CopyWriter(connection: connection, table: table.name, columns: table.columnNames, freeze: true)
            let textColumns = table.columns.map { $0.type == "text" }
            let sql = "SELECT " + table.columnNames.joined(separator: ", ") + " FROM " + table.name
            do {
                try db.forEachRow(sql) { row in
                    for (index, isText) in textColumns.enumerated() {
                        if row.isNull(index) {
                            try writer.null()
                        } else if isText {
                            try writer.text(row.text(index) ?? "")
                        } else {
                            try writer.integer(row.int64(index))
                        }
                    }
                    try writer.endRow()
                    copied += 1
                    if copied & 0x3FFF == 0 {
                        try LoadSignals.check()
                        reporter.rowsDone(copied)
                    }
                }
                try writer.finish()
            } catch {
                writer.abort("cos import stopped")
                throw error
            }
        }
        reporter.end()
        return (summary.rows, meta)
    }
}
