import Corpora

extension TrainingData {
    /// Training data from texts: the vocabulary is built from `trainText` only (so every model of an
    /// experiment that is given the same split and tokenizer gets the same ids), then both texts are
    /// encoded with it (validation units outside it become `<unk>`).
    /// - Complexity: O(n log n) in the training text (vocabulary), O(n) to encode.
    public init(tokenizer: TokenizerKind, trainText: String, validText: String? = nil) {
        let vocabulary = Vocabulary(tokenizer: tokenizer, trainingText: trainText)
        self.init(vocabulary: vocabulary,
                  train: vocabulary.encode(trainText).ids,
                  valid: validText.map { vocabulary.encode($0).ids },
                  validCharacters: validText.map { $0.unicodeScalars.count })
    }
}
