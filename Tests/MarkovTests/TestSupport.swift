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

/// A hand-written ARPA file (`ARPATests` works its scores out by hand): not normalised, and `b` has
/// no backoff entry (ln b = 0).
let handARPA = """

\\data\\
ngram 1=5
ngram 2=2

\\1-grams:
-2\t<unk>
-0.7\t</s>
-99\t<s>\t-0.1
-0.5\ta\t-0.25
-0.6\tb

\\2-grams:
-0.2\ta b
-0.3\t<s> a

\\end\\

"""
