import CosModel

/// Reads one file of an export row by row and checks its values by the contract's types, reporting
/// every problem as `FILE:LINE: column COLUMN: value "VALUE": what is wrong`.
///
/// Values are taken exactly as written: they are not trimmed (` SEK` is not a currency, ` 42` is
/// another id than `42`). An empty field is null.
final class ExportFileReader {
    let file: ExportFile
    let csv: CSVReader
    /// For each of `file.columns`, its position in the header, or -1 when the (optional) column is absent.
    private let positions: [Int]
    /// The ordinal of the current record among the file's records (1, 2, ...): its key `k`.
    @exclusivity(unchecked) private(set) var ordinal = 0
    /// False once a problem was found in the current row.
    @exclusivity(unchecked) var rowOK = true
    /// The dimension this file fills: a row with a syntax problem still registers its id there (when
    /// it can be read), so that rows referring to it do not add problems of their own.
    weak var dimension: Dimension?

    var line: Int { csv.record.line }

    /// Opens the file and matches its header against the contract's columns. `fingerprint` digests
    /// the file's bytes as they are read, from the first.
    init(directory: String, file: ExportFile, fingerprint: ExportFingerprint? = nil) throws {
        self.file = file
        csv = try CSVReader(path: directory + "/" + file.fileName, fileName: file.fileName)
        fingerprint?.watch(csv, name: file.fileName)
        try csv.readHeader(columns: file.columnNames)
        var positions: [Int] = []
        for column in file.columns {
            if let index = csv.columnIndex(column.name) {
                positions.append(index)
            } else if column.required {
                throw CSVFileError(file: file.fileName, line: 1, message: "the required column \"\(column.name)\" is missing from the header")
            } else {
                positions.append(-1)
            }
        }
        self.positions = positions
    }

    /// Moves to the next record with a sound syntax, reporting those without. False at the end.
    func next(_ problems: inout ImportProblems) throws -> Bool {
        while try csv.next() {
            ordinal += 1
            rowOK = true
            if let problem = csv.record.problem {
                problems.add(file: file, line: problem.line, "\(file.fileName):\(problem.line): \(problem.message)")
                if let dimension, positions[0] >= 0, csv.record.count > positions[0], !isNull(0) {
                    dimension.register(self, hasID: true, &problems)
                }
                continue
            }
            return true
        }
        return false
    }

    // MARK: Values

    /// True when the column is absent or the field is empty.
    @inline(__always)
    func isNull(_ column: Int) -> Bool {
        let position = positions[column]
        return position < 0 || csv.record.fieldLength(position) == 0
    }

    @inline(__always)
    func withBytes<T>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try csv.record.withField(positions[column], body)
    }

    /// The field as text (empty for an absent column).
    func string(_ column: Int) -> String {
        let position = positions[column]
        return position < 0 ? "" : csv.record.string(position)
    }

    /// The field as text, nil when null.
    func text(_ column: Int) -> String? {
        isNull(column) ? nil : string(column)
    }

    /// Reports a problem with this row's value in `column`.
    func report(_ column: Int, _ what: String, _ problems: inout ImportProblems) {
        rowOK = false
        problems.add(file: file, line: line, column: file.columns[column].name, value: string(column), what)
    }

    /// Reports a problem with another value (a parent id found later).
    func report(line: Int, _ column: Int, value: String, _ what: String, _ problems: inout ImportProblems) {
        problems.add(file: file, line: line, column: file.columns[column].name, value: value, what)
    }

    /// False (and a problem) when a required field is null.
    func present(_ column: Int, _ problems: inout ImportProblems) -> Bool {
        if !isNull(column) { return true }
        report(column, "a required value is empty", &problems)
        return false
    }

    /// A required text (an id, a name), or nil after reporting it empty.
    func required(_ column: Int, _ problems: inout ImportProblems) -> String? {
        present(column, &problems) ? string(column) : nil
    }

    /// A `YYYY-MM-DD` date: nil when null (reported if required) or invalid (reported).
    func date(_ column: Int, required: Bool, _ problems: inout ImportProblems) -> CivilDate? {
        if isNull(column) {
            if required { report(column, "a required value is empty", &problems) }
            return nil
        }
        if let date = withBytes(column, ExportFileReader.parseDate) { return date }
        report(column, "not a date (YYYY-MM-DD)", &problems)
        return nil
    }

    /// Exactly `YYYY-MM-DD`, a real calendar date.
    static func parseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return nil }
        func digits(_ from: Int, _ to: Int) -> Int? {
            var value = 0
            for i in from..<to {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let year = digits(0, 4), let month = digits(5, 7), let day = digits(8, 10) else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// An ISO 8601 timestamp converted to UTC: nil when null (reported) or invalid (reported).
    func timestamp(_ column: Int, _ problems: inout ImportProblems) -> Timestamp? {
        guard present(column, &problems) else { return nil }
        if let timestamp = withBytes(column, ExportFileReader.parseTimestamp) {
            if timestamp.isInContractRange { return timestamp }
            report(column, "in UTC this is \(timestamp), outside the years 0001 to 9999", &problems)
            return nil
        }
        report(
            column, "not an ISO 8601 timestamp (2026-03-01T12:00:00Z, 2026-03-01T13:00:00+01:00 or 2026-03-01)",
            &problems)
        return nil
    }

    /// `Timestamp(parsing:)` on bytes, without making a `String` (the same rules, byte for byte; a test
    /// compares the two): a date, then optionally `T` or a space, `HH:MM`, `:SS` with an optional
    /// fraction (dropped), and `Z` or an offset `±HH`, `±HHMM`, `±HH:MM`.
    static func parseTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        let count = bytes.count
        guard count >= 10, let date = parseDate(UnsafeBufferPointer(rebasing: bytes[0..<10])) else { return nil }
        @inline(__always) func digits(_ from: Int, _ to: Int) -> Int? {
            var value = 0
            for i in from..<to {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        var seconds = Int64(date.daysSinceEpoch) * 86_400
        if count == 10 { return Timestamp(secondsSinceEpoch: seconds) }
        guard bytes[10] == 84 || bytes[10] == 32, count >= 16, bytes[13] == 58,
            let hour = digits(11, 13), let minute = digits(14, 16), hour <= 23, minute <= 59
        else { return nil }
        var index = 16
        var second = 0
        if index < count, bytes[index] == 58 {
            guard count >= index + 3, let s = digits(index + 1, index + 3), s <= 60 else { return nil }
            second = s
            index += 3
            if index < count, bytes[index] == 46 || bytes[index] == 44 {
                index += 1
                let start = index
                while index < count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
                guard index > start else { return nil }
            }
        }
        seconds += Int64(hour * 3600 + minute * 60 + second)
        if index == count { return Timestamp(secondsSinceEpoch: seconds) }
        let sign = bytes[index]
        if sign == 90 || sign == 122 {
            guard index + 1 == count else { return nil }
            return Timestamp(secondsSinceEpoch: seconds)
        }
        guard sign == 43 || sign == 45 else { return nil }
        let rest = index + 1
        var offsetHours = 0
        var offsetMinutes = 0
        switch count - rest {
        case 2:
            guard let h = digits(rest, rest + 2) else { return nil }
            offsetHours = h
        case 4:
            guard let h = digits(rest, rest + 2), let m = digits(rest + 2, rest + 4) else { return nil }
            offsetHours = h
            offsetMinutes = m
        case 5:
            guard bytes[rest + 2] == 58, let h = digits(rest, rest + 2), let m = digits(rest + 3, rest + 5) else { return nil }
            offsetHours = h
            offsetMinutes = m
        default:
            return nil
        }
        guard offsetHours <= 23, offsetMinutes <= 59 else { return nil }
        let offset = Int64(offsetHours * 3600 + offsetMinutes * 60)
        return Timestamp(secondsSinceEpoch: sign == 43 ? seconds - offset : seconds + offset)
    }

    /// A decimal in millionths: nil when null (reported if required) or invalid (reported).
    func decimal(_ column: Int, required: Bool, _ problems: inout ImportProblems) -> Int64? {
        if isNull(column) {
            if required { report(column, "a required value is empty", &problems) }
            return nil
        }
        do {
            return try withBytes(column) { try ExactDecimal(parsingUTF8: $0) }.micros
        } catch ExactDecimalError.tooManyFractionDigits {
            report(column, "more than 6 digits after the decimal point", &problems)
        } catch ExactDecimalError.overflow {
            report(column, "too large (the limit is 9223372036854.775807)", &problems)
        } catch {
            report(column, "not a decimal number (like 12, -3.5 or 0.0042)", &problems)
        }
        return nil
    }

    /// A currency code packed by `Currency` (0 when null or invalid; both reported).
    func currencyCode(_ column: Int, _ problems: inout ImportProblems) -> UInt16 {
        guard let code = currency(column, &problems) else { return 0 }
        var text = code
        return text.withUTF8 { Currency.pack($0) }
    }

    /// A currency code, upper case: nil when null (reported) or invalid (reported).
    func currency(_ column: Int, _ problems: inout ImportProblems) -> String? {
        guard present(column, &problems) else { return nil }
        if let code = CurrencyCode(string(column)) { return code.code }
        report(column, "not a currency code (three letters, ISO 4217, like SEK or EUR)", &problems)
        return nil
    }

    /// The key of the row this row's `column` refers to: 0 when null (reported if required), nil when
    /// it refers to no row (reported). References into a file that could not be read are not checked
    /// (0 is returned).
    func reference(_ column: Int, to dimension: Dimension, required: Bool, _ problems: inout ImportProblems) -> Int? {
        if isNull(column) {
            if required { report(column, "a required value is empty", &problems) }
            return 0
        }
        if !dimension.available { return 0 }
        if let key = withBytes(column, { dimension.keys.find($0) }) { return key }
        report(column, "no row of \(dimension.file.fileName) has this id", &problems)
        return nil
    }
}
