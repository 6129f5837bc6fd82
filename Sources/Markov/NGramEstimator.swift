import Foundation

/// Turns raw counts into a backoff model for one `Smoothing`.
///
/// Modified Kneser-Ney follows KenLM's `lmplz` step by step (kenlm-conventions.md §2–3):
///
/// * adjusted counts a(g): raw count at the highest order and for n-grams starting with `<s>`;
///   otherwise N₁₊(• g), the number of distinct tokens (`<s>` included) seen before g; a(`<s>`) =
///   a(`<unk>`) = 0;
/// * count-of-counts n_j per order over a (a = 0 never counts), with KenLM's quirk (below), and
///   discounts by `KneserNeyDiscounts.modified`, falling back per order where undefined;
/// * for every context h: u(hw) = (a(hw) − D_{min(a,3)}) / Σ_w a(hw),
///   γ(h) = (D₁N₁(h•) + D₂N₂(h•) + D₃N₃₊(h•)) / Σ_w a(hw);
/// * p(w) = u(w) + γ() / |V| (so p(`<unk>`) = γ()/|V|), p(hw) = u(hw) + γ(h) p(w | h'); the stored
///   backoff of h is γ(h).
///
/// **The count-of-counts quirk** (`adjust_counts.cc:324-338`): lmplz adds the n-grams still open at the
/// end of its suffix-sorted stream — the suffixes (orders 1…N−1, cut at `<s>`) of the last N-gram in
/// suffix order under KenLM's first-appearance ids — to the count-of-counts with their *raw* count
/// instead of the adjusted one. `kenlmQuirk` copies this; it changes only the discounts.
public enum NGramEstimator {
    public struct Configuration: Sendable {
        public var order: Int
        public var smoothing: Smoothing
        public var k: Double
        public var kenlmQuirk: Bool
        public var fallback: Discounts
        public var vocabularySize: Int
        public var endOfSentence: UInt32?
        public init(order: Int, smoothing: Smoothing, k: Double = 1, kenlmQuirk: Bool = true,
                    fallback: Discounts = .kenLMFallback, vocabularySize: Int, endOfSentence: UInt32?) {
            self.order = order; self.smoothing = smoothing; self.k = k; self.kenlmQuirk = kenlmQuirk
            self.fallback = fallback; self.vocabularySize = vocabularySize; self.endOfSentence = endOfSentence
        }
    }

    /// What the estimate was built from (for reports and tests).
    public struct Statistics: Sendable {
        /// Per order: adjusted counts (KN) or raw counts (others), local index order.
        public var adjusted: [[UInt32]]
        /// Per order: n₁…n₄ (index 1…4) after the quirk.
        public var countOfCounts: [[UInt64]]
        /// Per order: the discounts used (KN: d1 = d2 = d3).
        public var discounts: [Discounts]
        /// Orders (1-based) whose discounts fell back.
        public var fellBack: [Int]
        /// Per order: n-grams stored.
        public var ngrams: [Int]
        /// Per order: the local indices whose count-of-count the quirk took from the raw count.
        public var quirkNGrams: [[UInt32]]
    }

    public static func estimate(counts: NGramCounts, sequence: [UInt32], configuration cfg: Configuration) -> (BackoffTrie, Statistics) {
        let n = counts.order
        let v = cfg.vocabularySize
        let bos = Int(counts.bos)
        precondition(bos == v, "counts and configuration disagree on the vocabulary size")
        // Adjusted (or raw) counts.
        var adj = counts.count
        if cfg.smoothing.usesAdjustedCounts && n >= 2 {
            for k in 1..<n {
                var cont = [UInt32](repeating: 0, count: counts.size(ofOrder: k))
                for s in counts.suffix[k] { cont[Int(s)] &+= 1 }
                let sb = counts.startsWithBOS[k - 1]
                for i in 0..<cont.count where !sb[i] { adj[k - 1][i] = cont[i] }
            }
        }
        adj[0][bos] = 0
        if cfg.smoothing.usesAdjustedCounts { adj[0][0] = 0 }
        // Count-of-counts and discounts.
        var coc = adj.map { KneserNeyDiscounts.countOfCounts($0) }
        // <s> starts n-grams of order ≥ 2 with raw counts: those count (they are in lmplz's statistics).
        var quirk = [[UInt32]](repeating: [], count: n)
        if cfg.smoothing == .modifiedKneserNey && cfg.kenlmQuirk && n >= 2 {
            quirk = quirkNGrams(counts: counts, sequence: sequence, endOfSentence: cfg.endOfSentence)
            for k in 1..<n {
                for i in quirk[k - 1] {
                    let a = adj[k - 1][Int(i)], c = counts.count[k - 1][Int(i)]
                    if a >= 1 && a <= 4 { coc[k - 1][Int(a)] -= 1 }
                    if c >= 1 && c <= 4 { coc[k - 1][Int(c)] += 1 }
                }
            }
        }
        var discounts: [Discounts] = []
        var fell: [Int] = []
        for k in 1...n {
            switch cfg.smoothing {
            case .modifiedKneserNey:
                if let d = KneserNeyDiscounts.modified(countOfCounts: coc[k - 1]) { discounts.append(d) } else { discounts.append(cfg.fallback); fell.append(k) }
            case .kneserNey:
                if let d = KneserNeyDiscounts.single(countOfCounts: coc[k - 1]) { discounts.append(Discounts(d, d, d)) } else {
                    discounts.append(Discounts(cfg.fallback.d1, cfg.fallback.d1, cfg.fallback.d1)); fell.append(k)
                }
            default:
                discounts.append(Discounts(0, 0, 0))
            }
        }

        // Probabilities, order by order (linear space while building).
        var prob: [[Double]] = []
        var logProbs: [[Double]] = []
        var logBackoffs: [[Double]] = []
        let uniform = 1 / Double(v)
        for k in 1...n {
            let size = counts.size(ofOrder: k)
            var p = [Double](repeating: 0, count: size)
            let a = adj[k - 1], raw = counts.count[k - 1]
            let d = discounts[k - 1]
            // Groups of children sharing a parent (order 1: one group, <s> excluded).
            var gamma = k >= 2 ? [Double](repeating: 0, count: counts.size(ofOrder: k - 1)) : []
            var start = 0
            let end1 = k == 1 ? bos : size
            while start < end1 {
                var stop = start + 1
                if k >= 2 { let par = counts.parent[k - 1]; while stop < size && par[stop] == par[start] { stop += 1 } } else { stop = bos }
                // Statistics of this context.
                var sumA = 0.0, sumRaw = 0.0, n1 = 0.0, n2 = 0.0, n3 = 0.0, types = 0.0
                for i in start..<stop {
                    let ai = a[i]
                    sumA += Double(ai); sumRaw += Double(raw[i])
                    if ai == 1 { n1 += 1 } else if ai == 2 { n2 += 1 } else if ai >= 3 { n3 += 1 }
                    if raw[i] > 0 { types += 1 }
                }
                var g = 0.0
                switch cfg.smoothing {
                case .kneserNey, .modifiedKneserNey:
                    if sumA > 0 {
                        g = (d.d1 * n1 + d.d2 * n2 + d.d3 * n3) / sumA
                        for i in start..<stop {
                            let lower = k == 1 ? uniform : prob[k - 2][Int(counts.suffix[k - 1][i])]
                            p[i] = (Double(a[i]) - d.amount(for: a[i])) / sumA + g * lower
                        }
                    } else {
                        g = 1
                        for i in start..<stop { p[i] = k == 1 ? uniform : prob[k - 2][Int(counts.suffix[k - 1][i])] }
                    }
                case .wittenBell:
                    let den = sumRaw + types
                    if den > 0 {
                        g = types / den
                        for i in start..<stop {
                            let lower = k == 1 ? uniform : prob[k - 2][Int(counts.suffix[k - 1][i])]
                            p[i] = Double(raw[i]) / den + g * lower
                        }
                    } else {
                        g = 1
                        for i in start..<stop { p[i] = k == 1 ? uniform : prob[k - 2][Int(counts.suffix[k - 1][i])] }
                    }
                case .addK:
                    let den = sumRaw + cfg.k * Double(v)
                    g = cfg.k * Double(v) / den
                    for i in start..<stop { p[i] = (Double(raw[i]) + cfg.k) / den }
                case .mle:
                    g = 0
                    for i in start..<stop { p[i] = sumRaw > 0 ? Double(raw[i]) / sumRaw : 0 }
                }
                if k >= 2 { gamma[Int(counts.parent[k - 1][start])] = g }
                start = stop
            }
            if k == 1 { p[bos] = 1 }
            prob.append(p)
            logProbs.append(p.map { log($0) })
            if k >= 2 {
                logBackoffs.append(gamma.map { log($0) })  // γ = 0 (mle) → −∞
                // Contexts without children keep backoff 0 (ln 1).
                var hasChild = [Bool](repeating: false, count: gamma.count)
                for pa in counts.parent[k - 1] { hasChild[Int(pa)] = true }
                for i in 0..<gamma.count where !hasChild[i] { logBackoffs[k - 2][i] = 0 }
            }
        }
        if logBackoffs.count < n - 1 { logBackoffs.append(contentsOf: Array(repeating: [], count: n - 1 - logBackoffs.count)) }
        let mode: BackoffMode
        switch cfg.smoothing {
        case .addK: mode = .uniform
        case .mle: mode = .none
        default: mode = .chain
        }
        let trie = BackoffTrie(order: n, vocabularySize: v, endOfSentence: cfg.endOfSentence, mode: mode,
                               words: counts.word, parents: counts.parent, suffixes: counts.suffix,
                               logProbs: logProbs, logBackoffs: logBackoffs)
        let stats = Statistics(adjusted: adj, countOfCounts: coc, discounts: discounts, fellBack: fell,
                               ngrams: counts.word.map(\.count), quirkNGrams: quirk)
        return (trie, stats)
    }

    /// The n-grams whose count-of-count lmplz takes from the raw count (see the type's comment).
    /// - Complexity: O(T + occurrences of the latest-appearing token × N).
    static func quirkNGrams(counts: NGramCounts, sequence seq: [UInt32], endOfSentence: UInt32?) -> [[UInt32]] {
        let n = counts.order
        let bos = counts.bos
        // KenLM ids: <unk> 0, <s> 1, </s> 2, then first appearance.
        var kid = [UInt32](repeating: UInt32.max, count: Int(bos) + 1)
        kid[0] = 0; kid[Int(bos)] = 1
        var next: UInt32 = 2
        if let e = endOfSentence { kid[Int(e)] = 2; next = 3 }
        for x in seq where kid[Int(x)] == UInt32.max { kid[Int(x)] = next; next += 1 }
        // The last N-gram in suffix order ends in the token with the highest KenLM id.
        var best: Int? = nil
        var maxKid: UInt32 = 0
        for x in seq where x != bos && kid[Int(x)] >= maxKid { maxKid = kid[Int(x)] }
        func key(_ p: Int, _ j: Int) -> UInt32 {  // KenLM id of the j-th token back from p, <s>-padded
            var q = p, jj = j
            while jj > 0 { if seq[q] == bos { return 1 }; q -= 1; jj -= 1 }
            return kid[Int(seq[q])]
        }
        for p in 0..<seq.count where seq[p] != bos && kid[Int(seq[p])] == maxKid {
            guard let b = best else { best = p; continue }
            for j in 1..<max(n, 2) {
                let x = key(p, j), y = key(b, j)
                if x != y { if x > y { best = p }; break }
            }
        }
        var out = [[UInt32]](repeating: [], count: n)
        guard let p = best else { return out }
        // Its suffixes of orders 1…N−1 that stay inside the sentence (the one starting with <s> included).
        var node = seq[p]  // order-1 local index
        out[0].append(node)
        var j = 1
        while j < n - 1 {
            let q = p - j
            if q < 0 { break }
            guard let found = counts.find(prefixOf: seq[q], extending: node, order: j + 1) else { break }
            node = found
            out[j].append(node)
            if seq[q] == bos { break }
            j += 1
        }
        return out
    }
}

extension NGramCounts {
    /// The local index of the order-k n-gram (w, g) where g is the order-(k−1) n-gram `suffixIndex`:
    /// found through the suffix links of order k (binary search would need the prefix; a linear scan
    /// over the order is avoided by checking candidates with matching word and suffix).
    /// - Complexity: O(size of order k) in the worst case; used once per build.
    func find(prefixOf w: UInt32, extending suffixIndex: UInt32, order k: Int) -> UInt32? {
        let suf = suffix[k - 1]
        let par = parent[k - 1]
        for i in 0..<suf.count where suf[i] == suffixIndex {
            // The first token of node i is the first token of its parent chain.
            var first = par[i], kk = k - 1
            while kk > 1 { first = parent[kk - 1][Int(first)]; kk -= 1 }
            if first == w { return UInt32(i) }
        }
        return nil
    }
}
