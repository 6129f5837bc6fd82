import SeqbenchCore

/// The training split's tokens with their suffix array, for the copying metrics: n-gram novelty
/// (McCoy et al. 2023, "How Much Do Language Models Copy From Their Training Data? Evaluating
/// Linguistic Novelty in Text Generation Using RAVEN", TACL) and the longest verbatim copy (the
/// suffix-array lookups of infini-gram / Merrill et al.'s "non-novel suffix length").
///
/// Lookups are `SuffixArraySearch`'s binary searches (with Manber & Myers' lcp accelerant), so finding
/// a pattern of m tokens costs O(m + log N) comparisons in practice (O(m log N) in the worst case).
public final class TrainingIndex: Sendable {
    /// The training tokens (N).
    public let tokens: [Int32]
    /// Their suffix array (`SuffixArray.build`).
    public let suffixArray: [Int32]
    /// The suffix-array interval of the suffixes that start with each distinct token (the first step
    /// of every search, without a binary search over all N suffixes).
    private let firstTokenRange: [Int32: Range<Int>]

    /// Indexes `tokens`.
    /// - Complexity: O(N + σ log σ) time (SA-IS, see `SuffixArray.build`), about 5 N Int32 of peak memory.
    public init(tokens: [Int32]) {
        self.tokens = tokens
        let sa = SuffixArray.build(tokens)
        self.suffixArray = sa
        var ranges: [Int32: Range<Int>] = [:]
        var start = 0
        for j in 0..<sa.count where j + 1 == sa.count || tokens[Int(sa[j + 1])] != tokens[Int(sa[j])] {
            ranges[tokens[Int(sa[j])]] = start..<(j + 1)
            start = j + 1
        }
        self.firstTokenRange = ranges
    }

    /// Number of training tokens.
    public var count: Int { tokens.count }

    /// Number of occurrences of `pattern` in the training tokens (N for the empty pattern).
    /// - Complexity: O(m log N) comparisons at worst.
    public func occurrences(of pattern: [Int32]) -> Int {
        withBuffers { t, sa in
            pattern.withUnsafeBufferPointer { p in SuffixArraySearch.range(of: p, t, sa, in: 0..<sa.count).count }
        }
    }

    /// The fraction of the samples' n-grams, pooled with multiplicity, that never occur (contiguously)
    /// in the training tokens (McCoy et al. 2023):
    ///
    ///     novelty-n = Σ_s Σ_i 1[x_{i..i+n−1} ∉ train] / Σ_s max(0, |s| − n + 1)
    ///
    /// Samples shorter than n contribute nothing.
    /// - Returns: a value in [0, 1]; NaN when the samples have no n-gram.
    /// - Complexity: see `novelties(_:orders:)`.
    public func novelty(_ samples: [[Int32]], n: Int) -> Double {
        novelties(samples, orders: [n])[0]
    }

    /// `novelty(samples, n:)` for several orders at once, from one pass of capped matching statistics:
    /// the n-gram at i occurs in the training tokens iff the longest prefix of x_{i…} found there has
    /// ≥ n tokens, so one scan with cap max(orders) answers every order.
    /// - Complexity: O(T · (c + log N)) comparisons in practice, T = sample tokens, c = max(orders).
    public func novelties(_ samples: [[Int32]], orders: [Int]) -> [Double] {
        precondition(orders.allSatisfy { $0 >= 1 }, "orders must be ≥ 1, got \(orders)")
        guard let cap = orders.max() else { return [] }
        var total = [Int](repeating: 0, count: orders.count)
        var novel = total
        for s in samples where !s.isEmpty {
            let ms = matchingLengths(s, cap: cap)
            for (k, n) in orders.enumerated() where s.count >= n {
                total[k] += s.count - n + 1
                for i in 0...(s.count - n) where ms[i] < n { novel[k] += 1 }
            }
        }
        return zip(novel, total).map { $1 > 0 ? Double($0) / Double($1) : .nan }
    }

    /// Capped matching statistics: `ms[i]` = the length of the longest prefix of x_{i…}, at most `cap`,
    /// that occurs in the training tokens. Uses ms[i] ≥ ms[i−1] − 1: the search for position i starts
    /// from the known match x_{i..i+ms[i−1]−2} and extends it one token at a time by narrowing the
    /// suffix-array interval.
    /// - Complexity: O(L · (c + log N)) comparisons in practice.
    func matchingLengths(_ sample: [Int32], cap: Int) -> [Int] {
        let L = sample.count
        var ms = [Int](repeating: 0, count: L)
        withBuffers { t, sa in
            sample.withUnsafeBufferPointer { x in
                var prev = 0
                for i in 0..<L {
                    guard cap > 0, let bucket = firstTokenRange[x[i]] else { ms[i] = 0; prev = 0; continue }
                    var m = max(prev - 1, 1)
                    var r = m > 1
                        ? SuffixArraySearch.range(of: UnsafeBufferPointer(rebasing: x[i..<(i + m)]), t, sa, in: bucket)
                        : bucket
                    while m < cap && i + m < L {
                        let next = SuffixArraySearch.narrow(r, offset: m, token: x[i + m], t, sa)
                        if next.isEmpty { break }
                        r = next
                        m += 1
                    }
                    ms[i] = m
                    prev = m
                }
            }
        }
        return ms
    }

    /// The length of the longest run of consecutive sample tokens that occurs verbatim (contiguously)
    /// in the training tokens:
    ///
    ///     max { ℓ : ∃ i, x_{i..i+ℓ−1} occurs in train }   (0 for an empty sample or no shared token)
    ///
    /// Scans start positions i keeping the best length b so far: a start can only improve on b if
    /// x_{i..i+b} (b + 1 tokens) occurs; when it does, the match is extended one token at a time by
    /// narrowing its suffix-array interval on the next token.
    /// - Complexity: O(L · (b + log N)) comparisons in practice, L = |sample|, b = the result.
    public func longestCopy(_ sample: [Int32]) -> Int {
        let L = sample.count
        var best = 0
        withBuffers { t, sa in
            sample.withUnsafeBufferPointer { x in
                var i = 0
                while i + best < L {
                    guard let bucket = firstTokenRange[x[i]] else { i += 1; continue }
                    var r = SuffixArraySearch.range(of: UnsafeBufferPointer(rebasing: x[i..<(i + best + 1)]), t, sa, in: bucket)
                    if !r.isEmpty {
                        best += 1
                        while i + best < L {
                            let next = SuffixArraySearch.narrow(r, offset: best, token: x[i + best], t, sa)
                            if next.isEmpty { break }
                            r = next
                            best += 1
                        }
                    }
                    i += 1
                }
            }
        }
        return best
    }

    // MARK: Suffix-array search

    private func withBuffers<R>(_ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>) -> R) -> R {
        tokens.withUnsafeBufferPointer { t in suffixArray.withUnsafeBufferPointer { sa in body(t, sa) } }
    }
}
