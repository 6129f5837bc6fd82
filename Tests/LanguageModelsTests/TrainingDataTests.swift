import Testing
@testable import Corpora
@testable import LanguageModels

@Suite struct TrainingDataTests {
    @Test func vocabularyFromTrainingTextOnly() {
        // Ids: <unk> 0, "\n" 1, "a" 2, "b" 3; "c" occurs only in the validation text → <unk>.
        let d = TrainingData(tokenizer: .char, trainText: "ab\nba\n", validText: "abc\n")
        #expect(d.vocabulary.count == 4)
        #expect(d.train == [2, 3, 1, 3, 2, 1])
        #expect(d.valid == [2, 3, 0, 1])
        #expect(d.validCharacters == 4)
        #expect(TrainingData(tokenizer: .word, trainText: "x y\n").valid == nil)
    }
}
