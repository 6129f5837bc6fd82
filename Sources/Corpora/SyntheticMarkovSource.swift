import SeqbenchCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A random k-th order Markov source over A symbols, built deterministically from a
/// `SyntheticMarkovSpec`, with its exact entropy rate.
///
/// Symbols: the first A − 1 letters of "abcdefghijklmnopqrstuvwxyz", then "\n" (symbol A − 1), so the
/// text has lines and can be split; the stream is still one Markov chain over A symbols, so a
/// character model's bits per character compare directly with `entropyRateBits`.
///
/// Contexts are the last k symbols read as a base-A number, oldest most significant:
/// ctx = Σᵢ s_{t−k+i} · A^(k−1−i); after symbol s the next context is (ctx · A + s) mod A^k.
/// For each context, p(· | ctx) ~ Dirichlet(α, …, α) (Gamma draws, `nextDirichlet`), from the
/// generator `Xoshiro256.derived(seed:, label: "synthetic-markov/parameters")`.
///
/// The entropy rate of a stationary k-th order chain is
///
///     H = Σ_ctx π(ctx) · Σ_s −p(s | ctx) ln p(s | ctx)       (nats per symbol)
///
/// where π is the stationary distribution of the context chain (Cover & Thomas, Elements of
/// Information Theory, Thm 4.2.4), found by power iteration π ← πP in Double.
public struct SyntheticMarkovSource: Sendable {
    public let spec: SyntheticMarkovSpec
    /// The symbols, index = symbol id.
    public let alphabet: [Character]
    /// p(s | ctx) at `[ctx * A + s]`, (A^k × A).
    public let probabilities: [Double]
    /// π(ctx), (A^k).
    public let stationaryDistribution: [Double]
    /// H in nats per symbol.
    public let entropyRateNats: Double

    public var entropyRateBits: Double { entropyRateNats / M_LN2 }
    public var contextCount: Int { stationaryDistribution.count }

    /// The alphabet for A symbols: A − 1 letters and "\n".
    public static func alphabet(size: Int) -> [Character] {
        precondition((2...SyntheticMarkovSpec.maxAlphabetSize).contains(size), "alphabet size must be 2...27, got \(size)")
        return Array("abcdefghijklmnopqrstuvwxyz".prefix(size - 1)) + ["\n"]
    }

    /// Builds the source; `spec` must be valid (see `SyntheticMarkovSpec.validate`).
    /// - Complexity: O(A^k · A · iterations) for the stationary distribution.
    public init(spec: SyntheticMarkovSpec) {
        do { try spec.validate() } catch { preconditionFailure("\(error)") }
        let a = spec.alphabetSize
        let n = spec.contextCount
        var rng = Xoshiro256.derived(seed: spec.seed, label: "synthetic-markov/parameters")
        var p = [Double](repeating: 0, count: n * a)
        for ctx in 0..<n {
            let row = rng.nextDirichlet(concentration: spec.concentration, count: a)
            for s in 0..<a { p[ctx * a + s] = row[s] }
        }
        self.init(spec: spec, probabilities: p)
    }

    /// A source with given conditional probabilities (A^k × A, rows summing to 1), for tests.
    public init(spec: SyntheticMarkovSpec, probabilities p: [Double]) {
        let a = spec.alphabetSize
        let n = spec.contextCount
        precondition(p.count == n * a, "probabilities must have A^k × A = \(n * a) entries, got \(p.count)")
        self.spec = spec
        alphabet = SyntheticMarkovSource.alphabet(size: a)
        probabilities = p
        let pi = SyntheticMarkovSource.stationary(probabilities: p, alphabetSize: a, contexts: n)
        stationaryDistribution = pi
        var h = 0.0
        for ctx in 0..<n {
            var hc = 0.0
            for s in 0..<a { let q = p[ctx * a + s]; if q > 0 { hc -= q * log(q) } }
            h += pi[ctx] * hc
        }
        entropyRateNats = h
    }

    /// p(symbol | context).
    public func probability(of symbol: Int, after context: Int) -> Double {
        probabilities[context * spec.alphabetSize + symbol]
    }

    /// The context after `context` reads `symbol`: (ctx · A + s) mod A^k.
    public func nextContext(_ context: Int, after symbol: Int) -> Int {
        spec.order == 0 ? 0 : (context * spec.alphabetSize + symbol) % contextCount
    }

    /// Power iteration π ← πP from the uniform distribution, with P(ctx → ctx') = p(s | ctx) for
    /// ctx' = next(ctx, s), until Σ|Δπ| < 1e-14 (at most 100 000 iterations). The chain is
    /// irreducible and aperiodic when all p > 0 (ctx 0 = "aa…a" has a self-loop), so it converges
    /// geometrically.
    static func stationary(probabilities p: [Double], alphabetSize a: Int, contexts n: Int) -> [Double] {
        if n == 1 { return [1] }
        var pi = [Double](repeating: 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        for _ in 0..<100_000 {
            for i in 0..<n { next[i] = 0 }
            for ctx in 0..<n {
                let m = pi[ctx]
                if m == 0 { continue }
                let base = (ctx * a) % n
                for s in 0..<a { next[base + s] += m * p[ctx * a + s] }
            }
            var sum = 0.0
            for i in 0..<n { sum += next[i] }
            var change = 0.0
            for i in 0..<n { next[i] /= sum; change += abs(next[i] - pi[i]) }
            swap(&pi, &next)
            if change < 1e-14 { break }
        }
        return pi
    }

    /// Generates `spec.length` symbols as text. The first context is drawn from π, so the whole
    /// stream is stationary; the draws use `Xoshiro256.derived(seed:, label: "synthetic-markov/text")`.
    /// - Complexity: O(length · A).
    public func generate() -> String {
        let ids = generateSymbols()
        var s = String.UnicodeScalarView()
        let scalars = alphabet.map { $0.unicodeScalars.first! }
        for id in ids { s.append(scalars[Int(id)]) }
        return String(s)
    }

    /// The generated symbol ids (see `generate()`).
    public func generateSymbols() -> [UInt8] {
        let a = spec.alphabetSize
        var rng = Xoshiro256.derived(seed: spec.seed, label: "synthetic-markov/text")
        var ctx = SyntheticMarkovSource.draw(stationaryDistribution, offset: 0, count: contextCount, u: rng.nextUnitDouble())
        var out = [UInt8]()
        out.reserveCapacity(spec.length)
        for _ in 0..<spec.length {
            let s = SyntheticMarkovSource.draw(probabilities, offset: ctx * a, count: a, u: rng.nextUnitDouble())
            out.append(UInt8(s))
            ctx = nextContext(ctx, after: s)
        }
        return out
    }

    /// Inverse CDF over `w[offset..<offset+count]`; the last positive entry absorbs rounding.
    static func draw(_ w: [Double], offset: Int, count: Int, u: Double) -> Int {
        var acc = 0.0
        var last = 0
        for i in 0..<count where w[offset + i] > 0 {
            acc += w[offset + i]
            last = i
            if u < acc { return i }
        }
        return last
    }
}
