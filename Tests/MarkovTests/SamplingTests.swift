import Foundation
import Testing
import Corpora
import LanguageModels
import SeqbenchCore
@testable import Markov

@Suite struct SamplingTests {
    /// MLE observed-only = the classic generator: after "a" (hand corpus) the successors b, c, </s>
    /// were each seen once → 1/3 each, every other id −∞.
    @Test func observedOnlyIsTheCountDistribution() throws {
        let m = try makeModel(handCorpus, order: 2, smoothing: .mle)
        let ctx = try m.makeSamplingContext(observedOnly: true)
        ctx.observe(wid(m, "a"))
        var lp = [Double](repeating: 0, count: m.vocabulary.count)
        ctx.logProbabilities(into: &lp)
        for w in ["b", "c", "</s>"] { #expect(close(lp[Int(wid(m, w))], log(1.0 / 3), 1e-12)) }
        for w in ["<unk>", "a", "d"] { #expect(lp[Int(wid(m, w))] == -.infinity) }
    }

    /// For a smoothed model the observed set is the same, with the model's probabilities
    /// renormalised: after b (MKN hand values) a : </s> = 0.1930556 : 0.4638889.
    @Test func observedOnlyRenormalisesTheSmoothedModel() throws {
        let m = try makeModel(handCorpus, order: 2)
        let ctx = try m.makeSamplingContext(observedOnly: true)
        ctx.observe(wid(m, "b"))
        let pa = 0.5 / 4 + 0.5 * (0.3 / 12 + 1.0 / 9), pe = 1.5 / 4 + 0.5 * (0.8 / 12 + 1.0 / 9)
        #expect(close(ctx.logProbability(of: wid(m, "a")), log(pa / (pa + pe)), 1e-6))
        #expect(ctx.logProbability(of: wid(m, "c")) == -.infinity)
    }

    /// Filters that keep every token (top-p 1, top-k ≥ |V|) draw the same text as no filter, seed for
    /// seed, although a filter otherwise sends an n-gram model down its ranked route; a real filter
    /// (top-k 2) draws another text, so the comparison can tell the routes apart.
    @Test func filtersThatKeepEverythingAreNoFilter() throws {
        let m = try makeModel(NormalizationTests.text, order: 3)
        func draw(_ o: SamplingOptions) throws -> [Int32] {
            var rng = Xoshiro256(seed: 11)
            return try Generator.generate(model: m, request: .init(length: 400, sampling: o), using: &rng)
        }
        let plain = try draw(SamplingOptions(temperature: 0.9))
        #expect(try draw(SamplingOptions(temperature: 0.9, topP: 1)) == plain)
        #expect(try draw(SamplingOptions(temperature: 0.9, topK: m.vocabulary.count)) == plain)
        #expect(try draw(SamplingOptions(temperature: 0.9, topK: m.vocabulary.count + 5, topP: 1)) == plain)
        #expect(try draw(SamplingOptions(temperature: 0.9, topK: 2)) != plain)
    }

    /// Every bigram of an observed-only sample of an order-2 model occurred in training; the full
    /// model (temperature 1) also produces unseen ones.
    @Test func observedOnlySamplesStayOnTrainingPaths() throws {
        let text = NormalizationTests.text
        let m = try makeModel(text, order: 2)
        let train = m.vocabulary.encode(text).ids
        var seen = Set<[Int32]>()
        var prev: Int32 = 1
        for t in train { seen.insert([prev, t]); prev = t }
        var rng = Xoshiro256(seed: 3)
        let g = try Generator.generate(model: m, request: .init(length: 2000, sampling: SamplingOptions(temperature: 1), observedOnly: true), using: &rng)
        prev = 1
        for t in g { #expect(seen.contains([prev, t])); prev = t }
        var rng2 = Xoshiro256(seed: 3)
        let h = try Generator.generate(model: m, request: .init(length: 2000, sampling: SamplingOptions(temperature: 1)), using: &rng2)
        prev = 1
        var unseen = 0
        for t in h { if !seen.contains([prev, t]) { unseen += 1 }; prev = t }
        #expect(unseen > 0)
    }

    /// Greedy: argmax, ties to the lowest id. After "a" under MLE, b, c, </s> tie at 1/3: </s> (id 1) wins.
    @Test func greedyTieBreak() throws {
        let m = try makeModel(handCorpus, order: 2, smoothing: .mle)
        var rng = Xoshiro256(seed: 1)
        let g = try Generator.generate(model: m, request: .init(prompt: [wid(m, "a")], length: 1, sampling: SamplingOptions(temperature: 0)), using: &rng)
        #expect(g == [1])
    }

    @Test func modelFileRoundTrip() throws {
        let m = try makeModel(NormalizationTests.text, order: 4)
        let data = try ModelFile.encode(m)
        let c = try ModelFile.decode(data, source: "m")
        let back = try NGramKind.decode(payload: c.payload, vocabulary: c.vocabulary, source: "m") as! NGramModel
        let probe = "the cat sat on the log\nzebra the\n"
        #expect(scores(m, probe) == scores(back, probe))
        #expect(back.parameterCount == m.parameterCount)
    }
}

/// Character models: the context crosses newlines by default; `sentence_boundaries` resets it.
@Suite struct CharacterStreamTests {
    /// Training "ab\ncd\n" × 50: in the continuous stream "b\n" is always followed by c, so an order-3
    /// model gives p(c | b \n) = high (MKN: (a − D)/Σa + backoff share, well above 0.9). With sentence
    /// boundaries the line starts from <s>, after which a and c are equally likely: about 1/2 each.
    @Test func continuousStreamKeepsContextAcrossNewlines() throws {
        let text = String(repeating: "ab\ncd\n", count: 50)
        let stream = try makeModel(text, tokenizer: .char, order: 3)
        let lines = try makeModel(text, tokenizer: .char, order: 3, sentenceBoundaries: true)
        func pAfter(_ m: NGramModel, _ prefix: String, _ next: String) -> Double {
            let ctx = m.makeContext()
            for t in m.vocabulary.encode(prefix).ids { ctx.observe(t) }
            return exp(ctx.logProbability(of: m.vocabulary.id(of: next)!))
        }
        #expect(pAfter(stream, "ab\n", "c") > 0.9)
        #expect(abs(pAfter(lines, "ab\n", "c") - 0.5) < 0.1)
        #expect(abs(pAfter(lines, "ab\n", "a") - 0.5) < 0.1)
        #expect(!stream.sentenceBoundaries && lines.sentenceBoundaries)
    }
}
