import Foundation
import Corpora
import LanguageModels
import SeqbenchCore

/// An n-gram Markov chain in backoff form over a `BackoffTrie`: trained with any `Smoothing`, or read
/// from an ARPA file.
///
/// **Sentence boundaries.** Word models always treat a line as a sentence: the context starts at `<s>`
/// and returns to `<s>` after every `</s>`, as KenLM does. Character models run over the continuous
/// stream by default (the context crosses newlines, like an RNN's; `<s>` only at the start of the
/// text); with `sentenceBoundaries` the newline plays `</s>` and each line starts from `<s>`, which is
/// KenLM's view of a file with one character per token. After `<unk>` the context is empty (KenLM).
public final class NGramModel: LanguageModel {
    public let vocabulary: Vocabulary
    public let trie: BackoffTrie
    public let sentenceBoundaries: Bool
    /// For `--observed-only` at the root: ids seen in training (or listed in the ARPA file).
    public let unigramObserved: [Bool]
    /// Smoothing name, options and discounts, for reports.
    public let settings: [String: JSONValue]

    public var kind: String { NGramKind.name }
    /// Estimated here (every context's distribution sums to 1 up to rounding), not read from an ARPA
    /// file (which need not).
    public var isEstimated: Bool { settings["smoothing"]?.stringValue != "arpa" }
    public var order: Int { trie.order }
    public var hyperparameters: [String: JSONValue] { settings }
    /// Stored n-grams (blank ARPA contexts excluded; the <s> unigram included).
    public let parameterCount: Int

    public init(vocabulary: Vocabulary, trie: BackoffTrie, sentenceBoundaries: Bool, unigramObserved: [Bool], settings: [String: JSONValue]) {
        precondition(Int(trie.bos) == vocabulary.count, "trie and vocabulary sizes differ")
        precondition(unigramObserved.count == vocabulary.count)
        self.vocabulary = vocabulary; self.trie = trie; self.sentenceBoundaries = sentenceBoundaries
        self.unigramObserved = unigramObserved; self.settings = settings
        var c = 0
        for n in 1..<trie.nodeCount where !trie.logProb(ofNode: UInt32(n)).isNaN { c += 1 }
        parameterCount = c
    }

    /// The state at the start of a text: `<s>`.
    public var initialState: UInt32 { trie.initialState }

    /// Idle exact samplers by temperature (their tables fill as they draw, so keeping them warm pays).
    private var idleSamplers: [ChainSampler] = []
    private let samplerLock = NSLock()

    /// A sampler for temperature T that no one else is using: an idle one if there is one, else a new
    /// one. Give it back with `returnSampler(_:)`.
    public func borrowSampler(temperature: Double) -> ChainSampler {
        samplerLock.lock(); defer { samplerLock.unlock() }
        if let i = idleSamplers.lastIndex(where: { $0.temperature == temperature }) { return idleSamplers.remove(at: i) }
        return ChainSampler(model: self, temperature: temperature)
    }

    /// Keeps a sampler for the next context (the two most recent temperatures stay).
    public func returnSampler(_ s: ChainSampler) {
        samplerLock.lock(); defer { samplerLock.unlock() }
        idleSamplers.removeAll { $0.temperature == s.temperature }
        idleSamplers.append(s)
        if idleSamplers.count > 2 { idleSamplers.removeFirst() }
    }

    public func makeContext() -> any ModelContext { NGramContext(model: self) }

    /// `observedOnly`: a context whose distribution is the model's, restricted to the successors seen
    /// in training after the *longest matching context* — the longest suffix of the history (at most
    /// N−1 tokens since the last `<s>` or `<unk>`) that was followed by at least one token in training
    /// (for an ARPA model: that has stored extensions), the root (all seen unigrams) if none — and
    /// renormalised over them; every other id gets −∞. For `mle` this is exactly the classic Markov
    /// chain generator (successors in proportion to their counts). Greedy decoding (temperature 0, the
    /// shared `Sampler`) takes the most probable id, ties to the lowest id.
    public func makeSamplingContext(observedOnly: Bool) throws -> any ModelContext {
        observedOnly ? ObservedOnlyContext(model: self) : NGramContext(model: self)
    }

    /// One step per token through the trie, no per-token allocation.
    public func logProbabilities(of tokens: [Int32], context: any ModelContext) -> [Double] {
        guard let ctx = context as? NGramContext else {
            var out: [Double] = []
            for t in tokens { out.append(context.logProbability(of: t)); context.observe(t) }
            return out
        }
        var out = [Double](repeating: 0, count: tokens.count)
        var state = ctx.state
        let trie = self.trie
        let v = UInt32(vocabulary.count)
        tokens.withUnsafeBufferPointer { tk in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<tk.count {
                    let w = UInt32(bitPattern: tk[i])
                    precondition(w < v, "token id \(w) outside the vocabulary")
                    let (lp, next) = trie.score(state, w)
                    o[i] = lp
                    state = next
                }
            }
        }
        ctx.state = state
        return out
    }

    public func encodePayload() throws -> Data { NGramPayload.encode(self) }
}

/// Scoring and sampling context of an `NGramModel`: the state is one trie node.
public final class NGramContext: ModelContext, DirectSampling {
    let model: NGramModel
    public var state: UInt32 { didSet { pending = nil } }

    init(model: NGramModel) { self.model = model; state = model.initialState }

    public func logProbability(of token: Int32) -> Double {
        let w = UInt32(bitPattern: token)
        guard w < UInt32(model.vocabulary.count) else { return -.infinity }
        return model.trie.score(state, w).logProb
    }

    public func logProbabilities(into out: inout [Double]) {
        out.withUnsafeMutableBufferPointer { model.trie.distribution(state, into: $0) }
    }

    public func observe(_ token: Int32) {
        let w = UInt32(bitPattern: token)
        if let p = pending, p.token == token { state = p.state; return }
        state = w < UInt32(model.vocabulary.count) ? model.trie.advance(state, w) : 0
    }

    var lender = SamplerLoan()
    /// The state after the token just drawn, when the draw already found it (saves a trie search).
    var pending: (token: Int32, state: UInt32)?

    public func canDrawDirectly(_ options: SamplingOptions) -> Bool { ChainSampler.supports(options) }

    public func drawNext<R: RandomNumberGenerator>(options: SamplingOptions, using rng: inout R) -> Int32? {
        let s = lender.sampler(model, options)
        guard let w = s.draw(state: state, observedOnly: false, options: options, using: &rng) else { return nil }
        pending = s.stateAfterDraw(from: state, w).map { (Int32(bitPattern: w), $0) }
        return Int32(bitPattern: w)
    }
}

/// The chain sampler a context borrows from its model for as long as it lives.
final class SamplerLoan {
    private var held: (model: NGramModel, sampler: ChainSampler)?

    /// A sampler for `options` (greedy keeps whatever temperature it holds).
    func sampler(_ model: NGramModel, _ options: SamplingOptions) -> ChainSampler {
        if let h = held, options.isGreedy || h.sampler.temperature == options.temperature { return h.sampler }
        if let h = held { h.model.returnSampler(h.sampler) }
        let s = model.borrowSampler(temperature: options.isGreedy ? 1 : options.temperature)
        held = (model, s)
        return s
    }

    deinit { if let h = held { h.model.returnSampler(h.sampler) } }
}

/// The `--observed-only` context (see `NGramModel.makeSamplingContext(observedOnly:)`).
public final class ObservedOnlyContext: ModelContext, DirectSampling {
    let model: NGramModel
    public var state: UInt32

    init(model: NGramModel) { self.model = model; state = model.initialState }

    /// The longest matching context: the state, or its longest suffix with stored extensions.
    public var matchingContext: UInt32 {
        var c = state
        while c != 0 && !model.trie.hasChildren(c) { c = model.trie.suffix(ofNode: c) }
        return c
    }

    public func logProbabilities(into out: inout [Double]) {
        let v = model.vocabulary.count
        precondition(out.count == v, "one slot per vocabulary id")
        for i in 0..<v { out[i] = -.infinity }
        let c = matchingContext
        var maxLP = -Double.infinity
        if c == 0 {
            for w in 0..<v where model.unigramObserved[w] {
                let lp = model.trie.logProb(ofNode: UInt32(1 + w))
                out[w] = lp.isNaN ? -.infinity : lp
                maxLP = max(maxLP, out[w])
            }
        } else {
            model.trie.forEachChild(of: c) { w, lp in
                if Int(w) < v { out[Int(w)] = lp; maxLP = max(maxLP, lp) }
            }
        }
        guard maxLP > -.infinity else { return }
        var s = 0.0
        for i in 0..<v where out[i] > -.infinity { s += exp(out[i] - maxLP) }
        let z = maxLP + log(s)
        for i in 0..<v where out[i] > -.infinity { out[i] -= z }
    }

    public func logProbability(of token: Int32) -> Double {
        var out = [Double](repeating: 0, count: model.vocabulary.count)
        logProbabilities(into: &out)
        let t = Int(token)
        return t >= 0 && t < out.count ? out[t] : -.infinity
    }

    public func observe(_ token: Int32) {
        let w = UInt32(bitPattern: token)
        state = w < UInt32(model.vocabulary.count) ? model.trie.advance(state, w) : 0
    }

    var lender = SamplerLoan()

    public func canDrawDirectly(_ options: SamplingOptions) -> Bool { ChainSampler.supports(options) }

    public func drawNext<R: RandomNumberGenerator>(options: SamplingOptions, using rng: inout R) -> Int32? {
        lender.sampler(model, options).draw(state: state, observedOnly: true, options: options, using: &rng).map { Int32(bitPattern: $0) }
    }
}
