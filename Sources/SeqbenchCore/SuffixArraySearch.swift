/// Searches over a suffix array (`SuffixArray`) of a token sequence t, shared by the copying metrics
/// (`TrainingIndex`) and the ∞-gram model. Intervals are ranges of suffix-array positions whose
/// suffixes share a prefix; a suffix that ends inside the prefix sorts before its extensions.
///
/// Binary searches use Manber & Myers' lcp accelerant: comparisons start after min(lcp with the left
/// bound, lcp with the right bound).
public enum SuffixArraySearch {
    /// Compares the first m tokens of the suffix at `pos` with the pattern p (|p| = m), skipping the
    /// first `start` tokens known to match. Returns the sign (suffix − pattern; a suffix shorter than
    /// the pattern that matches all its tokens is smaller) and the lcp found.
    @inlinable @inline(__always)
    public static func compare(_ p: UnsafeBufferPointer<Int32>, _ t: UnsafeBufferPointer<Int32>, suffix pos: Int,
                        from start: Int) -> (sign: Int, lcp: Int) {
        var l = start
        let m = p.count, n = t.count
        while l < m {
            if pos + l >= n { return (-1, l) }
            let a = t[pos + l], b = p[l]
            if a != b { return (a < b ? -1 : 1, l) }
            l += 1
        }
        return (0, m)
    }

    /// The suffix-array interval (within `bounds`) of the suffixes that start with p.
    @inlinable
    public static func range(of p: UnsafeBufferPointer<Int32>, _ t: UnsafeBufferPointer<Int32>,
                      _ sa: UnsafeBufferPointer<Int32>, in bounds: Range<Int>) -> Range<Int> {
        // Lower bound: first j with suffix ≥ p. Invariant: suffix(lo) < p ≤ suffix(hi) (virtual ends).
        var lo = bounds.lowerBound - 1, hi = bounds.upperBound
        var llcp = 0, rlcp = 0
        while hi - lo > 1 {
            let mid = (lo + hi) >> 1
            let (sign, l) = compare(p, t, suffix: Int(sa[mid]), from: min(llcp, rlcp))
            if sign < 0 { lo = mid; llcp = l } else { hi = mid; rlcp = l }
        }
        let first = hi
        // Upper bound: first j with suffix > p (prefix-equal counts as ≤).
        hi = bounds.upperBound
        llcp = 0; rlcp = 0
        if first < bounds.upperBound, compare(p, t, suffix: Int(sa[first]), from: 0).sign == 0 {
            llcp = p.count
        } else {
            return first..<first
        }
        lo = first
        while hi - lo > 1 {
            let mid = (lo + hi) >> 1
            let (sign, l) = compare(p, t, suffix: Int(sa[mid]), from: min(llcp, rlcp))
            if sign <= 0 { lo = mid; llcp = l } else { hi = mid; rlcp = l }
        }
        return first..<hi
    }

    /// Within an interval whose suffixes share their first `offset` tokens, the sub-interval whose
    /// token at `offset` is `token` (suffixes that end at `offset` sort first).
    @inlinable
    public static func narrow(_ r: Range<Int>, offset: Int, token: Int32, _ t: UnsafeBufferPointer<Int32>,
                       _ sa: UnsafeBufferPointer<Int32>) -> Range<Int> {
        let n = t.count
        @inline(__always) func key(_ j: Int) -> Int64 {
            let q = Int(sa[j]) + offset
            return q < n ? Int64(t[q]) : Int64.min
        }
        let c = Int64(token)
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi { let mid = (lo + hi) >> 1; if key(mid) < c { lo = mid + 1 } else { hi = mid } }
        let first = lo
        hi = r.upperBound
        while lo < hi { let mid = (lo + hi) >> 1; if key(mid) <= c { lo = mid + 1 } else { hi = mid } }
        return first..<lo
    }
}
