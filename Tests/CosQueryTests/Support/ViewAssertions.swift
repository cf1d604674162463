import CosModel
import CosView
import XCTest

/// Helpers to read views in tests by column name.
extension ViewTable {
    /// The rows as dictionaries of column name to plain text (`""` for null).
    var plainRows: [[String: String]] {
        rows.map { row in
            var result: [String: String] = [:]
            for (index, column) in columns.enumerated() { result[column.name] = row[index].plainText }
            return result
        }
    }

    /// The listed columns of every row, as plain text joined by `|`.
    func lines(_ names: String...) -> [String] {
        plainRows.map { row in names.map { row[$0] ?? "<no column \($0)>" }.joined(separator: "|") }
    }
}

extension View {
    func table(named name: String, file: StaticString = #filePath, line: UInt = #line) throws -> ViewTable {
        try XCTUnwrap(table(name), "no table \(name) in view \(kind)", file: file, line: line)
    }
}

func month(_ text: String) -> Month { Month(parsing: text) ?? Month(year: 1, month: 1) }
func period(_ from: String, _ to: String) -> Period {
    Period(from: month(from), to: month(to)) ?? Period.defaultPeriod(asOf: CivilDate(year: 2026, month: 1, day: 1) ?? CivilDate(daysSinceEpoch: 0))
}
let asOf = CivilDate(year: 2026, month: 6, day: 15) ?? CivilDate(daysSinceEpoch: 0)
