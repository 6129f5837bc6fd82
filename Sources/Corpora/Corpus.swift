import Foundation
import SeqbenchCore

/// A loaded corpus: validated UTF-8 text with its identity.
public struct Corpus: Sendable {
    /// The CLI form of the spec it was loaded from (`kjv`, `synthetic:markov:…`, the path).
    public let name: String
    public let spec: CorpusSpec
    public let text: String
    /// Lowercase hex SHA-256 of the text's UTF-8 bytes; recorded with every split and result.
    public let sha256: String
    /// Where the text came from, in words (the command, the file, the URL).
    public let source: String
    /// The exact entropy rate in nats per character, for synthetic corpora; nil otherwise.
    public let entropyRateNats: Double?

    public init(name: String, spec: CorpusSpec, text: String, source: String, entropyRateNats: Double? = nil) {
        self.name = name; self.spec = spec; self.text = text; self.source = source
        self.entropyRateNats = entropyRateNats
        sha256 = SHA256.hex(text)
    }

    /// The entropy rate in bits per character, for synthetic corpora.
    public var entropyRateBits: Double? { entropyRateNats.map { $0 / log(2) } }

    /// Splits the text (contiguous parts on line boundaries, see `CorpusSplit`).
    public func split(_ fractions: SplitFractions = .standard) throws -> CorpusSplit {
        try CorpusSplit(text: text, fractions: fractions, source: name)
    }

    /// Size facts for `seqbench corpus show`.
    public var statistics: CorpusStatistics { CorpusStatistics(text: text) }
}

/// Counts over a text: bytes, characters (Unicode scalars), lines, distinct characters.
public struct CorpusStatistics: Sendable, Equatable, Codable {
    public var bytes: Int
    /// Unicode scalars, newlines included (the unit of bits per char).
    public var characters: Int
    /// Lines: "\n" count, plus one for a final line without "\n".
    public var lines: Int
    /// Distinct Unicode scalars.
    public var distinctCharacters: Int

    /// - Complexity: O(n).
    public init(text: String) {
        bytes = text.utf8.count
        var chars = 0, newlines = 0
        var seenBMP = [Bool](repeating: false, count: 0x10000)  // a flag per scalar below U+10000
        var seenOther = Set<UInt32>()
        var distinct = 0
        seenBMP.withUnsafeMutableBufferPointer { flags in
            for s in text.unicodeScalars {
                chars += 1
                if s == "\n" { newlines += 1 }
                if s.value < 0x10000 {
                    if !flags[Int(s.value)] { flags[Int(s.value)] = true; distinct += 1 }
                } else if seenOther.insert(s.value).inserted {
                    distinct += 1
                }
            }
        }
        characters = chars
        lines = newlines + (text.unicodeScalars.last.map { $0 == "\n" ? 0 : 1 } ?? 0)
        distinctCharacters = distinct
    }

    enum CodingKeys: String, CodingKey {
        case bytes, characters, lines
        case distinctCharacters = "distinct_characters"
    }
}
