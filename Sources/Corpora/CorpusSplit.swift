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
