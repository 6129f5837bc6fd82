import Foundation
import Testing
import Corpora
import LanguageModels
@testable import Markov

/// Each smoothing on the hand corpus "a b", "c b", "d b", "a c", "b a" (order 2; |V| = 6:
/// <unk>, </s>, a, b, c, d). Raw unigram counts (without <s>): a 3, b 4, c 2, d 1, </s> 5; N = 15.
/// After a: b, c, </s> once each (c(a•) = 3). After b: a 1, </s> 3 (c(b•) = 4).
@Suite struct SmoothingTests {
    /// ln p(w | a) and, after an unknown word (empty context), ln p(w).
    func probe(_ m: NGramModel, _ w: String) -> (afterA: Double, unigram: Double) {
        let c = m.makeContext()
        c.observe(wid(m, "a"))
        let x = c.logProbability(of: wid(m, w))
        let u = m.makeContext()
        u.observe(0)
        return (x, u.logProbability(of: wid(m, w)))
    }

    @Test func mle() throws {
        let m = try makeModel(handCorpus, order: 2, smoothing: .mle)
        #expect(close(probe(m, "b").afterA, log(1.0 / 3), 1e-12))       // c(a b)/c(a•)
        #expect(probe(m, "d").afterA == -.infinity)                      // unseen → 0
        #expect(close(probe(m, "a").unigram, log(3.0 / 15), 1e-12))     // c(a)/N
        #expect(probe(m, "<unk>").unigram == -.infinity)
        // "a d": d never followed a, and </s> never followed d (d b only): two zero-probability tokens.
        let r = Evaluator.evaluate(model: m, text: "a d\n")
        #expect(r.zeroProbabilityTokens == 2 && r.perplexity == .infinity)
    }

    @Test func laplaceAndLidstone() throws {
        let m = try makeModel(handCorpus, order: 2, smoothing: .addK)
        #expect(close(probe(m, "b").afterA, log(2.0 / 9), 1e-12))       // (1+1)/(3+6)
        #expect(close(probe(m, "d").afterA, log(1.0 / 9), 1e-12))       // (0+1)/(3+6)
        #expect(close(probe(m, "a").unigram, log(4.0 / 21), 1e-12))     // (3+1)/(15+6)
        #expect(close(probe(m, "<unk>").unigram, log(1.0 / 21), 1e-12))
        let h = try makeModel(handCorpus, order: 2, smoothing: .addK, k: 0.5)
        #expect(close(probe(h, "b").afterA, log(1.5 / 6), 1e-12))       // (1+0.5)/(3+3)
    }

    /// Root: T() = 5 seen types, p(w) = (c(w) + 5/6)/(15 + 5). After a: T = 3, c = 3:
    /// p(b|a) = (1 + 3 p(b))/6, p(d|a) = 3 p(d)/6.
    @Test func wittenBell() throws {
        let m = try makeModel(handCorpus, order: 2, smoothing: .wittenBell)
        let pb = (4 + 5.0 / 6) / 20, pd = (1 + 5.0 / 6) / 20
        #expect(close(probe(m, "a").unigram, log((3 + 5.0 / 6) / 20), 1e-12))
        #expect(close(probe(m, "<unk>").unigram, log((5.0 / 6) / 20), 1e-12))
        #expect(close(probe(m, "b").afterA, log((1 + 3 * pb) / 6), 1e-12))
        #expect(close(probe(m, "d").afterA, log(3 * pd / 6), 1e-12))
    }

    /// Adjusted unigram counts as in ModifiedKneserNeyTests: a 2, b 4, c 2, d 1, </s> 3 (Σ 12);
    /// n1 = 1, n2 = 2 → D = 1/5. γ() = 0.2·5/12 = 1/12, p(w) = (a − 0.2)/12 + (1/12)/6.
    /// Bigrams: n1 = 10, n2 = 1 → D = 10/12. After a (three singletons): γ(a) = D·3/3 = D,
    /// p(b|a) = (1 − D)/3 + D p(b), p(d|a) = D p(d).
    @Test func kneserNey() throws {
        let m = try makeModel(handCorpus, order: 2, smoothing: .kneserNey)
        let p = { (a: Double) in (a - 0.2) / 12 + 1.0 / 72 }
        let d2 = 10.0 / 12
        #expect(close(probe(m, "a").unigram, log(p(2)), 1e-12))
        #expect(close(probe(m, "<unk>").unigram, log(1.0 / 72), 1e-12))
        #expect(close(probe(m, "b").afterA, log((1 - d2) / 3 + d2 * p(4)), 1e-12))
        #expect(close(probe(m, "d").afterA, log(d2 * p(1)), 1e-12))
    }
}
