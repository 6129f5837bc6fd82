import Foundation
import Corpora
import LanguageModels
import SeqbenchCore

/// The ∞-gram: a Markov chain of unbounded order read straight off a suffix array of the training
/// tokens (Liu et al. 2024, "Infini-gram: Scaling Unbounded n-gram Language Models to a Trillion
/// Tokens", §3):
///
///     p(w | h) = c(s w) / c(s ·),   s = the longest suffix of h with c(s ·) > 0
///
/// where c(s w) counts the occurrences of s followed by w in the training stream and c(s ·) those of
/// s followed by any token. Nothing is smoothed: a successor never seen after s has probability 0, so
/// held-out perplexity is infinite as soon as one such token occurs (reported as
/// `zero_probability_tokens`, as for `mle`). It is the classic Markov text generator with as much
/// context as the corpus supports, and the upper bound on verbatim copying. `maxContext` caps |s|
/// (0: no cap); with a cap of N − 1 it is the maximum-likelihood N-gram that backs off to the longest
/// context seen in training.
///
/// The token stream is one sequence (word models keep their `</s>` tokens in it; context crosses
/// lines). The state is s and its suffix-array interval: observing w narrows the interval by one
/// binary search on the token after s; when s w has no continuation, the longest suffix of s w that
/// has one is searched afresh.
///
/// - Complexity: memory 8 bytes per training token; scoring O(log N) per token plus O(|s| log N) when
///   the context shrinks; sampling at T = 1 picks a position in the interval, O(1).
public final class InfiniGramModel: LanguageModel {
    public let vocabulary: Vocabulary
    /// The training token ids.
    public let text: [Int32]
    /// Their suffix array.
    public let suffixArray: [Int32]
    /// The longest context used (0: unbounded).
    public let maxContext: Int

    public var kind: String { InfiniGramKind.name }
    public var hyperparameters: [String: JSONValue] { ["max_context": .int(maxContext)] }
    public var parameterCount: Int { text.count }

    public init(vocabulary: Vocabulary, text: [Int32], suffixArray: [Int32], maxContext: Int) {
        precondition(text.count == suffixArray.count, "one suffix per token")
        self.vocabulary = vocabulary; self.text = text; self.suffixArray = suffixArray; self.maxContext = maxContext
    }

    /// Indexes `text`.
    /// - Complexity: O(N) (SA-IS).
    public convenience init(vocabulary: Vocabulary, training text: [Int32], maxContext: Int) {
        self.init(vocabulary: vocabulary, text: text, suffixArray: SuffixArray.build(text), maxContext: maxContext)
    }

    public func makeContext() -> any ModelContext { InfiniGramContext(model: self) }

    /// Observed-only is what the ∞-gram always does.
    public func makeSamplingContext(observedOnly: Bool) throws -> any ModelContext { InfiniGramContext(model: self) }

    public func encodePayload() throws -> Data {
        var w = ByteWriter()
        w.write(maxContext)
        w.writeArray(text.map { UInt32(bitPattern: $0) })
        w.writeArray(suffixArray.map { UInt32(bitPattern: $0) })
        return w.data
    }

    // MARK: suffix-array search

    /// The token at offset `k` of suffix j, or −1 past the end (a shorter suffix sorts first).
    @inline(__always) func token(_ j: Int, _ k: Int) -> Int32 {
        let p = Int(suffixArray[j]) + k
        return p < text.count ? text[p] : -1
    }

    /// The sub-interval of `r` (suffixes sharing their first k tokens) whose token at offset k is w.
    func narrow(_ r: Range<Int>, offset k: Int, to w: Int32) -> Range<Int> {
        text.withUnsafeBufferPointer { t in
            suffixArray.withUnsafeBufferPointer { sa in SuffixArraySearch.narrow(r, offset: k, token: w, t, sa) }
        }
    }

    /// The interval of the suffixes starting with `pattern`.
    /// - Complexity: O(|pattern| + log N) comparisons in practice.
    func interval(of pattern: ArraySlice<Int32>) -> Range<Int> {
        text.withUnsafeBufferPointer { t in
            suffixArray.withUnsafeBufferPointer { sa in
                pattern.withUnsafeBufferPointer { p in SuffixArraySearch.range(of: p, t, sa, in: 0..<sa.count) }
            }
        }
    }

    /// The part of interval r (suffixes starting with an s of length k) that continues past s: all
    /// of r but the suffix equal to s, which sorts first when present.
    @inline(__always) func continuing(_ r: Range<Int>, length k: Int) -> Range<Int> {
        guard !r.isEmpty, Int(suffixArray[r.lowerBound]) + k >= text.count else { return r }
        return (r.lowerBound + 1)..<r.upperBound
    }
}

/// The ∞-gram's state: the context s (the last `length` observed tokens) and the interval of the
/// training suffixes that continue it.
public final class InfiniGramContext: ModelContext, DirectSampling {
    let model: InfiniGramModel
    /// The observed tokens (the context s is its last `length`).
    var history: [Int32] = []
    public private(set) var length = 0
    /// Suffixes that start with s and continue past it.
    public private(set) var range: Range<Int>

    init(model: InfiniGramModel) {
        self.model = model
        range = 0..<model.text.count
    }

    /// c(s w) / c(s ·).
    public func logProbability(of token: Int32) -> Double {
        guard !range.isEmpty else { return -.infinity }
        let c = model.narrow(range, offset: length, to: token).count
        return c == 0 ? -.infinity : log(Double(c) / Double(range.count))
    }

    public func logProbabilities(into out: inout [Double]) {
        precondition(out.count == model.vocabulary.count, "one slot per vocabulary id")
        for i in out.indices { out[i] = -.infinity }
        var j = range.lowerBound
        let n = Double(range.count)
        while j < range.upperBound {  // one run of equal next tokens at a time
            let w = model.token(j, length)
            let run = model.narrow(j..<range.upperBound, offset: length, to: w)
            if w >= 0 && Int(w) < out.count { out[Int(w)] = log(Double(run.count) / n) }
            j = run.upperBound
        }
    }

    public func observe(_ token: Int32) {
        // Only the last |s| + 1 tokens can matter again: keep the history short (amortised O(1)).
        if history.count >= 4096 && history.count > 2 * length { history.removeFirst(history.count - length) }
        history.append(token)
        var k = model.maxContext  // the longest suffix of s·w to try next
        if model.maxContext == 0 || length < model.maxContext {
            let r = model.continuing(model.narrow(range, offset: length, to: token), length: length + 1)
            if !r.isEmpty { range = r; length += 1; return }
            k = length  // s·w has no continuation: the answer is at most |s| long
        }
        // The longest suffix of the history (at most k tokens) that has a continuation. Having one is
        // monotone in the length (drop the first token of an occurrence), so bisect: O(log k)
        // searches, not k, when a long copied context runs into the end of the training text.
        var lo = 0, hi = k
        var found = 0..<model.text.count
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            let r = model.continuing(model.interval(of: history[(history.count - mid)...]), length: mid)
            if r.isEmpty { hi = mid - 1 } else { lo = mid; found = r }
        }
        range = found
        length = lo
    }

    public func canDrawDirectly(_ options: SamplingOptions) -> Bool {
        options.temperature == 1 && options.topK == nil && options.topP == nil
    }

    /// A uniform position among the continuing suffixes: its next token, in proportion to c(s w).
    public func drawNext<R: RandomNumberGenerator>(options: SamplingOptions, using rng: inout R) -> Int32? {
        guard !range.isEmpty else { return nil }
        return model.token(range.lowerBound + rng.nextInt(below: range.count), length)
    }
}
