import Foundation
import Corpora
import LanguageModels
import SeqbenchCore

/// The `ngram` model kind: n-gram Markov chains of any order ≥ 1 with five smoothings
/// (`seqbench train ngram --order 5 --smoothing modified-kneser-ney --tokenizer word …`).
public enum NGramKind: ModelKind {
    public static let name = "ngram"
    public static let summary = "n-gram Markov chain (mle, add-k, witten-bell, kneser-ney, modified-kneser-ney as KenLM lmplz)"
    public static let maxOrder = 64
    /// Counts and discounts, evaluated without BLAS.
    public static let isMachineIndependent = true

    public static let options: [ModelOptionSpec] = [
        ModelOptionSpec("order", .int, default: .int(3), help: "n-gram order N (1...\(maxOrder)): N−1 tokens of context"),
        ModelOptionSpec("smoothing", .string, default: .string(Smoothing.modifiedKneserNey.rawValue),
                        help: "how counts become probabilities", choices: Smoothing.allCases.map(\.rawValue)),
        ModelOptionSpec("k", .double, default: .double(1), help: "add-k: pseudo-count added to every successor (1 = Laplace)"),
        ModelOptionSpec("sentence_boundaries", .bool, default: .bool(false),
                        help: "char/byte: a line is a sentence (<s> context at each line start, newline plays </s>, as KenLM); default: one continuous stream. Always on for word"),
        ModelOptionSpec("kenlm_quirk", .bool, default: .bool(true),
                        help: "modified-kneser-ney: copy lmplz's count-of-counts quirk (raw counts for the last suffix-sorted n-grams) to match KenLM exactly"),
        ModelOptionSpec("discount_fallback", .string, default: .string("0.5,1,1.5"),
                        help: "D1,D2,D3+ used for an order whose discounts are undefined (as lmplz --discount_fallback; we always fall back, never fail, and report the orders in the training notes)"),
    ]

    /// Parses "0.5,1,1.5" (commas or spaces).
    public static func parseFallback(_ s: String, source: String) throws -> Discounts {
        let parts = s.split(whereSeparator: { $0 == "," || $0 == " " }).map { Double($0) }
        guard parts.count == 3, let d1 = parts[0], let d2 = parts[1], let d3 = parts[2], d1 >= 0, d2 >= 0, d3 >= 0 else {
            throw SeqbenchError.usage("\(source): option 'discount_fallback' is '\(s)'; give three non-negative numbers D1,D2,D3+ such as 0.5,1,1.5")
        }
        return Discounts(d1, d2, d3)
    }

    /// The options as `train` uses them.
    struct Settings {
        var order: Int
        var smoothing: Smoothing
        var k: Double
        var kenlmQuirk: Bool
        var fallback: Discounts
        /// As given; word models always use sentence boundaries.
        var sentenceBoundaries: Bool
    }

    /// Reads and range-checks every option; errors name the option and the value. `train` and
    /// `validate(options:)` both read through here, so a config is checked exactly as training reads it.
    static func settings(from options: ModelOptions) throws -> Settings {
        try options.validate(against: Self.options, kind: name)
        return Settings(
            order: try options.int("order", default: 3, range: 1...maxOrder),
            smoothing: Smoothing(rawValue: try options.string("smoothing", default: Smoothing.modifiedKneserNey.rawValue,
                                                              choices: Smoothing.allCases.map(\.rawValue)))!,
            k: try options.double("k", default: 1, range: 1e-12...1e12),
            kenlmQuirk: try options.bool("kenlm_quirk", default: true),
            fallback: try parseFallback(try options.string("discount_fallback", default: "0.5,1,1.5"), source: options.source(of: "discount_fallback")),
            sentenceBoundaries: try options.bool("sentence_boundaries", default: false))
    }

    public static func validate(options: ModelOptions) throws {
        _ = try settings(from: options)
    }

    public static func train(data: TrainingData, options: ModelOptions, environment: TrainingEnvironment) throws -> (any LanguageModel, TrainingReport) {
        let s = try settings(from: options)
        let start = Date()
        let vocab = data.vocabulary
        let model = try build(vocabulary: vocab, train: data.train, order: s.order, smoothing: s.smoothing, k: s.k,
                              sentenceBoundaries: vocab.tokenizer == .word || s.sentenceBoundaries,
                              kenlmQuirk: s.kenlmQuirk, fallback: s.fallback)
        let secs = Date().timeIntervalSince(start)
        var notes = model.1
        notes["build_seconds"] = .double(secs)
        return (model.0, TrainingReport(wallSeconds: secs, tokensPerSecond: secs > 0 ? Double(data.train.count) / secs : 0, notes: notes))
    }

    /// Builds a model from training ids (no option parsing; for tests and the harness).
    /// - Complexity: O(N (T + U)) for T training tokens and U n-grams per order.
    public static func build(vocabulary vocab: Vocabulary, train: [Int32], order: Int, smoothing: Smoothing, k: Double = 1,
                             sentenceBoundaries sbIn: Bool = false, kenlmQuirk: Bool = true,
                             fallback: Discounts = .kenLMFallback) throws -> (NGramModel, [String: JSONValue]) {
        precondition(order >= 1, "order must be >= 1, got \(order)")
        let v = vocab.count
        let sb = vocab.tokenizer == .word ? true : sbIn
        let eos: Int32? = sb ? vocab.endOfSentenceID : nil
        for t in train where t < 0 || Int(t) >= v {
            throw SeqbenchError.data("training data: token id \(t) is outside the vocabulary of \(v) ids; encode the text with the model's vocabulary")
        }
        let seq = NGramCounts.sentenceSequence(train, vocabularySize: v, endOfSentence: eos, sentenceBoundaries: sb)
        let counts = NGramCounts.count(sequence: seq, order: order, vocabularySize: v)
        let cfg = NGramEstimator.Configuration(order: order, smoothing: smoothing, k: k, kenlmQuirk: kenlmQuirk,
                                               fallback: fallback, vocabularySize: v, endOfSentence: eos.map { UInt32($0) })
        let (trie, stats) = NGramEstimator.estimate(counts: counts, sequence: seq, configuration: cfg)
        let observed = (0..<v).map { counts.count[0][$0] > 0 }
        var settings: [String: JSONValue] = [
            "order": .int(order), "smoothing": .string(smoothing.rawValue),
            "sentence_boundaries": .bool(sb),
        ]
        if smoothing == .addK { settings["k"] = .double(k) }
        if smoothing.usesAdjustedCounts {
            settings["discounts"] = .array(stats.discounts.map { .array([.double($0.d1), .double($0.d2), .double($0.d3)]) })
            settings["discount_fallback_orders"] = .array(stats.fellBack.map { .int($0) })
            if smoothing == .modifiedKneserNey { settings["kenlm_quirk"] = .bool(kenlmQuirk) }
        }
        var notes: [String: JSONValue] = settings
        notes["ngrams_per_order"] = .array(stats.ngrams.enumerated().map { .int($0.offset == 0 ? v + 1 : $0.element) })
        if smoothing.usesAdjustedCounts {
            notes["count_of_counts"] = .array(stats.countOfCounts.map { .array($0.dropFirst().map { .int(Int($0)) }) })
        }
        let model = NGramModel(vocabulary: vocab, trie: trie, sentenceBoundaries: sb, unigramObserved: observed, settings: settings)
        return (model, notes)
    }

    public static func decode(payload: Data, vocabulary: Vocabulary, source: String) throws -> any LanguageModel {
        try NGramPayload.decode(payload, vocabulary: vocabulary, source: source)
    }
}
