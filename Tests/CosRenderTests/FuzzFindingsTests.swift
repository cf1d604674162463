import CosModel
import CosView
import XCTest

@testable import CosRender

/// Issue 12: what the fuzz targets found in the renderers, each kept as a test (the inputs are also in
/// Tests/FuzzCorpus, replayed by every fuzz run).
final class FuzzFindingsTests: XCTestCase {
    /// render, finding 1 (Tests/FuzzCorpus/render/f01-tree-extreme-level): a tree level far from the
    /// 0...64 the query gives (here the Int extremes) asked for an array of its size, and the depth
    /// difference could overflow. Levels are clamped to the depths a tree can show.
    func testATreeWithExtremeLevelsRenders() throws {
        var view = Fixtures.tree()
        view.tables[0].rows[0][0] = .int(Int.min)
        view.tables[0].rows[2][0] = .int(Int.max)
        view.tables[0].rows[4][0] = .int(4_050_200_812_989_134_168)
        for unicode in [true, false] {
            let text = try Renderer.render(view, options: RenderOptions(width: 80, unicode: unicode))
            XCTAssertTrue(text.contains("Acme Group Holding") && text.contains("Organization tree"), text)
        }
    }
}
