import Foundation
import Metrics
import Plotting
import SeqbenchCore

/// Across-seed aggregation of a results folder's cells into the tables plots, reports and CI checks read.
///
/// `summary.csv` (long format; the header is fixed):
///
///     corpus,family,model,config_id,order,temperature,metric,n,mean,std,ci_low,ci_high
///
/// one row per (corpus, model configuration, temperature, metric): `n` seeds, their mean, sample
/// standard deviation and a seeded percentile-bootstrap 95% interval of the mean (equal to the mean
/// when n = 1). Temperature is empty for held-out and cost metrics, 0 for greedy. The `human` family
/// holds the held-out human text measured like the samples. Computed from `cells/` alone, so merged
/// shards summarise exactly as an unsharded run.
public enum Summary {
    public static let header = ["corpus", "family", "model", "config_id", "order", "temperature", "metric", "n", "mean", "std", "ci_low", "ci_high"]

    public struct Row: Codable, Sendable, Equatable {
        public var corpus: String
        public var family: String
        public var model: String
        public var configID: String
        public var order: Int?
        public var temperature: Double?
        public var metric: String
        public var n: Int
        public var mean: Double
        public var std: Double
        public var ciLow: Double
        public var ciHigh: Double

        enum CodingKeys: String, CodingKey {
            case corpus, family, model, order, temperature, metric, n, mean, std
            case configID = "config_id", ciLow = "ci_low", ciHigh = "ci_high"
        }
    }

    /// The held-out and cost metrics of a model, in the order `rows` writes them; `train_bits_per_char`
    /// only for kinds that report it (n-grams), `excess_bits_per_char` only on synthetic corpora.
    public static let heldOutMetrics = [
        "bits_per_char", "perplexity", "cross_entropy_nats", "train_bits_per_char", "excess_bits_per_char",
        "train_seconds", "tokens_per_second", "parameters", "peak_rss_mib",
    ]

    /// The metrics of a model's samples at each temperature (`sample_bits_per_char` only with a reference model).
    public static let sampleMetrics = MetricSet.names + ["sample_bits_per_char"]

    /// Every metric a model's rows can hold: the names an experiment's `check:` section may give.
    public static let modelMetrics = heldOutMetrics + sampleMetrics

    /// Reads every cell file of a results folder (sorted by file name).
    public static func loadCells(in dir: URL) throws -> (cells: [CellResult], humans: [HumanResult]) {
        let cellsDir = dir.appendingPathComponent("cells")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: cellsDir.path)) ?? []).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
        var cells: [CellResult] = []
        var humans: [HumanResult] = []
        for n in names {
            let url = cellsDir.appendingPathComponent(n)
            if n.hasPrefix("human-") { humans.append(try ResultFiles.read(HumanResult.self, from: url)) }
            else { cells.append(try ResultFiles.read(CellResult.self, from: url)) }
        }
        return (cells, humans)
    }

    public static func countCells(in dir: URL) -> Int {
        (try? loadCells(in: dir).cells.count) ?? 0
    }

    /// Aggregates cells into rows, in a fixed order (corpus, model, temperature, metric as first seen in grid order).
    public static func rows(cells: [CellResult], humans: [HumanResult]) -> [Row] {
        // Group by (corpus, config id); keep a stable order: by corpus then by model label then config id.
        var groups: [String: [CellResult]] = [:]
        for c in cells { groups["\(c.corpus)\u{1}\(c.configID)", default: []].append(c) }
        let keys = groups.keys.sorted { a, b in
            let x = groups[a]![0], y = groups[b]![0]
            return (x.corpus, x.family, x.model, x.configID) < (y.corpus, y.family, y.model, y.configID)
        }
        var rows: [Row] = []
        func add(_ first: CellResult, _ temperature: Double?, _ metric: String, _ values: [Double]) {
            rows.append(row(corpus: first.corpus, family: first.family, model: first.model, configID: first.configID,
                            order: first.order, temperature: temperature, metric: metric, values: values))
        }
        for k in keys {
            let g = groups[k]!.sorted { $0.seed < $1.seed }
            let f = g[0]
            add(f, nil, "bits_per_char", g.map(\.evaluation.bitsPerChar))
            add(f, nil, "perplexity", g.map(\.evaluation.perplexity))
            add(f, nil, "cross_entropy_nats", g.map(\.evaluation.crossEntropyNats))
            if g.allSatisfy({ $0.trainBitsPerChar != nil }) { add(f, nil, "train_bits_per_char", g.map { $0.trainBitsPerChar! }) }
            if let h = f.entropyRateBitsPerChar { add(f, nil, "excess_bits_per_char", g.map { $0.evaluation.bitsPerChar - h }) }
            add(f, nil, "train_seconds", g.map(\.training.wallSeconds))
            add(f, nil, "tokens_per_second", g.map(\.training.tokensPerSecond))
            add(f, nil, "parameters", g.map { Double($0.parameters) })
            add(f, nil, "peak_rss_mib", g.map { Double($0.peakRSSBytes) / 1_048_576 })
            for (ti, t) in f.temperatures.enumerated() {
                for name in t.metrics.keys.sorted(by: metricOrder) {
                    add(f, t.temperature, name, g.map { $0.temperatures.count > ti ? ($0.temperatures[ti].metrics[name] ?? .nan) : .nan })
                }
            }
        }
        for h in humans.sorted(by: { $0.corpus < $1.corpus }) {
            if let e = h.entropyRateBitsPerChar {
                rows.append(row(corpus: h.corpus, family: "human", model: "human", configID: h.key, order: nil, temperature: nil, metric: "entropy_rate_bits_per_char", values: [e]))
            }
            for name in h.metrics.keys.sorted(by: metricOrder) {
                rows.append(row(corpus: h.corpus, family: "human", model: "human", configID: h.key, order: nil, temperature: nil, metric: name, values: [h.metrics[name]!]))
            }
        }
        return rows
    }

    static func metricOrder(_ a: String, _ b: String) -> Bool {
        let order = sampleMetrics
        let ia = order.firstIndex(of: a) ?? Int.max, ib = order.firstIndex(of: b) ?? Int.max
        return ia != ib ? ia < ib : a < b
    }

    static func row(corpus: String, family: String, model: String, configID: String, order: Int?, temperature: Double?, metric: String, values: [Double]) -> Row {
        let finite = values.filter { $0.isFinite }
        let mean: Double, std: Double, lo: Double, hi: Double
        if finite.count != values.count || values.isEmpty {
            // An infinite or undefined value (an unsmoothed model's perplexity) is reported as such.
            let m = values.isEmpty ? Double.nan : values.reduce(0, +) / Double(values.count)
            mean = m; std = .nan; lo = m; hi = m
        } else {
            mean = Statistics.mean(values)
            std = Statistics.standardDeviation(values)
            let ci = Statistics.bootstrapInterval(values, seed: fnv1a64("\(corpus)/\(configID)/\(temperature.map(formatDouble) ?? "")/\(metric)"))
            lo = ci.low; hi = ci.high
        }
        return Row(corpus: corpus, family: family, model: model, configID: configID, order: order, temperature: temperature,
                   metric: metric, n: values.count, mean: mean, std: std, ciLow: lo, ciHigh: hi)
    }

    /// Writes summary.csv, summary.json, curves.csv and samples.jsonl from the folder's cells.
    public static func write(resultsDir dir: URL) throws {
        let (cells, humans) = try loadCells(in: dir)
        let rows = rows(cells: cells, humans: humans)
        var csv = CSV.line(header)
        for r in rows {
            csv += CSV.line([r.corpus, r.family, r.model, r.configID, r.order.map(String.init) ?? "",
                             r.temperature.map(formatDouble) ?? "", r.metric, String(r.n),
                             formatDouble(r.mean), formatDouble(r.std), formatDouble(r.ciLow), formatDouble(r.ciHigh)])
        }
        try AtomicFile.write(csv, to: dir.appendingPathComponent("summary.csv"))
        try AtomicFile.write(try JSONValue.encoder().encode(rows), to: dir.appendingPathComponent("summary.json"))

        var curves = CSV.line(["corpus", "family", "model", "config_id", "seed", "step", "wall_seconds", "train_loss_nats", "valid_bits_per_char"])
        for c in cells.sorted(by: { ($0.corpus, $0.model, $0.seed) < ($1.corpus, $1.model, $1.seed) }) {
            for p in c.training.learningCurve {
                curves += CSV.line([c.corpus, c.family, c.model, c.configID, String(c.seed), String(p.step), formatDouble(p.wallSeconds),
                                    formatDouble(p.trainLoss), p.validBitsPerChar.map(formatDouble) ?? ""])
            }
        }
        try AtomicFile.write(curves, to: dir.appendingPathComponent("curves.csv"))

        var jsonl = ""
        let enc = JSONValue.encoder(pretty: false)
        func emit(_ o: [String: JSONValue]) throws { jsonl += String(decoding: try enc.encode(JSONValue.object(o)), as: UTF8.self) + "\n" }
        for c in cells.sorted(by: { ($0.corpus, $0.model, $0.seed) < ($1.corpus, $1.model, $1.seed) }) {
            for t in c.temperatures {
                for (i, s) in t.samples.enumerated() {
                    try emit(["corpus": .string(c.corpus), "family": .string(c.family), "model": .string(c.model), "config_id": .string(c.configID),
                              "seed": .int(Int(c.seed)), "temperature": .double(t.temperature), "index": .int(i), "text": .string(s)])
                }
            }
        }
        for h in humans.sorted(by: { $0.corpus < $1.corpus }) {
            for (i, s) in h.samples.enumerated() {
                try emit(["corpus": .string(h.corpus), "family": .string("human"), "model": .string("human"), "config_id": .string(h.key),
                          "seed": .int(0), "temperature": .null, "index": .int(i), "text": .string(s)])
            }
        }
        try AtomicFile.write(jsonl, to: dir.appendingPathComponent("samples.jsonl"))
    }
}

/// RFC 4180 CSV lines, quoted by the one routine the result-table reader also uses
/// (`CSVTable.escape`, which looks at Unicode scalars, so a "\r\n" inside a field is quoted too).
public enum CSV {
    public static func field(_ s: String) -> String { CSVTable.escape(s) }
    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }
}
