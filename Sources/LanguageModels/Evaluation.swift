import Foundation
import Corpora
import SeqbenchCore

/// Held-out evaluation of any model on a text: the same fields for every model kind.
///
/// With N tokens, C characters (Unicode scalars, newlines included) and total NLL = −Σ ln p(tᵢ | t<ᵢ):
///
///     cross_entropy_nats = NLL / N          bits_per_token = NLL / (N ln 2)
///     bits_per_char      = NLL / (C ln 2)   perplexity     = exp(NLL / N)
///     perplexity_excluding_oov = exp(NLL_in-vocabulary / (N − OOV))   (KenLM's "excluding OOVs":
///                                (NLL − NLL_oov) / (N − OOV), summed without the OOV tokens)
///
/// Micro-averaged over the whole text (never a mean of per-line values). A token with p = 0 makes
/// NLL infinite; it is counted in `zeroProbabilityTokens`, never skipped.
public struct EvaluationResult: Codable, Sendable, Equatable {
    public var tokens: Int
    public var characters: Int
    public var oovTokens: Int
    public var zeroProbabilityTokens: Int
    public var nllNats: Double
    public var crossEntropyNats: Double
    public var bitsPerToken: Double
    public var bitsPerChar: Double
    public var perplexity: Double
    public var perplexityExcludingOOV: Double
    public var vocabularySize: Int
    public var model: JSONValue
    public var tokenizer: String
    /// Which tokens were predicted and counted, in words.
    public var tokensCounted: String

    enum CodingKeys: String, CodingKey {
        case tokens, characters, model, tokenizer, perplexity
        case oovTokens = "oov_tokens"
        case zeroProbabilityTokens = "zero_probability_tokens"
        case nllNats = "nll_nats"
        case crossEntropyNats = "cross_entropy_nats"
        case bitsPerToken = "bits_per_token"
        case bitsPerChar = "bits_per_char"
        case perplexityExcludingOOV = "perplexity_excluding_oov"
        case vocabularySize = "vocabulary_size"
        case tokensCounted = "tokens_counted"
    }

    public static func describeCountedTokens(_ t: TokenizerKind) -> String {
        switch t {
        case .char: return "every Unicode scalar of the test text, newlines included; <unk> tokens included"
        case .word: return "every word plus one </s> per line (blank lines included); <s> is context only; <unk> tokens included"
        case .byte: return "every UTF-8 byte of the test text, newlines included; <unk> tokens included"
        }
    }
}

public enum Evaluator {
    /// Scores `text` with `model`, carrying the model's state through the whole text.
    /// - Complexity: one model step per token.
    public static func evaluate(model: any LanguageModel, text: String) -> EvaluationResult {
        let (ids, _) = model.vocabulary.encode(text)
        let lps = model.logProbabilities(of: ids, context: model.makeContext())
        return summarize(ids: ids, logProbabilities: lps, characters: text.unicodeScalars.count, model: model)
    }

    /// Builds the result from per-token ln p values (exposed for models that score in their own way).
    public static func summarize(ids: [Int32], logProbabilities lps: [Double], characters: Int, model: any LanguageModel) -> EvaluationResult {
        precondition(ids.count == lps.count, "one log-probability per token")
        // The in-vocabulary NLL is summed on its own, not as NLL − NLL_oov: an OOV token of
        // probability 0 makes both infinite, and ∞ − ∞ is NaN.
        var nll = 0.0, nllInVocabulary = 0.0
        var oov = 0, zero = 0
        for (t, lp) in zip(ids, lps) {
            if lp == -Double.infinity { zero += 1 }
            nll -= lp
            if t == Vocabulary.unknownID { oov += 1 } else { nllInVocabulary -= lp }
        }
        let n = Double(ids.count)
        let ce = ids.isEmpty ? 0 : nll / n
        let exclDen = Double(ids.count - oov)
        let exclNLL = nllInVocabulary
        let pplExcl: Double = exclDen > 0 ? exp(exclNLL / exclDen) : .nan
        return EvaluationResult(
            tokens: ids.count,
            characters: characters,
            oovTokens: oov,
            zeroProbabilityTokens: zero,
            nllNats: nll,
            crossEntropyNats: ce,
            bitsPerToken: ce / M_LN2,
            bitsPerChar: characters > 0 ? nll / (Double(characters) * M_LN2) : .nan,
            perplexity: exp(ce),
            perplexityExcludingOOV: pplExcl,
            vocabularySize: model.vocabulary.count,
            model: model.descriptor,
            tokenizer: model.vocabulary.tokenizer.rawValue,
            tokensCounted: EvaluationResult.describeCountedTokens(model.vocabulary.tokenizer)
        )
    }
}
