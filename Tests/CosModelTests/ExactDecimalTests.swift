import XCTest
@testable import CosModel

final class ExactDecimalTests: XCTestCase {
    func testParsesTheContractSyntax() throws {
        XCTAssertEqual(try ExactDecimal(parsing: "12").micros, 12_000_000)
        XCTAssertEqual(try ExactDecimal(parsing: "-3.5").micros, -3_500_000)
        XCTAssertEqual(try ExactDecimal(parsing: "0.0042").micros, 4_200)
        XCTAssertEqual(try ExactDecimal(parsing: "0.000001").micros, 1)
        XCTAssertEqual(try ExactDecimal(parsing: "-0").micros, 0)
    }

    func testRejectsEverythingElse() {
        for text in ["", "-", "+1", "1.", ".5", "1.2.3", "1e3", " 1", "1 ", "1,5", "abc", "--1", "1-"] {
            XCTAssertThrowsError(try ExactDecimal(parsing: text), text) { error in
                XCTAssertEqual(error as? ExactDecimalError, .syntax, text)
            }
        }
        XCTAssertThrowsError(try ExactDecimal(parsing: "1.0000001")) {
            XCTAssertEqual($0 as? ExactDecimalError, .tooManyFractionDigits)
        }
        XCTAssertThrowsError(try ExactDecimal(parsing: "99999999999999999999")) {
            XCTAssertEqual($0 as? ExactDecimalError, .overflow)
        }
        XCTAssertThrowsError(try ExactDecimal(parsing: "9300000000000")) {
            XCTAssertEqual($0 as? ExactDecimalError, .overflow)
        }
    }

    func testShortestTextRoundTrips() throws {
        for text in ["12", "-3.5", "0.0042", "0", "1234567.000001", "-0.1"] {
            XCTAssertEqual(try ExactDecimal(parsing: text).description, text)
        }
        XCTAssertEqual(try ExactDecimal(parsing: "1.500").description, "1.5")
    }

    func testSumsAreExactWhereBinaryFloatingPointIsNot() throws {
        // 0.1 + 0.2 is 0.30000000000000004 in Double; exactly 0.3 here.
        let sum = try ExactDecimal(parsing: "0.1").adding(try ExactDecimal(parsing: "0.2"))
        XCTAssertEqual(sum.description, "0.3")
        XCTAssertThrowsError(try ExactDecimal(micros: .max).adding(ExactDecimal(micros: 1)))
    }

    func testFormattingRoundsHalfAwayFromZeroAndGroups() throws {
        let value = try ExactDecimal(parsing: "1234567.345")
        XCTAssertEqual(value.formatted(fractionDigits: 2, groupingSeparator: ","), "1,234,567.35")
        XCTAssertEqual(try ExactDecimal(parsing: "-1234.5").formatted(fractionDigits: 0, groupingSeparator: " "), "-1 235")
        XCTAssertEqual(try ExactDecimal(parsing: "999.995").formatted(fractionDigits: 2, groupingSeparator: ","), "1,000.00")
        XCTAssertEqual(try ExactDecimal(parsing: "0.004").formatted(fractionDigits: 2), "0.00")
        XCTAssertEqual(try ExactDecimal(parsing: "12").formatted(fractionDigits: 3), "12.000")
    }

    func testMultiplyAndPercent() throws {
        // 3 × 0.3333335 = 1.0000005 → rounded to 6 digits: 1.000001 (half away from zero)
        let q = try ExactDecimal(parsing: "3")
        let p = ExactDecimal(micros: 333_333)  // 0.333333
        XCTAssertEqual(try q.multiplied(by: p).description, "0.999999")
        XCTAssertEqual(try ExactDecimal(parsing: "-2.5").multiplied(by: try ExactDecimal(parsing: "4")).description, "-10")
        // 1 of 3 = 33.333...% → 33.3
        XCTAssertEqual(ExactDecimal.percent(try ExactDecimal(1), of: try ExactDecimal(3))?.description, "33.3")
        // 2 of 3 = 66.666...% → 66.7
        XCTAssertEqual(ExactDecimal.percent(try ExactDecimal(2), of: try ExactDecimal(3))?.description, "66.7")
        // -50 of 200 = -25%
        XCTAssertEqual(ExactDecimal.percent(try ExactDecimal(-50), of: try ExactDecimal(200))?.description, "-25")
        XCTAssertNil(ExactDecimal.percent(try ExactDecimal(1), of: .zero))
    }

    /// A percentage is rounded once, from the exact quotient: rounding it to millionths first and then
    /// to one digit rounds twice and moves values just under a half up (found by scripts/conformance on
    /// a share of 5 in a total of 10000.00002, and the same change of Total Invoicing).
    func testPercentRoundsOnce() throws {
        // 5 / 10000.00002 * 100 = 0.04999999990...% -> 0.0, not 0.1
        let part = try ExactDecimal(parsing: "5"), whole = try ExactDecimal(parsing: "10000.00002")
        XCTAssertEqual(ExactDecimal.percent(part, of: whole), .zero)
        XCTAssertEqual(ExactDecimal.percent(ExactDecimal(micros: -part.micros), of: whole), .zero)
        // 12.3499999...% -> 12.3 (and its negative -12.3)
        XCTAssertEqual(ExactDecimal.percent(part: 1_234_999_999, of: 10_000_000_000), try ExactDecimal(parsing: "12.3"))
        XCTAssertEqual(ExactDecimal.percent(part: -1_234_999_999, of: 10_000_000_000), try ExactDecimal(parsing: "-12.3"))
        // a true half still rounds away from zero: 1/2000 = 0.05% -> 0.1, -0.05% -> -0.1
        XCTAssertEqual(ExactDecimal.percent(part: 1, of: 2000), try ExactDecimal(parsing: "0.1"))
        XCTAssertEqual(ExactDecimal.percent(part: -1, of: 2000), try ExactDecimal(parsing: "-0.1"))
        XCTAssertEqual(ExactDecimal.percent(part: 1, of: -2000), try ExactDecimal(parsing: "-0.1"))
        // other digit counts round once too: 2/3 = 66.6666...% -> 66.67 with two, 67 with none
        XCTAssertEqual(ExactDecimal.percent(part: 2, of: 3, fractionDigits: 2), try ExactDecimal(parsing: "66.67"))
        XCTAssertEqual(ExactDecimal.percent(part: 2, of: 3, fractionDigits: 0), try ExactDecimal(parsing: "67"))
        XCTAssertEqual(ExactDecimal.percent(part: 1, of: 3, fractionDigits: 6), try ExactDecimal(parsing: "33.333333"))
    }
}
