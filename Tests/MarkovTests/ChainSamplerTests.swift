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
}
