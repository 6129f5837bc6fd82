/// Suffix arrays over token ids: `sa[j]` is the start of the j-th smallest suffix of `t`, where
/// suffixes compare lexicographically by id and a proper prefix sorts before its extensions.
public enum SuffixArray {
    /// Prefix doubling with radix sort (Manber & Myers 1993, "Suffix arrays: a new method for on-line
    /// string searches"; the counting-sort formulation of Larsson & Sadakane 2007): after round k the
    /// ranks order the suffixes by their first 2^k tokens; round k + 1 sorts the pairs
    /// (rank[i], rank[i + 2^k]) with one stable counting sort on the first key (the second-key order
    /// is read off the previous suffix array). Stops as soon as all ranks differ.
    /// - Parameter t: n token ids (any Int32 values); n < 2³¹.
    /// - Returns: the n suffix starts, as Int32.
    /// - Complexity: O(n log n) time in the worst case (O(n log ℓ) with ℓ the longest repeated
    ///   substring); 4 arrays of n Int32 of memory.
    public static func build(_ t: [Int32]) -> [Int32] {
        let n = t.count
        precondition(n < Int(Int32.max), "at most 2^31 − 2 tokens, got \(n)")
        if n == 0 { return [] }
        // Initial ranks: dense ranks of the token values.
        let values = Array(Set(t)).sorted()
        var valueRank: [Int32: Int32] = [:]
        valueRank.reserveCapacity(values.count)
        for (r, v) in values.enumerated() { valueRank[v] = Int32(r) }
        var rank = [Int32](repeating: 0, count: n)
        var sa = [Int32](repeating: 0, count: n)
        var tmp = [Int32](repeating: 0, count: n)
        var count = [Int32](repeating: 0, count: max(n, values.count) + 1)
        var classes = values.count
        rank.withUnsafeMutableBufferPointer { rank in
            sa.withUnsafeMutableBufferPointer { sa in
                tmp.withUnsafeMutableBufferPointer { tmp in
                    count.withUnsafeMutableBufferPointer { count in
                        for i in 0..<n { rank[i] = valueRank[t[i]]! }
                        // Counting sort of the positions by their first token.
                        for i in 0..<n { count[Int(rank[i]) + 1] += 1 }
                        for r in 0..<classes { count[r + 1] += count[r] }
                        for i in 0..<n { let r = Int(rank[i]); sa[Int(count[r])] = Int32(i); count[r] += 1 }
                        if classes == n { return }
                        var k = 1
                        while true {
                            // Positions in order of the second key rank[i + k]; i + k ≥ n (empty) first.
                            var p = 0
                            for i in (n - k)..<n where i >= 0 { tmp[p] = Int32(i); p += 1 }
                            for j in 0..<n where Int(sa[j]) >= k { tmp[p] = sa[j] - Int32(k); p += 1 }
                            // Stable counting sort on the first key rank[i].
                            for r in 0...classes { count[r] = 0 }
                            for i in 0..<n { count[Int(rank[i]) + 1] += 1 }
                            for r in 0..<classes { count[r + 1] += count[r] }
                            for j in 0..<n {
                                let i = Int(tmp[j]); let r = Int(rank[i])
                                sa[Int(count[r])] = Int32(i); count[r] += 1
                            }
                            // New ranks from the (first, second) key pairs, into tmp.
                            var c: Int32 = 0
                            tmp[Int(sa[0])] = 0
                            for j in 1..<n {
                                let a = Int(sa[j - 1]), b = Int(sa[j])
                                let a2: Int32 = a + k < n ? rank[a + k] : -1
                                let b2: Int32 = b + k < n ? rank[b + k] : -1
                                if rank[a] != rank[b] || a2 != b2 { c += 1 }
                                tmp[b] = c
                            }
                            for i in 0..<n { rank[i] = tmp[i] }
                            classes = Int(c) + 1
                            if classes == n || k >= n { return }
                            k *= 2
                        }
                    }
                }
            }
        }
        return sa
    }

    /// The naive twin of `build`: sorts the suffix starts with a lexicographic comparison.
    /// - Complexity: O(n² log n) in the worst case; for tests.
    public static func naive(_ t: [Int32]) -> [Int32] {
        (0..<t.count).sorted { a, b in
            t[a...].lexicographicallyPrecedes(t[b...])
        }.map(Int32.init)
    }
}
