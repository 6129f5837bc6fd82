import Foundation
import Corpora
import SeqbenchCore

/// The simplest honest model: unigram frequencies with add-one (Laplace) smoothing,
///
///     p(w) = (c(w) + 1) / (N + V)
///
/// where c(w) is w's count in the training tokens, N their number and V the vocabulary size (`<unk>`
/// included, so an unknown token gets 1 / (N + V)). It ignores context; it proves the model protocol
/// end to end.
public final class UnigramModel: LanguageModel {
    public let vocabulary: Vocabulary
    /// Training counts per id.
    public let counts: [Int]
    private let logProbs: [Double]

    public var kind: String { UnigramKind.name }
    public var hyperparameters: [String: JSONValue] { ["smoothing": .string("add-one")] }
    public var parameterCount: Int { counts.count }

    public init(vocabulary: Vocabulary, counts: [Int]) {
        precondition(counts.count == vocabulary.count, "one count per vocabulary id")
        self.vocabulary = vocabulary
        self.counts = counts
        let total = Double(counts.reduce(0, +) + counts.count)
        logProbs = counts.map { log(Double($0 + 1) / total) }
    }

    /// Counts `tokens`.
    /// - Complexity: O(N + V).
    public convenience init(vocabulary: Vocabulary, training tokens: [Int32]) {
        var c = [Int](repeating: 0, count: vocabulary.count)
        for t in tokens { c[Int(t)] += 1 }
        self.init(vocabulary: vocabulary, counts: c)
    }

    public func makeContext() -> any ModelContext { Context(logProbs: logProbs) }

    public func encodePayload() throws -> Data {
        var w = ByteWriter()
        w.writeArray(counts.map { UInt64($0) })
        return w.data
    }

    final class Context: ModelContext {
        let logProbs: [Double]
        init(logProbs: [Double]) { self.logProbs = logProbs }
        func logProbability(of token: Int32) -> Double { logProbs[Int(token)] }
        func logProbabilities(into out: inout [Double]) {
            precondition(out.count == logProbs.count, "output buffer must have one slot per vocabulary id")
            for i in 0..<logProbs.count { out[i] = logProbs[i] }
        }
        func observe(_ token: Int32) {}
    }
}

/// The `unigram` model kind.
public enum UnigramKind: ModelKind {
    public static let name = "unigram"
    public static let summary = "unigram frequencies with add-one smoothing (a baseline that ignores context)"
    public static let options: [ModelOptionSpec] = []
    /// Counts.
    public static let isMachineIndependent = true

    public static func train(data: TrainingData, options: ModelOptions, environment: TrainingEnvironment) throws -> (any LanguageModel, TrainingReport) {
        let start = Date()
        let model = UnigramModel(vocabulary: data.vocabulary, training: data.train)
        let secs = Date().timeIntervalSince(start)
        return (model, TrainingReport(wallSeconds: secs, tokensPerSecond: secs > 0 ? Double(data.train.count) / secs : 0))
    }

    public static func decode(payload: Data, vocabulary: Vocabulary, source: String) throws -> any LanguageModel {
        var r = ByteReader(payload, source: source)
        let counts = try r.readArray(UInt64.self).map { Int($0) }
        guard counts.count == vocabulary.count else {
            throw SeqbenchError.data("\(source): unigram counts (\(counts.count)) do not match the vocabulary (\(vocabulary.count)); the model file is corrupted")
        }
        return UnigramModel(vocabulary: vocabulary, counts: counts)
    }
}
