import Foundation
import Testing
import Corpora
import LanguageModels
import SeqbenchCore
@testable import Markov

/// The state machine (`score`/`advance`, one node of state) against the naive twin: KenLM's backoff
/// rule applied to the explicit history, every n-gram looked up from the root.
@Suite struct BackoffTrieTests {
    /// Node of a token sequence, walking from the root.
    func node(_ t: BackoffTrie, _ toks: ArraySlice<UInt32>) -> UInt32? {
        var n: UInt32 = 0
        for x in toks { guard let c = t.child(n, x) else { return nil }; n = c }
        return n
    }

    /// ln p(w | history) by the rule: the largest m with (h_m w) stored; + Σ_{j>m} ln b(h_j).
    func naive(_ t: BackoffTrie, history h: [UInt32], _ w: UInt32) -> Double {
        let ctx = Array(h.suffix(t.order - 1))
        switch t.mode {
        case .chain:
            var acc = 0.0
            for m in stride(from: ctx.count, through: 0, by: -1) {
                let hm = ctx[(ctx.count - m)...]
                if let g = node(t, hm + [w]), !t.logProb(ofNode: g).isNaN { return acc + t.logProb(ofNode: g) }
                if m > 0, let c = node(t, hm) { acc += t.logBackoff(ofNode: c) }
            }
            return -.infinity
        case .uniform, .none:
            // The longest suffix of the history with stored extensions.
            for m in stride(from: ctx.count, through: 0, by: -1) {
                let hm = ctx[(ctx.count - m)...]
                guard let c = node(t, hm), m == 0 || t.hasChildren(c) else { continue }
                if let g = t.child(c, w) { return t.logProb(ofNode: g) }
                return t.mode == .none ? -.infinity : t.logBackoff(ofNode: c) + t.logUniform
            }
            return -.infinity
        }
    }

    @Test(arguments: Smoothing.allCases)
    func stateMachineMatchesNaiveRule(smoothing: Smoothing) throws {
        let text = NormalizationTests.text + "the cat on the log sat\n"
        for order in [1, 2, 3, 4, 6] {
            for (tok, sb) in [(TokenizerKind.word, true), (.char, false), (.char, true)] {
                let m = try makeModel(text, tokenizer: tok, order: order, smoothing: smoothing, sentenceBoundaries: sb)
                let t = m.trie
                var rng = Xoshiro256(seed: 7)
                let eos = m.sentenceBoundaries ? m.vocabulary.endOfSentenceID.map(UInt32.init) : nil
                // A test stream: training text, with random ids mixed in.
                var ids = m.vocabulary.encode(text).ids.map { UInt32($0) }
                for i in 0..<ids.count where rng.nextUnitDouble() < 0.15 { ids[i] = UInt32(rng.nextInt(below: m.vocabulary.count)) }
                var history: [UInt32] = [t.bos]
                var state = m.initialState
                for w in ids {
                    let (lp, next) = t.score(state, w)
                    let ref = naive(t, history: history, w)
                    #expect(lp == ref || close(lp, ref, 1e-12), "\(smoothing) o\(order) \(tok): \(lp) vs \(ref)")
                    state = next
                    if w == 0 { history = [] } else if w == eos { history = [t.bos] } else { history.append(w) }
                }
            }
        }
    }
}
