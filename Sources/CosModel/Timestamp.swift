/// An instant read from an ISO 8601 timestamp, kept as seconds since 1970-01-01T00:00:00Z.
///
/// The contract allows `2026-03-01T12:00:00Z`, `2026-03-01T13:00:00+01:00` and a bare date (midnight
/// UTC). Fractional seconds (`12:00:00.250Z`) are accepted and dropped. Months are taken in UTC, so
/// `2026-03-01T00:30:00+01:00` falls in February.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    /// Parses a bare date, or a date and time with `T` (or a space) and an offset (`Z`, `+hh:mm`,
    /// `+hhmm`, `+hh`). A time without an offset is read as UTC.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = CivilDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self)) else {
            return nil
        }
        var seconds = Int64(date.daysSinceEpoch) * 86_400
        if bytes.count == 10 {
            self.secondsSinceEpoch = seconds
            return
        }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes.count >= 16,
            bytes[13] == UInt8(ascii: ":"),
            let hour = CivilDate.number(bytes[11..<13]), let minute = CivilDate.number(bytes[14..<16]),
            hour <= 23, minute <= 59
        else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard bytes.count >= index + 3, let s = CivilDate.number(bytes[(index + 1)..<(index + 3)]), s <= 60 else {
                return nil
            }
            second = s
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                let start = index
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
                guard index > start else { return nil }
            }
        }
        seconds += Int64(hour * 3600 + minute * 60 + second)
        if index == bytes.count {
            self.secondsSinceEpoch = seconds
            return
        }
        let sign = bytes[index]
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
            guard index + 1 == bytes.count else { return nil }
            self.secondsSinceEpoch = seconds
            return
        }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let rest = Array(bytes[(index + 1)...])
        var offsetHours = 0
        var offsetMinutes = 0
        switch rest.count {
        case 2:
            guard let h = CivilDate.number(rest[0..<2]) else { return nil }
            offsetHours = h
        case 4:
            guard let h = CivilDate.number(rest[0..<2]), let m = CivilDate.number(rest[2..<4]) else { return nil }
            offsetHours = h
            offsetMinutes = m
        case 5:
            guard rest[2] == UInt8(ascii: ":"), let h = CivilDate.number(rest[0..<2]),
                let m = CivilDate.number(rest[3..<5])
            else { return nil }
            offsetHours = h
            offsetMinutes = m
        default:
            return nil
        }
        guard offsetHours <= 23, offsetMinutes <= 59 else { return nil }
        let offset = Int64(offsetHours * 3600 + offsetMinutes * 60)
        // Local time = UTC + offset, so UTC = local - offset.
        self.secondsSinceEpoch = sign == UInt8(ascii: "+") ? seconds - offset : seconds + offset
    }

    /// The first and last second of the years 0001 to 9999 in UTC: the instants a contract date can
    /// name. A timestamp whose offset carries it past them (`9999-12-31T23:30:00-01:00` is in the
    /// year 10000 in UTC) is outside the contract's range.
    public static let contractRange: ClosedRange<Int64> = {
        let first = Int64(CivilDate.epochDays(1, 1, 1)) * 86_400
        let last = Int64(CivilDate.epochDays(9999, 12, 31)) * 86_400 + 86_399
        return first...last
    }()

    /// True when the instant is in the years 0001 to 9999 in UTC (`contractRange`).
    public var isInContractRange: Bool { Self.contractRange.contains(secondsSinceEpoch) }

    /// Whole days since the epoch and the second of that day (floor division: never traps).
    var daysAndSecond: (days: Int64, second: Int) {
        var days = secondsSinceEpoch / 86_400
        var second = secondsSinceEpoch % 86_400
        if second < 0 {
            days -= 1
            second += 86_400
        }
        return (days, Int(second))
    }

    /// The UTC calendar date of this instant.
    public var utcDate: CivilDate { CivilDate(daysSinceEpoch: Int(daysAndSecond.days)) }

    /// The UTC month of this instant.
    public var utcMonth: Month { utcDate.monthValue }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC.
    public var description: String {
        let (days, secondOfDay) = daysAndSecond
        let date = CivilDate(daysSinceEpoch: Int(days))
        return date.description + "T" + CivilDate.pad(secondOfDay / 3600, 2) + ":"
            + CivilDate.pad(secondOfDay / 60 % 60, 2) + ":" + CivilDate.pad(secondOfDay % 60, 2) + "Z"
    }
}
