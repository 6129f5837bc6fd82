import Corpora

/// How vocabulary ids are spelled in an ARPA file.
///
/// Words are written as they are; `<unk>`, `<s>`, `</s>` are KenLM's specials. A character model
/// writes one character per token, as KenLM sees a file with one character per token (reference
/// §5): the newline is `</s>` when the model has sentence boundaries (and `↵` U+21B5 when it runs over
/// the continuous stream, where the newline is an ordinary token), the space is `_` (or `␣` U+2423 when
/// the vocabulary already holds `_`), and the other ASCII separators KenLM would split on are
/// written as control pictures: TAB `⇥`, CR `␍`, VT `␋`, FF `␌`, NUL `␀`. Reading reverses this: `␣`
/// stands for the space when the file has a `␣` unigram, otherwise `_` does.
public struct ARPATokenMap {
    public let tokenizer: TokenizerKind
    public let sentenceBoundaries: Bool
    public let spaceSpelling: String

    static let fixed: [(UInt32, String)] = [(9, "⇥"), (13, "␍"), (11, "␋"), (12, "␌"), (0, "␀")]

    public init(vocabulary: Vocabulary, sentenceBoundaries: Bool) {
        tokenizer = vocabulary.tokenizer
        self.sentenceBoundaries = sentenceBoundaries
        spaceSpelling = vocabulary.tokenizer == .char && vocabulary.id(of: "_") != nil ? "␣" : "_"
    }

    /// For reading: `unigrams` are the tokens of the file's unigram section.
    public init(readingCharTokens unigrams: Set<String>) {
        tokenizer = .char
        sentenceBoundaries = unigrams.contains("</s>")
        spaceSpelling = unigrams.contains("␣") ? "␣" : "_"
    }

    /// The ARPA spelling of id `id` (`bos` = `<s>`).
    public func spell(_ id: UInt32, vocabulary: Vocabulary) -> String {
        if Int(id) == vocabulary.count { return "<s>" }
        if id == 0 { return "<unk>" }
        switch tokenizer {
        case .word: return vocabulary.words[Int(id)]
        case .char, .byte:
            let u = vocabulary.units[Int(id)]
            if tokenizer == .byte { return String(format: "0x%02x", u) }
            if u == 10 { return sentenceBoundaries ? "</s>" : "↵" }
            if u == 32 { return spaceSpelling }
            if let f = ARPATokenMap.fixed.first(where: { $0.0 == u }) { return f.1 }
            return String(Character(Unicode.Scalar(u)!))
        }
    }

    /// The character an ARPA char token stands for, or nil for a special (`<s>`, `<unk>`) or a token that
    /// is not one character.
    public func character(of token: String) -> UInt32? {
        if token == "</s>" { return 10 }
        if token == "↵" && !sentenceBoundaries { return 10 }
        if token == spaceSpelling { return 32 }
        if let f = ARPATokenMap.fixed.first(where: { $0.1 == token }) { return f.0 }
        let s = token.unicodeScalars
        return s.count == 1 ? s.first!.value : nil
    }
}
