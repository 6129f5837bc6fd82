import Foundation
import SeqbenchCore

/// Fractions of a corpus for training, validation and test; they must be positive and sum to 1.
public struct SplitFractions: Sendable, Equatable, Codable, Hashable {
    public var train: Double
    public var valid: Double
    public var test: Double

    public static let standard = SplitFractions(train: 0.9, valid: 0.05, test: 0.05)

    public init(train: Double, valid: Double, test: Double) {
        self.train = train; self.valid = valid; self.test = test
    }

    /// Checks the fractions; `field` names where they came from for the error message.
    public func validate(field: String) throws {
        for (name, v) in [("train", train), ("valid", valid), ("test", test)] where !(v > 0 && v < 1) {
            throw SeqbenchError.usage("\(field): \(name) fraction \(formatDouble(v)) is out of range; give a number between 0 and 1 (exclusive)")
        }
        if abs(train + valid + test - 1) > 1e-9 {
            throw SeqbenchError.usage("\(field): fractions \(formatDouble(train))/\(formatDouble(valid))/\(formatDouble(test)) sum to \(formatDouble(train + valid + test)); make them sum to 1")
        }
    }
}

/// A corpus cut into three contiguous parts on line boundaries, identical for every model.
///
/// The train part ends at the first line boundary at or after `train × bytes`; the valid part at the
/// first line boundary at or after `(train + valid) × bytes`; the test part is the rest.
public struct CorpusSplit: Sendable, Equatable {
    public let train: String
    public let valid: String
    public let test: String
    public let fractions: SplitFractions
    /// Line numbers (0-based, half-open) of each part: train `0..<trainEndLine` and so on.
    public let trainEndLine: Int
    public let validEndLine: Int
    public let lineCount: Int
    /// Byte offsets where valid and test start.
    public let validStartByte: Int
    public let testStartByte: Int

    /// Splits `text`; `source` names the corpus in errors.
    /// - Throws: `SeqbenchError.data` when a part would be empty ("too small to split").
    /// - Complexity: O(n).
    public init(text: String, fractions: SplitFractions = .standard, source: String) throws {
        let bytes = Array(text.utf8)
        // Line ends: offsets just past each "\n", and the end of the text.
        var ends: [Int] = []
        for (i, b) in bytes.enumerated() where b == 0x0A { ends.append(i + 1) }
        if ends.last != bytes.count { ends.append(bytes.count) }
        func cut(_ f: Double) -> Int {
            let target = Int((f * Double(bytes.count)).rounded(.down))
            // First line end >= target.
            var lo = 0, hi = ends.count - 1
            while lo < hi { let mid = (lo + hi) / 2; if ends[mid] >= target { hi = mid } else { lo = mid + 1 } }
            return lo
        }
        let trainLines = cut(fractions.train) + 1
        let validLines = max(cut(fractions.train + fractions.valid) + 1, trainLines + 1)
        guard trainLines >= 1, validLines < ends.count, trainLines < validLines else {
            throw SeqbenchError.data("\(source): too small to split (\(ends.count) line(s), \(bytes.count) bytes) into train/valid/test \(formatDouble(fractions.train))/\(formatDouble(fractions.valid))/\(formatDouble(fractions.test)); give a corpus with more lines")
        }
        let a = ends[trainLines - 1], b = ends[validLines - 1]
        train = String(decoding: bytes[0..<a], as: UTF8.self)
        valid = String(decoding: bytes[a..<b], as: UTF8.self)
        test = String(decoding: bytes[b...], as: UTF8.self)
        self.fractions = fractions
        trainEndLine = trainLines
        validEndLine = validLines
        lineCount = ends.count
        validStartByte = a
        testStartByte = b
    }
}

extension CorpusSplit {
    /// The part names in order.
    public static let partNames = ["train", "valid", "test"]

    /// Byte lengths of train, valid and test.
    public var byteCounts: [Int] { [train.utf8.count, valid.utf8.count, test.utf8.count] }

    /// The boundaries of each part, to record with the corpus hash next to every result, so that
    /// every model of an experiment provably saw the same split.
    /// - Complexity: O(n) (hashes each part).
    public func record(corpusName: String, corpusSHA256: String) -> SplitRecord {
        let texts = [train, valid, test]
        let lines = [(0, trainEndLine), (trainEndLine, validEndLine), (validEndLine, lineCount)]
        let bytes = [(0, validStartByte), (validStartByte, testStartByte), (testStartByte, testStartByte + test.utf8.count)]
        var parts: [SplitRecord.Part] = []
        for i in 0..<3 {
            parts.append(SplitRecord.Part(name: CorpusSplit.partNames[i], startLine: lines[i].0, endLine: lines[i].1,
                                          startByte: bytes[i].0, endByte: bytes[i].1, sha256: SHA256.hex(texts[i])))
        }
        return SplitRecord(corpus: corpusName, corpusSHA256: corpusSHA256, fractions: fractions, parts: parts)
    }
}

/// Where a corpus was cut: recorded with results (JSON field names in snake_case).
public struct SplitRecord: Codable, Sendable, Equatable {
    /// One part: lines `startLine..<endLine` (0-based) and bytes `startByte..<endByte`.
    public struct Part: Codable, Sendable, Equatable {
        public var name: String
        public var startLine: Int
        public var endLine: Int
        public var startByte: Int
        public var endByte: Int
        /// SHA-256 of the part's UTF-8 bytes.
        public var sha256: String

        enum CodingKeys: String, CodingKey {
            case name, sha256
            case startLine = "start_line", endLine = "end_line", startByte = "start_byte", endByte = "end_byte"
        }
    }

    public var corpus: String
    public var corpusSHA256: String
    public var fractions: SplitFractions
    public var parts: [Part]

    enum CodingKeys: String, CodingKey {
        case corpus, fractions, parts
        case corpusSHA256 = "corpus_sha256"
    }
}

extension SplitFractions {
    /// Parses `a,b,c` (e.g. `0.9,0.05,0.05`) and validates it.
    /// - Throws: `SeqbenchError.usage` naming `field` and the value.
    public static func parse(_ s: String, field: String = "--split") throws -> SplitFractions {
        let parts = s.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let a = parts[0], let b = parts[1], let c = parts[2] else {
            throw SeqbenchError.usage("\(field) '\(s)' is not three numbers; write train,valid,test fractions such as 0.9,0.05,0.05")
        }
        let f = SplitFractions(train: a, valid: b, test: c)
        try f.validate(field: "\(field) \(s)")
        return f
    }

    /// `0.9,0.05,0.05`.
    public var description: String { "\(formatDouble(train)),\(formatDouble(valid)),\(formatDouble(test))" }
}
