import Foundation
import Corpora
import LanguageModels
import SeqbenchCore

/// The `infinigram` model kind.
public enum InfiniGramKind: ModelKind {
    public static let name = "infinigram"
    public static let summary = "∞-gram: unbounded-order Markov chain over a suffix array (Liu et al. 2024), unsmoothed"
    public static let options: [ModelOptionSpec] = [
        ModelOptionSpec("max_context", .int, default: .int(0), help: "longest context in tokens (0 = unbounded); N−1 gives the maximum-likelihood N-gram backing off to the longest seen context"),
    ]

    /// Counts over a suffix array.
    public static let isMachineIndependent = true

    /// `max_context`, range-checked (`train` and `validate(options:)` both read it here).
    static func maxContext(from options: ModelOptions) throws -> Int {
        try options.validate(against: Self.options, kind: name)
        return try options.int("max_context", default: 0, range: 0...1_000_000)
    }

    public static func validate(options: ModelOptions) throws {
        _ = try maxContext(from: options)
    }

    public static func train(data: TrainingData, options: ModelOptions, environment: TrainingEnvironment) throws -> (any LanguageModel, TrainingReport) {
        let maxContext = try maxContext(from: options)
        let start = Date()
        let model = InfiniGramModel(vocabulary: data.vocabulary, training: data.train, maxContext: maxContext)
        let secs = Date().timeIntervalSince(start)
        return (model, TrainingReport(wallSeconds: secs, tokensPerSecond: secs > 0 ? Double(data.train.count) / secs : 0,
                                      notes: ["max_context": .int(maxContext), "indexed_tokens": .int(data.train.count)]))
    }

    public static func decode(payload: Data, vocabulary: Vocabulary, source: String) throws -> any LanguageModel {
        var r = ByteReader(payload, source: source)
        let maxContext = try r.readInt()
        let text = try r.readArray(UInt32.self).map { Int32(bitPattern: $0) }
        let sa = try r.readArray(UInt32.self).map { Int32(bitPattern: $0) }
        let v = vocabulary.count
        guard maxContext >= 0, sa.count == text.count,
              text.allSatisfy({ $0 >= 0 && Int($0) < v }), sa.allSatisfy({ $0 >= 0 && Int($0) < text.count }) else {
            throw SeqbenchError.data("\(source): the ∞-gram index is inconsistent (\(text.count) tokens, \(sa.count) suffixes); the model file is corrupted, retrain it")
        }
        return InfiniGramModel(vocabulary: vocabulary, text: text, suffixArray: sa, maxContext: maxContext)
    }
}
