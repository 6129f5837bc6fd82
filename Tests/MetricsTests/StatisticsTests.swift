import SeqbenchCore
import Testing
@testable import Metrics

@Suite("Statistics")
struct StatisticsTests {
    @Test func meanAndStandardDeviationByHand() {
        // [1,2,3,4]: mean 10/4 = 2.5; deviations −1.5 −0.5 0.5 1.5 → squares sum 5 → sd = √(5/3)
        #expect(Statistics.mean([1, 2, 3, 4]) == 2.5)
        #expect(close(Statistics.standardDeviation([1, 2, 3, 4]), (5.0 / 3.0).squareRoot(), rel: 1e-15))
        // [2,4,4,4,5,5,7,9]: mean 5; squares 9+1+1+1+0+0+4+16 = 32 → sd = √(32/7)
        #expect(Statistics.mean([2, 4, 4, 4, 5, 5, 7, 9]) == 5)
        #expect(close(Statistics.standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), (32.0 / 7.0).squareRoot(), rel: 1e-15))
    }

    @Test func edgeCases() {
        #expect(Statistics.mean([]).isNaN)
        #expect(Statistics.standardDeviation([]).isNaN)
        #expect(Statistics.standardDeviation([3.5]) == 0)
        let one = Statistics.bootstrapInterval([3.5], seed: 1)
        #expect(one.low == 3.5 && one.high == 3.5)
        let none = Statistics.bootstrapInterval([], seed: 1)
        #expect(none.low.isNaN && none.high.isNaN)
        let constant = Statistics.bootstrapInterval([2, 2, 2, 2], seed: 9)
        #expect(constant.low == 2 && constant.high == 2)
    }

    @Test func quantileInterpolates() {
        // position q·(n−1): q = 0.5 on [1,2,3,4] → 1.5 → 2 + 0.5·(3 − 2) = 2.5
        #expect(Statistics.quantile(sorted: [1, 2, 3, 4], 0.5) == 2.5)
        #expect(Statistics.quantile(sorted: [1, 2, 3, 4], 0) == 1)
        #expect(Statistics.quantile(sorted: [1, 2, 3, 4], 1) == 4)
        #expect(Statistics.quantile(sorted: [10, 20], 0.25) == 12.5)
    }

    static func gaussian(_ n: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256(seed: seed)
        return (0..<n).map { _ in 10 + 2 * rng.nextGaussian() }
    }

    @Test func bootstrapIsDeterministicAndContainsTheMean() {
        let x = Self.gaussian(50, seed: 3)
        let a = Statistics.bootstrapInterval(x, seed: 11)
        let b = Statistics.bootstrapInterval(x, seed: 11)
        #expect(a.low == b.low && a.high == b.high)
        let c = Statistics.bootstrapInterval(x, seed: 12)
        #expect(a.low != c.low || a.high != c.high)
        let m = Statistics.mean(x)
        #expect(a.low < m && m < a.high)
    }

    @Test func bootstrapWidthShrinksWithN() {
        // For the mean of n values with sd σ, the 95% interval is ≈ 2 · 1.96 · σ/√n wide.
        // Tolerance 15%: the sample sd and the 2000-resample quantiles each carry a few % of noise.
        var widths: [Double] = []
        for n in [20, 200, 2000] {
            let x = Self.gaussian(n, seed: UInt64(n))
            let ci = Statistics.bootstrapInterval(x, seed: 5)
            let w = ci.high - ci.low
            let expected = 2 * 1.959964 * Statistics.standardDeviation(x) / Double(n).squareRoot()
            #expect(abs(w - expected) / expected < 0.15, "n = \(n): width \(w), normal theory \(expected)")
            widths.append(w)
        }
        #expect(widths[0] > widths[1] && widths[1] > widths[2])
    }
}
