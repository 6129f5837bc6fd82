import SeqbenchCore

/// The parameters of a random k-th order Markov source over a small alphabet: a corpus whose true
/// entropy rate is known exactly, so a model's bits per character can be compared with the floor.
///
/// CLI form: `synthetic:markov:order=2,alphabet=5,length=200000,seed=7[,alpha=0.5]`.
public struct SyntheticMarkovSpec: Sendable, Equatable, Hashable, Codable {
    /// k: how many preceding symbols a symbol depends on (0…8).
    public var order: Int
    /// A: number of symbols (2…27); the first A − 1 letters of "a…z" plus "\n".
    public var alphabetSize: Int
    /// Number of symbols to generate.
    public var length: Int
    /// Seeds both the transition probabilities and the generated text.
    public var seed: UInt64
    /// α of the symmetric Dirichlet each conditional distribution is drawn from (smaller = peakier).
    public var concentration: Double

    public static let maxOrder = 8
    public static let maxAlphabetSize = 27
    public static let maxContexts = 1_000_000

    public init(order: Int, alphabetSize: Int, length: Int, seed: UInt64, concentration: Double = 0.5) {
        self.order = order; self.alphabetSize = alphabetSize; self.length = length
        self.seed = seed; self.concentration = concentration
    }

    /// Number of contexts, A^k.
    public var contextCount: Int {
        var n = 1
        for _ in 0..<order { n *= alphabetSize }
        return n
    }

    /// Checks every field; `field` names where the spec came from.
    /// - Throws: `SeqbenchError.usage` naming the field, its value and the allowed range.
    public func validate(field: String = "synthetic corpus") throws {
        guard (2...SyntheticMarkovSpec.maxAlphabetSize).contains(alphabetSize) else {
            throw SeqbenchError.usage("\(field): alphabet=\(alphabetSize) is out of range; give 2...\(SyntheticMarkovSpec.maxAlphabetSize)")
        }
        guard (0...SyntheticMarkovSpec.maxOrder).contains(order) else {
            throw SeqbenchError.usage("\(field): order=\(order) is out of range; give 0...\(SyntheticMarkovSpec.maxOrder)")
        }
        // A^k ≤ 10^6, checked without overflow.
        var n = 1
        for _ in 0..<order {
            n *= alphabetSize
            if n > SyntheticMarkovSpec.maxContexts {
                throw SeqbenchError.usage("\(field): alphabet^order = \(alphabetSize)^\(order) exceeds \(SyntheticMarkovSpec.maxContexts) contexts; lower the order or the alphabet")
            }
        }
        guard length >= 1 else {
            throw SeqbenchError.usage("\(field): length=\(length) is out of range; give a whole number >= 1")
        }
        guard concentration > 0, concentration.isFinite else {
            throw SeqbenchError.usage("\(field): alpha=\(formatDouble(concentration)) is out of range; give a number > 0")
        }
    }

    /// The CLI form, with every field (alpha included), e.g.
    /// `synthetic:markov:order=2,alphabet=5,length=200000,seed=7,alpha=0.5`.
    public var description: String {
        "synthetic:markov:order=\(order),alphabet=\(alphabetSize),length=\(length),seed=\(seed),alpha=\(formatDouble(concentration))"
    }

    /// Parses the part after `synthetic:markov:` (`order=2,alphabet=5,length=200000,seed=7[,alpha=0.5]`).
    /// `order`, `alphabet`, `length` and `seed` are required; `alpha` defaults to 0.5.
    public static func parse(parameters s: String, field: String = "corpus") throws -> SyntheticMarkovSpec {
        let known = ["order", "alphabet", "length", "seed", "alpha"]
        var values: [String: String] = [:]
        for item in s.split(separator: ",", omittingEmptySubsequences: true) {
            let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2, !kv[1].isEmpty else {
                throw SeqbenchError.usage("\(field): '\(item)' in '\(s)' is not key=value; write for example synthetic:markov:order=2,alphabet=5,length=200000,seed=7")
            }
            guard known.contains(kv[0]) else {
                throw SeqbenchError.usage("\(field): unknown synthetic parameter '\(kv[0])'\(EditDistance.suggestion(for: kv[0], in: known)); use \(known.joined(separator: ", "))")
            }
            guard values[kv[0]] == nil else {
                throw SeqbenchError.usage("\(field): synthetic parameter '\(kv[0])' is given twice; give it once")
            }
            values[kv[0]] = kv[1]
        }
        func int(_ key: String) throws -> Int {
            guard let v = values[key] else {
                throw SeqbenchError.usage("\(field): synthetic corpus needs \(key)=…; write for example synthetic:markov:order=2,alphabet=5,length=200000,seed=7")
            }
            guard let i = Int(v) else {
                throw SeqbenchError.usage("\(field): synthetic parameter \(key)=\(v) is not a whole number; give one")
            }
            return i
        }
        let seedValue = try int("seed")
        guard seedValue >= 0 else {
            throw SeqbenchError.usage("\(field): seed=\(seedValue) is out of range; give a whole number >= 0")
        }
        var alpha = 0.5
        if let a = values["alpha"] {
            guard let x = Double(a) else {
                throw SeqbenchError.usage("\(field): synthetic parameter alpha=\(a) is not a number; give one > 0")
            }
            alpha = x
        }
        let spec = SyntheticMarkovSpec(order: try int("order"), alphabetSize: try int("alphabet"),
                                       length: try int("length"), seed: UInt64(seedValue), concentration: alpha)
        try spec.validate(field: field)
        return spec
    }
}
