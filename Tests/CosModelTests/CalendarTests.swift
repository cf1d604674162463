import XCTest
@testable import CosModel

final class CalendarTests: XCTestCase {
    func testDates() {
        XCTAssertEqual(CivilDate(parsing: "2024-02-29")?.description, "2024-02-29")
        XCTAssertNil(CivilDate(parsing: "2023-02-29"))
        XCTAssertNil(CivilDate(parsing: "2026-13-01"))
        XCTAssertNil(CivilDate(parsing: "2026-1-01"))
        XCTAssertNil(CivilDate(parsing: "2026-01-01T00:00:00Z"))
        XCTAssertEqual(CivilDate(parsing: "1970-01-01")?.daysSinceEpoch, 0)
        XCTAssertEqual(CivilDate(parsing: "2000-03-01")?.daysSinceEpoch, 11_017)
        for days in [-800_000, -1, 0, 59, 11_017, 20_000, 2_000_000] {
            XCTAssertEqual(CivilDate(daysSinceEpoch: days).daysSinceEpoch, days)
        }
    }

    func testTimestampsAreTakenInUTC() {
        XCTAssertEqual(Timestamp(parsing: "2026-03-01T12:00:00Z")?.description, "2026-03-01T12:00:00Z")
        XCTAssertEqual(Timestamp(parsing: "2026-03-01T13:00:00+01:00")?.description, "2026-03-01T12:00:00Z")
        XCTAssertEqual(Timestamp(parsing: "2026-03-01")?.description, "2026-03-01T00:00:00Z")
        // Half past midnight on 1 March in Stockholm is still February in UTC.
        XCTAssertEqual(Timestamp(parsing: "2026-03-01T00:30:00+01:00")?.utcMonth.description, "2026-02")
        XCTAssertEqual(Timestamp(parsing: "2026-02-28T23:30:00-01:00")?.utcMonth.description, "2026-03")
        XCTAssertEqual(Timestamp(parsing: "2026-03-01T12:00:00.250Z")?.description, "2026-03-01T12:00:00Z")
        XCTAssertEqual(Timestamp(parsing: "2026-03-01T12:00:00+0530")?.description, "2026-03-01T06:30:00Z")
        XCTAssertEqual(Timestamp(parsing: "2026-03-01T12:00Z")?.description, "2026-03-01T12:00:00Z")
        for bad in ["2026-03-01T", "2026-03-01T25:00:00Z", "2026-03-01T12:00:00+1", "2026-03-01 x", "03/01/2026",
            "2026-03-01T12:00:00Zjunk"]
        {
            XCTAssertNil(Timestamp(parsing: bad), bad)
        }
    }

    func testMonthsAndPeriods() throws {
        let asOf = try XCTUnwrap(CivilDate(parsing: "2026-06-15"))
        let period = Period.defaultPeriod(asOf: asOf)
        XCTAssertEqual(period.description, "2025-07..2026-06")
        XCTAssertEqual(period.monthCount, 12)
        XCTAssertEqual(period.previous?.description, "2024-07..2025-06")
        XCTAssertEqual(try Period.parse("2026-01..2026-06", asOf: asOf).months.map(\.description),
            ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"])
        XCTAssertEqual(try Period.parse("last 3", asOf: asOf).description, "2026-04..2026-06")
        XCTAssertEqual(try Period.parse("2026-02", asOf: asOf).description, "2026-02..2026-02")
        XCTAssertThrowsError(try Period.parse("2026-06..2026-01", asOf: asOf)) {
            XCTAssertEqual(($0 as? PeriodError)?.message, "the period starts (2026-06) after it ends (2026-01)")
        }
        XCTAssertThrowsError(try Period.parse("last x", asOf: asOf)) {
            XCTAssertEqual(($0 as? PeriodError)?.message,
                "period last N needs a whole number of months from 1 to 1200, got \"x\"")
        }
        XCTAssertThrowsError(try Period.parse("2026-1..2026-06", asOf: asOf)) {
            XCTAssertEqual(($0 as? PeriodError)?.message, "\"2026-1\" is not a month (expected YYYY-MM)")
        }
        XCTAssertEqual(Month(parsing: "2026-02")?.lastDay.description, "2026-02-28")
        XCTAssertEqual(Month(parsing: "2024-02")?.lastDay.description, "2024-02-29")
    }

    func testFoldingForSearch() {
        XCTAssertEqual(TextFolding.fold("Åkesson & Söner AB"), "akesson & soner ab")
        XCTAssertEqual(TextFolding.fold("Ørsted Æble"), "orsted aeble")
        XCTAssertEqual(TextFolding.fold("Straße"), "strasse")
    }

    func testCurrencies() {
        XCTAssertEqual(CurrencyCode("sek")?.code, "SEK")
        XCTAssertNil(CurrencyCode("SE"))
        XCTAssertNil(CurrencyCode("SEKX"))
        XCTAssertNil(CurrencyCode("S3K"))
        XCTAssertEqual(CurrencyCode("JPY")?.minorUnits, 0)
        XCTAssertEqual(CurrencyCode("EUR")?.minorUnits, 2)
        XCTAssertEqual(CurrencyCode("KWD")?.minorUnits, 3)
    }
}
