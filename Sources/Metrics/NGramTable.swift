/// Dense ids for the n-grams of a pooled set of samples, order by order.
///
/// Order 1 maps each token to an id in order of first appearance; order n maps the pair
/// (id of the (n−1)-gram at i, token at i + n − 1) to an id, so every order costs one hash lookup per
/// position whatever n is. Ids are labels only: every metric computed from them counts, and counts do
/// not depend on how the labels were assigned.
struct NGramTable {
    /// `ids[s][i]` is the id of the n-gram of sample `s` starting at position `i` (length `count − n + 1`,
    /// or empty when the sample is shorter than n).
    var ids: [[Int32]]
    /// Number of distinct n-grams over all samples.
    var distinct: Int
    /// Total number of n-grams over all samples.
    var total: Int { ids.reduce(0) { $0 + $1.count } }

    /// Tables for orders 1…maxN (index n − 1).
    /// - Complexity: O(maxN · T) expected, T = total tokens.
    static func tables(_ samples: [[Int32]], maxN: Int) -> [NGramTable] {
        precondition(maxN >= 1, "n must be ≥ 1, got \(maxN)")
        var out: [NGramTable] = []
        out.reserveCapacity(maxN)
        // Order 1.
        var unigram: [Int32: Int32] = [:]
        var ids1: [[Int32]] = []
        ids1.reserveCapacity(samples.count)
        for s in samples {
            var row = [Int32](repeating: 0, count: s.count)
            for (i, t) in s.enumerated() {
                if let id = unigram[t] { row[i] = id } else {
                    let id = Int32(unigram.count); unigram[t] = id; row[i] = id
                }
            }
            ids1.append(row)
        }
        out.append(NGramTable(ids: ids1, distinct: unigram.count))
        if maxN == 1 { return out }
        for n in 2...maxN {
            var map: [UInt64: Int32] = [:]
            let prev = out[n - 2].ids
            var rows: [[Int32]] = []
            rows.reserveCapacity(samples.count)
            for (si, s) in samples.enumerated() {
                let m = s.count - n + 1
                guard m > 0 else { rows.append([]); continue }
                var row = [Int32](repeating: 0, count: m)
                let p = prev[si]
                for i in 0..<m {
                    let key = UInt64(UInt32(bitPattern: p[i])) << 32 | UInt64(UInt32(bitPattern: s[i + n - 1]))
                    if let id = map[key] { row[i] = id } else {
                        let id = Int32(map.count); map[key] = id; row[i] = id
                    }
                }
                rows.append(row)
            }
            out.append(NGramTable(ids: rows, distinct: map.count))
        }
        return out
    }
}
