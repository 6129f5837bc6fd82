import Foundation

/// How a context passes mass to tokens it never saw followed by.
public enum BackoffMode: UInt8, Sendable {
    /// Katz/KenLM chain: ln p(w | h) = ln b(h) + ln p(w | h without its oldest token), down to the
    /// unigram root (which lists every vocabulary id). Kneser-Ney, modified Kneser-Ney, Witten-Bell
    /// and imported ARPA models.
    case chain = 0
    /// ln p(w | h) = ln b(h) + ln(1 / |V|) for an unseen w (add-k: the unseen mass is spread evenly).
    case uniform = 1
    /// An unseen successor has probability 0 (maximum likelihood).
    case none = 2
}

/// An n-gram model in backoff form, stored as a forward trie in flat arrays (no per-n-gram objects,
/// no string keys).
///
/// Node 0 is the root (the empty context). Nodes of order k occupy `orderStart[k] ..< orderStart[k+1]`,
/// sorted by (parent, word), so the one-token extensions of a node are one contiguous, word-sorted
/// range `childStart[n] ..< childStart[n+1]` (found by binary search). Unigram node of id w is `1 + w`;
/// the internal `<s>` id is `bos` = vocabulary size, so the root has exactly `bos + 1` children.
///
/// Every node stores ln p (`logProb`, NaN for a *blank* node that exists only as a context of an
/// imported ARPA file), its `suffix` (the node without its oldest token) and `nextState` (the context to
/// continue from after this n-gram). Nodes of order < N also store ln b (`logBackoff`).
///
/// Scoring is KenLM's backoff rule (kenlm `lm/model.cc`): from the state context h, find the longest
/// suffix h_m of h such that (h_m w) is stored, and
///
///     ln p(w | h) = ln P(h_m w) + Σ_{j > m} ln b(h_j)
///
/// The state is the longest suffix of the history that is a context (has extensions or a backoff),
/// so this equals the rule applied to the whole history. After (h_m w) the next state is
/// `nextState[(h_m w)]`, precomputed: the longest suffix of (h_m w) that is a context, of at most N−1
/// tokens (any longer suffix of the history followed by w would contain (h_{m+1} w), which is not
/// stored). After the end-of-sentence token (when the model has sentence boundaries) it is the `<s>`
/// node; after `<unk>` it is the root (no stored n-gram contains `<unk>`), as in KenLM.
///
/// - Complexity: scoring one token is O(N log F) for fan-out F; memory is about 20 bytes per
///   highest-order n-gram and 32 per lower-order one.
public final class BackoffTrie: @unchecked Sendable {  // immutable after init
    public let order: Int
    /// Vocabulary size |V| (ids 0 ..< bos); `bos` is the internal `<s>` id.
    public let bos: UInt32
    public let endOfSentence: UInt32?
    public let mode: BackoffMode
    /// ln(1/|V|) (used by `.uniform`).
    public let logUniform: Double
    /// orderStart[k] for k in 0 ... order + 1.
    public let orderStart: [Int]
    public var nodeCount: Int { orderStart[order + 1] }
    public var contextCount: Int { orderStart[order] }

    let word: UnsafeMutableBufferPointer<UInt32>
    let suffix: UnsafeMutableBufferPointer<UInt32>
    let logProb: UnsafeMutableBufferPointer<Double>
    let nextState: UnsafeMutableBufferPointer<UInt32>
    /// contextCount + 1 entries.
    let childStart: UnsafeMutableBufferPointer<UInt32>
    let logBackoff: UnsafeMutableBufferPointer<Double>

    public static let root: UInt32 = 0
    public var bosNode: UInt32 { 1 + bos }
    /// The state at the start of a text or sentence: `<s>`, or the root if nothing follows `<s>`.
    public var initialState: UInt32 { nextState[Int(1 + bos)] }

    /// Builds the trie from per-order node arrays.
    /// - Parameters:
    ///   - parents: for orders 2...N, each node's parent as an index local to order k−1 (nondecreasing).
    ///   - words, suffixes (local to order k−1), logProbs: per order 1...N; order 1 must list ids 0...bos in order.
    ///   - logBackoffs: per order 1...N−1 (ln b; 0 for none).
    ///   - rootLogBackoff: ln b of the root (unused by scoring; kept for completeness).
    public init(order: Int, vocabularySize: Int, endOfSentence: UInt32?, mode: BackoffMode,
                words: [[UInt32]], parents: [[UInt32]], suffixes: [[UInt32]],
                logProbs: [[Double]], logBackoffs: [[Double]]) {
        precondition(order >= 1, "order must be >= 1, got \(order)")
        precondition(words.count == order && parents.count == order && suffixes.count == order && logProbs.count == order)
        precondition(logBackoffs.count == order - 1)
        precondition(words[0].count == vocabularySize + 1, "order 1 must list every id and <s>")
        self.order = order
        self.bos = UInt32(vocabularySize)
        self.endOfSentence = endOfSentence
        self.mode = mode
        self.logUniform = -log(Double(vocabularySize))
        var starts = [0, 1]
        for k in 0..<order { starts.append(starts.last! + words[k].count) }
        orderStart = starts
        let n = starts[order + 1]
        let nc = starts[order]
        word = .allocate(capacity: n)
        suffix = .allocate(capacity: n)
        logProb = .allocate(capacity: n)
        nextState = .allocate(capacity: n)
        childStart = .allocate(capacity: nc + 1)
        logBackoff = .allocate(capacity: max(nc, 1))
        word[0] = UInt32.max; suffix[0] = 0; logProb[0] = 0; logBackoff[0] = 0
        for k in 0..<order {
            let base = starts[k + 1], lowerBase = starts[k]
            for i in 0..<words[k].count {
                word[base + i] = words[k][i]
                logProb[base + i] = logProbs[k][i]
                suffix[base + i] = k == 0 ? 0 : UInt32(lowerBase + Int(suffixes[k][i]))
            }
            if k < order - 1 {
                for i in 0..<words[k].count { logBackoff[base + i] = logBackoffs[k][i] }
            }
        }
        // childStart: the root's children are the unigrams; the children of order-k contexts are the
        // order-(k+1) nodes grouped by parent (consecutive orders' ranges are consecutive).
        childStart[0] = 1
        for k in 1..<order {
            let ctxBase = starts[k], ctxCount = starts[k + 1] - starts[k], childBase = starts[k + 1]
            let par = parents[k]
            var j = 0
            for c in 0..<ctxCount {
                childStart[ctxBase + c] = UInt32(childBase + j)
                while j < par.count && Int(par[j]) == c { j += 1 }
                precondition(j == par.count || Int(par[j]) > c, "parents must be sorted")
            }
            precondition(j == par.count, "every parent must be a node of the order below")
        }
        childStart[nc] = UInt32(n)
        if let eos = endOfSentence { precondition(eos < bos) }
        computeNextState()
    }

    /// Rebuilds a trie from its global arrays (model files); recomputes `nextState`.
    /// Callers must have checked the arrays (`NGramPayload.decode` does).
    init(order: Int, vocabularySize: Int, endOfSentence: UInt32?, mode: BackoffMode, orderStart: [Int],
         word w: [UInt32], suffix sf: [UInt32], logProb lp: [Double], childStart cs: [UInt32], logBackoff lb: [Double]) {
        self.order = order
        self.bos = UInt32(vocabularySize)
        self.endOfSentence = endOfSentence
        self.mode = mode
        self.logUniform = -log(Double(vocabularySize))
        self.orderStart = orderStart
        let n = orderStart[order + 1], nc = orderStart[order]
        word = .allocate(capacity: n); _ = word.initialize(from: w)
        suffix = .allocate(capacity: n); _ = suffix.initialize(from: sf)
        logProb = .allocate(capacity: n); _ = logProb.initialize(from: lp)
        nextState = .allocate(capacity: n)
        childStart = .allocate(capacity: nc + 1); _ = childStart.initialize(from: cs)
        logBackoff = .allocate(capacity: max(nc, 1)); logBackoff[0] = 0; _ = logBackoff.initialize(from: lb)
        computeNextState()
    }

    /// nextState in increasing node order (suffixes are of lower order, already done).
    private func computeNextState() {
        let n = nodeCount, nc = contextCount
        nextState[0] = 0
        func isContext(_ node: Int) -> Bool {
            node < nc && (childStart[node + 1] > childStart[node] || logBackoff[node] != 0)
        }
        // <s> is the state at a sentence start when anything was seen after it (else the root).
        let bosState: UInt32 = isContext(Int(1 + bos)) ? 1 + bos : 0
        for node in 1..<max(n, 1) {
            if node == Int(1 + bos) {
                nextState[node] = bosState
            } else if let eos = endOfSentence, word[node] == eos {
                nextState[node] = bosState
            } else if isContext(node) {
                nextState[node] = UInt32(node)
            } else {
                nextState[node] = nextState[Int(suffix[node])]
            }
        }
    }

    deinit {
        word.deallocate(); suffix.deallocate(); logProb.deallocate(); nextState.deallocate()
        childStart.deallocate(); logBackoff.deallocate()
    }

    /// Order of a node (0 for the root).
    public func orderOf(_ node: UInt32) -> Int {
        var k = 0
        while k < order && Int(node) >= orderStart[k + 1] { k += 1 }
        return k
    }

    /// The child of `node` for token `w`, or nil.
    /// - Complexity: O(1) at the root, O(log fan-out) elsewhere.
    @inline(__always)
    public func child(_ node: UInt32, _ w: UInt32) -> UInt32? {
        if node == 0 { return w <= bos ? 1 + w : nil }
        let n = Int(node)
        if n >= contextCount { return nil }
        var lo = Int(childStart[n]), hi = Int(childStart[n + 1])
        while lo < hi {
            let mid = (lo + hi) >> 1
            let x = word[mid]
            if x < w { lo = mid + 1 } else if x > w { hi = mid } else { return UInt32(mid) }
        }
        return nil
    }

    @inline(__always)
    func backoff(_ node: UInt32) -> Double { Int(node) < contextCount ? logBackoff[Int(node)] : 0 }

    /// ln p(w | state) and the state after w.
    /// - Complexity: O(N log F).
    @inline(__always)
    public func score(_ state: UInt32, _ w: UInt32) -> (logProb: Double, next: UInt32) {
        var c = state
        var acc = 0.0
        while true {
            if let n = child(c, w) {
                let lp = logProb[Int(n)]
                if !lp.isNaN { return (acc + lp, nextState[Int(n)]) }
            }
            if c == 0 { return (-.infinity, 0) }  // only <s> or an id outside the vocabulary
            switch mode {
            case .chain:
                acc += backoff(c)
                c = suffix[Int(c)]
            case .uniform:
                return (acc + backoff(c) + logUniform, advance(suffix[Int(c)], w))
            case .none:
                return (-.infinity, advance(suffix[Int(c)], w))
            }
        }
    }

    /// The state after w from `state` (the longest context suffix of state·w).
    @inline(__always)
    public func advance(_ state: UInt32, _ w: UInt32) -> UInt32 {
        var c = state
        while true {
            if let n = child(c, w), !logProb[Int(n)].isNaN { return nextState[Int(n)] }
            if c == 0 { return 0 }
            c = suffix[Int(c)]
        }
    }

    /// ln p(· | state) for every id 0 ..< |V| into `out`.
    ///
    /// With the chain c₀ = state, c₁ = suffix(c₀), …, c_m = root and B_i = Σ_{j<i} ln b(c_j):
    /// out[w] = B_i + ln P(c_i w) for the smallest i that stores w. Filled from the root up, each
    /// level overwriting the ids it stores.
    /// - Complexity: O(|V| + Σ fan-outs along the chain).
    public func distribution(_ state: UInt32, into out: UnsafeMutableBufferPointer<Double>) {
        let v = Int(bos)
        precondition(out.count == v, "one slot per vocabulary id")
        switch mode {
        case .chain:
            // The chain and its backoff sums live on the stack (no allocation per call).
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: order + 1) { chain in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: order + 1) { b in
                var len = 0
                var c = state
                var acc = 0.0
                while true {
                    chain[len] = c; b[len] = acc; len += 1
                    if c == 0 { break }
                    acc += backoff(c)
                    c = suffix[Int(c)]
                }
                let bRoot = b[len - 1]
                for w in 0..<v { let lp = logProb[1 + w]; out[w] = lp.isNaN ? -.infinity : bRoot + lp }
                var i = len - 2
                while i >= 0 {
                    let node = Int(chain[i]), bi = b[i]
                    if node < contextCount {
                        for ch in Int(childStart[node])..<Int(childStart[node + 1]) {
                            let lp = logProb[ch]
                            if !lp.isNaN { out[Int(word[ch])] = bi + lp }
                        }
                    }
                    i -= 1
                }
            } }
        case .uniform, .none:
            let node = Int(state)
            if node == 0 {
                for w in 0..<v { let lp = logProb[1 + w]; out[w] = lp.isNaN ? -.infinity : lp }
                return
            }
            let fill = mode == .uniform ? backoff(state) + logUniform : -Double.infinity
            for w in 0..<v { out[w] = fill }
            if node < contextCount {
                for ch in Int(childStart[node])..<Int(childStart[node + 1]) {
                    let lp = logProb[ch]
                    if !lp.isNaN { out[Int(word[ch])] = lp }
                }
            }
        }
    }

    /// The children of `node` (token, ln p), blanks skipped.
    public func children(of node: UInt32) -> [(word: UInt32, logProb: Double)] {
        let n = Int(node)
        guard n < contextCount else { return [] }
        var out: [(UInt32, Double)] = []
        for ch in Int(childStart[n])..<Int(childStart[n + 1]) where !logProb[ch].isNaN {
            out.append((word[ch], logProb[ch]))
        }
        return out
    }

    /// The node ids of the children of `node` (word-sorted; may include blanks).
    @inline(__always)
    public func childRange(of node: UInt32) -> Range<Int> {
        let n = Int(node)
        guard n < contextCount else { return 0..<0 }
        return Int(childStart[n])..<Int(childStart[n + 1])
    }

    /// Calls `body` with (token, ln p) of every stored child of `node`, blanks skipped.
    @inline(__always)
    public func forEachChild(of node: UInt32, _ body: (UInt32, Double) -> Void) {
        let n = Int(node)
        guard n < contextCount else { return }
        for ch in Int(childStart[n])..<Int(childStart[n + 1]) where !logProb[ch].isNaN { body(word[ch], logProb[ch]) }
    }

    public func hasChildren(_ node: UInt32) -> Bool {
        let n = Int(node)
        return n < contextCount && childStart[n + 1] > childStart[n]
    }

    /// The tokens of a node, oldest first.
    public func tokens(of node: UInt32) -> [UInt32] {
        // Walk parents: find the parent by searching which context's child range holds the node.
        var out: [UInt32] = []
        var n = Int(node)
        while n != 0 {
            out.append(word[n])
            n = parent(of: n)
        }
        return out.reversed()
    }

    /// The parent (prefix) of a node, by binary search over childStart of the order below.
    func parent(of n: Int) -> Int {
        let k = orderOf(UInt32(n))
        if k <= 1 { return 0 }
        var lo = orderStart[k - 1], hi = orderStart[k] - 1
        // largest context c in [lo, hi] with childStart[c] <= n
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if Int(childStart[mid]) <= n { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    // MARK: raw access for encoders

    func array<T>(_ p: UnsafeMutableBufferPointer<T>, count: Int) -> [T] { Array(UnsafeBufferPointer(start: p.baseAddress, count: count)) }
    public var wordArray: [UInt32] { array(word, count: nodeCount) }
    public var suffixArray: [UInt32] { array(suffix, count: nodeCount) }
    public var logProbArray: [Double] { array(logProb, count: nodeCount) }
    public var logBackoffArray: [Double] { array(logBackoff, count: contextCount) }
    public var childStartArray: [UInt32] { array(childStart, count: contextCount + 1) }
    public func logProb(ofNode n: UInt32) -> Double { logProb[Int(n)] }
    public func logBackoff(ofNode n: UInt32) -> Double { backoff(n) }
    public func suffix(ofNode n: UInt32) -> UInt32 { suffix[Int(n)] }
    public func word(ofNode n: UInt32) -> UInt32 { word[Int(n)] }
    public func nextState(ofNode n: UInt32) -> UInt32 { nextState[Int(n)] }
}
