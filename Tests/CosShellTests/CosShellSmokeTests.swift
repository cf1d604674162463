import XCTest
@testable import CosShell

final class CosShellSmokeTests: XCTestCase {
    func testModuleLoads() {}
}
