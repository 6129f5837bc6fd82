import Foundation
import Corpora
import LanguageModels
import SeqbenchCore

/// One experiment, as written in `experiments/NAME.yaml`:
///
/// ```yaml
/// name: quickstart
/// seeds: [1, 2]                     # one cell per seed
/// corpora:
///   - corpus: kjv                   # packaged, URL name, synthetic:markov:…, or a file path
///     tokenizer: char               # char | word | byte
///     split: [0.9, 0.05, 0.05]      # optional
///     max_bytes: 2000000            # optional: only the first bytes (cut at a line end)
/// models:                           # list-valued fields expand into a grid
///   - kind: ngram
///     order: [2, 3, 5, 7]
///     smoothing: modified-kneser-ney
///   - kind: lstm
///     hidden: [128, 256]
///     steps: 300
/// training:
///   max_seconds: 60                 # optional wall-clock budget per model (equal-budget runs)
/// sampling:
///   temperatures: [greedy, 0.5, 1.0]
///   samples: 10                     # per temperature
///   length: 300                     # tokens per sample
///   prompt: ""                      # optional priming text
///   top_k: 40                       # optional
///   top_p: 0.95                     # optional
/// metrics:
///   reference: {kind: ngram, order: 5}   # scores samples for sample_bits_per_char
///   copying: true                   # novelty_n and longest_copy against the training split
/// check:                            # optional tolerances for `seqbench baseline` (see CheckCommand)
///   bits_per_char: {relative: 0.02}
/// ```
public struct ExperimentConfig: Sendable {
    public struct CorpusEntry: Sendable, Hashable {
        public var spec: CorpusSpec
        public var specText: JSONValue
        public var tokenizer: TokenizerKind
        public var split: SplitFractions
        public var maxBytes: Int?
        public var line: Int
    }

    public struct ModelEntry: Sendable {
        public var kind: String
        public var label: String?
        /// Options after grid expansion (one entry per grid point), with their line.
        public var line: Int
        public var grid: [ModelOptions]
    }

    public struct Sampling: Sendable, Hashable, Codable {
        public var temperatures: [Double]
        public var samples: Int
        public var length: Int
        public var prompt: String
        public var topK: Int?
        public var topP: Double?
    }

    public var file: String
    public var name: String
    public var text: String
    public var seeds: [UInt64]
    public var corpora: [CorpusEntry]
    public var models: [ModelEntry]
    public var maxSeconds: Double?
    public var sampling: Sampling
    public var reference: ModelOptions?
    public var referenceKind: String?
    public var copying: Bool
    /// Per-metric tolerances for baselines: metric → {absolute|relative|interval: value}.
    public var check: [String: JSONValue]

    /// SHA-256 of the config file's bytes.
    public var hash: String { SHA256.hex(text) }

    /// The seeds of an experiment that names none.
    public static let defaultSeeds: [UInt64] = [1]

    public static let topLevelKeys = ["name", "description", "seeds", "corpora", "models", "training", "sampling", "metrics", "check"]

    /// Loads and checks an experiment file against the registry's model kinds.
    public static func load(_ path: String, registry: ModelRegistry) throws -> ExperimentConfig {
        let text = try TextFile.read(path)
        return try parse(text, file: path, registry: registry)
    }

    public static func parse(_ text: String, file: String, registry: ModelRegistry) throws -> ExperimentConfig {
        let root = try ConfigNode.parse(text, file: file)
        let top = try ConfigMapping(root, file: file, path: "experiment", allowed: topLevelKeys)
        guard let name = try top.string("name"), !name.isEmpty else {
            throw SeqbenchError.data("\(file):\(root.line): the experiment needs a 'name' (a short string used for the results folder)")
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw top.fail("name", "'\(name)' may hold only letters, digits, '-', '_' and '.'; rename it")
        }

        var seeds = defaultSeeds
        if let s = try top.list("seeds") {
            seeds = try s.map { n in
                guard let i = n.scalar?.intValue, i >= 0 else {
                    throw SeqbenchError.data("\(file):\(n.line): experiment.seeds holds \(n.json); give whole numbers >= 0")
                }
                return UInt64(i)
            }
            if Set(seeds).count != seeds.count { throw top.fail("seeds", "repeats a seed; list each once") }
        }

        guard let corporaNodes = try top.list("corpora") else {
            throw SeqbenchError.data("\(file):\(root.line): the experiment needs 'corpora' (a list with at least one corpus)")
        }
        let corpora = try corporaNodes.enumerated().map { i, n in try parseCorpus(n, file: file, path: "corpora[\(i)]") }

        guard let modelNodes = try top.list("models") else {
            throw SeqbenchError.data("\(file):\(root.line): the experiment needs 'models' (a list with at least one model)")
        }
        let models = try modelNodes.enumerated().map { i, n in try parseModel(n, file: file, path: "models[\(i)]", registry: registry) }

        var maxSeconds: Double? = nil
        if let t = top["training"] {
            let m = try ConfigMapping(t, file: file, path: "training", allowed: ["max_seconds"])
            maxSeconds = try m.double("max_seconds", range: 0.001...1e7)
        }

        var sampling = Sampling(temperatures: [0, 0.5, 1.0], samples: 5, length: 200, prompt: "", topK: nil, topP: nil)
        if let s = top["sampling"] {
            let m = try ConfigMapping(s, file: file, path: "sampling", allowed: ["temperatures", "samples", "length", "prompt", "top_k", "top_p"])
            if let temps = try m.list("temperatures") {
                sampling.temperatures = try temps.map { n in
                    if n.scalar?.stringValue == "greedy" { return 0 }
                    guard let d = n.scalar?.doubleValue, d >= 0, d <= 100 else {
                        throw SeqbenchError.data("\(file):\(n.line): sampling.temperatures holds \(n.json); give 'greedy' or a number in 0...100")
                    }
                    return d
                }
            }
            sampling.samples = try m.int("samples", range: 1...100_000) ?? sampling.samples
            sampling.length = try m.int("length", range: 1...10_000_000) ?? sampling.length
            sampling.prompt = try m.string("prompt") ?? ""
            sampling.topK = try m.int("top_k", range: 1...Int(Int32.max))
            sampling.topP = try m.double("top_p", range: 1e-9...1)
        }

        var reference: ModelOptions? = nil
        var referenceKind: String? = nil
        var copying = true
        if let mt = top["metrics"] {
            let m = try ConfigMapping(mt, file: file, path: "metrics", allowed: ["reference", "copying"])
            copying = try m.bool("copying") ?? true
            if let r = m["reference"] {
                if r.scalar == .bool(false) || r.scalar == .null {
                    reference = nil
                } else {
                    let entry = try parseModel(r, file: file, path: "metrics.reference", registry: registry)
                    guard entry.grid.count == 1 else {
                        throw SeqbenchError.data("\(file):\(r.line): metrics.reference must be one model, not a grid; remove the lists")
                    }
                    reference = entry.grid[0]
                    referenceKind = entry.kind
                }
            }
        }
        if reference == nil && referenceKind == nil && registry.names.contains("ngram") && top["metrics"]?.mapping?.contains(where: { $0.key == "reference" }) != true {
            // Default reference: a 5-gram with modified Kneser-Ney on the same corpus and tokenizer.
            reference = ModelOptions(["order": .int(5), "smoothing": .string("modified-kneser-ney")], source: "\(file): metrics.reference (default)")
            referenceKind = "ngram"
        }

        let check = try top["check"].map { try parseCheck($0, file: file) } ?? [:]

        let promptTokenizers = Set(corpora.map(\.tokenizer))
        _ = promptTokenizers
        return ExperimentConfig(file: file, name: name, text: text, seeds: seeds, corpora: corpora, models: models,
                                maxSeconds: maxSeconds, sampling: sampling, reference: reference,
                                referenceKind: referenceKind, copying: copying, check: check)
    }

    /// The `check:` section: metric name → tolerance. A metric name that no model row holds is refused,
    /// since `seqbench baseline` would record nothing for it and the metric would silently go ungated.
    static func parseCheck(_ c: ConfigNode, file: String) throws -> [String: JSONValue] {
        guard let m = c.mapping else { throw SeqbenchError.data("\(file):\(c.line): check must map metric names to tolerances") }
        var check: [String: JSONValue] = [:]
        for p in m {
            guard Summary.modelMetrics.contains(p.key) else {
                throw SeqbenchError.data("\(file):\(p.keyLine): unknown metric '\(p.key)' in check\(EditDistance.suggestion(for: p.key, in: Summary.modelMetrics)); known metrics: \(Summary.modelMetrics.joined(separator: ", "))")
            }
            let tol = try ConfigMapping(p.value, file: file, path: "check.\(p.key)", allowed: ["absolute", "relative", "interval", "direction"])
            _ = try tol.double("absolute", range: 0...1e12)
            _ = try tol.double("relative", range: 0...1e6)
            _ = try tol.bool("interval")
            if let d = try tol.string("direction"), !["lower", "higher"].contains(d) {
                throw tol.fail("direction", "is '\(d)'; use lower or higher")
            }
            check[p.key] = p.value.json
        }
        return check
    }

    static func parseCorpus(_ n: ConfigNode, file: String, path: String) throws -> CorpusEntry {
        // A bare string is shorthand for {corpus: NAME, tokenizer: char}.
        if case .scalar(.string(let s)) = n.value {
            return CorpusEntry(spec: try specFrom(.string(s), file: file, line: n.line, path: path), specText: .string(s),
                               tokenizer: .char, split: .standard, maxBytes: nil, line: n.line)
        }
        let m = try ConfigMapping(n, file: file, path: path, allowed: ["corpus", "tokenizer", "split", "max_bytes"])
        let c = try m.required("corpus")
        let spec = try specFrom(c.json, file: file, line: c.line, path: path + ".corpus")
        var tok = TokenizerKind.char
        if let t = try m.string("tokenizer") {
            guard let k = TokenizerKind(rawValue: t) else {
                throw m.fail("tokenizer", "is '\(t)'; use one of \(TokenizerKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            tok = k
        }
        var split = SplitFractions.standard
        if let s = m["split"] {
            guard let parts = s.sequence, parts.count == 3, let a = parts[0].scalar?.doubleValue, let b = parts[1].scalar?.doubleValue, let c = parts[2].scalar?.doubleValue else {
                throw m.fail("split", "must be three fractions [train, valid, test], got \(s.json)")
            }
            split = SplitFractions(train: a, valid: b, test: c)
            do { try split.validate(field: "\(file):\(m.line(of: "split")): \(path).split") } catch let e as SeqbenchError { throw SeqbenchError.data(e.message) }
        }
        let maxBytes = try m.int("max_bytes", range: 1...Int.max)
        return CorpusEntry(spec: spec, specText: c.json, tokenizer: tok, split: split, maxBytes: maxBytes, line: n.line)
    }

    static func specFrom(_ v: JSONValue, file: String, line: Int, path: String) throws -> CorpusSpec {
        do {
            switch v {
            case .string(let s):
                return try CorpusSpec.parse(s)
            case .object(let o):
                guard o.count == 1, let syn = o["synthetic"]?.objectValue else {
                    throw SeqbenchError.data("\(path) must be a corpus name or {synthetic: {order, alphabet, length, seed}}")
                }
                let keys = syn.keys.sorted()
                let text = "synthetic:markov:" + keys.map { "\($0)=\(syn[$0]!)" }.joined(separator: ",")
                return try CorpusSpec.parse(text)
            default:
                throw SeqbenchError.data("\(path) must be a corpus name, got \(v)")
            }
        } catch let e as SeqbenchError {
            throw SeqbenchError.data("\(file):\(line): \(e.message)")
        }
    }

    static func parseModel(_ n: ConfigNode, file: String, path: String, registry: ModelRegistry) throws -> ModelEntry {
        guard let pairs = n.mapping else {
            throw SeqbenchError.data("\(file):\(n.line): \(path) must be a mapping with 'kind' and the model's options")
        }
        guard let kindNode = pairs.first(where: { $0.key == "kind" }) else {
            throw SeqbenchError.data("\(file):\(n.line): \(path) needs 'kind' (one of \(registry.names.joined(separator: ", ")))")
        }
        guard let kindName = kindNode.value.scalar?.stringValue else {
            throw SeqbenchError.data("\(file):\(kindNode.keyLine): \(path).kind must be a string")
        }
        let kind: any ModelKind.Type
        do { kind = try registry.kind(named: kindName, field: "\(path).kind") } catch let e as SeqbenchError {
            throw SeqbenchError.data("\(file):\(kindNode.keyLine): \(e.message)")
        }
        let optionNames = kind.options.map(\.name)
        var label: String? = nil
        var axes: [(key: String, values: [JSONValue], line: Int)] = []
        for p in pairs where p.key != "kind" {
            if p.key == "label" {
                guard let t = p.value.text else {
                    throw SeqbenchError.data("\(file):\(p.keyLine): \(path).label must be a string, got \(p.value.json); give one label per model entry")
                }
                label = t
                continue
            }
            guard optionNames.contains(p.key) else {
                let hint = nearest(p.key, in: optionNames + ["label"]).map { " (did you mean '\($0)'?)" } ?? ""
                throw SeqbenchError.data("\(file):\(p.keyLine): unknown option '\(p.key)' for model kind \(kindName) in \(path)\(hint); known options: \(optionNames.joined(separator: ", "))")
            }
            let values: [JSONValue]
            if let s = p.value.sequence {
                guard !s.isEmpty else { throw SeqbenchError.data("\(file):\(p.keyLine): \(path).\(p.key) is an empty list; give at least one value") }
                values = s.map(\.json)
            } else {
                values = [p.value.json]
            }
            axes.append((p.key, values, p.keyLine))
        }
        // Cartesian product, first key varying slowest, in the file's order.
        var grid: [[String: JSONValue]] = [[:]]
        for axis in axes {
            grid = grid.flatMap { g in axis.values.map { v in var h = g; h[axis.key] = v; return h } }
        }
        var options: [ModelOptions] = []
        for g in grid {
            let o = ModelOptions(g, source: "\(file):\(n.line): \(path)",
                                 optionSources: Dictionary(uniqueKeysWithValues: axes.map { ($0.key, "\(file):\($0.line): \(path)") }))
            // Values too (ranges, choices), as training reads them: a bad value in the last cell is
            // refused now, before the earlier cells run (and by --dry-run).
            do { try kind.validate(options: o) } catch let e as SeqbenchError {
                throw SeqbenchError.data(e.message)
            }
            options.append(o)
        }
        return ModelEntry(kind: kindName, label: label, line: n.line, grid: options)
    }
}
