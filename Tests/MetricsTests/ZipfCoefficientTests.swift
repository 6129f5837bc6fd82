import Testing
@testable import Metrics

/// Reference values from numpy 2 (`polyfit`, Python 3.11), computed once with:
///
///     import collections, numpy as np
///     def zipf(samples, N=5000):
///         c = collections.Counter(t for s in samples for t in s)
///         f = sorted(c.values(), reverse=True)[:N]
///         r = np.arange(1, len(f) + 1)
///         slope, _ = np.polyfit(np.log(r), np.log(f), 1)
///         return -slope
///
/// Tolerance 1e-12 relative: polyfit solves the least-squares problem by SVD, we use the closed form.
@Suite("Zipf coefficient")
struct ZipfCoefficientTests {
    @Test func byHand() {
        // counts 4, 2, 1 at ranks 1, 2, 3:
        //   x = ln 1, ln 2, ln 3 = 0, 0.693147, 1.098612;   x̄ = 0.597253
        //   y = ln 4, ln 2, ln 1 = 1.386294, 0.693147, 0;   ȳ = 0.693147
        //   Sxy = (−0.597253)(0.693147) + (0.095894)(0) + (0.501359)(−0.693147) = −0.761521
        //   Sxx = 0.356711 + 0.009196 + 0.251361 = 0.617268
        //   s = −Sxy/Sxx = 1.233689…; numpy: 1.233661942252174 (the hand figures are rounded to 6 digits)
        let v = TextMetrics.zipfCoefficient([[1, 1, 1, 1, 2, 2, 3]])
        #expect(close(v, 1.233661942252174))
        #expect(abs(v - 1.2337) < 1e-3)
    }

    @Test func againstNumpy() {
        // counts 6, 4, 2, 1, 1 (two samples pooled)
        let z2: [[Int32]] = [[5, 5, 5, 5, 5, 5, 7, 7, 7, 9, 9, 11], [7, 13]]
        #expect(close(TextMetrics.zipfCoefficient(z2), 1.228273638914963))
        #expect(close(TextMetrics.zipfCoefficient(z2, maxRanks: 3), 0.955307917036525))
        let z3: [[Int32]] = [(0..<50).map { Int32($0 % 7) } + [Int32](repeating: 0, count: 10) + [Int32](repeating: 3, count: 5)]
        #expect(close(TextMetrics.zipfCoefficient(z3), 0.5092921061177681))
        #expect(close(TextMetrics.zipfCoefficient(z3, maxRanks: 3), 0.8301032181793607))
    }

    @Test func perfectZipfLaw() {
        // c_r = 60 / r for r = 1…6 (60, 30, 20, 15, 12, 10): ln c = ln 60 − ln r exactly → s = 1.
        var sample: [Int32] = []
        for r in 1...6 { sample += [Int32](repeating: Int32(r), count: 60 / r) }
        #expect(close(TextMetrics.zipfCoefficient([sample]), 1, rel: 1e-12))
    }

    @Test func undefinedIsNaN() {
        #expect(TextMetrics.zipfCoefficient([]).isNaN)
        #expect(TextMetrics.zipfCoefficient([[4, 4, 4]]).isNaN)  // one rank: no line
    }
}
