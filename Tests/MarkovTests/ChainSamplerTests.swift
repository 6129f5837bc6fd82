import Foundation
import Testing
import Corpora
import LanguageModels
import SeqbenchCore
@testable import Markov

/// The chain sampler draws from the same distribution as the shared route (full distribution at
/// temperature 1): total variation between 50 000 seeded draws and the exact distribution stays
/// below 0.025 (its expected size is at most about ½√(V/n) ≈ 0.011 for V ≈ 25).
@Suite struct ChainSamplerTests {
    @Test(arguments: [Smoothing.modifiedKneserNey, .wittenBell, .addK, .mle])
    func drawsMatchTheDistribution(smoothing: Smoothing) throws {
        let text = NormalizationTests.text
        for (tok, sb) in [(TokenizerKind.word, true), (.char, false)] {
            let m = try makeModel(text, tokenizer: tok, order: 3, smoothing: smoothing, sentenceBoundaries: sb)
            let sampler = ChainSampler(model: m)
            let train = m.vocabulary.encode(text).ids
            for (start, len) in [(0, 0), (3, 2), (10, 1), (20, 5)] {
                for observedOnly in [false, true] {
                    let ctx = try m.makeSamplingContext(observedOnly: observedOnly)
                    let prompt = Array(train[start..<min(start + len, train.count)])
                    for t in prompt { ctx.observe(t) }
                    var lp = [Double](repeating: 0, count: m.vocabulary.count)
                    ctx.logProbabilities(into: &lp)
                    var counts = [Int](repeating: 0, count: m.vocabulary.count)
                    var rng = Xoshiro256(seed: UInt64(start * 7 + len))
                    var state = m.initialState
                    for t in prompt { state = m.trie.advance(state, UInt32(t)) }
                    let n = 50_000
                    for _ in 0..<n { counts[Int(sampler.next(state: state, observedOnly: observedOnly, using: &rng)!)] += 1 }
                    var tv = 0.0
                    for w in 0..<counts.count { tv += abs(Double(counts[w]) / Double(n) - exp(lp[w])) }
                    tv /= 2
                    #expect(tv < 0.025, "\(smoothing) \(tok) prompt \(prompt) observedOnly=\(observedOnly): TV \(tv)")
                }
            }
        }
    }

    /// The shared `Generator` takes the exact fast path at T = 1 without top-k/top-p (the same draws as
    /// the chain sampler, seed for seed) and the full-distribution route otherwise.
    @Test func generatorUsesTheChainSamplerAtTemperatureOne() throws {
        let m = try makeModel(NormalizationTests.text, tokenizer: .word, order: 3, smoothing: .modifiedKneserNey, sentenceBoundaries: true)
        for observedOnly in [false, true] {
            var a = Xoshiro256(seed: 9), b = Xoshiro256(seed: 9)
            let viaGenerator = try Generator.generate(model: m, request: .init(length: 200, sampling: SamplingOptions(temperature: 1), observedOnly: observedOnly), using: &a)
            let direct = ChainSampler(model: m).generate(length: 200, observedOnly: observedOnly, using: &b)
            #expect(viaGenerator == direct)
            // With top-k the full route runs: one inverse-CDF uniform per token over the whole
            // distribution, unlike the chain sampler's walk with rejections from the full model. (For
            // observed-only both are one inverse-CDF draw over the same successors and may coincide.)
            var c = Xoshiro256(seed: 9)
            let dense = try Generator.generate(model: m, request: .init(length: 200, sampling: SamplingOptions(temperature: 1, topK: m.vocabulary.count), observedOnly: observedOnly), using: &c)
            #expect(dense.count == 200 || observedOnly)
            if !observedOnly { #expect(dense != direct) }
        }
    }
}
