/// Raw n-gram counts of a token sequence, orders 1…N, as sorted per-order arrays (a forward trie).
///
/// The sequence holds `<s>` (id `bos` = |V|) at the start of every sentence. The n-grams of order k are
/// the windows of length k that contain `<s>` at most as their first token (so nothing spans two
/// sentences, as KenLM's `lmplz` counts them). Order-1 node of id w has local index w (every id 0…bos
/// is listed, with count 0 when absent). Order-k nodes are sorted by (parent, word), where parent is
/// the local index of the (k−1)-token prefix; `suffix` is the local index of the (k−1)-token suffix.
public struct NGramCounts: Sendable {
    public let order: Int
    public let bos: UInt32
    /// Per order (index k−1): parent index (order k−1), word, suffix index (order k−1), raw count.
    public var parent: [[UInt32]]
    public var word: [[UInt32]]
    public var suffix: [[UInt32]]
    public var count: [[UInt32]]
    /// Per order: does the n-gram start with `<s>`?
    public var startsWithBOS: [[Bool]]

    public func size(ofOrder k: Int) -> Int { word[k - 1].count }

    /// Counts `sequence` in one pass per order.
    ///
    /// Order k is built from order k−1: the window of length k ending at position p is the order-(k−1)
    /// window ending at p−1 extended by token p. Its key (parent index, token) is ordered by a two-pass
    /// stable counting sort of the positions (by token, then by parent), equal keys become one node, and
    /// every position learns its node index for the next order.
    /// - Parameters:
    ///   - sequence: token ids with `<s>` = `vocabularySize` before every sentence.
    /// - Complexity: O(N · (T + U)) time for T positions and U n-grams per order; 4 · (3T) bytes of
    ///   working memory beyond the result.
    public static func count(sequence seq: [UInt32], order: Int, vocabularySize v: Int) -> NGramCounts {
        precondition(order >= 1, "order must be >= 1, got \(order)")
        let bos = UInt32(v)
        let t = seq.count
        let invalid = UInt32.max
        // Order 1.
        var c1 = [UInt32](repeating: 0, count: v + 1)
        for x in seq { precondition(x <= bos, "token id \(x) outside the vocabulary"); c1[Int(x)] &+= 1 }
        var parents: [[UInt32]] = [[UInt32](repeating: 0, count: v + 1)]
        var words: [[UInt32]] = [(0...bos).map { $0 }]
        var suffixes: [[UInt32]] = [[UInt32](repeating: 0, count: v + 1)]
        var counts: [[UInt32]] = [c1]
        var sbos: [[Bool]] = [(0...bos).map { $0 == bos }]
        if order == 1 { return NGramCounts(order: 1, bos: bos, parent: parents, word: words, suffix: suffixes, count: counts, startsWithBOS: sbos) }

        // Working buffers, taken once (no bounds or uniqueness checks in the loops). Every loop over
        // positions reads sequentially; the one random read per n-gram is its suffix.
        var prev = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: t)  // order k−1 node of the window ending at p
        _ = prev.initialize(from: seq)
        // sortedParent is free once pass 2 has run, so it becomes `cur` (the next order's `prev`), and
        // the old `prev` becomes the next order's sortedParent: two buffers rotate.
        var sortedParent = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: t)
        let positions = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: t)
        let sorted = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: t)
        let posWord = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: t)
        defer { prev.deallocate(); positions.deallocate(); sorted.deallocate(); sortedParent.deallocate(); posWord.deallocate() }
        seq.withUnsafeBufferPointer { s in
        var prevCount = v + 1
        for k in 2...order {
            // Valid positions: the (k−1)-window ending at p−1 exists and token p is not <s>.
            var m = 0
            for p in 1..<max(t, 1) where prev[p - 1] != invalid && s[p] != bos { positions[m] = UInt32(p); m += 1 }
            // Pass 1: stable counting sort by token, carrying the parent.
            let h1 = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: v + 2)
            h1.initialize(repeating: 0)
            for i in 0..<m { h1[Int(s[Int(positions[i])]) + 1] += 1 }
            for i in 1..<h1.count { h1[i] += h1[i - 1] }
            let wordStart = Array(h1)  // wordStart[w] ..< wordStart[w+1]: positions with token w
            for i in 0..<m {
                let p = Int(positions[i]); let w = Int(s[p])
                let d = Int(h1[w]); sorted[d] = UInt32(p); sortedParent[d] = prev[p - 1]; h1[w] += 1
            }
            h1.deallocate()
            // Pass 2: stable counting sort by parent, carrying the token (known from the bucket).
            let h2 = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: prevCount + 1)
            h2.initialize(repeating: 0)
            for i in 0..<m { h2[Int(sortedParent[i]) + 1] += 1 }
            for i in 1..<h2.count { h2[i] += h2[i - 1] }
            let parentStart = Array(h2)
            var w = 0
            for i in 0..<m {
                while Int(wordStart[w + 1]) <= i { w += 1 }
                let q = Int(sortedParent[i]); let d = Int(h2[q])
                positions[d] = sorted[i]; posWord[d] = UInt32(w); h2[q] += 1
            }
            h2.deallocate()
            // Runs of equal (parent, token) become nodes; cur[p] = node index.
            let cur = sortedParent
            for i in 0..<t { cur[i] = invalid }
            var u = 0
            var pa = 0, lastP = -1
            var lastW = invalid
            for i in 0..<m {
                while Int(parentStart[pa + 1]) <= i { pa += 1 }
                let wd = posWord[i]
                if pa != lastP || wd != lastW { u += 1; lastP = pa; lastW = wd }
                cur[Int(positions[i])] = UInt32(u - 1)
            }
            var par = [UInt32](repeating: 0, count: u), wd = par, suf = par, cnt = par
            var sb = [Bool](repeating: false, count: u)
            let prevSBOS = sbos[k - 2]
            par.withUnsafeMutableBufferPointer { parB in
            wd.withUnsafeMutableBufferPointer { wdB in
            suf.withUnsafeMutableBufferPointer { sufB in
            cnt.withUnsafeMutableBufferPointer { cntB in
            sb.withUnsafeMutableBufferPointer { sbB in
            prevSBOS.withUnsafeBufferPointer { psb in
                var pa = 0, id = -1, lastP = -1
                var lastW = invalid
                for i in 0..<m {
                    while Int(parentStart[pa + 1]) <= i { pa += 1 }
                    let w = posWord[i]
                    if pa != lastP || w != lastW {
                        id += 1; lastP = pa; lastW = w
                        parB[id] = UInt32(pa); wdB[id] = w; sufB[id] = prev[Int(positions[i])]; sbB[id] = psb[pa]
                    }
                    cntB[id] &+= 1
                }
            } } } } } }
            parents.append(par); words.append(wd); suffixes.append(suf); counts.append(cnt); sbos.append(sb)
            prevCount = u
            swap(&prev, &sortedParent)  // prev ← cur; the old prev is the next sortedParent
        }
        }
        return NGramCounts(order: order, bos: bos, parent: parents, word: words, suffix: suffixes, count: counts, startsWithBOS: sbos)
    }

    /// Lays out training ids as sentences for counting.
    ///
    /// With `sentenceBoundaries`, every sentence (ending at `endOfSentence`, inclusive) is preceded by
    /// `<s>`; a final piece without `endOfSentence` is a sentence without `</s>` (as lmplz treats a last
    /// line without a newline). Without, the whole stream is one sentence: `<s>` once at the start.
    /// - Complexity: O(T).
    public static func sentenceSequence(_ ids: [Int32], vocabularySize v: Int, endOfSentence: Int32?, sentenceBoundaries: Bool) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(ids.count + ids.count / 8 + 1)
        let bos = UInt32(v)
        out.append(bos)
        if sentenceBoundaries, let eos = endOfSentence {
            for (i, x) in ids.enumerated() {
                out.append(UInt32(x))
                if x == eos && i + 1 < ids.count { out.append(bos) }
            }
        } else {
            for x in ids { out.append(UInt32(x)) }
        }
        return out
    }
}
