import XCTest
@testable import CosQuery

final class CosQuerySmokeTests: XCTestCase {
    func testModuleLoads() {}
}
