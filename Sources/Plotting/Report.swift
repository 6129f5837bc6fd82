import Foundation
import SeqbenchCore

/// The experiment report: `report.md` and a self-contained `report.html` (pictures inlined as
/// base64 data URIs, no network) in the results folder. It holds the provenance, the summary tables
/// (best value per column marked), every plot with a one-line caption, and sample excerpts per model
/// and temperature with detected loops marked.
public enum Report {
    /// Characters of each sample shown.
    static let excerptLength = 300

    /// Writes `report.md` and `report.html` into `results`.
    /// - Parameters:
    ///   - results: the results folder.
    ///   - plots: the folder `seqbench plot` drew into (may be missing: the report then says how to draw).
    /// - Throws: `SeqbenchError.data` when the results cannot be read or the files cannot be written.
    public static func write(results: URL, plots: URL) throws {
        let doc = try build(results: results, plots: plots)
        try AtomicFile.write(doc.markdown, to: results.appendingPathComponent("report.md"))
        try AtomicFile.write(doc.html, to: results.appendingPathComponent("report.html"))
    }

    /// Both renderings of the report.
    public static func build(results: URL, plots: URL) throws -> (markdown: String, html: String) {
        let set = try ResultSet.load(results)
        let content = try ReportContent(set: set, plots: plots)
        return (ReportMarkdown.render(content, results: results, plots: plots), ReportHTML.render(content))
    }
}

/// What the report shows, independent of its rendering.
struct ReportContent {
    struct Cell { var text: String; var best: Bool }
    struct Table {
        var title: String, note: String, header: [String], rows: [[Cell]]
        /// Leading columns holding names (the rest hold numbers).
        var textColumns: Int
    }
    struct Plot { var name: String; var caption: String; var png: URL?; var svg: URL?; var skipped: String? }
    struct Sample {
        var corpus: String, model: String, temperature: Double?, seed: String, index: Int
        var excerpt: [Character]
        var fullLength: Int
        var loop: RepetitionFinder.Loop?
        /// Held-out human text (family "human"): shown first in its corpus, as the reference.
        var isHuman = false
    }

    var title: String
    var provenance: [(String, String)]
    /// The experiment config as run (the manifest's `config`), shown as a block rather than
    /// flattened into a table cell.
    var config: String?
    var corpora: [[(String, String)]]
    var tables: [Table]
    var plots: [Plot]
    var plotsFound: Bool
    var samples: [Sample]

    init(set: ResultSet, plots plotsDir: URL) throws {
        title = set.experiment
        // Provenance: the contract's keys first, in a fixed order, then any others by name.
        let order = ["experiment", "config_path", "config_hash", "seqbench_version", "git_commit", "swift_version",
                     "blas", "threads", "cpu", "started", "finished", "cells_total", "cells_done"]
        let rest = set.manifest.keys.filter { !order.contains($0) && $0 != "corpora" && $0 != "config" }.sorted()
        config = set.manifest["config"]?.stringValue
        provenance = (order + rest).compactMap { k in set.manifest[k].map { (k, $0.description) } }
        corpora = (set.manifest["corpora"]?.arrayValue ?? []).map { c in
            let o = c.objectValue ?? [:]
            let first = ["name", "tokenizer", "sha256", "entropy_rate_bits_per_char"]
            return (first + o.keys.filter { !first.contains($0) }.sorted()).compactMap { k in o[k].map { (k, $0.description) } }
        }
        let index = SummaryIndex(set.summary)
        tables = ReportContent.tables(index)
        let fm = FileManager.default
        plotsFound = fm.fileExists(atPath: plotsDir.path)
        plots = PlotSet.plan(set).map { p in
            let png = plotsDir.appendingPathComponent("\(p.name).png"), svg = plotsDir.appendingPathComponent("\(p.name).svg")
            return Plot(name: p.name, caption: p.caption,
                        png: fm.fileExists(atPath: png.path) ? png : nil, svg: fm.fileExists(atPath: svg.path) ? svg : nil,
                        skipped: p.skipReason)
        }
        samples = try ReportContent.samples(set, index)
    }

    /// A value with its across-seed half-interval, "2.370 ± 0.0097"; a single value (one seed, or a
    /// zero-width interval) as `PlotText.short` writes it.
    static func format(_ r: SummaryRow) -> String {
        let half = (r.ciHigh - r.ciLow) / 2
        if (r.n ?? 1) > 1, half.isFinite, half > 0, r.mean.isFinite { return withUncertainty(r.mean, half) }
        return PlotText.short(r.mean)
    }

    /// `mean ± half` the way measurements are quoted: the half-width to 2 significant digits and the
    /// mean rounded to the same decimal place (so no digit is printed that the spread makes
    /// meaningless): with e = ⌊log₁₀ half⌋, both are rounded to 10^(e − 1).
    /// 2.3702 ± 0.009733 → "2.3702 ± 0.0097"; 338 ± 74.84 → "338 ± 75"; 20270 ± 4675 → "20300 ± 4700";
    /// means of 10⁵ or more in scientific notation: 1.58e7 ± 5.581e5 → "1.580e+07 ± 5.6e+05".
    static func withUncertainty(_ mean: Double, _ half: Double) -> String {
        let posix = Locale(identifier: "en_US_POSIX")
        let e = Int(floor(log10(half)))
        let decimals = 1 - e
        if abs(mean) < 1e5 && decimals <= 12 {
            if decimals >= 0 {
                return String(format: "%.*f ± %.*f", locale: posix, decimals, mean, decimals, half)
            }
            let unit = pow(10, Double(-decimals))
            return "\(Int((mean / unit).rounded()) * Int(unit)) ± \(Int((half / unit).rounded()) * Int(unit))"
        }
        let em = mean == 0 ? e : Int(floor(log10(abs(mean))))
        let m = String(format: "%.*e", locale: posix, max(0, em - e + 1), mean)
        let h = String(format: "%.1e", locale: posix, half)
        return (m + " ± " + h).replacingOccurrences(of: "E", with: "e")
    }

    static let heldOutColumns = ["bits_per_char", "perplexity", "excess_bits_per_char", "train_seconds", "tokens_per_second", "parameters"]
    static let sampleColumns = ["sample_bits_per_char", "distinct_2", "distinct_4", "seq_rep_4", "self_bleu",
                                "compression_ratio", "novelty_8", "loop_fraction", "zipf_coefficient"]

    static func tables(_ index: SummaryIndex) -> [Table] {
        var out: [Table] = []
        // Held-out and cost: rows = corpus × model.
        let hcols = heldOutColumns.filter { index.has($0, withTemperature: false) }
        if !hcols.isEmpty {
            var rows: [[Cell]] = []
            for c in index.corpora {
                let models = index.models(c).filter { $0.family.lowercased() != "human" }
                let values: [[SummaryRow?]] = models.map { m in hcols.map { index.row(c, m.model, $0) } }
                guard values.contains(where: { $0.contains { $0 != nil } }) else { continue }
                let best = hcols.indices.map { j in bestIndex(values.map { $0[j] }, MetricInfo.of(hcols[j]).better, human: nil) }
                for (i, m) in models.enumerated() where values[i].contains(where: { $0 != nil }) {
                    rows.append([Cell(text: c, best: false), Cell(text: m.model, best: false)] +
                                hcols.indices.map { j in Cell(text: values[i][j].map(format) ?? "—", best: best[j] == i) })
                }
            }
            let manySeeds = index.rows.contains { ($0.n ?? 1) > 1 }
            out.append(Table(title: "Held-out quality and cost",
                             note: (manySeeds ? "Mean over seeds ± half the across-seed interval." : "One run per model (one seed): no across-seed interval.")
                                + " Bold: the best value of a column within a corpus (lower bits/char, perplexity, excess and seconds; higher tokens/second); none where several rows tie.",
                             header: ["corpus", "model"] + hcols.map { MetricInfo.of($0).label }, rows: rows, textColumns: 2))
        }
        // Samples: rows = corpus × model × temperature, human text first.
        let scols = sampleColumns.filter { index.has($0, withTemperature: true) }
        if !scols.isEmpty {
            var rows: [[Cell]] = []
            for c in index.corpora {
                let humans = scols.map { index.human(c, $0) }
                var keys: [(model: String, t: Double)] = []
                for m in index.sampledModels(c) where m.family.lowercased() != "human" {
                    let ts = Array(Set(scols.flatMap { index.temperatures(c, m.model, $0) })).sorted()
                    keys += ts.map { (m.model, $0) }
                }
                guard !keys.isEmpty else { continue }
                let values = keys.map { k in scols.map { index.row(c, k.model, $0, temperature: k.t) } }
                let best = scols.indices.map { j in bestIndex(values.map { $0[j] }, MetricInfo.of(scols[j]).better, human: humans[j]?.mean) }
                if humans.contains(where: { $0 != nil }) {
                    rows.append([Cell(text: c, best: false), Cell(text: "human text (held-out)", best: false), Cell(text: "—", best: false)] +
                                humans.map { Cell(text: $0.map(format) ?? "—", best: false) })
                }
                for (i, k) in keys.enumerated() {
                    rows.append([Cell(text: c, best: false), Cell(text: k.model, best: false), Cell(text: temperatureText(k.t), best: false)] +
                                scols.indices.map { j in Cell(text: values[i][j].map(format) ?? "—", best: best[j] == i) })
                }
            }
            out.append(Table(title: "Samples by temperature",
                             note: "Sample statistics are judged against held-out human text of the same length: bold marks, per column and corpus, the model and temperature closest to the human value (none where several tie, e.g. every sampled temperature with no loops).",
                             header: ["corpus", "model", "temperature"] + scols.map { MetricInfo.of($0).label }, rows: rows, textColumns: 3))
        }
        return out
    }

    /// The row holding the best finite value, or nil (no direction, no human value to approach,
    /// fewer than two values to compare, or several rows sharing the best value: marking the first
    /// of them would single out a row for its position).
    static func bestIndex(_ values: [SummaryRow?], _ better: MetricInfo.Better, human: Double?) -> Int? {
        let finite = values.enumerated().compactMap { i, r in r.flatMap { $0.mean.isFinite ? (i, $0.mean) : nil } }
        guard finite.count >= 2 else { return nil }
        let score: (Double) -> Double
        switch better {
        case .lower: score = { $0 }
        case .higher: score = { -$0 }
        case .closerToHuman:
            guard let h = human, h.isFinite else { return nil }
            score = { abs($0 - h) }
        case .none: return nil
        }
        let best = finite.min { score($0.1) < score($1.1) }!
        return finite.filter { score($0.1) == score(best.1) }.count == 1 ? best.0 : nil
    }

    static func temperatureText(_ t: Double?) -> String {
        guard let t else { return "—" }
        return t == 0 ? "0 (greedy)" : PlotText.short(t)
    }

    /// The first sample (lowest seed, then index) of every corpus × model × temperature.
    static func samples(_ set: ResultSet, _ index: SummaryIndex) throws -> [Sample] {
        let url = set.directory.appendingPathComponent("samples.jsonl")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SeqbenchError.data("\(url.path): cannot read the file (\(error.localizedDescription))")
        }
        struct Key: Hashable { var corpus: String, model: String, t: UInt64? }
        var chosen: [Key: (seedKey: Double, seed: String, index: Int, family: String, text: String, order: Int)] = [:]
        func isHuman(_ k: Key) -> Bool { chosen[k]!.family.lowercased() == "human" }
        var lineNo = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNo += 1
            if line.allSatisfy({ $0 == 32 || $0 == 13 }) { continue }
            let v: JSONValue
            do { v = try JSONValue.decoder().decode(JSONValue.self, from: Data(line)) } catch {
                throw SeqbenchError.data("\(url.path):\(lineNo): not a JSON object (\(error.localizedDescription)); each line holds one sample")
            }
            guard let corpus = v["corpus"]?.stringValue, let model = v["model"]?.stringValue, let text = v["text"]?.stringValue else {
                throw SeqbenchError.data("\(url.path):\(lineNo): a sample needs \"corpus\", \"model\" and \"text\" strings")
            }
            let t = v["temperature"]?.doubleValue
            let seed = v["seed"]?.description ?? ""
            let seedKey = Double(seed) ?? .infinity
            let idx = v["index"]?.intValue ?? 0
            let key = Key(corpus: corpus, model: model, t: t.map { $0 == 0 ? 0.0.bitPattern : $0.bitPattern })
            if let old = chosen[key], (old.seedKey, old.seed, old.index) <= (seedKey, seed, idx) { continue }
            chosen[key] = (seedKey, seed, idx, v["family"]?.stringValue ?? "", text, chosen[key]?.order ?? lineNo)
        }
        // Order: corpus and model as in the summary (else file order), then temperature.
        let corpusRank = Dictionary(uniqueKeysWithValues: index.corpora.enumerated().map { ($1, $0) })
        func modelRank(_ c: String, _ m: String) -> Int { index.models(c).firstIndex { $0.model == m } ?? Int.max }
        let keys = chosen.keys.sorted { a, b in
            let ea = chosen[a]!, eb = chosen[b]!
            let ta = a.t.map { Double(bitPattern: $0) } ?? -1, tb = b.t.map { Double(bitPattern: $0) } ?? -1
            // Human text first in its corpus: the reference the excerpts below are read against.
            let ha = isHuman(a) ? 0 : 1, hb = isHuman(b) ? 0 : 1
            return (corpusRank[a.corpus] ?? Int.max, ha, modelRank(a.corpus, a.model), ea.order, ta, a.model)
                < (corpusRank[b.corpus] ?? Int.max, hb, modelRank(b.corpus, b.model), eb.order, tb, b.model)
        }
        return keys.map { k in
            let e = chosen[k]!
            let chars = Array(e.text)
            let excerpt = Array(chars.prefix(Report.excerptLength))
            // Searched in the first 2000 characters; a loop past the excerpt is still reported in the note.
            let loop = RepetitionFinder.firstLoop(in: Array(chars.prefix(2000)))
            return Sample(corpus: k.corpus, model: k.model, temperature: k.t.map { Double(bitPattern: $0) },
                          seed: e.seed, index: e.index, excerpt: excerpt, fullLength: chars.count, loop: loop,
                          isHuman: isHuman(k))
        }
    }

    /// "a 19-character cycle repeats 9 times from character 18"
    /// The heading of an excerpt: "kjv · lstm 1x128 · temperature 0.8", or for human text
    /// "kjv · held-out human text (reference)".
    static func sampleHeading(_ s: Sample) -> String {
        s.isHuman ? "\(s.corpus) · held-out human text (reference)"
                  : "\(s.corpus) · \(s.model) · temperature \(temperatureText(s.temperature))"
    }

    /// "seed 1, sample 0, 300 characters"; human text has no seed or sample number.
    static func sampleDetails(_ s: Sample) -> String {
        s.isHuman ? "\(s.fullLength) characters" : "seed \(s.seed), sample \(s.index), \(s.fullLength) characters"
    }

    static func loopNote(_ l: RepetitionFinder.Loop) -> String {
        "loop: a \(l.period)-character cycle repeats \(l.repeats) times from character \(l.start)"
    }
}
