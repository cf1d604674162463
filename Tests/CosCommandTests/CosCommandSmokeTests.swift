import XCTest
@testable import CosCommand

final class CosCommandSmokeTests: XCTestCase {
    func testModuleLoads() {}
}
