import XCTest
@testable import CosRender

final class CosRenderSmokeTests: XCTestCase {
    func testModuleLoads() {}
}
