import Foundation
import Testing
@testable import Corpora
@testable import SeqbenchCore

@Suite struct SyntheticMarkovSourceTests {
    func h(_ p: [Double]) -> Double { p.filter { $0 > 0 }.map { -$0 * log($0) }.reduce(0, +) }

    @Test func twoStateChainByHand() {
        // P = [[1−a, a], [b, 1−b]]: π = (b, a)/(a+b) (detailed balance π0·a = π1·b), and
        // H = π0·h(a) + π1·h(b) with h the binary entropy in nats.
        let a = 0.3, b = 0.1
        let spec = SyntheticMarkovSpec(order: 1, alphabetSize: 2, length: 10, seed: 0)
        let src = SyntheticMarkovSource(spec: spec, probabilities: [1 - a, a, b, 1 - b])
        #expect(abs(src.stationaryDistribution[0] - b / (a + b)) < 1e-12)
        #expect(abs(src.stationaryDistribution[1] - a / (a + b)) < 1e-12)
        let expected = b / (a + b) * h([a, 1 - a]) + a / (a + b) * h([b, 1 - b])
        #expect(abs(src.entropyRateNats - expected) < 1e-12)
        #expect(abs(src.entropyRateBits - expected / log(2)) < 1e-12)
    }

    @Test func orderTwoRateMatchesBruteForceEnumeration() {
        // A naive twin for both the stationary distribution and the rate: π of the 4-state context
        // chain by Gaussian elimination on (Pᵀ − I)π = 0, Σπ = 1; then H(X₁…X₆) − H(X₁…X₅) by
        // enumerating all 2⁶ sequences whose first two symbols (the context) are drawn from π. For a
        // stationary order-2 chain, H(X_L | X₁…X_{L−1}) equals the entropy rate exactly for L ≥ 3.
        let pa = [0.3, 0.65, 0.45, 0.8]  // p(a | ctx) for ctx = aa, an, na, nn (a = 0, "\n" = 1)
        let p = pa.flatMap { [$0, 1 - $0] }
        let spec = SyntheticMarkovSpec(order: 2, alphabetSize: 2, length: 10, seed: 0)
        let src = SyntheticMarkovSource(spec: spec, probabilities: p)
        // Gaussian elimination: rows 0..2 of (Pᵀ − I), row 3 replaced by Σπ = 1.
        var m = [[Double]](repeating: [Double](repeating: 0, count: 5), count: 4)
        for from in 0..<4 { for s in 0..<2 { let to = (from * 2 + s) % 4; m[to][from] += p[from * 2 + s] } }
        for i in 0..<4 { m[i][i] -= 1 }
        m[3] = [1, 1, 1, 1, 1]
        for col in 0..<4 {
            let pivot = (col..<4).max { abs(m[$0][col]) < abs(m[$1][col]) }!
            m.swapAt(col, pivot)
            for r in 0..<4 where r != col {
                let f = m[r][col] / m[col][col]
                for c in 0..<5 { m[r][c] -= f * m[col][c] }
            }
        }
        let pi = (0..<4).map { m[$0][4] / m[$0][$0] }
        for i in 0..<4 { #expect(abs(src.stationaryDistribution[i] - pi[i]) < 1e-12) }
        func blockEntropy(_ length: Int) -> Double {
            var total = 0.0
            for seq in 0..<(1 << length) {
                let x = (0..<length).map { (seq >> (length - 1 - $0)) & 1 }
                var prob = pi[x[0] * 2 + x[1]]
                var ctx = x[0] * 2 + x[1]
                for t in 2..<length { prob *= p[ctx * 2 + x[t]]; ctx = (ctx * 2 + x[t]) % 4 }
                if prob > 0 { total -= prob * log(prob) }
            }
            return total
        }
        #expect(abs(blockEntropy(6) - blockEntropy(5) - src.entropyRateNats) < 1e-12)
    }

    @Test func empiricalConditionalFrequenciesMatch() {
        // Order 1, A = 4, α = 5 (so every expected count is large), 200 000 symbols. For each context
        // the counts of the next symbol are multinomial given the visits, so
        //     X² = Σ_ctx Σ_s (n_cs − n_c p_cs)² / (n_c p_cs)
        // is asymptotically χ² with 4·3 = 12 degrees of freedom; its 99.9% quantile is 32.91.
        let spec = SyntheticMarkovSpec(order: 1, alphabetSize: 4, length: 200_000, seed: 3, concentration: 5)
        let src = SyntheticMarkovSource(spec: spec)
        let x = src.generateSymbols()
        var counts = [Int](repeating: 0, count: 16)
        for t in 1..<x.count { counts[Int(x[t - 1]) * 4 + Int(x[t])] += 1 }
        var chi2 = 0.0
        for ctx in 0..<4 {
            let n = Double((0..<4).map { counts[ctx * 4 + $0] }.reduce(0, +))
            for s in 0..<4 {
                let e = n * src.probability(of: s, after: ctx)
                #expect(e >= 5, "expected count too small for the χ² approximation")
                chi2 += (Double(counts[ctx * 4 + s]) - e) * (Double(counts[ctx * 4 + s]) - e) / e
            }
            // Context visits follow π: within 0.01 (sd of a frequency ≤ √(0.25/2e5) ≈ 0.0011,
            // inflated by autocorrelation; 0.01 leaves ample room).
            #expect(abs(n / Double(x.count - 1) - src.stationaryDistribution[ctx]) < 0.01)
        }
        #expect(chi2 < 32.91)
    }

    @Test func textUsesTheAlphabetAndIsDeterministic() throws {
        let spec = SyntheticMarkovSpec(order: 2, alphabetSize: 5, length: 5000, seed: 7)
        let a = SyntheticMarkovSource(spec: spec)
        let t1 = a.generate(), t2 = SyntheticMarkovSource(spec: spec).generate()
        #expect(t1 == t2)
        #expect(t1.unicodeScalars.count == 5000)
        #expect(Set(t1).isSubset(of: Set("abcd\n")))
        #expect(a.alphabet == ["a", "b", "c", "d", "\n"])
        var other = spec
        other.seed = 8
        #expect(SyntheticMarkovSource(spec: other).generate() != t1)
        // Rows of p sum to 1, π sums to 1.
        for ctx in 0..<a.contextCount {
            #expect(abs((0..<5).map { a.probability(of: $0, after: ctx) }.reduce(0, +) - 1) < 1e-12)
        }
        #expect(abs(a.stationaryDistribution.reduce(0, +) - 1) < 1e-12)
        // The rate lies between 0 and ln A.
        #expect(a.entropyRateNats > 0 && a.entropyRateNats < log(5))
    }

    @Test func specParsingAndRanges() throws {
        let s = try SyntheticMarkovSpec.parse(parameters: "order=2,alphabet=5,length=200000,seed=7")
        #expect(s == SyntheticMarkovSpec(order: 2, alphabetSize: 5, length: 200_000, seed: 7, concentration: 0.5))
        #expect(s.description == "synthetic:markov:order=2,alphabet=5,length=200000,seed=7,alpha=0.5")
        #expect(throws: SeqbenchError.usage("corpus: order=9 is out of range; give 0...8")) {
            _ = try SyntheticMarkovSpec.parse(parameters: "order=9,alphabet=2,length=10,seed=1")
        }
        #expect(throws: SeqbenchError.usage("corpus: alphabet=1 is out of range; give 2...27")) {
            _ = try SyntheticMarkovSpec.parse(parameters: "order=1,alphabet=1,length=10,seed=1")
        }
        // 27^5 = 14 348 907 contexts > 10^6.
        #expect(throws: SeqbenchError.usage("corpus: alphabet^order = 27^5 exceeds 1000000 contexts; lower the order or the alphabet")) {
            _ = try SyntheticMarkovSpec.parse(parameters: "order=5,alphabet=27,length=10,seed=1")
        }
        #expect(throws: SeqbenchError.usage("corpus: unknown synthetic parameter 'ordr' (did you mean 'order'?); use order, alphabet, length, seed, alpha")) {
            _ = try SyntheticMarkovSpec.parse(parameters: "ordr=1,alphabet=2,length=10,seed=1")
        }
        #expect(throws: SeqbenchError.usage("corpus: synthetic corpus needs seed=…; write for example synthetic:markov:order=2,alphabet=5,length=200000,seed=7")) {
            _ = try SyntheticMarkovSpec.parse(parameters: "order=1,alphabet=2,length=10")
        }
    }
}
