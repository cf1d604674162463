/// A calendar month (`2026-03`). Charge tickets, invoices and usage events each fall in one month.
///
/// Held as an ordinal (`year * 12 + month - 1`) so that months compare and step as integers; the store
/// keeps the same ordinal in its `month` columns.
public struct Month: Hashable, Comparable, Strideable, Sendable, CustomStringConvertible {
    /// `year * 12 + (month - 1)`.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }
    /// Wrapping arithmetic: only years 1...9999 mean anything, and no input may trap.
    public init(year: Int, month: Int) { self.ordinal = year &* 12 &+ (month &- 1) }

    /// The first month a contract date can fall in (`0001-01`).
    public static let earliest = Month(year: 1, month: 1)
    /// The last month a contract date can fall in (`9999-12`).
    public static let latest = Month(year: 9999, month: 12)

    /// True for the months of the years 0001 to 9999, the only ones a date of the contract can name.
    /// Periods never leave them; a month outside comes only from a damaged store.
    public var isInContractRange: Bool { ordinal >= Self.earliest.ordinal && ordinal <= Self.latest.ordinal }

    /// The month `n` months later (earlier for a negative `n`), or nil when it would leave the years
    /// 0001 to 9999.
    public func adding(months n: Int) -> Month? {
        let (moved, overflow) = ordinal.addingReportingOverflow(n)
        guard !overflow else { return nil }
        let month = Month(ordinal: moved)
        return month.isInContractRange ? month : nil
    }

    /// Floor division, so that a month is always 1...12 even for an ordinal below zero.
    public var year: Int { ordinal >= 0 ? ordinal / 12 : -((-(ordinal &+ 1)) / 12) - 1 }
    public var month: Int { ordinal &- year &* 12 &+ 1 }

    /// Parses exactly `YYYY-MM`.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let year = CivilDate.number(bytes[0..<4]),
            let month = CivilDate.number(bytes[5..<7]), (1...9999).contains(year), (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    public var description: String { CivilDate.pad(year, 4) + "-" + CivilDate.pad(month, 2) }

    /// The first day of the month.
    public var firstDay: CivilDate { CivilDate(daysSinceEpoch: CivilDate.epochDays(year, month, 1)) }
    /// The last day of the month.
    public var lastDay: CivilDate {
        CivilDate(daysSinceEpoch: CivilDate.epochDays(year, month, CivilDate.daysIn(year: year, month: month)))
    }

    public static func < (lhs: Month, rhs: Month) -> Bool { lhs.ordinal < rhs.ordinal }
    public func distance(to other: Month) -> Int { other.ordinal &- ordinal }
    /// Strideable's step; saturates instead of trapping. Periods use `adding(months:)`, which refuses
    /// to leave the contract's years.
    public func advanced(by n: Int) -> Month {
        let (moved, overflow) = ordinal.addingReportingOverflow(n)
        return Month(ordinal: overflow ? (n < 0 ? Int.min : Int.max) : moved)
    }
}

extension CivilDate {
    static func epochDays(_ year: Int, _ month: Int, _ day: Int) -> Int {
        CivilDate(year: year, month: month, day: day)?.daysSinceEpoch ?? 0
    }
}
