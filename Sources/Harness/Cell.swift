import Foundation
import Corpora
import LanguageModels
import SeqbenchCore

/// One point of an experiment's grid: a corpus × a model configuration × a seed.
///
/// Its id is the SHA-256 (first 16 hex digits) of the canonical JSON of everything that determines
/// its numbers: the corpus as configured and its SHA-256, tokenizer and split, the model kind and
/// options, the training budget, the sampling and metric settings, the seed and the seqbench version.
/// The same cell has the same id on every run and machine; results and trained models are cached by it.
public struct Cell: Sendable {
    public var index: Int
    public var corpusIndex: Int
    public var corpusName: String
    public var kind: String
    public var options: ModelOptions
    public var label: String
    public var seed: UInt64
    /// The id without the seed: cells that differ only by seed share it (rows of the summary).
    public var configID: String
    public var id: String

    /// The n-gram order, for order sweeps.
    public var order: Int? { kind == "ngram" ? (options.values["order"]?.intValue ?? 3) : nil }
}

extension ExperimentConfig {
    /// The canonical description of a corpus as used by this experiment (also the key of its human rows).
    func corpusKey(_ i: Int, sha256: String) -> JSONValue {
        let c = corpora[i]
        var o: [String: JSONValue] = [
            "corpus": c.specText,
            "corpus_sha256": .string(sha256),
            "tokenizer": .string(c.tokenizer.rawValue),
            "split": .array([.double(c.split.train), .double(c.split.valid), .double(c.split.test)]),
        ]
        if let m = c.maxBytes { o["max_bytes"] = .int(m) }
        return .object(o)
    }

    var samplingKey: JSONValue {
        var o: [String: JSONValue] = [
            "temperatures": .array(sampling.temperatures.map { .double($0) }),
            "samples": .int(sampling.samples),
            "length": .int(sampling.length),
            "prompt": .string(sampling.prompt),
            "copying": .bool(copying),
        ]
        if let k = sampling.topK { o["top_k"] = .int(k) }
        if let p = sampling.topP { o["top_p"] = .double(p) }
        if let r = reference, let k = referenceKind { o["reference"] = .object(r.values.merging(["kind": .string(k)]) { a, _ in a }) }
        return .object(o)
    }

    /// Expands the grid into cells, in a fixed order: corpus, model entry, grid point, seed.
    /// - Parameter corpusHashes: SHA-256 of each corpus's text as used (after `max_bytes`).
    public func cells(corpusNames: [String], corpusHashes: [String], labeler: (@Sendable (String, ModelOptions) -> String)? = nil) -> [Cell] {
        var out: [Cell] = []
        for (ci, _) in corpora.enumerated() {
            let corpusKey = self.corpusKey(ci, sha256: corpusHashes[ci])
            var labels: [String: Int] = [:]
            for entry in models {
                let short = entry.grid.map { labeler?(entry.kind, $0) ?? Self.autoLabel(kind: entry.kind, options: $0) }
                // Options that vary within this entry's grid but the short label does not show.
                let varying = Set(entry.grid.flatMap { $0.values.keys }).filter { k in Set(entry.grid.map { $0.values[k] }).count > 1 }
                for (gi, options) in entry.grid.enumerated() {
                    var label = entry.label ?? short[gi]
                    let clash = entry.grid.count > 1 && short.filter({ $0 == short[gi] }).count > 1
                    if (entry.label != nil && entry.grid.count > 1) || (entry.label == nil && clash) {
                        let extra = varying.sorted().map { "\($0)=\(options.values[$0]!)" }.joined(separator: " ")
                        if !extra.isEmpty { label += " " + extra }
                    }
                    labels[label, default: 0] += 1
                    if labels[label]! > 1 { label += " #\(labels[label]!)" }
                    var key: [String: JSONValue] = [
                        "corpus": corpusKey,
                        "kind": .string(entry.kind),
                        "options": .object(options.values),
                        "sampling": samplingKey,
                        "version": .string(seqbenchVersion),
                    ]
                    if let s = maxSeconds { key["max_seconds"] = .double(s) }
                    let configID = Self.hash(.object(key))
                    for seed in seeds {
                        key["seed"] = .int(Int(seed))
                        out.append(Cell(index: out.count, corpusIndex: ci, corpusName: corpusNames[ci], kind: entry.kind,
                                        options: options, label: label, seed: seed, configID: configID,
                                        id: Self.hash(.object(key))))
                    }
                }
            }
        }
        return out
    }

    static func optionText(_ options: ModelOptions) -> String {
        options.values.keys.sorted().map { "\($0)=\(options.values[$0]!)" }.joined(separator: " ")
    }

    static func autoLabel(kind: String, options: ModelOptions) -> String {
        let o = optionText(options)
        return o.isEmpty ? kind : "\(kind) \(o)"
    }

    /// First 16 hex digits of the SHA-256 of the value's canonical (sorted-key, compact) JSON.
    static func hash(_ v: JSONValue) -> String {
        let data = (try? JSONValue.encoder(pretty: false).encode(v)) ?? Data()
        return String(SHA256.hex(data).prefix(16))
    }
}
