import Foundation
import Testing
@testable import Corpora
@testable import LanguageModels
@testable import SeqbenchCore

/// Text in many scripts goes through vocabulary, training, evaluation, sampling, and a model file
/// without loss: exactly for `char` and `byte`; for `word` modulo whitespace normalisation (each
/// line's words joined by one space, every line ending in "\n" — KenLM's view of a text).
@Suite struct TokenizerRoundTripTests {
    static let text = """
    The quick brown fox — naïve café, Ünïcödé
    Съешь же ещё этих мягких французских булок
    العربية لغة جميلة ومكتوبة من اليمين
    देवनागरी लिपि में हिन्दी  लिखी जाती है
    ਗੁਰਮੁਖੀ ਲਿਪੀ ਪੰਜਾਬੀ
    漢字かなカナ 한국어 中文
    combining: e\u{301} a\u{308} n\u{303} \u{0915}\u{094D}\u{0937}
    emoji: 👩‍👩‍👧 🇺🇦 😀\tthumbs 👍🏽
    the end
    """

    /// Words of each line joined by one space, each line ended by "\n".
    func normalised(_ s: String) -> String {
        var out = ""
        WordSplitter.forEachLine(in: s) { words in out += words.joined(separator: " ") + "\n" }
        return out
    }

    func roundTrip(_ tokenizer: TokenizerKind) throws -> (model: any LanguageModel, vocabulary: Vocabulary) {
        let text = TokenizerRoundTripTests.text
        let vocab = Vocabulary(tokenizer: tokenizer, trainingText: text)
        let ids = vocab.encode(text).ids
        #expect(vocab.encode(text).oov == 0)
        #expect(!ids.contains(Vocabulary.unknownID))
        switch tokenizer {
        case .char, .byte: #expect(vocab.decode(ids) == text)
        case .word: #expect(vocab.decode(ids) == normalised(text))
        }
        // Train, save, load: the loaded model has the same vocabulary and scores the same.
        let (model, _) = try UnigramKind.train(data: TrainingData(vocabulary: vocab, train: ids), options: ModelOptions(), environment: TrainingEnvironment())
        let data = try ModelFile.encode(model)
        let loaded = try ModelRegistry([UnigramKind.self]).decode(data, source: "mem")
        #expect(loaded.vocabulary == vocab)
        #expect(loaded.vocabulary.decode(loaded.vocabulary.encode(text).ids) == vocab.decode(ids))
        let before = Evaluator.evaluate(model: model, text: text)
        let after = Evaluator.evaluate(model: loaded, text: text)
        #expect(before == after)
        #expect(before.oovTokens == 0 && before.zeroProbabilityTokens == 0)
        #expect(before.characters == text.unicodeScalars.count)
        #expect(before.tokens == ids.count)
        return (loaded, vocab)
    }

    @Test func charIsExact() throws {
        let (model, vocab) = try roundTrip(.char)
        #expect(vocab.tokenizer == .char)
        // Every scalar is a token: combining marks and the emoji ZWJ sequence come apart into scalars.
        #expect(vocab.id(of: "\u{301}") != nil && vocab.id(of: "\u{200D}") != nil)
        // A temperature sample decodes to vocabulary units: re-encoding gives the same ids
        // (<unk>, drawn with probability 1/(N+V), decodes to U+FFFD, which is not in the vocabulary).
        var rng = Xoshiro256(seed: 5)
        let ids = try Generator.generate(model: model, request: .init(length: 300, sampling: SamplingOptions(temperature: 1)), using: &rng)
        #expect(ids.count == 300)
        #expect(vocab.encode(vocab.decode(ids)).ids == ids)
        // Greedy repeats the most frequent unit (the space: counted by hand it is the commonest scalar).
        var g = Xoshiro256(seed: 0)
        let greedy = try Generator.generate(model: model, request: .init(length: 5, sampling: SamplingOptions(temperature: 0)), using: &g)
        #expect(vocab.decode(greedy) == "     ")
    }

    @Test func byteIsExact() throws {
        let (model, vocab) = try roundTrip(.byte)
        #expect(vocab.count == Set(TokenizerRoundTripTests.text.utf8).count + 1)
        var rng = Xoshiro256(seed: 6)
        let ids = try Generator.generate(model: model, request: .init(length: 300, sampling: SamplingOptions(temperature: 1)), using: &rng)
        #expect(ids.allSatisfy { $0 >= 0 && Int($0) < vocab.count })
    }

    @Test func wordIsExactModuloWhitespace() throws {
        let (model, vocab) = try roundTrip(.word)
        #expect(vocab.id(of: "हिन्दी") != nil && vocab.id(of: "👩‍👩‍👧") != nil && vocab.id(of: "café,") != nil)
        var rng = Xoshiro256(seed: 7)
        var ids = try Generator.generate(model: model, request: .init(length: 100, sampling: SamplingOptions(temperature: 1)), using: &rng)
        let decoded = vocab.decode(ids)
        if ids.last != 1 { ids.append(1) }  // decoding ends the last line; encoding adds its </s>
        #expect(vocab.encode(decoded).ids == ids)
    }
}
