/// Repetition and diversity metrics over generated samples, each a sequence of token ids.
///
/// Every metric states its formula, its source and what it returns when it is undefined (NaN, never a
/// crash and never a silent 0). Samples are token ids from one vocabulary; ids are compared for
/// equality only, so any injective tokenization works (make sure distinct units never share an id,
/// e.g. by mapping several unknown units to `<unk>`).
public enum TextMetrics {
    /// distinct-n (Li et al. 2016, "A Diversity-Promoting Objective Function for Neural Conversation
    /// Models", NAACL), in the common variant that divides by the n-gram count rather than the token count:
    ///
    ///     distinct-n = |{ n-grams of all samples }| / Σ_s max(0, |s| − n + 1)
    ///
    /// pooled over all samples (an n-gram repeated in two samples counts once in the numerator).
    /// Samples shorter than n contribute nothing.
    /// - Returns: a value in (0, 1]; NaN when there is no n-gram at all (no samples, or all shorter than n).
    /// - Complexity: O(n · T) expected, T = total tokens.
    public static func distinctN(_ samples: [[Int32]], n: Int) -> Double {
        precondition(n >= 1, "n must be ≥ 1, got \(n)")
        let table = NGramTable.tables(samples, maxN: n)[n - 1]
        let total = table.total
        guard total > 0 else { return .nan }
        return Double(table.distinct) / Double(total)
    }

    /// seq-rep-n (Welleck et al. 2019, "Neural Text Generation with Unlikelihood Training", ICLR 2020;
    /// `pct_repeat_{n}grams` in facebookresearch/unlikelihood_training): per sample
    ///
    ///     seq-rep-n(s) = 1 − |unique n-grams of s| / |n-grams of s|
    ///
    /// then the mean over the samples that have at least one n-gram (a macro average, unlike the pooled
    /// rep-n of SimCTG).
    /// - Returns: a value in [0, 1); NaN when no sample has an n-gram.
    /// - Complexity: O(n · T) expected.
    public static func seqRepN(_ samples: [[Int32]], n: Int) -> Double {
        precondition(n >= 1, "n must be ≥ 1, got \(n)")
        let table = NGramTable.tables(samples, maxN: n)[n - 1]
        // lastSeen[id] = index of the last sample that contained the n-gram (+1; 0 = never).
        var lastSeen = [Int32](repeating: 0, count: table.distinct)
        var sum = 0.0
        var counted = 0
        for (si, row) in table.ids.enumerated() where !row.isEmpty {
            let mark = Int32(si + 1)
            var unique = 0
            for id in row where lastSeen[Int(id)] != mark {
                lastSeen[Int(id)] = mark
                unique += 1
            }
            sum += 1 - Double(unique) / Double(row.count)
            counted += 1
        }
        guard counted > 0 else { return .nan }
        return sum / Double(counted)
    }

    /// rep/ℓ computed on samples (the "human rep/ℓ" form of Welleck et al. 2019 applied to generated
    /// text): the pooled fraction of tokens that equal one of the ℓ tokens before them,
    ///
    ///     rep/ℓ = Σ_s Σ_t 1[x_t ∈ {x_{max(0,t−ℓ)}, …, x_{t−1}}] / Σ_s |s|
    ///
    /// A token with fewer than ℓ predecessors compares with those it has; the first token of a sample
    /// never repeats but counts in the denominator.
    /// - Parameter window: ℓ ≥ 1.
    /// - Returns: a value in [0, 1); NaN when there are no tokens.
    /// - Complexity: O(T) expected (last position of each token in a hash map).
    public static func repWindow(_ samples: [[Int32]], window: Int) -> Double {
        precondition(window >= 1, "window must be ≥ 1, got \(window)")
        var repeats = 0
        var total = 0
        var last: [Int32: Int] = [:]
        for s in samples {
            last.removeAll(keepingCapacity: true)
            for (t, x) in s.enumerated() {
                if let p = last[x], t - p <= window { repeats += 1 }
                last[x] = t
            }
            total += s.count
        }
        guard total > 0 else { return .nan }
        return Double(repeats) / Double(total)
    }

    /// Entropy in bits of the pooled unigram distribution, p(w) = c(w) / T:
    ///
    ///     H = −Σ_w p(w) log₂ p(w)
    ///
    /// The terms are summed in ascending order of count (then id) so the result does not depend on
    /// hash-map order.
    /// - Returns: a value in [0, log₂ V]; 0 when all tokens are one token; NaN when there are no tokens.
    /// - Complexity: O(T + V log V).
    public static func unigramEntropyBits(_ samples: [[Int32]]) -> Double {
        let counts = sortedCounts(samples)
        let total = counts.reduce(0) { $0 + $1.count }
        guard total > 0 else { return .nan }
        let t = Double(total)
        var h = 0.0
        for c in counts.reversed() {
            let p = Double(c.count) / t
            h -= p * log2(p)
        }
        return h == 0 ? 0 : h  // −0 → 0
    }

    /// Pooled token counts, sorted by count descending then token id ascending (a deterministic order).
    static func sortedCounts(_ samples: [[Int32]]) -> [(token: Int32, count: Int)] {
        var counts: [Int32: Int] = [:]
        for s in samples { for x in s { counts[x, default: 0] += 1 } }
        return counts.map { (token: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.token < $1.token }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
