import Foundation
import Testing
import Corpora
import LanguageModels
@testable import Markov

/// Modified Kneser-Ney as lmplz builds it, on a corpus small enough to do by hand.
///
/// Corpus (order 2), sentences `<s> … </s>`: "a b", "c b", "d b", "a c", "b a". Ids: <unk> 0, </s> 1,
/// a 2, b 3, c 4, d 5 (<s> = 6 internally); |V| = 6.
///
/// Unigram adjusted counts a(w) = distinct predecessors (<s> included):
///   a {<s>, b} = 2, b {a, c, d, <s>} = 4, c {<s>, a} = 2, d {<s>} = 1, </s> {b, c, a} = 3
///   → n1 = 1, n2 = 2, n3 = 1, n4 = 1; Y = 1/(1+4) = 0.2
///   D1 = 1 − 2·0.2·2/1 = 0.2, D2 = 2 − 3·0.2·1/2 = 1.7, D3+ = 3 − 4·0.2·1/1 = 2.2
/// Bigram raw counts: b </s> 3, <s> a 2, the ten others 1 → n1 = 10, n2 = 1, n3 = 1, n4 = 0;
///   Y = 10/12, D2 = 2 − 3·(10/12)·1/1 = −0.5 < 0 → fallback (0.5, 1, 1.5) for order 2.
/// Quirk: the last bigram in suffix order ends in d (KenLM id 6, first seen last): "<s> d"; its
///   unigram suffix d has c = a = 1, so nothing changes.
/// Unigrams: Σa = 12, γ() = (0.2·1 + 1.7·2 + 2.2·2)/12 = 8/12 = 2/3, γ()/|V| = 1/9
///   p(a) = (2−1.7)/12 + 1/9 = 0.1361111, p(b) = (4−2.2)/12 + 1/9 = 0.2611111,
///   p(d) = p(</s>) = 0.8/12 + 1/9 = 0.1777778, p(<unk>) = 1/9
/// Bigrams: context b: a(b a) = 1, a(b </s>) = 3, Σ = 4, γ(b) = (0.5 + 1.5)/4 = 0.5
///   p(a|b) = 0.5/4 + 0.5·p(a) = 0.1930556, p(</s>|b) = 1.5/4 + 0.5·p(</s>) = 0.4638889
///   context <s>: a 2, b 1, c 1, d 1, Σ = 5, γ(<s>) = (0.5·3 + 1·1)/5 = 0.5
///   p(a|<s>) = 1/5 + 0.5·p(a) = 0.2680556, p(b|<s>) = 0.5/5 + 0.5·p(b) = 0.2305556
///   context a: b, c, </s> each 1, γ(a) = 1.5/3 = 0.5, p(b|a) = 0.5/3 + 0.5·p(b) = 0.2972222
@Suite struct ModifiedKneserNeyTests {
    let model: NGramModel
    let stats: NGramEstimator.Statistics

    init() throws {
        let vocab = Vocabulary(tokenizer: .word, trainingText: handCorpus)
        let seq = NGramCounts.sentenceSequence(vocab.encode(handCorpus).ids, vocabularySize: vocab.count, endOfSentence: 1, sentenceBoundaries: true)
        let counts = NGramCounts.count(sequence: seq, order: 2, vocabularySize: vocab.count)
        (_, stats) = NGramEstimator.estimate(counts: counts, sequence: seq, configuration: .init(order: 2, smoothing: .modifiedKneserNey, vocabularySize: vocab.count, endOfSentence: 1))
        model = try makeModel(handCorpus, order: 2)
    }

    @Test func adjustedCountsAndCountOfCounts() {
        #expect(stats.adjusted[0] == [0, 3, 2, 4, 2, 1, 0])  // <unk> </s> a b c d <s>
        #expect(stats.countOfCounts[0] == [0, 1, 2, 1, 1])
        #expect(stats.countOfCounts[1] == [0, 10, 1, 1, 0])
        #expect(stats.quirkNGrams[0] == [5])  // d
    }

    @Test func discountsAndFallback() {
        // float32 arithmetic as lmplz: 0.2 is not exact in binary, so compare within float precision.
        #expect(close(stats.discounts[0].d1, 0.2, 1e-6))
        #expect(close(stats.discounts[0].d2, 1.7, 1e-6))
        #expect(close(stats.discounts[0].d3, 2.2, 1e-6))
        #expect(stats.discounts[1] == Discounts(0.5, 1, 1.5))
        #expect(stats.fellBack == [2])
    }

    @Test func probabilitiesAndBackoffs() {
        let t = model.trie
        func uni(_ w: String) -> Double { exp(t.logProb(ofNode: UInt32(1 + wid(model, w)))) }
        let tol = 1e-6  // float32 discounts
        #expect(close(uni("a"), 0.3 / 12 + 1.0 / 9, tol))
        #expect(close(uni("b"), 1.8 / 12 + 1.0 / 9, tol))
        #expect(close(uni("d"), 0.8 / 12 + 1.0 / 9, tol))
        #expect(close(uni("</s>"), 0.8 / 12 + 1.0 / 9, tol))
        #expect(close(exp(t.logProb(ofNode: 1)), 1.0 / 9, tol))
        for w in ["<s>", "a", "b", "c", "d"] {
            let node = w == "<s>" ? t.bosNode : UInt32(1 + wid(model, w))
            #expect(close(t.logBackoff(ofNode: node), log(0.5), 1e-12))
        }
        let b = UInt32(1 + wid(model, "b"))
        let ba = t.child(b, UInt32(wid(model, "a")))!
        #expect(close(exp(t.logProb(ofNode: ba)), 0.5 / 4 + 0.5 * (0.3 / 12 + 1.0 / 9), tol))
    }

    @Test func sentenceScores() {
        let pa = 0.3 / 12 + 1.0 / 9, pb = 1.8 / 12 + 1.0 / 9, pEnd = 0.8 / 12 + 1.0 / 9
        // "a b": p(a|<s>) p(b|a) p(</s>|b)
        let s = scores(model, "a b\n")
        #expect(close(s[0], log(1.0 / 5 + 0.5 * pa), 1e-6))
        #expect(close(s[1], log(0.5 / 3 + 0.5 * pb), 1e-6))
        #expect(close(s[2], log(1.5 / 4 + 0.5 * pEnd), 1e-6))
    }

    @Test func unknownWordResetsContext() {
        // "b x": p(b|<s>) = 0.1 + 0.5 p(b); p(<unk>|b) = γ(b)/|V| = 0.5/9; then </s> from the empty context: p(</s>).
        let pb = 1.8 / 12 + 1.0 / 9, pEnd = 0.8 / 12 + 1.0 / 9
        let s = scores(model, "b x\n")
        #expect(close(s[0], log(0.1 + 0.5 * pb), 1e-6))
        #expect(close(s[1], log(0.5 / 9), 1e-6))
        #expect(close(s[2], log(pEnd), 1e-6))
    }

    @Test func emptyLineAndOnlyUnknownWords() {
        let pEnd = 0.8 / 12 + 1.0 / 9
        // Empty line: one token, </s> after <s>; "<s> </s>" unseen → γ(<s>) p(</s>).
        let e = scores(model, "\n")
        #expect(e.count == 1)
        #expect(close(e[0], log(0.5 * pEnd), 1e-6))
        // "x y": <unk> after <s> (γ(<s>)/9), <unk> from the empty context (1/9), </s> (p(</s>)).
        let u = scores(model, "x y\n")
        #expect(u.count == 3)
        #expect(close(u[0], log(0.5 / 9), 1e-6))
        #expect(close(u[1], log(1.0 / 9), 1e-6))
        #expect(close(u[2], log(pEnd), 1e-6))
        // Evaluator: KenLM's Tokens, OOVs and perplexities.
        let r = Evaluator.evaluate(model: model, text: "x y\n\n")
        #expect(r.tokens == 4 && r.oovTokens == 2)
        let total = log(0.5 / 9) + log(1.0 / 9) + log(pEnd) + log(0.5 * pEnd)
        #expect(close(r.perplexity, exp(-total / 4), 1e-6))
        #expect(close(r.perplexityExcludingOOV, exp(-(log(pEnd) + log(0.5 * pEnd)) / 2), 1e-6))
    }

    /// Quirk case: "a b", "b a", "a z", "a z". z is first seen last (KenLM id 5) and both times after a,
    /// so the last bigram in suffix order is "a z"; its suffix z has a = 1 ({a}) but c = 2.
    /// Unigram a: a {<s>, b} = 2, b {a, <s>} = 2, z {a} = 1, </s> {b, a, z} = 3.
    /// Without the quirk: n = (1, 2, 1, 0): D = (0.2, 1.7, 3 − 0.8·0/1 = 3), all in range.
    /// With it: z counts as 2: n = (0, 3, 1, 0): n1 = 0 → fallback for order 1 (as kjv chars in lmplz).
    @Test func countOfCountsQuirk() throws {
        let text = "a b\nb a\na z\na z\n"
        func estimate(_ quirk: Bool) -> NGramEstimator.Statistics {
            let vocab = Vocabulary(tokenizer: .word, trainingText: text)
            let seq = NGramCounts.sentenceSequence(vocab.encode(text).ids, vocabularySize: vocab.count, endOfSentence: 1, sentenceBoundaries: true)
            let counts = NGramCounts.count(sequence: seq, order: 2, vocabularySize: vocab.count)
            return NGramEstimator.estimate(counts: counts, sequence: seq, configuration: .init(order: 2, smoothing: .modifiedKneserNey, kenlmQuirk: quirk, vocabularySize: vocab.count, endOfSentence: 1)).1
        }
        let with = estimate(true), without = estimate(false)
        #expect(without.countOfCounts[0] == [0, 1, 2, 1, 0])
        #expect(with.countOfCounts[0] == [0, 0, 3, 1, 0])
        #expect(with.fellBack == [1])
        #expect(without.fellBack == [])
        #expect(close(without.discounts[0].d3, 3, 1e-7))
        #expect(with.discounts[0] == Discounts(0.5, 1, 1.5))
    }

    /// The fallback values come from the option.
    @Test func customFallback() throws {
        let text = "a b\nb a\n"
        let vocab = Vocabulary(tokenizer: .word, trainingText: text)
        let (_, notes) = try NGramKind.build(vocabulary: vocab, train: vocab.encode(text).ids, order: 2, smoothing: .modifiedKneserNey, fallback: Discounts(0.1, 0.2, 0.3))
        #expect(notes["discounts"] == .array([.array([.double(0.1), .double(0.2), .double(0.3)]), .array([.double(0.1), .double(0.2), .double(0.3)])]))
        #expect(notes["discount_fallback_orders"] == .array([.int(1), .int(2)]))
    }
}
