import Foundation
import LanguageModels
import SeqbenchCore

/// Exact sampling from an `NGramModel` under any `SamplingOptions` without building the |V|-entry
/// distribution: the fast path next to the shared `Generator`/`Sampler` route (which costs O(|V|) per
/// token, an `exp` per id). Draws come from exactly the distribution `Sampler` builds from
/// `logProbabilities(into:)` (tested against it).
///
/// **Temperature.** With β = 1/T the tempered distribution is q(w | c) = p(w | c)^β / Z(c),
/// Z(c) = Σ_w p(w | c)^β. In backoff form p(w | c) = P(cw) for a stored child w and b(c) · p(w | c′)
/// otherwise (c′ = c without its oldest token), so
///
///     Z(c) = Σ_{w stored} P(cw)^β + b(c)^β · (Z(c′) − Σ_{w stored} p(w | c′)^β)
///
/// down to the root, where Z is the sum over the unigrams. Z and the cumulative sums of P(cw)^β over
/// c's children are computed once per context, on first visit. A draw takes u ~ U[0, Z(c)): inside the
/// stored mass it is a bisection over the cumulative sums; past it, w is drawn from q(· | c′)
/// (recursively) until w is not a stored child of c — the restriction of q(· | c′) to the unstored
/// words, which is what the remaining mass b(c)^β (Z(c′) − Σ …) spreads over them. At T = 1 Z(c) = 1
/// for a model we estimated; an imported ARPA file need not sum to 1 exactly (`Sampler` renormalises),
/// so its Z is computed like any other. `.uniform` (add-k) spreads the unstored mass evenly, `.none` (mle) has
/// none. Observed-only draws from the stored children of the longest matching context in proportion
/// to P^β.
///
/// **Top-k, top-p, greedy.** The distribution's tokens in decreasing probability come from merging
/// per-level lists: level i of the backoff chain contributes its stored children not stored at a
/// longer context, each worth B_i · P(c_i w) with B_i the product of the longer contexts' backoffs, in
/// the order of P (children ranked once per context). The merge stops after k tokens, or when the
/// tempered mass (normalised by Z) reaches p, and one token is drawn from the kept ones in proportion
/// to p^β; greedy takes the first (ties to the lower id, like `Sampler`).
///
/// Below T = 0.1 (β > 10) p^β can underflow, so `supports` sends such temperatures to the shared route.
///
/// - Complexity: O(log fan-out) per level visited, times the expected number of rejections; a
///   context's first visit costs O(fan-out) (O(fan-out × N log F) for suffixes an ARPA file leaves
///   blank). Top-k/top-p: O(kept × N log F). Memory: 16 bytes per n-gram, 8 bytes and a bit per
///   context, 4 more bytes per n-gram once ranks are needed, and the kept-list cache (≤ 8M entries).
/// - Not thread-safe: it fills its tables as it goes. `NGramModel` lends one to a context at a time.
public final class ChainSampler {
    public let temperature: Double
    let beta: Double
    /// Whether every context's distribution sums to 1 (a model we estimated; not an imported ARPA file).
    let normalized: Bool
    /// The model's observed unigrams (observed-only at the root). The sampler keeps no reference to
    /// the model itself: the model keeps idle samplers, and a reference back would be a cycle.
    let unigramObserved: [Bool]
    let trie: BackoffTrie
    let v: Int
    let bosNode: Int
    /// Per node n, valid once its parent is prepared: Σ P^β over the parent's children up to and
    /// including n (blanks, −∞ and the root's `<s>` add 0), with n's token and next state beside it,
    /// so that a draw and the step after it read one cache line instead of three arrays.
    struct Slot { var cumulative: Double; var word: UInt32; var next: UInt32 }
    let slots: UnsafeMutableBufferPointer<Slot>
    /// Per context: Z(c), valid once prepared.
    let total: UnsafeMutableBufferPointer<Double>
    /// One bit per context: prepared. (A bit set stays in cache where a Double per context would
    /// not: this test ran on every draw and was most of the time of the first version.)
    let ready: UnsafeMutableBufferPointer<UInt64>
    /// Z ≡ 1 at every context but the root (T = 1 on a model we estimated), so draws skip `total`.
    let unitTotals: Bool
    /// Per node: the children of its parent as node ids in decreasing P, ties to the lower id. Valid once
    /// the parent is ranked.
    var rank: UnsafeMutableBufferPointer<UInt32>?
    var isRanked: UnsafeMutableBufferPointer<Bool>?
    /// Cumulative P^β over the observed unigrams (observed-only at the root), built on first use.
    var observedRoot: [Double]?

    /// The lowest temperature drawn here; below it `Generator` uses the shared route.
    public static let minimumTemperature = 0.1

    /// Whether `draw(state:observedOnly:options:using:)` handles `options` (greedy, or T ≥ 0.1).
    public static func supports(_ options: SamplingOptions) -> Bool {
        options.isGreedy || options.temperature >= minimumTemperature
    }

    /// - Parameter temperature: T > 0 (greedy draws with any instance).
    public init(model: NGramModel, temperature: Double = 1) {
        precondition(temperature > 0 && temperature.isFinite, "temperature must be > 0")
        unigramObserved = model.unigramObserved
        normalized = model.isEstimated
        self.temperature = temperature
        beta = 1 / temperature
        trie = model.trie
        v = model.vocabulary.count
        bosNode = Int(trie.bosNode)
        slots = .allocate(capacity: max(trie.nodeCount, 1))
        slots.initialize(repeating: Slot(cumulative: 0, word: 0, next: 0))
        total = .allocate(capacity: max(trie.contextCount, 1))
        total.initialize(repeating: 0)
        ready = .allocate(capacity: (max(trie.contextCount, 1) + 63) / 64)
        ready.initialize(repeating: 0)
        unitTotals = beta == 1 && normalized && trie.mode != .none
    }

    deinit {
        slots.deallocate()
        total.deallocate()
        ready.deallocate()
        rank?.deallocate()
        isRanked?.deallocate()
    }

    // MARK: tables

    /// Whether node n holds a drawable probability (not a blank, not −∞, not the root's `<s>`).
    @inline(__always) func drawable(_ n: Int) -> Bool { trie.logProb[n] > -.infinity && n != bosNode }

    /// Whether node n stores its token's probability (not a blank): the backoff rule stops there,
    /// even when the stored value is −∞.
    @inline(__always) func stores(_ n: Int) -> Bool { !trie.logProb[n].isNaN && n != bosNode }

    /// Whether c stores w's probability (so c's backoff mass does not reach w).
    @inline(__always) func isStored(_ c: UInt32, _ w: UInt32) -> Bool {
        guard let n = trie.child(c, w) else { return false }
        return stores(Int(n))
    }

    /// Fills Z(c) and the cumulative sums over c's children (and, for the chain, its suffixes').
    func prepare(_ c: UInt32) {
        let ci = Int(c)
        if ready[ci >> 6] & (1 << UInt64(ci & 63)) != 0 { return }
        let r = trie.childRange(of: c)
        var s = 0.0, count = 0
        for n in r {
            if drawable(n) { s += exp(trie.logProb[n] * beta) }
            if stores(n) { count += 1 }
            slots[n] = Slot(cumulative: s, word: trie.word[n], next: trie.nextState[n])
        }
        var z = s
        if ci != 0 {
            switch trie.mode {
            case .none: z = s
            case _ where beta == 1 && normalized:
                z = 1  // Σ_w p(w | c) = 1 for a model we estimated (ARPA files are summed instead)
            case .uniform:
                z = s + Double(v - count) * exp(beta * (trie.backoff(c) + trie.logUniform))
            case .chain:
                let lower = trie.suffix[ci]
                prepare(lower)
                var covered = 0.0
                for n in r where stores(n) {
                    // p(w | c′) is usually P of the node's suffix (c′w); otherwise the backoff rule gives it.
                    let lp = trie.logProb[Int(trie.suffix[n])]
                    covered += exp(beta * (lp > -.infinity ? lp : trie.score(lower, trie.word[n]).logProb))
                }
                // Every id stored here: nothing is left for the lower context (whatever the rounding says).
                let remaining = count >= v ? 0 : max(0, total[Int(lower)] - covered)
                z = s + exp(beta * trie.backoff(c)) * remaining
            }
        }
        total[ci] = z
        ready[ci >> 6] |= 1 << UInt64(ci & 63)
    }

    /// The first node in `r` whose cumulative sum exceeds u (r.upperBound if none).
    @inline(__always) func search(_ u: Double, in r: Range<Int>) -> Int {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi { let mid = (lo + hi) >> 1; if slots[mid].cumulative > u { hi = mid } else { lo = mid + 1 } }
        return lo
    }

    /// The last drawable child of c (where u lands past the stored mass only by rounding).
    func lastDrawable(_ c: UInt32) -> UInt32? {
        for n in trie.childRange(of: c).reversed() where drawable(n) { return trie.word[n] }
        return nil
    }

    // MARK: full distribution (no truncation)

    /// One token from q(· | c); nil when no token has positive probability.
    func draw(_ c: UInt32, using rng: inout some RandomNumberGenerator) -> UInt32? {
        prepare(c)
        let z = unitTotals && c != 0 ? 1 : total[Int(c)]
        guard z > 0 else { return nil }
        let r = trie.childRange(of: c)
        let s = r.isEmpty ? 0 : slots[r.upperBound - 1].cumulative
        let u = rng.nextUnitDouble() * z
        if u < s { let n = search(u, in: r); lastHit = n; return slots[n].word }
        if c == 0 { return lastDrawable(c) }
        switch trie.mode {
        case .none:
            return lastDrawable(c)
        case .uniform:
            for _ in 0..<Self.rejectionLimit {
                let w = UInt32(rng.nextInt(below: v))
                if !isStored(c, w) { return w }
            }
        case .chain:
            let lower = trie.suffix(ofNode: c)
            for _ in 0..<Self.rejectionLimit {
                guard let w = draw(lower, using: &rng) else { break }
                if !isStored(c, w) { return w }
            }
        }
        return exactUnstored(c, using: &rng) ?? lastDrawable(c)
    }

    /// Rejections before the exact O(|V|) draw takes over (only when c stores nearly every id).
    static let rejectionLimit = 10_000

    /// q(· | c) restricted to the ids c does not store, by scoring every id.
    func exactUnstored(_ c: UInt32, using rng: inout some RandomNumberGenerator) -> UInt32? {
        var ids: [UInt32] = [], weights: [Double] = []
        var sum = 0.0
        for w in 0..<UInt32(v) where !isStored(c, w) {
            let x = exp(beta * trie.score(c, w).logProb)
            if x > 0 { ids.append(w); weights.append(x); sum += x }
        }
        guard sum > 0 else { return nil }
        let u = rng.nextUnitDouble() * sum
        var acc = 0.0
        for i in ids.indices { acc += weights[i]; if u < acc { return ids[i] } }
        return ids.last
    }

    /// The longest suffix of `state` with stored children (the root if none).
    func matchingContext(_ state: UInt32) -> UInt32 {
        var c = state
        while c != 0 && !trie.hasChildren(c) { c = trie.suffix(ofNode: c) }
        return c
    }

    /// One token from the observed successors of the longest matching context, in proportion to P^β.
    func drawObserved(_ state: UInt32, using rng: inout some RandomNumberGenerator) -> UInt32? {
        let c = matchingContext(state)
        if c == 0 {
            let cum = observedRootCumulative()
            guard let total = cum.last, total > 0 else { return nil }
            let u = rng.nextUnitDouble() * total
            var lo = 0, hi = cum.count
            while lo < hi { let mid = (lo + hi) >> 1; if cum[mid] > u { hi = mid } else { lo = mid + 1 } }
            return UInt32(min(lo, v - 1))
        }
        prepare(c)
        let r = trie.childRange(of: c)
        let total = slots[r.upperBound - 1].cumulative
        guard total > 0 else { return nil }
        let hit = search(rng.nextUnitDouble() * total, in: r)
        return trie.word[min(hit, r.upperBound - 1)]
    }

    /// Per id: Σ P^β over the observed unigrams up to and including it.
    func observedRootCumulative() -> [Double] {
        if let c = observedRoot { return c }
        var cum = [Double](repeating: 0, count: v)
        var a = 0.0
        for w in 0..<v {
            if unigramObserved[w] && drawable(1 + w) { a += exp(beta * trie.logProb[1 + w]) }
            cum[w] = a
        }
        observedRoot = cum
        return cum
    }

    // MARK: entry points

    /// The node of the last draw that landed on a stored child (of whichever context the walk was in).
    var lastHit = -1

    /// The state after `w` when `w` was just drawn as a stored child of `state` itself (its node's next
    /// state, as `BackoffTrie.advance` would find it), else nil.
    public func stateAfterDraw(from state: UInt32, _ w: UInt32) -> UInt32? {
        guard lastHit >= 0, trie.childRange(of: state).contains(lastHit), slots[lastHit].word == w else { return nil }
        return slots[lastHit].next
    }

    /// The next token after `state` without truncation (nil when none is possible).
    public func next(state: UInt32, observedOnly: Bool, using rng: inout some RandomNumberGenerator) -> UInt32? {
        lastHit = -1
        return observedOnly ? drawObserved(state, using: &rng) : draw(state, using: &rng)
    }

    /// The next token after `state` as `Sampler(options:)` would draw it from the context's
    /// `logProbabilities(into:)`. `options.temperature` must be this sampler's temperature, or 0.
    public func draw(state: UInt32, observedOnly: Bool, options: SamplingOptions, using rng: inout some RandomNumberGenerator) -> UInt32? {
        precondition(options.isGreedy || options.temperature == temperature, "sampler built for T = \(temperature), asked for \(options.temperature)")
        if options.isGreedy || options.topK != nil || options.topP != nil {
            return truncatedDraw(state: state, observedOnly: observedOnly, options: options, using: &rng)
        }
        return next(state: state, observedOnly: observedOnly, using: &rng)
    }

    /// Generates `length` tokens after `prompt` from a fresh context (as `Generator.generate` does).
    public func generate(prompt: [Int32] = [], length: Int, observedOnly: Bool, options: SamplingOptions? = nil,
                         using rng: inout some RandomNumberGenerator) -> [Int32] {
        let o = options ?? SamplingOptions(temperature: temperature)
        var state = trie.initialState
        let vv = UInt32(v)
        for t in prompt { state = UInt32(bitPattern: t) < vv ? trie.advance(state, UInt32(bitPattern: t)) : 0 }
        var out: [Int32] = []
        out.reserveCapacity(length)
        for _ in 0..<length {
            guard let w = draw(state: state, observedOnly: observedOnly, options: o, using: &rng) else { break }
            out.append(Int32(bitPattern: w))
            state = trie.advance(state, w)
        }
        return out
    }

    // MARK: top-k, top-p, greedy

    /// Ranks c's children by decreasing P (ties to the lower id), once.
    func ensureRanked(_ c: UInt32) {
        if rank == nil {
            let r = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(trie.nodeCount, 1))
            r.initialize(repeating: 0)
            let f = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(trie.contextCount, 1))
            f.initialize(repeating: false)
            rank = r; isRanked = f
        }
        guard let rank, let isRanked, !isRanked[Int(c)] else { return }
        let range = trie.childRange(of: c)
        let lp = trie.logProb
        let sorted = range.sorted { a, b in
            let x = lp[a].isNaN ? -Double.infinity : lp[a], y = lp[b].isNaN ? -Double.infinity : lp[b]
            return x > y || (x == y && a < b)  // children are word-sorted: lower node, lower id
        }
        for (i, n) in sorted.enumerated() { rank[range.lowerBound + i] = UInt32(n) }
        isRanked[Int(c)] = true
    }

    /// One list of the merge: the ranked children of a context (positions into `rank`), or (add-k) the
    /// ids a context does not store, in id order, all worth the same.
    struct Stream {
        var context: UInt32
        var logWeight: Double  // ln B, added to each entry's ln P (the entry's value for `unstored`)
        var position: Int
        var end: Int
        var unstored = false
        var observedRoot = false
        /// Whether the entry at `position` is known to be valid (drawable and not shadowed).
        var validated = false
    }

    var streams: [Stream] = []
    var keptWords: [UInt32] = []
    var keptValues: [Double] = []

    /// The entry at stream i's position: (word, value). Entries come in decreasing (value, −word) order,
    /// so an unvalidated entry bounds everything after it.
    @inline(__always) func entry(_ i: Int) -> (word: UInt32, value: Double) {
        let s = streams[i]
        if s.unstored { return (UInt32(s.position), s.logWeight) }
        let n = Int(rank![s.position])
        let lp = trie.logProb[n]
        return (trie.word[n], s.logWeight + (lp.isNaN ? -.infinity : lp))
    }

    /// Whether stream i's current entry is one of the distribution's tokens at this level.
    func isValid(_ i: Int) -> Bool {
        let s = streams[i]
        if s.unstored { return !isStored(s.context, UInt32(s.position)) }
        let n = Int(rank![s.position])
        guard drawable(n) else { return false }
        let w = trie.word[n]
        if s.observedRoot && !unigramObserved[Int(w)] { return false }
        // Stored at a longer context: that level gives its probability.
        for j in 0..<i where !streams[j].unstored && isStored(streams[j].context, w) { return false }
        return true
    }

    func addStream(_ c: UInt32, logWeight: Double, observedRoot: Bool = false) {
        ensureRanked(c)
        let r = trie.childRange(of: c)
        streams.append(Stream(context: c, logWeight: logWeight, position: r.lowerBound, end: r.upperBound, observedRoot: observedRoot))
    }

    /// Top-k / top-p / greedy: fills `keptWords` / `keptValues` (ln p, decreasing) with the tokens
    /// `Sampler` keeps, by merging the per-level ranked lists. A stream's entries are checked (drawable,
    /// not shadowed by a longer context) only when its next entry is the largest bound, so a level
    /// whose best entry cannot compete is never searched.
    func fillKept(state: UInt32, observedOnly: Bool, options: SamplingOptions) {
        streams.removeAll(keepingCapacity: true)
        // ln of the normaliser of p^β, for top-p.
        var logZ = 0.0
        let needsMass = options.topP != nil && !options.isGreedy
        if observedOnly {
            let c = matchingContext(state)
            addStream(c, logWeight: 0, observedRoot: c == 0)
            if needsMass {
                if c == 0 { logZ = log(observedRootCumulative().last ?? 0) } else {
                    prepare(c)
                    logZ = log(slots[trie.childRange(of: c).upperBound - 1].cumulative)
                }
            }
        } else {
            var c = state, acc = 0.0
            switch trie.mode {
            case .chain:
                while true {
                    addStream(c, logWeight: acc)
                    if c == 0 { break }
                    acc += trie.backoff(c)
                    c = trie.suffix(ofNode: c)
                }
            case .uniform:
                addStream(c, logWeight: 0)
                if c != 0 {
                    streams.append(Stream(context: c, logWeight: trie.backoff(c) + trie.logUniform, position: 0, end: v, unstored: true))
                }
            case .none:
                addStream(c, logWeight: 0)
            }
            if needsMass { prepare(state); logZ = log(total[Int(state)]) }
        }

        keptWords.removeAll(keepingCapacity: true)
        keptValues.removeAll(keepingCapacity: true)
        let k = options.isGreedy ? 1 : (options.topK ?? Int.max)
        let threshold = (options.topP ?? 2) * (1 - 1e-12)
        var mass = 0.0
        while keptWords.count < k {
            // The stream whose next entry is largest (value, then lower id).
            var best = -1
            var bw: UInt32 = 0, bv = -Double.infinity
            for i in streams.indices where streams[i].position < streams[i].end {
                let e = entry(i)
                if best < 0 || e.value > bv || (e.value == bv && e.word < bw) { best = i; bw = e.word; bv = e.value }
            }
            if best < 0 || bv == -.infinity { break }
            if !streams[best].validated {
                if isValid(best) { streams[best].validated = true } else { streams[best].position += 1 }
                continue  // re-compare: a skipped entry may hand the lead to another stream
            }
            keptWords.append(bw)
            keptValues.append(bv)
            streams[best].position += 1
            streams[best].validated = false
            if needsMass {
                mass += exp(beta * bv - logZ)
                if mass >= threshold { break }
            }
        }
    }

    /// Kept lists already built, by state (options fixed per cache): a state visited again draws in
    /// O(log kept). Bounded by `cacheLimit` entries in all.
    var cacheOptions: SamplingOptions?
    var keptCache: [UInt64: Range<Int>] = [:]
    var cachedWords: [UInt32] = []
    var cachedCumulative: [Double] = []
    static let cacheLimit = 8_000_000

    /// One token from the kept ones in proportion to p^β (the first one when greedy).
    func truncatedDraw(state: UInt32, observedOnly: Bool, options: SamplingOptions, using rng: inout some RandomNumberGenerator) -> UInt32? {
        lastHit = -1
        if cacheOptions != options {
            keptCache.removeAll(); cachedWords.removeAll(); cachedCumulative.removeAll()
            cacheOptions = options
        }
        let key = UInt64(state) | (observedOnly ? 1 << 32 : 0)
        let r: Range<Int>
        var borrowed = false  // past the cache limit: the list is used for this draw and dropped
        if let hit = keptCache[key] {
            r = hit
        } else {
            fillKept(state: state, observedOnly: observedOnly, options: options)
            let start = cachedWords.count
            if let first = keptValues.first {
                var acc = 0.0
                for i in keptValues.indices {
                    acc += options.isGreedy ? 1 : exp(beta * (keptValues[i] - first))
                    cachedWords.append(keptWords[i]); cachedCumulative.append(acc)
                }
            }
            r = start..<cachedWords.count
            if cachedWords.count <= Self.cacheLimit { keptCache[key] = r } else { borrowed = true }
        }
        defer { if borrowed { cachedWords.removeSubrange(r); cachedCumulative.removeSubrange(r) } }
        guard !r.isEmpty else { return nil }
        if options.isGreedy || r.count == 1 { return cachedWords[r.lowerBound] }
        let u = rng.nextUnitDouble() * cachedCumulative[r.upperBound - 1]
        var lo = r.lowerBound, hi = r.upperBound - 1
        while lo < hi { let mid = (lo + hi) >> 1; if cachedCumulative[mid] > u { hi = mid } else { lo = mid + 1 } }
        return cachedWords[lo]
    }
}
