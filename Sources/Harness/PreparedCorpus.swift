import Foundation
import Corpora
import LanguageModels
import Metrics
import SeqbenchCore

/// A corpus ready for an experiment: cut, split, with its vocabulary (from the training split only)
/// and the token ids of each split. Every model of the experiment sees exactly these.
final class PreparedCorpus: @unchecked Sendable {  // immutable after init, except the lazily built index (guarded)
    let entry: ExperimentConfig.CorpusEntry
    let name: String
    let text: String
    let sha256: String
    let entropyRateBitsPerChar: Double?
    let split: CorpusSplit
    let vocabulary: Vocabulary
    let train: [Int32]
    let valid: [Int32]
    let test: [Int32]
    let validCharacters: Int
    let promptIDs: [Int32]

    private let lock = NSLock()
    private var _index: TrainingIndex?

    init(entry: ExperimentConfig.CorpusEntry, prompt: String, file: String) throws {
        self.entry = entry
        let corpus = try CorpusCatalog.load(entry.spec)
        var text = corpus.text
        if let m = entry.maxBytes, text.utf8.count > m {
            // Cut at the last line end within the first m bytes.
            let bytes = Array(text.utf8.prefix(m))
            let end = (bytes.lastIndex(of: 0x0A).map { $0 + 1 }) ?? bytes.count
            text = String(decoding: bytes[0..<end], as: UTF8.self)
        }
        self.text = text
        name = corpus.name
        sha256 = entry.maxBytes == nil ? corpus.sha256 : SHA256.hex(text)
        entropyRateBitsPerChar = corpus.entropyRateNats.map { $0 / M_LN2 }
        split = try CorpusSplit(text: text, fractions: entry.split, source: "\(file):\(entry.line): corpus \(corpus.name)")
        vocabulary = Vocabulary(tokenizer: entry.tokenizer, trainingText: split.train)
        train = vocabulary.encode(split.train).ids
        valid = vocabulary.encode(split.valid).ids
        test = vocabulary.encode(split.test).ids
        validCharacters = split.valid.unicodeScalars.count
        let unknown = vocabulary.unknownUnits(in: prompt)
        guard unknown.isEmpty else {
            throw SeqbenchError.data("\(file): sampling.prompt has units not in the \(corpus.name) training split's vocabulary: \(unknown.map { "'\($0)'" }.joined(separator: ", ")); change the prompt")
        }
        let p = vocabulary.encode(prompt).ids
        // A word prompt without a trailing newline must not end with the implicit </s>.
        promptIDs = (entry.tokenizer == .word && !prompt.hasSuffix("\n") && p.last == 1) ? Array(p.dropLast()) : p
    }

    /// The suffix-array index of the training tokens, built once on first use.
    var index: TrainingIndex {
        lock.lock(); defer { lock.unlock() }
        if let i = _index { return i }
        let i = TrainingIndex(tokens: train)
        _index = i
        return i
    }

    /// `count` windows of `length` tokens of held-out human text (the test split), evenly spaced.
    func humanWindows(count: Int, length: Int) -> [[Int32]] {
        let n = test.count
        guard n > 0 else { return [] }
        let len = min(length, n)
        return (0..<count).map { i in
            let start = count > 1 ? (n - len) * i / (count - 1) : 0
            return Array(test[start..<(start + len)])
        }
    }
}
