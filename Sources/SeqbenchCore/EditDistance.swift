/// Edit distance and "did you mean" suggestions for unknown names (corpora, model kinds, options).
public enum EditDistance {
    /// The Levenshtein distance between `a` and `b` (insertions, deletions and substitutions of
    /// `Character`s, each of cost 1).
    ///
    ///     d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + [a_i ≠ b_j])
    /// - Complexity: O(|a| · |b|) time, O(|b|) space.
    public static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// The candidate closest to `word` (case-insensitive), if it is close enough to be a misspelling:
    /// distance ≤ max(2, |word| / 3). Ties go to the alphabetically first candidate, so the answer
    /// never depends on the order of `candidates`.
    /// - Complexity: O(Σ |word| · |candidate|).
    public static func nearest(_ word: String, in candidates: [String]) -> String? {
        let w = word.lowercased()
        var best: (name: String, distance: Int)? = nil
        for c in candidates {
            let d = levenshtein(w, c.lowercased())
            if best == nil || d < best!.distance || (d == best!.distance && c < best!.name) { best = (c, d) }
        }
        guard let b = best, b.distance <= max(2, w.count / 3) else { return nil }
        return b.name
    }

    /// " (did you mean 'x'?)" when a candidate is close to `word`, else "".
    public static func suggestion(for word: String, in candidates: [String]) -> String {
        nearest(word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
