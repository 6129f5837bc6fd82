import Foundation
import Corpora
import SeqbenchCore

/// The one protocol through which the CLI and the harness know every model: n-gram Markov chains,
/// RNN, LSTM and GRU, and the unigram baseline. Models know nothing of the harness.
///
/// Probabilities are natural-log (nats) everywhere. Scoring is streaming: a `ModelContext` carries
/// the state (an RNN's hidden state, an n-gram's recent tokens) from one token to the next.
public protocol LanguageModel: AnyObject {
    /// The model kind as named on the command line: `unigram`, `ngram`, `infinigram`, `rnn`, `lstm`, `gru`.
    var kind: String { get }
    /// The vocabulary the model was trained with (tokenizer included).
    var vocabulary: Vocabulary { get }
    /// Hyperparameters, for reports and the eval JSON `model` field.
    var hyperparameters: [String: JSONValue] { get }
    /// Trainable parameters (neural) or stored n-grams (Markov).
    var parameterCount: Int { get }

    /// A fresh context at the start of a text (for n-grams with sentence boundaries: after `<s>`).
    func makeContext() -> any ModelContext

    /// A context for generation. `observedOnly` asks a count-based model to put all mass on
    /// successors seen in training (the classic Markov chain generator); models without such a notion
    /// throw `SeqbenchError.usage`.
    func makeSamplingContext(observedOnly: Bool) throws -> any ModelContext

    /// ln p of every token of `tokens`, each conditioned on all before it (and on what `context` had
    /// already observed); the context ends having observed all of them. Models may override the
    /// default token-by-token loop with a faster one that gives the same numbers.
    func logProbabilities(of tokens: [Int32], context: any ModelContext) -> [Double]

    /// The model's own bytes for a model file (the vocabulary and kind are stored by `ModelFile`).
    func encodePayload() throws -> Data
}

/// The state of a model part-way through a text.
public protocol ModelContext: AnyObject {
    /// ln p(token | everything observed so far); `-infinity` for an impossible token.
    func logProbability(of token: Int32) -> Double
    /// ln p(· | everything observed so far) for every id; `out.count` must equal the vocabulary size.
    func logProbabilities(into out: inout [Double])
    /// Moves the context past `token`.
    func observe(_ token: Int32)
}

extension LanguageModel {
    public func makeSamplingContext(observedOnly: Bool) throws -> any ModelContext {
        if observedOnly {
            throw SeqbenchError.usage("--observed-only applies to count-based models; a \(kind) model has no observed-successor set")
        }
        return makeContext()
    }

    public func logProbabilities(of tokens: [Int32], context: any ModelContext) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(tokens.count)
        for t in tokens {
            out.append(context.logProbability(of: t))
            context.observe(t)
        }
        return out
    }

    /// The model's description for reports: kind plus hyperparameters.
    public var descriptor: JSONValue {
        var o = hyperparameters
        o["kind"] = .string(kind)
        return .object(o)
    }
}
