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

        var prev = seq  // order k−1 node index of the window ending at p (invalid if none)
        var cur = [UInt32](repeating: invalid, count: t)
        var positions = [UInt32](repeating: 0, count: t)
        var sorted = [UInt32](repeating: 0, count: t)
        var prevCount = v + 1
        for k in 2...order {
            // Valid positions: the (k−1)-window ending at p−1 exists and token p is not <s>.
            var m = 0
            seq.withUnsafeBufferPointer { s in
                prev.withUnsafeBufferPointer { pr in
                    positions.withUnsafeMutableBufferPointer { pos in
                        for p in 1..<max(t, 1) where pr[p - 1] != invalid && s[p] != bos {
                            pos[m] = UInt32(p); m += 1
                        }
                    }
                }
            }
            var par: [UInt32] = [], wd: [UInt32] = [], suf: [UInt32] = [], cnt: [UInt32] = [], sb: [Bool] = []
            if m > 0 {
                // Pass 1: stable counting sort by token.
                var hist = [Int](repeating: 0, count: v + 2)
                seq.withUnsafeBufferPointer { s in
                    positions.withUnsafeBufferPointer { pos in
                        sorted.withUnsafeMutableBufferPointer { out in
                            hist.withUnsafeMutableBufferPointer { h in
                                for i in 0..<m { h[Int(s[Int(pos[i])]) + 1] += 1 }
                                for i in 1..<h.count { h[i] += h[i - 1] }
                                for i in 0..<m { let p = pos[i]; let w = Int(s[Int(p)]); out[h[w]] = p; h[w] += 1 }
                            }
                        }
                    }
                }
                // Pass 2: stable counting sort by parent (the (k−1)-window ending at p−1).
                var hist2 = [Int](repeating: 0, count: prevCount + 1)
                prev.withUnsafeBufferPointer { pr in
                    sorted.withUnsafeBufferPointer { inp in
                        positions.withUnsafeMutableBufferPointer { out in
                            hist2.withUnsafeMutableBufferPointer { h in
                                for i in 0..<m { h[Int(pr[Int(inp[i]) - 1]) + 1] += 1 }
                                for i in 1..<h.count { h[i] += h[i - 1] }
                                for i in 0..<m { let p = inp[i]; let q = Int(pr[Int(p) - 1]); out[h[q]] = p; h[q] += 1 }
                            }
                        }
                    }
                }
                hist2 = []
                // Scan runs of equal keys.
                let prevSBOS = sbos[k - 2]
                seq.withUnsafeBufferPointer { s in
                    prev.withUnsafeBufferPointer { pr in
                        positions.withUnsafeBufferPointer { pos in
                            cur.withUnsafeMutableBufferPointer { cu in
                                for i in 0..<t { cu[i] = invalid }
                                var lastP = invalid, lastW = invalid
                                var id = UInt32.max
                                for i in 0..<m {
                                    let p = Int(pos[i])
                                    let pa = pr[p - 1], w = s[p]
                                    if pa != lastP || w != lastW {
                                        id = id &+ 1
                                        par.append(pa); wd.append(w); suf.append(pr[p]); cnt.append(0)
                                        sb.append(prevSBOS[Int(pa)])
                                        lastP = pa; lastW = w
                                    }
                                    cnt[Int(id)] &+= 1
                                    cu[p] = id
                                }
                            }
                        }
                    }
                }
            }
            parents.append(par); words.append(wd); suffixes.append(suf); counts.append(cnt); sbos.append(sb)
            prevCount = wd.count
            swap(&prev, &cur)
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
