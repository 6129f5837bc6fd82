import Foundation
import Testing
@testable import Corpora
@testable import LanguageModels
@testable import SeqbenchCore

@Suite struct GenerationTests {
    let text = "the cat sat on the mat\nthe dog sat\n"

    func model(_ t: TokenizerKind) -> UnigramModel {
        let v = Vocabulary(tokenizer: t, trainingText: text)
        return UnigramModel(vocabulary: v, training: v.encode(text).ids)
    }

    @Test func promptUnknownUnitsAreNamed() throws {
        let m = model(.char)
        #expect(throws: SeqbenchError.usage("--prompt: 2 unit(s) not in the model's char vocabulary: 'z', '\\n'; remove them or pass --allow-unk to map them to <unk>")) {
            _ = try Generator.encodePrompt("zoo\n\n", vocabulary: Vocabulary(tokenizer: .char, trainingText: "o "), allowUnknown: false)
        }
        let ids = try Generator.encodePrompt("cz", vocabulary: m.vocabulary, allowUnknown: true)
        #expect(ids == [m.vocabulary.id(of: "c")!, Vocabulary.unknownID])
    }

    @Test func wordPromptEndsALineOnlyWhenAsked() throws {
        let v = model(.word).vocabulary
        let open = try Generator.encodePrompt("the cat", vocabulary: v, allowUnknown: false)
        #expect(open == [v.id(of: "the")!, v.id(of: "cat")!])
        let closed = try Generator.encodePrompt("the cat\n", vocabulary: v, allowUnknown: false)
        #expect(closed == open + [1])
    }

    @Test func samplesAreReproducibleOneByOne() throws {
        let m = model(.char)
        let opts = SamplingOptions(temperature: 0.8, topK: 5)
        let three = try Generator.samples(model: m, prompt: [], length: 20, count: 3, seed: 5, sampling: opts)
        let again = try Generator.samples(model: m, prompt: [], length: 20, count: 3, seed: 5, sampling: opts)
        #expect(three == again)
        // Sample i uses seed + i: the third one alone with seed 7 is the same text.
        let single = try Generator.samples(model: m, prompt: [], length: 20, count: 1, seed: 7, sampling: opts)
        #expect(single[0].text == three[2].text && single[0].seed == 7)
        #expect(three.map(\.index) == [0, 1, 2] && three.allSatisfy { $0.tokens == 20 })
        #expect(Set(three.map(\.text)).count == 3)
    }

    @Test func samplesIncludeThePrompt() throws {
        let m = model(.char)
        let prompt = try Generator.encodePrompt("the ", vocabulary: m.vocabulary, allowUnknown: false)
        let s = try Generator.samples(model: m, prompt: prompt, length: 10, count: 1, seed: 1, sampling: SamplingOptions())
        #expect(s[0].text.hasPrefix("the ") && s[0].text.unicodeScalars.count == 14)
    }
}
