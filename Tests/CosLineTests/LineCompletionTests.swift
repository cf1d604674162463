import XCTest
@testable import CosLine

final class LineCompletionTests: XCTestCase {
    private func completion(_ names: [String], common: String = "", more: Int = 0) -> LineCompletion {
        LineCompletion(replaceStart: 0, replaceEnd: 2, candidates: names.map { .init(insertion: $0 + " ", display: $0) },
                       commonInsertion: common, moreCount: more)
    }

    func testActions() {
        XCTAssertEqual(completion([]).action(current: "zz"), .none)
        XCTAssertEqual(completion(["open"]).action(current: "op"), .replace("open "))
        XCTAssertEqual(completion(["open"]).action(current: "open "), .none)
        XCTAssertEqual(completion(["tree", "trend"], common: "tre").action(current: "tr"), .replace("tre"))
        XCTAssertEqual(completion(["tree", "trend"], common: "tre").action(current: "tre"), .list)
        XCTAssertEqual(completion(["open"], common: "op", more: 3).action(current: "op"), .list, "one shown, more exist")
    }

    func testListingGoesDownColumnsAndCountsTheRest() {
        let names = ["alpha", "beta", "gamma", "delta", "epsilon"]
        // Widest is 7, plus 2: 9 per column; 20 columns of terminal fit 2 columns, so 3 rows.
        XCTAssertEqual(completion(names).listing(width: 20, maxRows: 10), [
            "alpha    delta",
            "beta     epsilon",
            "gamma",
        ])
        XCTAssertEqual(completion(names).listing(width: 20, maxRows: 2), [
            "alpha    gamma",
            "beta     delta",
            "(1 more)",
        ])
        XCTAssertEqual(completion(["a"], more: 41).listing(width: 80, maxRows: 5), ["a", "(41 more)"])
    }
}
