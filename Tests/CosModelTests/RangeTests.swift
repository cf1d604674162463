import XCTest

@testable import CosModel

/// Issue 12, point 1: months and periods stay in the years 0001..9999 that the contract's dates allow;
/// no arithmetic on a month, a period, a timestamp or a percentage traps, whatever its input.
final class RangeTests: XCTestCase {
    let first = CivilDate(year: 1, month: 1, day: 1) ?? CivilDate(daysSinceEpoch: 0)
    let last = CivilDate(year: 9999, month: 12, day: 31) ?? CivilDate(daysSinceEpoch: 0)

    func testMonthsOfTheContractsYears() {
        XCTAssertEqual(Month.earliest.description, "0001-01")
        XCTAssertEqual(Month.latest.description, "9999-12")
        XCTAssertTrue(Month.earliest.isInContractRange)
        XCTAssertFalse(Month.earliest.advanced(by: -1).isInContractRange)
        XCTAssertNil(Month.earliest.adding(months: -1))
        XCTAssertNil(Month.latest.adding(months: 1))
        XCTAssertEqual(Month.latest.adding(months: -1)?.description, "9999-11")
        XCTAssertNil(Month.earliest.adding(months: Int.min))
        XCTAssertNil(Month.latest.adding(months: Int.max))
    }

    /// The month before 0001-01 was shown as `0000-00` and indexed month names at -1 (the SIGILL in
    /// the charts): a month is always 1...12, whatever its ordinal.
    func testAMonthIsAlways1To12() {
        for ordinal in [-25, -13, -12, -1, 0, 11, 12, Int.max, Int.min, Int.min + 5] {
            let month = Month(ordinal: ordinal)
            XCTAssertTrue((1...12).contains(month.month), "\(ordinal): \(month.month)")
        }
        XCTAssertEqual(Month(ordinal: -1).month, 12)
        XCTAssertEqual(Month(ordinal: -1).year, -1)
        XCTAssertEqual(Month(ordinal: 11).description, "0000-12")
        _ = Month(ordinal: Int.max).advanced(by: Int.max)
        _ = Month(ordinal: Int.min).advanced(by: Int.min)
        _ = Month(year: Int.max, month: Int.max)
    }

    func testLastNStaysInsideTheYears() throws {
        XCTAssertEqual(try Period.last(1, asOf: first).description, "0001-01..0001-01")
        XCTAssertThrowsError(try Period.last(14, asOf: first)) { error in
            XCTAssertEqual(
                "\(error)",
                "last 14 would start before 0001-01, the first month a date can have: from the as-of month 0001-01 "
                    + "it can go back at most 1 month")
        }
        XCTAssertThrowsError(try Period.parse("last 14", asOf: first))
        XCTAssertEqual(try Period.parse("last 1200", asOf: last).description, "9900-01..9999-12")
        XCTAssertThrowsError(try Period.last(0, asOf: last))
        XCTAssertThrowsError(try Period.last(Int.max, asOf: last))
        XCTAssertThrowsError(try Period.last(Int.min, asOf: last))
    }

    func testPeriodsOutsideTheYearsCannotBeMade() {
        XCTAssertNil(Period(from: Month(ordinal: 11), to: Month.earliest))
        XCTAssertNil(Period(from: Month.latest, to: Month.latest.advanced(by: 1)))
        XCTAssertNotNil(Period(from: Month.earliest, to: Month.latest))
        XCTAssertEqual(Period(from: Month.earliest, to: Month.latest)?.monthCount, 9999 * 12)
    }

    func testTheDefaultPeriodNeverLeavesTheYears() {
        XCTAssertEqual(Period.defaultPeriod(asOf: first).description, "0001-01..0001-01")
        XCTAssertNotNil(Period.defaultPeriodProblem(asOf: first))
        let december = CivilDate(year: 1, month: 12, day: 1) ?? first
        XCTAssertEqual(Period.defaultPeriod(asOf: december).description, "0001-01..0001-12")
        XCTAssertNil(Period.defaultPeriodProblem(asOf: december))
        XCTAssertEqual(Period.defaultPeriod(asOf: last).description, "9999-01..9999-12")
    }

    func testThePreviousPeriodOfTheFirstMonthsIsNone() {
        XCTAssertNil(Period(from: Month.earliest, to: Month(year: 1, month: 6))?.previous)
        XCTAssertEqual(Period(from: Month(year: 1, month: 7), to: Month(year: 1, month: 12))?.previous?.description, "0001-01..0001-06")
        XCTAssertNil(Period(from: Month(year: 1, month: 7), to: Month(year: 2, month: 12))?.previous)
    }

    func testTimestampsAtTheEdgesNeverTrap() {
        XCTAssertEqual(Timestamp(secondsSinceEpoch: Int64.min).utcDate.month >= 1, true)
        _ = Timestamp(secondsSinceEpoch: Int64.min).description
        _ = Timestamp(secondsSinceEpoch: Int64.max).description
        XCTAssertFalse(Timestamp(secondsSinceEpoch: Int64.min).isInContractRange)
        XCTAssertEqual(Timestamp(parsing: "0001-01-01T00:00:00Z")?.isInContractRange, true)
        XCTAssertEqual(Timestamp(parsing: "9999-12-31T23:59:59Z")?.isInContractRange, true)
        XCTAssertEqual(Timestamp(parsing: "9999-12-31T23:30:00-01:00")?.isInContractRange, false)
        XCTAssertEqual(Timestamp(parsing: "0001-01-01T00:30:00+01:00")?.isInContractRange, false)
        XCTAssertEqual(Timestamp(secondsSinceEpoch: -1).description, "1969-12-31T23:59:59Z")
    }

    /// Shares and changes of 64-bit sums, in 128 bits.
    func testPercentagesOfExtremeSums() throws {
        let max = Int128(Int64.max)
        XCTAssertEqual(ExactDecimal.percent(part: max * 2, of: max), try ExactDecimal(parsing: "200"))
        XCTAssertEqual(ExactDecimal.percent(part: -max * 2, of: max), try ExactDecimal(parsing: "-200"))
        XCTAssertEqual(ExactDecimal.percent(part: 1, of: 3), try ExactDecimal(parsing: "33.3"))
        XCTAssertEqual(ExactDecimal.percent(part: 2, of: 3), try ExactDecimal(parsing: "66.7"))
        XCTAssertEqual(ExactDecimal.percent(part: -2, of: 3), try ExactDecimal(parsing: "-66.7"))
        XCTAssertNil(ExactDecimal.percent(part: 1, of: 0))
        // 9223372036854.775807 / 0.000001 * 100 is past the range: no value rather than a trap.
        XCTAssertNil(ExactDecimal.percent(part: max, of: 1))
        XCTAssertNil(ExactDecimal.percent(part: Int128.max, of: 1))
        XCTAssertNil(ExactDecimal.percent(part: Int128.min, of: -1))
        XCTAssertEqual(ExactDecimal.percent(ExactDecimal(micros: Int64.min), of: ExactDecimal(micros: Int64.min)), try ExactDecimal(parsing: "100"))
    }
}
