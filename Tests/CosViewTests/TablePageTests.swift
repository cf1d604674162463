import CosModel
import CosView
import XCTest

/// What a page of a longer list says about the rest: the rows after it, and the whole list's size,
/// also for a page that starts past the end (`tickets --offset 100000` on 216 tickets).
final class TablePageTests: XCTestCase {
    func table(rows: Int, total: Int, offset: Int?) -> ViewTable {
        ViewTable(
            name: "tickets", title: "Charge tickets", columns: [ViewColumn("id", "Id", .id)],
            rows: (0..<rows).map { [.text("T\($0)")] }, totalRows: total, pageOffset: offset)
    }

    func testRowsAfterAPageAreWhatTheNextPagesHold() {
        // 59 tickets, offset 20, 20 shown: 20 before, 20 here, 19 after.
        let middle = table(rows: 20, total: 59, offset: 20)
        XCTAssertEqual(middle.hiddenRows, 19)
        XCTAssertEqual(middle.page?.total, 59)
        // The first page: 39 after it.
        XCTAssertEqual(table(rows: 20, total: 59, offset: 0).hiddenRows, 39)
        // The last page: nothing after it.
        XCTAssertEqual(table(rows: 19, total: 59, offset: 40).hiddenRows, 0)
    }

    func testAPagePastTheEndKeepsTheListsSize() {
        let past = table(rows: 0, total: 216, offset: 100_000)
        XCTAssertEqual(past.page?.total, 216)
        XCTAssertEqual(past.page?.shown, 0)
        XCTAssertEqual(past.hiddenRows, 0)
    }
}
