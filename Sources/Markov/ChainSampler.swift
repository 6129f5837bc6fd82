import Foundation
import LanguageModels
import SeqbenchCore

/// Exact sampling from an `NGramModel` at temperature 1 without building the |V|-entry distribution:
/// an optional fast path next to the shared `Generator`/`Sampler` route (which costs O(|V|) per token,
/// an `exp` per id).
///
/// In backoff form p(w | c) = P(cw) for a stored child w, b(c) · p(w | c′) otherwise (c′ = c without its
/// oldest token). Draw u ~ U[0, 1): walk c's stored children adding P(cw); if u falls inside, that child
/// is the token. Otherwise draw w from p(· | c′) (recursively) until w is not a stored child of c. Then
/// P(w) = (1 − Σ_stored P) · p(w | c′) / (1 − Σ_stored p(· | c′)) = b(c) p(w | c′), since the model is
/// normalised — the same distribution as the shared route at T = 1. `.uniform` (add-k) draws the
/// fallback uniformly, `.none` (mle) never falls back (its stored children sum to 1). Observed-only
/// draws from the stored children of the longest matching context in proportion to P.
///
/// - Complexity: O(log fan-out) per level visited (bisection over per-context cumulative sums), times
///   the expected number of rejections. Memory: one Double per n-gram, built by `init`.
public final class ChainSampler {
    let model: NGramModel
    let trie: BackoffTrie
    /// Per node n: Σ P over the children of n's parent up to and including n (blanks add 0), so a
    /// child range is searched by bisection. The root's children (ids 0 … |V|, <s> last) likewise.
    let cumulative: [Double]

    public init(model: NGramModel) {
        self.model = model
        trie = model.trie
        var cum = [Double](repeating: 0, count: trie.nodeCount)
        for ctx in 0..<max(trie.contextCount, 1) {
            var a = 0.0
            for n in trie.childRange(of: UInt32(ctx)) {
                let lp = trie.logProb(ofNode: UInt32(n))
                if !lp.isNaN && !(ctx == 0 && n == Int(trie.bosNode)) { a += exp(lp) }  // <s> is never drawn
                cum[n] = a
            }
        }
        cumulative = cum
    }

    /// P of child node n within its parent's child range r.
    @inline(__always) func prob(_ n: Int, in r: Range<Int>) -> Double {
        n == r.lowerBound ? cumulative[n] : cumulative[n] - cumulative[n - 1]
    }

    /// The first node in `r` whose cumulative P exceeds u (r.upperBound if none).
    @inline(__always) func search(_ u: Double, in r: Range<Int>) -> Int {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi { let mid = (lo + hi) >> 1; if cumulative[mid] > u { hi = mid } else { lo = mid + 1 } }
        return lo
    }

    /// One token from p(· | c).
    func draw(_ c: UInt32, using rng: inout some RandomNumberGenerator) -> UInt32 {
        let r = trie.childRange(of: c)
        if c == 0 {
            // The unigrams sum to 1 (up to rounding): scale u by their total.
            let hit = search(rng.nextUnitDouble() * cumulative[r.upperBound - 1], in: r)
            return trie.word[min(hit, r.upperBound - 2)]  // never <s> (the last root child)
        }
        let hit = search(rng.nextUnitDouble(), in: r)
        if hit < r.upperBound { return trie.word[hit] }
        switch trie.mode {
        case .none:  // the stored children carry all the mass; u fell past it by rounding
            return r.isEmpty ? draw(trie.suffix(ofNode: c), using: &rng) : trie.word[r.upperBound - 1]
        case .uniform:
            while true {
                let w = UInt32(rng.nextInt(below: model.vocabulary.count))
                if let n = trie.child(c, w), prob(Int(n), in: r) > 0 { continue }
                return w
            }
        case .chain:
            let lower = trie.suffix(ofNode: c)
            while true {
                let w = draw(lower, using: &rng)
                if let n = trie.child(c, w), prob(Int(n), in: r) > 0 { continue }
                return w
            }
        }
    }

    /// The next token after `state` (nil when observed-only finds no successor).
    public func next(state: UInt32, observedOnly: Bool, using rng: inout some RandomNumberGenerator) -> UInt32? {
        guard observedOnly else { return draw(state, using: &rng) }
        var c = state
        while c != 0 && !trie.hasChildren(c) { c = trie.suffix(ofNode: c) }
        if c == 0 {
            // Observed unigrams in proportion to P.
            let v = model.vocabulary.count
            var total = 0.0
            for i in 0..<v where model.unigramObserved[i] { total += prob(1 + i, in: 1..<(2 + v)) }
            guard total > 0 else { return nil }
            let u = rng.nextUnitDouble() * total
            var acc = 0.0, pick = -1
            for i in 0..<v where model.unigramObserved[i] { acc += prob(1 + i, in: 1..<(2 + v)); pick = i; if u < acc { break } }
            return UInt32(pick)
        }
        // Children are word-sorted and never <s>, so every stored child is an observed successor.
        let r = trie.childRange(of: c)
        let total = cumulative[r.upperBound - 1]
        guard total > 0 else { return nil }
        let hit = search(rng.nextUnitDouble() * total, in: r)
        return trie.word[min(hit, r.upperBound - 1)]
    }

    /// Generates `length` tokens after `prompt` from a fresh context (as `Generator.generate` does with
    /// temperature 1 and no top-k/top-p).
    public func generate(prompt: [Int32] = [], length: Int, observedOnly: Bool, using rng: inout some RandomNumberGenerator) -> [Int32] {
        var state = model.initialState
        let v = UInt32(model.vocabulary.count)
        for t in prompt { state = UInt32(bitPattern: t) < v ? trie.advance(state, UInt32(bitPattern: t)) : 0 }
        var out: [Int32] = []
        out.reserveCapacity(length)
        for _ in 0..<length {
            guard let w = next(state: state, observedOnly: observedOnly, using: &rng) else { break }
            out.append(Int32(bitPattern: w))
            state = trie.advance(state, w)
        }
        return out
    }
}
