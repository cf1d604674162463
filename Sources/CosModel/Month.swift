/// A calendar month (`2026-03`). Charge tickets, invoices and usage events each fall in one month.
///
/// Held as an ordinal (`year * 12 + month - 1`) so that months compare and step as integers; the store
/// keeps the same ordinal in its `month` columns.
public struct Month: Hashable, Comparable, Strideable, Sendable, CustomStringConvertible {
    /// `year * 12 + (month - 1)`.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }
    public init(year: Int, month: Int) { self.ordinal = year * 12 + (month - 1) }

    public var year: Int { ordinal / 12 }
    public var month: Int { ordinal % 12 + 1 }

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
    public func distance(to other: Month) -> Int { other.ordinal - ordinal }
    public func advanced(by n: Int) -> Month { Month(ordinal: ordinal + n) }
}

extension CivilDate {
    static func epochDays(_ year: Int, _ month: Int, _ day: Int) -> Int {
        CivilDate(year: year, month: month, day: day)?.daysSinceEpoch ?? 0
    }
}
