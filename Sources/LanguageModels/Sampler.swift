import Corpora
import SeqbenchCore

/// How the next token is drawn from a model's distribution; one routine for every model kind.
public struct SamplingOptions: Sendable, Equatable, Hashable, Codable {
    /// T > 0 raises probabilities to 1/T and renormalises; T = 0 is greedy (argmax, ties to the lowest id).
    public var temperature: Double
    /// Keep only the k most probable tokens (ties at the boundary broken by lower id); nil keeps all.
    public var topK: Int?
    /// Keep the smallest set of most probable tokens whose mass reaches p (after temperature); nil keeps all.
    public var topP: Double?

    public init(temperature: Double = 1, topK: Int? = nil, topP: Double? = nil) {
        self.temperature = temperature; self.topK = topK; self.topP = topP
    }

    public var isGreedy: Bool { temperature == 0 }

    public func validate() throws {
        guard temperature >= 0, temperature.isFinite else {
            throw SeqbenchError.usage("--temperature \(formatDouble(temperature)) is out of range; give a number >= 0 (0 means greedy)")
        }
        if let k = topK, k < 1 { throw SeqbenchError.usage("--top-k \(k) is out of range; give a whole number >= 1") }
        if let p = topP, !(p > 0 && p <= 1) { throw SeqbenchError.usage("--top-p \(formatDouble(p)) is out of range; give a number in (0, 1]") }
    }
}

/// Turns next-token log-probabilities into a choice, in a numerically stable way.
///
/// With logits ℓᵢ = ln pᵢ, the tempered distribution is qᵢ ∝ exp((ℓᵢ − max ℓ) / T) — the same as
/// pᵢ^(1/T) renormalised, computed without overflow or underflow of the largest term. Top-k keeps the
/// k largest qᵢ, top-p the smallest prefix (by decreasing qᵢ, ties to the lower id) with Σ q ≥ p; the
/// kept mass is renormalised and one token is drawn by inverse CDF with a 53-bit uniform.
public struct Sampler {
    public var options: SamplingOptions
    /// The last distribution, and ids by decreasing probability for top-k / top-p: kept between
    /// draws, so that a draw allocates nothing once they have the vocabulary's size.
    private var weights: [Double] = []
    private var order: [Int32] = []

    public init(options: SamplingOptions) { self.options = options }

    /// The tempered, truncated, normalised distribution (for tests and reports).
    /// - Complexity: O(V) without top-k/top-p, O(V log V) with them.
    public mutating func distribution(logProbabilities lp: [Double]) -> [Double] {
        fill(lp)
        return weights
    }

    /// Draws one token id; returns nil when no token has positive probability.
    public mutating func sample(logProbabilities lp: [Double], using rng: inout some RandomNumberGenerator) -> Int32? {
        fill(lp)
        if options.isGreedy {
            return weights.firstIndex(of: 1).map(Int32.init)
        }
        let u = rng.nextUnitDouble()
        var acc = 0.0
        var last: Int? = nil
        for i in 0..<weights.count where weights[i] > 0 {
            acc += weights[i]
            last = i
            if u < acc { return Int32(i) }
        }
        return last.map(Int32.init)
    }

    /// `weights` ← the distribution for `lp` (all zeros when nothing is possible).
    private mutating func fill(_ lp: [Double]) {
        let n = lp.count
        if weights.count != n { weights = [Double](repeating: 0, count: n) }
        var maxLP = -Double.infinity
        var argmax = 0
        for i in 0..<n where lp[i] > maxLP { maxLP = lp[i]; argmax = i }
        guard maxLP > -Double.infinity else {  // nothing possible: all zeros
            for i in 0..<n { weights[i] = 0 }
            return
        }
        if options.isGreedy {
            for i in 0..<n { weights[i] = i == argmax ? 1 : 0 }
            return
        }
        let invT = 1 / options.temperature
        var sum = 0.0
        for i in 0..<n {
            let w = lp[i] == -Double.infinity ? 0 : _exp((lp[i] - maxLP) * invT)
            weights[i] = w
            sum += w
        }
        for i in 0..<n { weights[i] /= sum }
        guard options.topK != nil || options.topP != nil else { return }
        // Ids with positive mass by decreasing mass, ties to the lower id.
        order.removeAll(keepingCapacity: true)
        for i in 0..<n where weights[i] > 0 { order.append(Int32(i)) }
        weights.withUnsafeBufferPointer { q in
            order.sort { q[Int($0)] > q[Int($1)] || (q[Int($0)] == q[Int($1)] && $0 < $1) }
        }
        var keep = order.count
        if let k = options.topK { keep = min(keep, k) }
        if let p = options.topP {
            var acc = 0.0
            var m = 0
            while m < keep {
                acc += weights[Int(order[m])]; m += 1
                if acc >= p * (1 - 1e-12) { break }
            }
            keep = m
        }
        var s = 0.0
        for j in 0..<keep { s += weights[Int(order[j])] }
        for j in keep..<order.count { weights[Int(order[j])] = 0 }
        for i in 0..<n { weights[i] /= s }
    }
}

/// A context that can draw its next token exactly from the distribution `Sampler` builds out of its
/// `logProbabilities(into:)` without computing the probability of every id — a count-based model
/// walks its stored successors. `Generator` uses it for the options it supports; everything else goes
/// through `Sampler`. Conformers must draw from exactly that distribution (tested).
public protocol DirectSampling: ModelContext {
    /// Whether `drawNext(options:using:)` handles these options.
    func canDrawDirectly(_ options: SamplingOptions) -> Bool
    /// The next token (nil when no token is possible), without observing it.
    func drawNext<R: RandomNumberGenerator>(options: SamplingOptions, using rng: inout R) -> Int32?
}

/// Generates text from any model through the shared sampler.
public enum Generator {
    public struct Request {
        public var prompt: [Int32]
        public var length: Int
        public var sampling: SamplingOptions
        public var observedOnly: Bool
        /// false: always the full-distribution route (benchmarks time it against the direct one).
        public var allowDirect: Bool
        public init(prompt: [Int32] = [], length: Int, sampling: SamplingOptions, observedOnly: Bool = false, allowDirect: Bool = true) {
            self.prompt = prompt; self.length = length; self.sampling = sampling; self.observedOnly = observedOnly
            self.allowDirect = allowDirect
        }
    }

    /// Primes a fresh context with the prompt, then draws `length` tokens (fewer if the model reaches
    /// a state with no possible successor, which only an unsmoothed model can).
    public static func generate(model: any LanguageModel, request: Request, using rng: inout some RandomNumberGenerator) throws -> [Int32] {
        let ctx = try model.makeSamplingContext(observedOnly: request.observedOnly)
        for t in request.prompt { ctx.observe(t) }
        var o = request.sampling
        // A filter that keeps every token is no filter, and takes the unfiltered route: the same
        // seed then gives the same text with --top-p 1 or --top-k |V| as without them.
        if let p = o.topP, p >= 1 { o.topP = nil }
        if let k = o.topK, k >= model.vocabulary.count { o.topK = nil }
        if request.allowDirect, let direct = ctx as? any DirectSampling, direct.canDrawDirectly(o) {
            // A model that can draw exactly from the same distribution without materialising all |V|
            // probabilities does so (O(fan-out) instead of O(|V|) per token).
            var out: [Int32] = []
            out.reserveCapacity(request.length)
            for _ in 0..<request.length {
                guard let t = direct.drawNext(options: o, using: &rng) else { break }
                out.append(t)
                direct.observe(t)
            }
            return out
        }
        var sampler = Sampler(options: o)
        var lp = [Double](repeating: 0, count: model.vocabulary.count)
        var out: [Int32] = []
        out.reserveCapacity(request.length)
        for _ in 0..<request.length {
            ctx.logProbabilities(into: &lp)
            guard let t = sampler.sample(logProbabilities: lp, using: &rng) else { break }
            out.append(t)
            ctx.observe(t)
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@inline(__always) func _exp(_ x: Double) -> Double { exp(x) }
