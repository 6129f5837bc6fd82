import Foundation
import Testing
import Corpora
import LanguageModels
import SeqbenchCore
@testable import Markov

/// A seeded K-th order Markov source over a small alphabet, with its exact entropy rate
///
///     H = Σ_s π(s) · H(P(· | s))     (s = the last K symbols, π stationary)
///
/// π is found by power iteration on the chain over K-symbol states.
struct KthOrderSource {
    let k: Int, a: Int
    /// P(next | state), state = Σ x_i a^i over the last k symbols (oldest first, most significant last).
    var table: [[Double]]

    init(order k: Int, alphabet a: Int, seed: UInt64) {
        self.k = k; self.a = a
        var rng = Xoshiro256(seed: seed)
        let states = Int(pow(Double(a), Double(k)))
        table = (0..<states).map { _ in
            // Peaked rows: exponentials of Gaussians with spread 1.5.
            let w = (0..<a).map { _ in exp(1.5 * rng.nextGaussian()) }
            let s = w.reduce(0, +)
            return w.map { $0 / s }
        }
    }

    var states: Int { table.count }
    func next(_ s: Int, _ x: Int) -> Int { (s * a + x) % states }

    func entropyRate() -> Double {
        var pi = [Double](repeating: 1 / Double(states), count: states)
        for _ in 0..<2000 {
            var n = [Double](repeating: 0, count: states)
            for s in 0..<states { for x in 0..<a { n[next(s, x)] += pi[s] * table[s][x] } }
            pi = n
        }
        var h = 0.0
        for s in 0..<states { for p in table[s] where p > 0 { h -= pi[s] * p * log(p) } }
        return h
    }

    func generate(_ n: Int, seed: UInt64) -> [Int] {
        var rng = Xoshiro256(seed: seed)
        var s = 0, out: [Int] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            let u = rng.nextUnitDouble()
            var acc = 0.0, x = a - 1
            for j in 0..<a { acc += table[s][j]; if u < acc { x = j; break } }
            out.append(x); s = next(s, x)
        }
        return out
    }
}

@Suite struct EntropyRateTests {
    /// K = 2, 4 symbols: order-3 models (2 tokens of context) reach the entropy rate within 1.5%
    /// (200k training tokens for 16 contexts × 4 successors; the held-out estimate's sampling error on
    /// 50k tokens is about 0.3%), and orders 1 and 2 are worse by more than 5%.
    @Test(arguments: [Smoothing.modifiedKneserNey, .wittenBell, .kneserNey, .addK])
    func orderKPlusOneReachesTheEntropyRate(smoothing: Smoothing) throws {
        let src = KthOrderSource(order: 2, alphabet: 4, seed: 11)
        let h = src.entropyRate()
        let vocab = Vocabulary(tokenizer: .char, units: [97, 98, 99, 100])
        let train = src.generate(200_000, seed: 1).map { Int32($0 + 1) }
        let test = src.generate(50_000, seed: 2).map { Int32($0 + 1) }
        var ce: [Double] = []
        for order in 1...3 {
            let (m, _) = try NGramKind.build(vocabulary: vocab, train: train, order: order, smoothing: smoothing)
            let lps = m.logProbabilities(of: test, context: m.makeContext())
            ce.append(-lps.reduce(0, +) / Double(lps.count))
        }
        #expect(abs(ce[2] - h) / h < 0.015, "\(smoothing): order 3 \(ce[2]) nats vs entropy rate \(h)")
        #expect(ce[1] > h * 1.05 && ce[0] > ce[1], "\(smoothing): \(ce) vs \(h)")
    }
}
