import Foundation

/// A small RFC 4180 reader written for the tests alone, independent of the loader in CosStore, so that
/// the generator's quoting is checked against a second reading of the rules.
enum TestCSV {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Records of a whole file: quoted fields may hold commas, doubled quotes and line breaks.
    static func records(_ bytes: [UInt8]) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var index = 0
        var quoted = false
        var fieldStarted = false
        var afterQuote = false
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 34 {
                    if index + 1 < bytes.count && bytes[index + 1] == 34 {
                        field.append(34)
                        index += 2
                        continue
                    }
                    quoted = false
                    afterQuote = true
                } else {
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case 34:
                guard field.isEmpty && !fieldStarted else { throw Failure(description: "quote inside an unquoted field at byte \(index)") }
                quoted = true
                fieldStarted = true
            case 44:
                record.append(String(decoding: field, as: UTF8.self))
                field = []
                fieldStarted = false
                afterQuote = false
            case 13 where index + 1 < bytes.count && bytes[index + 1] == 10:
                break
            case 10:
                record.append(String(decoding: field, as: UTF8.self))
                records.append(record)
                record = []
                field = []
                fieldStarted = false
                afterQuote = false
            default:
                if afterQuote { throw Failure(description: "text after a closing quote at byte \(index)") }
                field.append(byte)
            }
            index += 1
        }
        guard !quoted else { throw Failure(description: "unterminated quote") }
        if !field.isEmpty || !record.isEmpty {
            record.append(String(decoding: field, as: UTF8.self))
            records.append(record)
        }
        return records
    }

    /// A file as rows keyed by header name; every row must have as many fields as the header.
    static func table(_ path: String) throws -> [[String: String]] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read \(path)") }
        let all = try records(Array(data))
        guard let header = all.first else { throw Failure(description: "\(path) has no header") }
        var rows: [[String: String]] = []
        rows.reserveCapacity(all.count - 1)
        for (offset, record) in all.dropFirst().enumerated() {
            guard record.count == header.count else {
                throw Failure(description: "\(path) record \(offset + 2) has \(record.count) fields, header has \(header.count)")
            }
            var row: [String: String] = [:]
            for (name, value) in zip(header, record) { row[name] = value }
            rows.append(row)
        }
        return rows
    }
}
