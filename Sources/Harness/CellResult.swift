import Foundation
import LanguageModels
import SeqbenchCore

/// Metrics of the samples drawn at one temperature (0 = greedy).
public struct TemperatureResult: Codable, Sendable {
    public var temperature: Double
    /// Metric name → value (`distinct_1` … `sample_bits_per_char`); NaN where undefined.
    public var metrics: [String: Double]
    public var samples: [String]
}

/// Everything one cell produced; written to `cells/ID.json` through a temporary file and a rename.
public struct CellResult: Codable, Sendable {
    public var id: String
    public var configID: String
    public var experiment: String
    public var configHash: String
    public var corpus: String
    public var corpusSHA256: String
    public var tokenizer: String
    /// The exact entropy rate of a synthetic corpus, bits per character.
    public var entropyRateBitsPerChar: Double?
    public var family: String
    public var model: String
    public var options: [String: JSONValue]
    public var order: Int?
    public var seed: UInt64
    /// Trainable parameters (neural) or stored n-grams (Markov).
    public var parameters: Int
    public var evaluation: EvaluationResult
    /// Bits per char on the training split (n-gram models: where counting stops generalising).
    public var trainBitsPerChar: Double?
    public var training: TrainingReport
    /// The process's peak resident memory (VmHWM) when the cell finished, bytes.
    public var peakRSSBytes: Int
    public var temperatures: [TemperatureResult]
    public var seqbenchVersion: String

    enum CodingKeys: String, CodingKey {
        case id, experiment, corpus, tokenizer, family, model, options, order, seed, parameters, evaluation, training, temperatures
        case configID = "config_id", configHash = "config_hash", corpusSHA256 = "corpus_sha256"
        case entropyRateBitsPerChar = "entropy_rate_bits_per_char"
        case trainBitsPerChar = "train_bits_per_char", peakRSSBytes = "peak_rss_bytes"
        case seqbenchVersion = "seqbench_version"
    }
}

/// The held-out human text of one corpus, measured like the samples: the row every metric is read against.
public struct HumanResult: Codable, Sendable {
    public var key: String
    public var experiment: String
    public var configHash: String
    public var corpus: String
    public var corpusSHA256: String
    public var entropyRateBitsPerChar: Double?
    public var metrics: [String: Double]
    public var samples: [String]

    enum CodingKeys: String, CodingKey {
        case key, experiment, corpus, metrics, samples
        case configHash = "config_hash", corpusSHA256 = "corpus_sha256"
        case entropyRateBitsPerChar = "entropy_rate_bits_per_char"
    }
}

enum ResultFiles {
    static func write<T: Encodable>(_ value: T, to url: URL) throws {
        try AtomicFile.write(try JSONValue.encoder().encode(value), to: url)
    }

    static func read<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        guard let data = try? Data(contentsOf: url) else {
            throw SeqbenchError.data("\(url.path): cannot be read; check the results folder")
        }
        do {
            return try JSONValue.decoder().decode(type, from: data)
        } catch {
            throw SeqbenchError.data("\(url.path): not a seqbench result file (\(error)); delete it and run with --resume to recompute it")
        }
    }
}

/// The process's peak resident set size from /proc/self/status (VmHWM), in bytes; 0 where unavailable.
public func peakResidentBytes() -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count >= 2, let kb = Int(parts[1]) { return kb * 1024 }
    }
    return 0
}
