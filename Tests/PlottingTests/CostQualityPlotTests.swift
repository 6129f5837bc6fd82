import Testing
@testable import Plotting

@Suite struct CostQualityPlotTests {
    @Test func paretoFrontByHand() {
        // (seconds, bpc): A(1,4) B(2,3) C(3,3.5) dominated by B, D(10,2), E(10,2.5) dominated by D, F(20,2) ties D's bpc → dominated.
        let pts: [(x: Double, y: Double)] = [(1, 4), (2, 3), (3, 3.5), (10, 2), (10, 2.5), (20, 2)]
        #expect(CostQualityPlot.paretoFront(pts) == [0, 1, 3])
    }
}
