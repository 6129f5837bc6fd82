import Foundation
import Testing
@testable import SeqbenchCore

@Suite struct RandomGeneratorsTests {
    // The expected words were printed once by the reference C code of Blackman & Vigna
    // (xoshiro256starstar.c and splitmix64.c from https://prng.di.unimi.it/, logic copied verbatim),
    // compiled with `gcc -O0` on x86-64: the state seeded from four splitmix64 outputs, then next().
    @Test func splitMix64MatchesReference() {
        var g = SplitMix64(seed: 0)
        #expect([g.next(), g.next(), g.next()] == [0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f])
    }

    @Test func xoshiroSeededMatchesReference() {
        var g = Xoshiro256(seed: 0)
        #expect((0..<5).map { _ in g.next() } == [0x99ec5f36cb75f2b4, 0xbf6e1f784956452a, 0x1a5f849d4933e6e0, 0x6aa594f1262d2d2c, 0xbba5ad4a1f842e59])
        var h = Xoshiro256(seed: 42)
        #expect((0..<5).map { _ in h.next() } == [0x15780b2e0c2ec716, 0x6104d9866d113a7e, 0xae17533239e499a1, 0xecb8ad4703b360a1, 0xfde6dc7fe2ec5e64])
    }

    @Test func xoshiroFromStateMatchesReference() {
        var g = Xoshiro256(state: (1, 2, 3, 4))
        #expect((0..<5).map { _ in g.next() } == [0x0000000000002d00, 0, 0x000000005a007080, 0x10e0000000009d80, 0x10e0b61ce1009d80])
    }

    @Test func nextIntIsUniformAndInRange() {
        // 60 000 draws over 6 bins: each count is Binomial(60000, 1/6), sd = 91.3; 5 sd = 456.
        var g = Xoshiro256(seed: 9)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[g.nextInt(below: 6)] += 1 }
        for c in counts { #expect(abs(c - 10_000) < 456) }
    }

    @Test func unitDoublesAreInRange() {
        var g = Xoshiro256(seed: 3)
        for _ in 0..<10_000 {
            let u = g.nextUnitDouble(); #expect(u >= 0 && u < 1)
            let v = g.nextOpenUnitDouble(); #expect(v > 0 && v < 1)
        }
    }

    @Test(arguments: [0.3, 0.5, 1.0, 2.5, 10.0])
    func gammaMomentsMatch(shape a: Double) {
        // Gamma(a, 1) has mean a and variance a. With n = 40 000 draws the sample mean has sd √(a/n);
        // we allow 5 sd. The sample variance has sd ≈ √((μ4 − σ⁴)/n) with μ4 = 3a² + 6a, also 5 sd.
        let n = 40_000
        var g = Xoshiro256(seed: 11)
        var xs = [Double]()
        for _ in 0..<n { let x = g.nextGamma(shape: a); #expect(x >= 0); xs.append(x) }
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)
        #expect(abs(mean - a) < 5 * (a / Double(n)).squareRoot())
        let varSD = ((3 * a * a + 6 * a - a * a) / Double(n)).squareRoot()
        #expect(abs(variance - a) < 5 * varSD)
    }

    @Test func dirichletSumsToOneWithExpectedMeans() {
        // Symmetric Dirichlet(α) over K: each mean is 1/K; Var = (K−1)/(K²(Kα+1)). α=0.5, K=4:
        // Var = 3/(16·3) = 1/16, so with 20 000 draws the mean's sd is 0.25/√20000 = 0.00177; 5 sd.
        var g = Xoshiro256(seed: 5)
        var sums = [Double](repeating: 0, count: 4)
        let n = 20_000
        for _ in 0..<n {
            let p = g.nextDirichlet(concentration: 0.5, count: 4)
            #expect(abs(p.reduce(0, +) - 1) < 1e-12)
            for i in 0..<4 { sums[i] += p[i] }
        }
        for s in sums { #expect(abs(s / Double(n) - 0.25) < 5 * 0.00177) }
    }

    @Test func derivedStreamsDifferAndRepeat() {
        var a = Xoshiro256.derived(seed: 1, label: "x"), b = Xoshiro256.derived(seed: 1, label: "y")
        var a2 = Xoshiro256.derived(seed: 1, label: "x")
        let va = a.next()
        #expect(va != b.next())
        #expect(va == a2.next())
    }
}
