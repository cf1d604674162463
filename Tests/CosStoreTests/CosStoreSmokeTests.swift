import XCTest
@testable import CosStore

final class CosStoreSmokeTests: XCTestCase {
    func testModuleLoads() {}
}
