import Foundation
import Testing
@testable import LanguageModels
@testable import SeqbenchCore

@Suite struct SamplerTests {
    let p = [0.5, 0.25, 0.15, 0.1]
    var lp: [Double] { p.map { log($0) } }

    /// p^(1/T) normalised, computed naively with pow.
    func tempered(_ p: [Double], _ t: Double) -> [Double] {
        let w = p.map { pow($0, 1 / t) }
        let s = w.reduce(0, +)
        return w.map { $0 / s }
    }

    @Test(arguments: [0.5, 1.0, 2.0])
    func distributionIsTemperedP(t: Double) {
        var s = Sampler(options: SamplingOptions(temperature: t))
        let q = s.distribution(logProbabilities: lp)
        for (a, b) in zip(q, tempered(p, t)) { #expect(abs(a - b) < 1e-12) }  // two roundings of exp/log
    }

    @Test(arguments: [0.5, 1.0, 2.0])
    func empiricalFrequenciesMatchTemperedP(t: Double) {
        // 40 000 seeded draws; Pearson's X² over 4 categories has 3 degrees of freedom.
        // At α = 0.001 the critical value is 16.27 (χ²₃ quantile 0.999).
        var s = Sampler(options: SamplingOptions(temperature: t))
        var rng = Xoshiro256(seed: 2024)
        let n = 40_000
        var counts = [Int](repeating: 0, count: 4)
        for _ in 0..<n { counts[Int(s.sample(logProbabilities: lp, using: &rng)!)] += 1 }
        let q = tempered(p, t)
        let chi2 = (0..<4).map { (Double(counts[$0]) - Double(n) * q[$0]) * (Double(counts[$0]) - Double(n) * q[$0]) / (Double(n) * q[$0]) }.reduce(0, +)
        #expect(chi2 < 16.27, "counts \(counts), expected \(q.map { $0 * Double(n) })")
    }

    @Test func topKKeepsExactlyTheKMostProbable() {
        // p = [0.1, 0.4, 0.2, 0.2, 0.1]: top-2 = {1, 2} (2 and 3 tie at 0.2; the lower id wins);
        // top-3 = {1, 2, 3}, renormalised by 0.8.
        let lp = [0.1, 0.4, 0.2, 0.2, 0.1].map { log($0) }
        var s2 = Sampler(options: SamplingOptions(temperature: 1, topK: 2))
        let q2 = s2.distribution(logProbabilities: lp)
        #expect(q2.indices.filter { q2[$0] > 0 } == [1, 2])
        #expect(abs(q2[1] - 0.4 / 0.6) < 1e-12 && abs(q2[2] - 0.2 / 0.6) < 1e-12)
        var s3 = Sampler(options: SamplingOptions(temperature: 1, topK: 3))
        let q3 = s3.distribution(logProbabilities: lp)
        #expect(q3.indices.filter { q3[$0] > 0 } == [1, 2, 3])
        #expect(abs(q3[3] - 0.25) < 1e-12)
    }

    @Test func topPKeepsTheSmallestSetReachingP() {
        // Sorted: 1 (0.4), 2 (0.2), 3 (0.2), 0 (0.1), 4 (0.1). Cumulative 0.4, 0.6, 0.8, 0.9, 1.0.
        let lp = [0.1, 0.4, 0.2, 0.2, 0.1].map { log($0) }
        func kept(_ pp: Double) -> [Int] {
            var s = Sampler(options: SamplingOptions(temperature: 1, topP: pp))
            let q = s.distribution(logProbabilities: lp)
            return q.indices.filter { q[$0] > 0 }
        }
        #expect(kept(0.3) == [1])
        #expect(kept(0.4) == [1])        // reaching p exactly is enough
        #expect(kept(0.5) == [1, 2])
        #expect(kept(0.85) == [0, 1, 2, 3])
        #expect(kept(1.0) == [0, 1, 2, 3, 4])
        // With temperature 0.5 the masses become p²/Σp² = [1, 16, 4, 4, 1]/26: top-p 0.7 keeps {1, 2}
        // (16/26 = 0.615 < 0.7 ≤ 20/26 = 0.769).
        var s = Sampler(options: SamplingOptions(temperature: 0.5, topP: 0.7))
        let q = s.distribution(logProbabilities: lp)
        #expect(q.indices.filter { q[$0] > 0 } == [1, 2])
    }

    @Test func greedyTakesArgmaxWithTiesToLowestID() {
        var s = Sampler(options: SamplingOptions(temperature: 0))
        var rng = Xoshiro256(seed: 1)
        for _ in 0..<10 {
            #expect(s.sample(logProbabilities: [0.4, 0.2, 0.4].map { log($0) }, using: &rng) == 0)
            #expect(s.sample(logProbabilities: [0.2, 0.4, 0.4].map { log($0) }, using: &rng) == 1)
        }
    }

    @Test func impossibleTokensAreNeverDrawn() {
        var s = Sampler(options: SamplingOptions(temperature: 2))
        var rng = Xoshiro256(seed: 3)
        let lp = [-Double.infinity, log(0.5), -Double.infinity, log(0.5)]
        for _ in 0..<1000 { let t = s.sample(logProbabilities: lp, using: &rng)!; #expect(t == 1 || t == 3) }
        #expect(s.sample(logProbabilities: [-Double.infinity, -Double.infinity], using: &rng) == nil)
    }

    @Test func optionsValidate() {
        #expect(throws: SeqbenchError.usage("--temperature -1.0 is out of range; give a number >= 0 (0 means greedy)")) {
            try SamplingOptions(temperature: -1).validate()
        }
        #expect(throws: SeqbenchError.usage("--top-k 0 is out of range; give a whole number >= 1")) {
            try SamplingOptions(topK: 0).validate()
        }
        #expect(throws: SeqbenchError.usage("--top-p 1.5 is out of range; give a number in (0, 1]")) {
            try SamplingOptions(topP: 1.5).validate()
        }
    }
}
