import Foundation
import Corpora
import LanguageModels
import SeqbenchCore
@testable import Markov

/// Builds an n-gram model on `text`.
func makeModel(_ text: String, tokenizer: TokenizerKind = .word, order: Int, smoothing: Smoothing = .modifiedKneserNey,
               k: Double = 1, sentenceBoundaries: Bool = false, kenlmQuirk: Bool = true) throws -> NGramModel {
    let vocab = Vocabulary(tokenizer: tokenizer, trainingText: text)
    return try NGramKind.build(vocabulary: vocab, train: vocab.encode(text).ids, order: order, smoothing: smoothing, k: k,
                               sentenceBoundaries: sentenceBoundaries, kenlmQuirk: kenlmQuirk).0
}

/// ln p of every token of `text` under `model`, from a fresh context.
func scores(_ model: NGramModel, _ text: String) -> [Double] {
    let ids = model.vocabulary.encode(text).ids
    let ctx = model.makeContext()
    return ids.map { t in defer { ctx.observe(t) }; return ctx.logProbability(of: t) }
}

/// Word id by name.
func wid(_ m: NGramModel, _ w: String) -> Int32 { w == "<unk>" ? 0 : m.vocabulary.id(of: w)! }

/// |a − b| ≤ tol · max(|a|, |b|, tiny).
func close(_ a: Double, _ b: Double, _ tol: Double) -> Bool {
    if a == b { return true }
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-300)
}

/// The five-line corpus of the hand computations.
let handCorpus = "a b\nc b\nd b\na c\nb a\n"
