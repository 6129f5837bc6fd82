import Foundation
import Testing
@testable import Corpora
@testable import LanguageModels
import SeqbenchCore

/// An unsmoothed (maximum-likelihood) unigram model: p(w) = c(w) / N, so `<unk>`, never counted,
/// gets probability 0, as under `ngram --order 1 --smoothing mle`.
final class MaximumLikelihoodUnigram: LanguageModel {
    let vocabulary: Vocabulary
    let logProbs: [Double]
    var kind: String { "mle-unigram" }
    var hyperparameters: [String: JSONValue] { [:] }
    var parameterCount: Int { logProbs.count }

    init(trainingText: String, tokenizer: TokenizerKind) {
        vocabulary = Vocabulary(tokenizer: tokenizer, trainingText: trainingText)
        let ids = vocabulary.encode(trainingText).ids
        var counts = [Int](repeating: 0, count: vocabulary.count)
        for t in ids { counts[Int(t)] += 1 }
        logProbs = counts.map { log(Double($0) / Double(ids.count)) }
    }

    func makeContext() -> any ModelContext { UnigramModel.Context(logProbs: logProbs) }
    func encodePayload() throws -> Data { Data() }
}

@Suite struct EvaluationTests {
    /// Every zero-probability token is an OOV token: the perplexity is infinite, but the perplexity
    /// excluding OOVs is finite. By hand, training "the cat sat\nthe dog sat\n" gives 8 word tokens
    /// (the 2, sat 2, </s> 2, cat 1, dog 1); the test text "the cat ran\nthe zebra sat\n" has 8 tokens,
    /// 2 of them OOV (ran, zebra), and the other 6 have p = 2/8, 1/8, 2/8, 2/8, 2/8, 2/8, so their
    /// NLL is 5 ln 4 + ln 8 = 13 ln 2 and the perplexity excluding OOVs is exp(13 ln 2 / 6) = 2^(13/6).
    @Test func perplexityExcludingOOVIsFiniteWhenOnlyOOVTokensHaveProbabilityZero() {
        let model = MaximumLikelihoodUnigram(trainingText: "the cat sat\nthe dog sat\n", tokenizer: .word)
        let r = Evaluator.evaluate(model: model, text: "the cat ran\nthe zebra sat\n")
        #expect(r.tokens == 8 && r.oovTokens == 2 && r.zeroProbabilityTokens == 2)
        #expect(r.perplexity == .infinity)
        // Logs and exp of a few terms: a few ulps apart at most.
        #expect(abs(r.perplexityExcludingOOV - pow(2, 13.0 / 6)) < 1e-12 * pow(2, 13.0 / 6), "\(r.perplexityExcludingOOV)")
    }
}
