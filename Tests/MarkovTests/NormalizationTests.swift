import Foundation
import Testing
import Corpora
import LanguageModels
import SeqbenchCore
@testable import Markov

/// Every next-token distribution sums to 1 over the whole vocabulary (`</s>` and `<unk>` included),
/// for every smoothing and order, after seeded random histories; and the per-token score equals the
/// distribution's entry (two code paths: `score` and `distribution`).
@Suite struct NormalizationTests {
    static let text = """
    the cat sat on the mat
    the dog sat on the log
    a cat and a dog

    on the mat the cat sat and sat
    the log on the mat

    """

    static let cases: [(Smoothing, Int)] = Smoothing.allCases.flatMap { s in [1, 2, 3, 5, 10].map { (s, $0) } }

    @Test(arguments: cases)
    func sumsToOne(smoothing: Smoothing, order: Int) throws {
        for (tok, sb) in [(TokenizerKind.word, true), (.char, false), (.char, true)] {
            let m = try makeModel(Self.text, tokenizer: tok, order: order, smoothing: smoothing, sentenceBoundaries: sb)
            let v = m.vocabulary.count
            var rng = Xoshiro256(seed: UInt64(order * 31 + smoothing.rawValue.count))
            let train = m.vocabulary.encode(Self.text).ids
            for _ in 0..<25 {
                let ctx = m.makeContext()
                // Half the histories come from the training text (seen contexts), half are random ids.
                let len = rng.nextInt(below: 12)
                if rng.nextUnitDouble() < 0.5 {
                    let s = rng.nextInt(below: max(train.count - len, 1))
                    for i in s..<min(s + len, train.count) { ctx.observe(train[i]) }
                } else {
                    for _ in 0..<len { ctx.observe(Int32(rng.nextInt(below: v))) }
                }
                var lp = [Double](repeating: 0, count: v)
                ctx.logProbabilities(into: &lp)
                let sum = lp.reduce(0) { $0 + exp($1) }
                #expect(abs(sum - 1) < 1e-9, "\(smoothing) order \(order) \(tok) sb=\(sb): Σp = \(sum)")
                for w in 0..<v {
                    let x = ctx.logProbability(of: Int32(w))
                    #expect(x == lp[w] || close(x, lp[w], 1e-12), "\(smoothing) \(order) id \(w): \(x) vs \(lp[w])")
                }
            }
        }
    }
}

extension Smoothing: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}

/// Degenerate inputs still give proper distributions.
@Suite struct EdgeCaseTests {
    /// One word, no trailing newline (the vocabulary still holds </s>, which the word encoding appends);
    /// a single character with sentence boundaries but no newline in training (no </s> at all).
    @Test(arguments: Smoothing.allCases)
    func tinyTexts(smoothing: Smoothing) throws {
        for (text, tok, sb) in [("x", TokenizerKind.word, true), ("x", .char, true), ("x", .char, false), ("\n", .char, true)] {
            for order in [1, 3] {
                let m = try makeModel(text, tokenizer: tok, order: order, smoothing: smoothing, sentenceBoundaries: sb)
                let ctx = m.makeContext()
                var lp = [Double](repeating: 0, count: m.vocabulary.count)
                for step in 0..<3 {
                    ctx.logProbabilities(into: &lp)
                    let sum = lp.reduce(0) { $0 + exp($1) }
                    #expect(abs(sum - 1) < 1e-9, "\(smoothing) \(tok) sb=\(sb) order \(order) step \(step): Σp = \(sum)")
                    ctx.observe(Int32(m.vocabulary.count - 1))
                }
            }
        }
    }
}
