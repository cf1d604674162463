import XCTest
@testable import CosGenerate

final class CosGenerateSmokeTests: XCTestCase {
    func testModuleLoads() {}
}
