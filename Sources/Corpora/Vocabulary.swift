import SeqbenchCore

/// The mapping between tokens and integer ids, built from the training split only.
///
/// Ids are deterministic: `<unk>` is 0; for `word`, `</s>` is 1; then the training split's distinct
/// units in ascending order (Unicode scalar value for `char`, byte value for `byte`, UTF-8 byte order
/// for `word`). Anything outside the vocabulary encodes as `<unk>`.
public struct Vocabulary: Sendable, Equatable {
    public let tokenizer: TokenizerKind
    /// The units behind ids for `char` (scalar values) and `byte` (byte values); index = id. Entry 0
    /// (`<unk>`) holds `UInt32.max`.
    public let units: [UInt32]
    /// The words behind ids for `word`; index = id; entry 0 is `<unk>`, entry 1 is `</s>`.
    public let words: [String]
    private let unitIndex: [UInt32: Int32]
    private let wordIndex: [String: Int32]

    public static let unknownID: Int32 = 0
    public static let unknownToken = "<unk>"
    public static let endOfSentenceToken = "</s>"

    /// Number of ids, `<unk>` (and `</s>` for `word`) included.
    public var count: Int { tokenizer == .word ? words.count : units.count }

    /// The id that ends a sentence: `</s>` for `word`; the newline for `char` and `byte` when the
    /// training text had one. n-gram models with sentence boundaries reset their context after it.
    public var endOfSentenceID: Int32? {
        switch tokenizer {
        case .word: return 1
        case .char, .byte: return unitIndex[10]
        }
    }

    /// Builds the vocabulary of `text` (the training split).
    /// - Complexity: O(n log n) in the length of `text`.
    public init(tokenizer: TokenizerKind, trainingText text: String) {
        switch tokenizer {
        case .char:
            var seen = Set<UInt32>()
            for s in text.unicodeScalars { seen.insert(s.value) }
            self.init(tokenizer: .char, units: seen.sorted())
        case .byte:
            var seen = [Bool](repeating: false, count: 256)
            for b in text.utf8 { seen[Int(b)] = true }
            self.init(tokenizer: .byte, units: (0..<256).filter { seen[$0] }.map(UInt32.init))
        case .word:
            var seen = Set<String>()
            WordSplitter.forEachLine(in: text) { words in
                for w in words { seen.insert(w) }
            }
            let sorted = seen.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            self.init(words: sorted)
        }
    }

    /// A vocabulary with these units (ascending, without `<unk>`).
    public init(tokenizer: TokenizerKind, units: [UInt32]) {
        precondition(tokenizer != .word, "use init(words:) for word vocabularies")
        self.tokenizer = tokenizer
        self.units = [UInt32.max] + units
        var idx: [UInt32: Int32] = [:]
        for (i, u) in self.units.enumerated() where i > 0 { idx[u] = Int32(i) }
        unitIndex = idx
        words = []
        wordIndex = [:]
    }

    /// A word vocabulary with these words (without `<unk>` and `</s>`), in id order.
    public init(words: [String]) {
        tokenizer = .word
        self.words = [Vocabulary.unknownToken, Vocabulary.endOfSentenceToken] + words
        var idx: [String: Int32] = [:]
        for (i, w) in self.words.enumerated() where i > 1 { idx[w] = Int32(i) }
        wordIndex = idx
        units = []
        unitIndex = [:]
    }

    public static func == (a: Vocabulary, b: Vocabulary) -> Bool {
        a.tokenizer == b.tokenizer && a.units == b.units && a.words == b.words
    }

    /// The id of a single token's surface form, or nil when it is not in the vocabulary.
    public func id(of token: String) -> Int32? {
        switch tokenizer {
        case .word:
            if token == Vocabulary.endOfSentenceToken { return 1 }
            return wordIndex[token]
        case .char:
            let s = token.unicodeScalars
            guard s.count == 1 else { return nil }
            return unitIndex[s.first!.value]
        case .byte:
            let b = Array(token.utf8)
            guard b.count == 1 else { return nil }
            return unitIndex[UInt32(b[0])]
        }
    }

    /// A printable name for an id (`<unk>`, `</s>`, `\n`, `0x0a` …), for ARPA files and messages.
    public func displayName(of id: Int32) -> String {
        if id == Vocabulary.unknownID { return Vocabulary.unknownToken }
        switch tokenizer {
        case .word: return words[Int(id)]
        case .char: return String(Character(Unicode.Scalar(units[Int(id)])!))
        case .byte: return String(format: "0x%02x", units[Int(id)])
        }
    }

    /// Encodes `text`; units outside the vocabulary become `<unk>`.
    /// - Returns: the ids and the number of out-of-vocabulary tokens.
    /// - Complexity: O(n).
    public func encode(_ text: String) -> (ids: [Int32], oov: Int) {
        var ids: [Int32] = []
        var oov = 0
        switch tokenizer {
        case .char:
            ids.reserveCapacity(text.unicodeScalars.count)
            for s in text.unicodeScalars {
                if let i = unitIndex[s.value] { ids.append(i) } else { ids.append(0); oov += 1 }
            }
        case .byte:
            var table = [Int32](repeating: -1, count: 256)
            for (u, i) in unitIndex { table[Int(u)] = i }
            ids.reserveCapacity(text.utf8.count)
            for b in text.utf8 {
                let i = table[Int(b)]
                if i >= 0 { ids.append(i) } else { ids.append(0); oov += 1 }
            }
        case .word:
            WordSplitter.forEachLine(in: text) { words in
                for w in words {
                    if let i = wordIndex[w] { ids.append(i) } else { ids.append(0); oov += 1 }
                }
                ids.append(1)
            }
        }
        return (ids, oov)
    }

    /// The units of `text` that are not in the vocabulary, in order of first appearance.
    public func unknownUnits(in text: String) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        switch tokenizer {
        case .char:
            for s in text.unicodeScalars where unitIndex[s.value] == nil {
                let t = String(Character(s)); if seen.insert(t).inserted { out.append(t) }
            }
        case .byte:
            for b in text.utf8 where unitIndex[UInt32(b)] == nil {
                let t = String(format: "0x%02x", b); if seen.insert(t).inserted { out.append(t) }
            }
        case .word:
            WordSplitter.forEachLine(in: text) { words in
                for w in words where wordIndex[w] == nil { if seen.insert(w).inserted { out.append(w) } }
            }
        }
        return out
    }

    /// Decodes ids back to text. `char`/`byte`: concatenation (`<unk>` becomes U+FFFD; invalid UTF-8
    /// from byte models is repaired with U+FFFD). `word`: words joined by one space, `</s>` ends the line.
    public func decode(_ ids: [Int32]) -> String {
        switch tokenizer {
        case .char:
            var s = String.UnicodeScalarView()
            for i in ids {
                if i == 0 { s.append("\u{FFFD}") } else { s.append(Unicode.Scalar(units[Int(i)])!) }
            }
            return String(s)
        case .byte:
            var bytes: [UInt8] = []
            for i in ids {
                if i == 0 { bytes += [0xEF, 0xBF, 0xBD] } else { bytes.append(UInt8(units[Int(i)])) }
            }
            return String(decoding: bytes, as: UTF8.self)
        case .word:
            var out = ""
            var atLineStart = true
            for i in ids {
                if i == 1 { out += "\n"; atLineStart = true; continue }
                if !atLineStart { out += " " }
                out += words[Int(i)]
                atLineStart = false
            }
            return out
        }
    }

    /// Number of tokens `text` encodes to (for `word`, words plus one `</s>` per line).
    public func tokenCount(_ text: String) -> Int { encode(text).ids.count }
}

extension Vocabulary {
    /// Writes the vocabulary into a model file.
    public func write(to w: inout ByteWriter) {
        w.write(tokenizer.rawValue)
        switch tokenizer {
        case .word: w.writeStrings(Array(words.dropFirst(2)))
        case .char, .byte: w.writeArray(Array(units.dropFirst()))
        }
    }

    /// Reads a vocabulary written by `write(to:)`.
    public static func read(from r: inout ByteReader) throws -> Vocabulary {
        let name = try r.readString()
        guard let kind = TokenizerKind(rawValue: name) else {
            throw SeqbenchError.data("\(r.source): unknown tokenizer '\(name)' in the model file; it is corrupted or from another program")
        }
        switch kind {
        case .word: return Vocabulary(words: try r.readStrings())
        case .char, .byte: return Vocabulary(tokenizer: kind, units: try r.readArray(UInt32.self))
        }
    }
}

/// KenLM's word splitting: lines on `\n`; words on the ASCII whitespace bytes NUL, TAB, VT, FF, CR and
/// SPACE (the union of lmplz's and query's sets). Non-ASCII spaces such as U+00A0 stay inside words.
public enum WordSplitter {
    @inline(__always)
    static func isSeparator(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x00 || b == 0x0B || b == 0x0C
    }

    /// Calls `body` with the words of every line. A final line without `\n` counts as a line; an empty
    /// text has no lines.
    public static func forEachLine(in text: String, _ body: ([String]) -> Void) {
        var words: [String] = []
        var current: [UInt8] = []
        var sawAny = false
        for b in text.utf8 {
            sawAny = true
            if b == 0x0A {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
                body(words)
                words.removeAll(keepingCapacity: true)
                sawAny = false
            } else if isSeparator(b) {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
            } else {
                current.append(b)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        if sawAny { body(words) }
    }
}
