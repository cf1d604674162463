/// What an import did: rows per file, time and store size. `description` is the summary for people.
public struct ImportSummary: Sendable, CustomStringConvertible {
    /// Rows loaded per file, in the order the files were read.
    public let rows: [(file: String, rows: Int)]
    /// Wall-clock seconds of the whole import (reading, checks, indexes, rollups).
    public let seconds: Double
    /// The store file written.
    public let destination: String
    /// The store's size in bytes.
    public let storeBytes: Int64

    public init(rows: [(file: String, rows: Int)], seconds: Double, destination: String, storeBytes: Int64) {
        self.rows = rows
        self.seconds = seconds
        self.destination = destination
        self.storeBytes = storeBytes
    }

    public var rowCount: Int { rows.reduce(0) { $0 + $1.rows } }

    /// Rows per second over the whole import.
    public var rowsPerSecond: Double { seconds > 0 ? Double(rowCount) / seconds : 0 }

    public var description: String {
        let width = rows.map(\.file.count).max() ?? 0
        let numbers = rows.map { ImportSummary.grouped($0.rows) }
        let numberWidth = numbers.map(\.count).max() ?? 0
        var lines = [
            "imported \(ImportSummary.grouped(rowCount)) rows in \(ImportSummary.seconds(seconds)) "
                + "(\(ImportSummary.grouped(Int(rowsPerSecond))) rows/s) into \(destination) "
                + "(\(ImportSummary.size(storeBytes)))"
        ]
        for (index, entry) in rows.enumerated() {
            let name = entry.file + String(repeating: " ", count: width - entry.file.count)
            let number = String(repeating: " ", count: numberWidth - numbers[index].count) + numbers[index]
            lines.append("  \(name)  \(number)")
        }
        return lines.joined(separator: "\n")
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }

    static func size(_ bytes: Int64) -> String {
        if bytes < 1024 * 1024 { return "\((bytes + 1023) / 1024) KB" }
        let tenths = Int((Double(bytes) / 1_048_576 * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
