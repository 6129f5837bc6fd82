import Foundation
import Testing
import Corpora
import LanguageModels
import SeqbenchCore
@testable import Markov

/// The chain sampler draws from the distribution the shared route builds (`Sampler` over the context's
/// full `logProbabilities(into:)`), for every smoothing, temperature, top-k, top-p and greedy.
@Suite struct ChainSamplerTests {
    static let smoothings: [Smoothing] = [.modifiedKneserNey, .kneserNey, .wittenBell, .addK, .mle]
    static let models: [(TokenizerKind, Bool)] = [(.word, true), (.char, false)]
    static let prompts = [(0, 0), (3, 2), (10, 1), (20, 5)]

    /// Every model the tests sample: five smoothings × word/char, and the hand ARPA model.
    static func allModels() throws -> [(String, NGramModel)] {
        var out: [(String, NGramModel)] = []
        for s in smoothings {
            for (tok, sb) in models {
                out.append(("\(s) \(tok)", try makeModel(NormalizationTests.text, tokenizer: tok, order: 3, smoothing: s, sentenceBoundaries: sb)))
            }
        }
        // Not normalised: the sampler must still follow `Sampler`, which renormalises.
        out.append(("hand ARPA", try ARPA.read(Data(handARPA.utf8), tokenizer: .word, source: "hand.arpa")))
        // A stored −99 (probability 0): the backoff rule stops there, so "a a" gets nothing.
        let zero = handARPA.replacingOccurrences(of: "ngram 2=2", with: "ngram 2=3")
            .replacingOccurrences(of: "-0.2\ta b\n", with: "-0.2\ta b\n-99\ta a\n")
        precondition(zero != handARPA)
        out.append(("hand ARPA with a stored zero", try ARPA.read(Data(zero.utf8), tokenizer: .word, source: "zero.arpa")))
        return out
    }

    /// Z(c) = Σ_w p(w | c)^β from the recursion equals the sum over the full distribution, for every
    /// context of every model (1e-12 relative).
    @Test(arguments: [1.0, 0.5, 2.0, 0.3])
    func normaliserMatchesTheFullSum(temperature: Double) throws {
        for (name, m) in try Self.allModels() {
            let s = ChainSampler(model: m, temperature: temperature)
            var lp = [Double](repeating: 0, count: m.vocabulary.count)
            for c in 0..<m.trie.contextCount {
                let ctx = NGramContext(model: m)
                ctx.state = UInt32(c)
                ctx.logProbabilities(into: &lp)
                let direct = lp.reduce(0.0) { $0 + ($1 == -.infinity ? 0 : exp($1 / temperature)) }
                s.prepare(UInt32(c))
                #expect(close(s.total[c], direct, 1e-12), "\(name) T=\(temperature) context \(c): Z \(s.total[c]) vs \(direct)")
            }
        }
    }

    /// Top-k, top-p and greedy keep exactly the tokens `Sampler` keeps, with the same renormalised
    /// weights (1e-12), from every context of every model, observed-only included.
    @Test func truncationKeepsWhatTheSamplerKeeps() throws {
        let options: [SamplingOptions] = [
            .init(temperature: 0), .init(temperature: 1, topK: 1), .init(temperature: 0.7, topK: 3), .init(temperature: 1, topK: 1000),
            .init(temperature: 1, topP: 0.5), .init(temperature: 1.3, topP: 0.8), .init(temperature: 0.5, topK: 4, topP: 0.9),
            .init(temperature: 2, topP: 1),
        ]
        for (name, m) in try Self.allModels() {
            var lp = [Double](repeating: 0, count: m.vocabulary.count)
            for o in options {
                let s = ChainSampler(model: m, temperature: o.isGreedy ? 1 : o.temperature)
                for c in 0..<m.trie.contextCount {
                    for observedOnly in [false, true] {
                        let ctx = try m.makeSamplingContext(observedOnly: observedOnly)
                        if let g = ctx as? NGramContext { g.state = UInt32(c) } else { (ctx as! ObservedOnlyContext).state = UInt32(c) }
                        ctx.logProbabilities(into: &lp)
                        var sampler = Sampler(options: o)
                        let want = sampler.distribution(logProbabilities: lp)
                        s.fillKept(state: UInt32(c), observedOnly: observedOnly, options: o)
                        let where_ = "\(name) \(o) context \(c) observedOnly=\(observedOnly)"
                        #expect(Set(s.keptWords.map(Int.init)) == Set(want.indices.filter { want[$0] > 0 }), "\(where_): kept \(s.keptWords)")
                        guard let first = s.keptValues.first else { continue }
                        let w = s.keptValues.map { exp(($0 - first) / (o.isGreedy ? 1 : o.temperature)) }
                        let sum = w.reduce(0, +)
                        for (i, id) in s.keptWords.enumerated() where !o.isGreedy {
                            #expect(close(w[i] / sum, want[Int(id)], 1e-12), "\(where_): id \(id) \(w[i] / sum) vs \(want[Int(id)])")
                        }
                    }
                }
            }
        }
    }

    /// Draws match `Sampler`'s distribution: the rejection walk down the backoff chain (no truncation)
    /// and the cached kept lists (top-k, top-p, greedy). Total variation between 40 000 seeded draws
    /// and the exact distribution stays below 0.03 (its expected size is at most about ½√(V/n) ≈ 0.013
    /// for V ≈ 25; a draw from the untempered distribution at T = 0.5 or 2 misses by 0.1–0.3 on these
    /// contexts).
    @Test(arguments: [SamplingOptions(temperature: 1), .init(temperature: 0.5), .init(temperature: 2),
                      .init(temperature: 0.8, topK: 3), .init(temperature: 1.2, topP: 0.7), .init(temperature: 0)])
    func drawsMatchTheDistribution(options o: SamplingOptions) throws {
        let temperature = o.temperature
        for (name, m) in try Self.allModels() {
            let sampler = ChainSampler(model: m, temperature: o.isGreedy ? 1 : temperature)
            let train = m.vocabulary.encode(NormalizationTests.text).ids
            for (start, len) in Self.prompts {
                for observedOnly in [false, true] {
                    let ctx = try m.makeSamplingContext(observedOnly: observedOnly)
                    let prompt = Array(train[start..<min(start + len, train.count)])
                    for t in prompt { ctx.observe(t) }
                    var lp = [Double](repeating: 0, count: m.vocabulary.count)
                    ctx.logProbabilities(into: &lp)
                    var dense = Sampler(options: o)
                    let want = dense.distribution(logProbabilities: lp)
                    var counts = [Int](repeating: 0, count: m.vocabulary.count)
                    var rng = Xoshiro256(seed: UInt64(start * 7 + len))
                    var state = m.initialState
                    for t in prompt { state = m.trie.advance(state, UInt32(t)) }
                    let n = 40_000
                    for _ in 0..<n { counts[Int(sampler.draw(state: state, observedOnly: observedOnly, options: o, using: &rng)!)] += 1 }
                    var tv = 0.0
                    for w in 0..<counts.count { tv += abs(Double(counts[w]) / Double(n) - want[w]) }
                    tv /= 2
                    #expect(tv < 0.03, "\(name) \(o) prompt \(prompt) observedOnly=\(observedOnly): TV \(tv)")
                }
            }
        }
    }

    /// The exact fallback (used after too many rejections) draws from q(· | c) restricted to the ids c
    /// does not store: TV below 0.03 over 40 000 draws.
    @Test func exactFallbackDrawsTheUnstoredPart() throws {
        let m = try makeModel(NormalizationTests.text, tokenizer: .char, order: 3, smoothing: .modifiedKneserNey)
        let s = ChainSampler(model: m, temperature: 0.7)
        let c = m.trie.advance(m.trie.advance(m.initialState, UInt32(wid(m, "t"))), UInt32(wid(m, "h")))
        var lp = [Double](repeating: 0, count: m.vocabulary.count)
        let ctx = NGramContext(model: m); ctx.state = c
        ctx.logProbabilities(into: &lp)
        var want = lp.enumerated().map { i, x in s.isStored(c, UInt32(i)) ? 0 : exp(x / 0.7) }
        let z = want.reduce(0, +)
        want = want.map { $0 / z }
        var counts = [Int](repeating: 0, count: want.count)
        var rng = Xoshiro256(seed: 5)
        for _ in 0..<40_000 { counts[Int(s.exactUnstored(c, using: &rng)!)] += 1 }
        var tv = 0.0
        for w in counts.indices { tv += abs(Double(counts[w]) / 40_000 - want[w]) }
        #expect(tv / 2 < 0.03, "TV \(tv / 2)")
        #expect(counts.indices.allSatisfy { !s.isStored(c, UInt32($0)) || counts[$0] == 0 })
    }

    /// The shared `Generator` takes the chain sampler for every option it supports (the same draws,
    /// seed for seed) and the full-distribution route below T = 0.1.
    @Test func generatorUsesTheChainSampler() throws {
        let m = try makeModel(NormalizationTests.text, tokenizer: .word, order: 3, smoothing: .modifiedKneserNey, sentenceBoundaries: true)
        for o in [SamplingOptions(temperature: 1), .init(temperature: 0.6), .init(temperature: 0), .init(temperature: 1.5, topK: 5), .init(temperature: 0.9, topP: 0.7)] {
            for observedOnly in [false, true] {
                var a = Xoshiro256(seed: 9), b = Xoshiro256(seed: 9)
                let viaGenerator = try Generator.generate(model: m, request: .init(length: 200, sampling: o, observedOnly: observedOnly), using: &a)
                let direct = ChainSampler(model: m, temperature: o.isGreedy ? 1 : o.temperature).generate(length: 200, observedOnly: observedOnly, options: o, using: &b)
                #expect(viaGenerator == direct, "\(o) observedOnly=\(observedOnly)")
            }
        }
        // The state a draw hands to `observe` is the one the trie search finds.
        for (name, m) in try Self.allModels() {
            let ctx = NGramContext(model: m)
            var rng = Xoshiro256(seed: 3)
            for i in 0..<2000 {
                let before = ctx.state
                guard let t = ctx.drawNext(options: .init(temperature: i % 2 == 0 ? 1 : 0.7), using: &rng) else { break }
                ctx.observe(t)
                #expect(ctx.state == m.trie.advance(before, UInt32(t)), "\(name) step \(i)")
            }
        }
        #expect(!ChainSampler.supports(SamplingOptions(temperature: 0.05)))
        // Below 0.1 the full route: one inverse-CDF uniform per token over the whole distribution.
        var a = Xoshiro256(seed: 9), b = Xoshiro256(seed: 9)
        let full = try Generator.generate(model: m, request: .init(length: 50, sampling: .init(temperature: 0.05)), using: &a)
        var sampler = Sampler(options: .init(temperature: 0.05))
        let ctx = m.makeContext()
        var lp = [Double](repeating: 0, count: m.vocabulary.count)
        var manual: [Int32] = []
        for _ in 0..<50 { ctx.logProbabilities(into: &lp); let t = sampler.sample(logProbabilities: lp, using: &b)!; manual.append(t); ctx.observe(t) }
        #expect(full == manual)
    }

    /// A model that lent samplers is freed with its last reference (the idle samplers it keeps hold no
    /// reference back; a cycle kept every sampled model of a harness run alive).
    @Test func samplingLeavesNoCycle() throws {
        weak var weakModel: NGramModel?
        try {
            let m = try makeModel(NormalizationTests.text, tokenizer: .word, order: 3, smoothing: .modifiedKneserNey, sentenceBoundaries: true)
            weakModel = m
            var rng = Xoshiro256(seed: 1)
            for o in [SamplingOptions(temperature: 1), .init(temperature: 0.7), .init(temperature: 0), .init(temperature: 1, topK: 3)] {
                _ = try Generator.generate(model: m, request: .init(length: 50, sampling: o), using: &rng)
            }
        }()
        #expect(weakModel == nil)
    }
}
