import Foundation
import LanguageModels
import Metrics
import SeqbenchCore

/// Which way a metric is better.
public enum MetricDirection: String, Codable, Sendable {
    case lower, higher
    /// Either way counts as a change (a metric to be kept near its value, such as the Zipf coefficient).
    case either

    /// The default direction of each metric seqbench writes.
    public static func of(_ metric: String) -> MetricDirection {
        if metric.hasPrefix("distinct_") || metric.hasPrefix("novelty_") || metric == "tokens_per_second" || metric == "unigram_entropy_bits" {
            return .higher
        }
        if ["zipf_coefficient", "loop_period_median", "parameters"].contains(metric) { return .either }
        return .lower
    }
}

/// How far a metric may move before it counts: an absolute amount, a fraction of the baseline value,
/// or "outside the baseline's across-seed interval".
public struct Tolerance: Codable, Sendable, Equatable {
    public var absolute: Double?
    public var relative: Double?
    public var interval: Bool?

    public init(absolute: Double? = nil, relative: Double? = nil, interval: Bool? = nil) {
        self.absolute = absolute; self.relative = relative; self.interval = interval
    }

    /// The default for a model kind: count-based kinds are deterministic (identical across machines and
    /// thread counts, `ModelKind.isMachineIndependent`), so they get 1e-6 relative (float formatting
    /// noise only); neural results vary with BLAS threading and summation order, so they get 2% relative.
    public static func defaultFor(kind: any ModelKind.Type) -> Tolerance {
        kind.isMachineIndependent ? Tolerance(relative: 1e-6) : Tolerance(relative: 0.02)
    }

    var text: String {
        var parts: [String] = []
        if let a = absolute { parts.append("±" + String(format: "%g", a)) }
        if let r = relative { parts.append("±" + String(format: "%g", r * 100) + "%") }
        if interval == true { parts.append("CI") }
        return parts.joined(separator: " or ")
    }
}

/// A committed record of an experiment's metrics, against which `seqbench check` compares a new run.
public struct Baseline: Codable, Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var corpus: String
        public var family: String
        public var model: String
        public var configID: String
        public var temperature: Double?
        public var metric: String
        public var direction: MetricDirection
        public var value: Double
        public var ciLow: Double
        public var ciHigh: Double
        public var n: Int
        public var tolerance: Tolerance

        enum CodingKeys: String, CodingKey {
            case corpus, family, model, temperature, metric, direction, value, n, tolerance
            case configID = "config_id", ciLow = "ci_low", ciHigh = "ci_high"
        }

        var name: String {
            "\(corpus) · \(model)\(temperature.map { " · T=\(formatDouble($0))" } ?? "") · \(metric)"
        }
    }

    public var schema: Int = 1
    public var experiment: String
    public var configHash: String
    public var seqbenchVersion: String
    /// Corpus name → SHA-256 of the text as used.
    public var corpora: [String: String]
    public var created: String
    public var entries: [Entry]

    enum CodingKeys: String, CodingKey {
        case schema, experiment, corpora, created, entries
        case configHash = "config_hash", seqbenchVersion = "seqbench_version"
    }

    /// Metrics a baseline holds when the experiment's `check:` section names none.
    public static let defaultMetrics = ["bits_per_char"]

    /// Builds a baseline from a results folder: the metrics (and tolerances) the experiment's `check:`
    /// section names, else held-out bits per char of every model with the family's default tolerance.
    /// A folder where a model lacks some of the experiment's seeds is refused (`SeedCoverage`).
    /// - Parameter registry: the model kinds, which say whether their results are machine-independent.
    public static func make(resultsDir: URL, registry: ModelRegistry) throws -> Baseline {
        let manifest = try readManifest(resultsDir)
        let (cells, humans) = try Summary.loadCells(in: resultsDir)
        guard !cells.isEmpty else {
            throw SeqbenchError.data("\(resultsDir.path): no finished cells; run the experiment first")
        }
        try SeedCoverage.requireEverySeed(cells: cells, manifest: manifest, resultsDir: resultsDir)
        let rows = Summary.rows(cells: cells, humans: humans)
        var check: [String: JSONValue] = [:]
        // Checked again here: the folder may have been run by a seqbench that let unknown names through.
        // Named as the folder's copy of the config, whose lines are the manifest config's.
        let configFile = resultsDir.appendingPathComponent("experiment.yaml").path
        if let text = manifest["config"]?.stringValue, let cfg = try? ConfigNode.parse(text, file: configFile),
           let c = cfg.mapping?.first(where: { $0.key == "check" })?.value {
            check = try ExperimentConfig.parseCheck(c, file: configFile)
        }
        let metrics = check.isEmpty ? defaultMetrics : check.keys.sorted()
        var entries: [Entry] = []
        for r in rows where r.family != "human" && metrics.contains(r.metric) {
            let spec = check[r.metric]?.objectValue
            guard let kind = registry.kinds.first(where: { $0.name == r.family }) else {
                throw SeqbenchError.data("\(resultsDir.path): \(r.corpus) · \(r.model) is of model kind '\(r.family)', which this seqbench does not know (it knows \(registry.names.joined(separator: ", "))); record the baseline with the seqbench that ran the experiment")
            }
            var tol = Tolerance.defaultFor(kind: kind)
            if let s = spec, s["absolute"] != nil || s["relative"] != nil || s["interval"] != nil {
                tol = Tolerance(absolute: s["absolute"]?.doubleValue, relative: s["relative"]?.doubleValue, interval: s["interval"]?.boolValue)
            }
            let dir = spec?["direction"]?.stringValue.flatMap(MetricDirection.init(rawValue:)) ?? MetricDirection.of(r.metric)
            entries.append(Entry(corpus: r.corpus, family: r.family, model: r.model, configID: r.configID, temperature: r.temperature,
                                 metric: r.metric, direction: dir, value: r.mean, ciLow: r.ciLow, ciHigh: r.ciHigh, n: r.n, tolerance: tol))
        }
        // A metric of check: that no row holds would go ungated without a word: refused, with the
        // reason where seqbench knows it.
        let missing = check.keys.sorted().filter { m in !entries.contains { $0.metric == m } }
        if !missing.isEmpty {
            let them = missing.count == 1 ? "it" : "them"
            let reasons = missing.map { m in Self.whyNoRow(m).map { "\(m): \($0)" } ?? m }
            throw SeqbenchError.data("\(configFile): check names \(missing.map { "'\($0)'" }.joined(separator: ", ")), but no model of \(resultsDir.path) has \(them) (\(reasons.joined(separator: "; "))), so the baseline would not gate \(them); remove \(them) from check, or change the experiment so that a model reports \(them)")
        }
        var corpora: [String: String] = [:]
        for c in cells { corpora[c.corpus] = c.corpusSHA256 }
        return Baseline(experiment: manifest["experiment"]?.stringValue ?? "", configHash: manifest["config_hash"]?.stringValue ?? "",
                        seqbenchVersion: SeqbenchCore.seqbenchVersion, corpora: corpora, created: isoNow(), entries: entries)
    }

    /// When a known metric has no rows: the experiment settings it needs.
    static func whyNoRow(_ metric: String) -> String? {
        switch metric {
        case "train_bits_per_char": return "only count-based kinds report it"
        case "excess_bits_per_char": return "only on synthetic corpora"
        case "sample_bits_per_char": return "needs samples (a sampling: section) and a reference model (metrics.reference)"
        case _ where MetricSet.indexNames.contains(metric): return "needs samples (a sampling: section) and metrics.copying: true"
        case _ where Summary.sampleMetrics.contains(metric): return "needs samples (a sampling: section)"
        default: return nil
        }
    }

    static func readManifest(_ dir: URL) throws -> [String: JSONValue] {
        let url = dir.appendingPathComponent("manifest.json")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SeqbenchError.data("\(dir.path): no manifest.json; give a folder written by 'seqbench run'")
        }
        guard let m = try ResultFiles.read(JSONValue.self, from: url).objectValue else {
            throw SeqbenchError.data("\(url.path): not a seqbench manifest")
        }
        return m
    }

    /// Reads a baseline file for `seqbench check`. A missing or unreadable baseline is unusable input
    /// (`SeqbenchError.usage`, exit code 2), never exit code 1, which CI reads as "a metric regressed".
    public static func read(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SeqbenchError.usage("\(path): no such baseline file; write one with 'seqbench baseline RESULTS --out \(path)'")
        }
        do {
            return try JSONValue.decoder().decode(Baseline.self, from: data)
        } catch {
            throw SeqbenchError.usage("\(path): not a seqbench baseline (\(error)); write one with 'seqbench baseline'")
        }
    }

    public func write(to url: URL) throws {
        try AtomicFile.write(try JSONValue.encoder().encode(self), to: url)
    }
}
