/// How text becomes tokens. Every model of one experiment uses the same tokenizer and vocabulary.
public enum TokenizerKind: String, CaseIterable, Codable, Sendable {
    /// One token per Unicode scalar; the newline is a token and the text is one stream.
    case char
    /// KenLM-compatible words: a line is a sentence; words are split on the ASCII whitespace bytes
    /// NUL, TAB, LF, VT, FF, CR and SPACE only (U+00A0 and other non-ASCII spaces stay inside words);
    /// each line ends in one `</s>` token, blank lines included. See ../shared/reference/kenlm-conventions.md.
    case word
    /// One token per UTF-8 byte.
    case byte
}
