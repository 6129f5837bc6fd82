import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Harness
import LanguageModels
import ModelZoo
import SeqbenchCore

/// Runs a small unigram experiment (or `models`, YAML list items of `registry`'s kinds) in-process into
/// a fresh folder and returns the folder.
/// The corpus and config live in `dir` (same dir, same config); results go to a fresh folder each call.
func runSmallExperiment(name: String = "t", seeds: String = "[1, 2]", label: String? = nil, models: String? = nil, registry: ModelRegistry = testRegistry,
                        extra: String = "", in dir: URL? = nil) throws -> URL {
    let dir = dir ?? FileManager.default.temporaryDirectory.appendingPathComponent("seqbench-harness-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    // 200 lines of a small deterministic text.
    var text = ""
    var rng = Xoshiro256(seed: 5)
    let words = ["the", "cat", "sat", "on", "a", "mat", "and", "ran"]
    for _ in 0..<200 { text += (0..<6).map { _ in words[rng.nextInt(below: words.count)] }.joined(separator: " ") + "\n" }
    let corpus = dir.appendingPathComponent("corpus.txt")
    try text.write(to: corpus, atomically: true, encoding: .utf8)
    let yaml = """
    name: \(name)
    seeds: \(seeds)
    corpora:
      - corpus: \(corpus.path)
        tokenizer: char
    models:
    \(models ?? "  - kind: unigram" + (label.map { "\n    label: '\($0)'" } ?? ""))
    sampling:
      temperatures: [greedy, 1.0]
      samples: 3
      length: 40
    metrics:
      reference: {kind: unigram}
    \(extra)
    """
    let cfgURL = dir.appendingPathComponent("e.yaml")
    try yaml.write(to: cfgURL, atomically: true, encoding: .utf8)
    let config = try ExperimentConfig.load(cfgURL.path, registry: registry)
    let out = dir.appendingPathComponent("results-\(UUID().uuidString)")
    try ExperimentRunner(config: config, registry: registry, options: .init(out: out)).run()
    return out
}

/// Summary rows without the cost metrics that depend on the machine's speed.
func deterministicRows(_ dir: URL) throws -> [Summary.Row] {
    let (cells, humans) = try Summary.loadCells(in: dir)
    return Summary.rows(cells: cells, humans: humans).filter { !["train_seconds", "tokens_per_second", "peak_rss_mib"].contains($0.metric) }
}

@Suite struct CheckTests {
    @Test func sameConfigAndSeedGiveIdenticalMetrics() throws {
        // The same corpus file and config (cell ids include the corpus as configured), two fresh runs.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seqbench-harness-\(UUID().uuidString)")
        let a = try deterministicRows(runSmallExperiment(in: dir))
        let b = try deterministicRows(runSmallExperiment(in: dir))
        #expect(!a.isEmpty)
        // Bit-identical, NaN included (compare bit patterns, since NaN != NaN).
        #expect(a.map(\.mean.bitPattern) == b.map(\.mean.bitPattern))
        #expect(a.map(\.metric) == b.map(\.metric))
    }

    @Test func summaryAggregatesSeedsByHand() throws {
        let dir = try runSmallExperiment()
        let (cells, humans) = try Summary.loadCells(in: dir)
        let rows = Summary.rows(cells: cells, humans: humans)
        // Greedy distinct_1 of each seed, averaged by hand.
        let values = cells.sorted { $0.seed < $1.seed }.map { $0.temperatures[0].metrics["distinct_1"]! }
        let row = rows.first { $0.metric == "distinct_1" && $0.temperature == 0 && $0.family == "unigram" }!
        #expect(row.n == 2)
        #expect(row.mean == (values[0] + values[1]) / 2)
        #expect(rows.contains { $0.family == "human" && $0.metric == "distinct_1" && $0.temperature == nil })
    }

    func entry(value: Double, direction: MetricDirection = .lower, tolerance: Tolerance, ci: (Double, Double)? = nil) -> Baseline.Entry {
        Baseline.Entry(corpus: "c", family: "lstm", model: "m", configID: "x", temperature: nil, metric: "bits_per_char",
                       direction: direction, value: value, ciLow: ci?.0 ?? value, ciHigh: ci?.1 ?? value, n: 3, tolerance: tolerance)
    }

    @Test func verdictsByHand() {
        // Relative 2% of 2.0 is 0.04: 2.03 is within, 2.05 is a regression, 1.95 an improvement.
        let rel = entry(value: 2.0, tolerance: Tolerance(relative: 0.02))
        #expect(Check.verdict(rel, now: 2.03) == .ok)
        #expect(Check.verdict(rel, now: 2.05) == .regressed)
        #expect(Check.verdict(rel, now: 1.95) == .improved)
        // Higher is better: a drop is the regression.
        let hi = entry(value: 0.5, direction: .higher, tolerance: Tolerance(absolute: 0.01))
        #expect(Check.verdict(hi, now: 0.48) == .regressed)
        #expect(Check.verdict(hi, now: 0.52) == .improved)
        #expect(Check.verdict(hi, now: 0.505) == .ok)
        // Interval: outside [1.9, 2.1] counts.
        let ci = entry(value: 2.0, tolerance: Tolerance(interval: true), ci: (1.9, 2.1))
        #expect(Check.verdict(ci, now: 2.09) == .ok)
        #expect(Check.verdict(ci, now: 2.11) == .regressed)
        #expect(Check.verdict(ci, now: 1.89) == .improved)
        // An infinite perplexity appearing is a regression.
        #expect(Check.verdict(rel, now: .infinity) == .regressed)
        // One that stays infinite is no change: ok, and a change of 0, not ∞ − ∞ = NaN.
        var inf = rel
        inf.value = .infinity
        #expect(Check.verdict(inf, now: .infinity) == .ok)
        let line = Check.Line(entry: inf, now: .infinity, verdict: .ok)
        #expect(line.change == 0 && line.relativeChange == 0)
    }

    @Test func checkAgainstCraftedBaselines() throws {
        let dir = try runSmallExperiment()
        let base = try Baseline.make(resultsDir: dir, registry: testRegistry)
        #expect(base.entries.count == 1)  // bits_per_char of the one model
        let now = base.entries[0].value

        // Unchanged: passes.
        var r = try Check.run(resultsDir: dir, baseline: base, baselinePath: "b.json", strict: false)
        #expect(r.exitCode == 0 && r.lines[0].verdict == .ok)

        // The baseline was 10% better than now: a regression beyond tolerance.
        var worse = base
        worse.entries[0].value = now / 1.1
        r = try Check.run(resultsDir: dir, baseline: worse, baselinePath: "b.json", strict: false)
        #expect(r.exitCode == 1 && r.regressions == 1)
        #expect(Check.table(r).contains("REGRESSED"))

        // Within tolerance (1e-6 relative for count-based models: move by 1e-8 relative).
        var near = base
        near.entries[0].value = now * (1 + 1e-8)
        #expect(try Check.run(resultsDir: dir, baseline: near, baselinePath: "b.json", strict: false).exitCode == 0)

        // Now 10% better than the baseline: passes, fails with --strict.
        var better = base
        better.entries[0].value = now * 1.1
        #expect(try Check.run(resultsDir: dir, baseline: better, baselinePath: "b.json", strict: false).exitCode == 0)
        let strict = try Check.run(resultsDir: dir, baseline: better, baselinePath: "b.json", strict: true)
        #expect(strict.exitCode == 1 && strict.improvements == 1)

        // Unusable inputs are usage errors (exit 2).
        var other = base
        other.experiment = "another"
        #expect(throws: SeqbenchError.self) { try Check.run(resultsDir: dir, baseline: other, baselinePath: "b.json", strict: false) }
        var hash = base
        hash.corpora[hash.corpora.keys.first!] = "00"
        let e = errorMessage { _ = try Check.run(resultsDir: dir, baseline: hash, baselinePath: "b.json", strict: false) }
        #expect(e?.contains("has SHA-256") == true)
        var missing = base
        missing.entries[0].model = "no such model"
        #expect(errorMessage { _ = try Check.run(resultsDir: dir, baseline: missing, baselinePath: "b.json", strict: false) }?.contains("missing cell") == true)
        do { _ = try Check.run(resultsDir: dir, baseline: other, baselinePath: "b.json", strict: false) } catch let e as SeqbenchError { #expect(e.exitCode == 2) }
    }

    @Test func aModelMissingASeedIsRefused() throws {
        let dir = try runSmallExperiment(seeds: "[1, 2, 3]")
        let base = try Baseline.make(resultsDir: dir, registry: testRegistry)
        // Delete the cell of seed 2: the model's mean is then over seeds 1 and 3 only.
        let cellsDir = dir.appendingPathComponent("cells")
        let files = try FileManager.default.contentsOfDirectory(atPath: cellsDir.path).filter { !$0.hasPrefix("human-") }
        let seeds = try files.map { try ResultFiles.read(CellResult.self, from: cellsDir.appendingPathComponent($0)).seed }
        #expect(seeds.sorted() == [1, 2, 3])
        try FileManager.default.removeItem(at: cellsDir.appendingPathComponent(files[seeds.firstIndex(of: 2)!]))

        for attempt in ["check", "baseline"] {
            do {
                if attempt == "check" { _ = try Check.run(resultsDir: dir, baseline: base, baselinePath: "b.json", strict: false) }
                else { _ = try Baseline.make(resultsDir: dir, registry: testRegistry) }
                Issue.record("\(attempt) accepted a model with seed 2 missing")
            } catch let e as SeqbenchError {
                #expect(e.exitCode == 2, "\(attempt)")
                #expect(e.message.contains("unigram has results for seed(s) 1, 3 but the experiment runs seed(s) 1, 2, 3;"), "\(e.message)")
                #expect(e.message.contains("--resume"), "\(e.message)")
            }
        }
    }

    @Test func aBaselineOverOtherSeedsIsRefused() throws {
        let dir = try runSmallExperiment(seeds: "[1, 2]")
        var base = try Baseline.make(resultsDir: dir, registry: testRegistry)
        #expect(base.entries[0].n == 2)
        // As if the baseline had been recorded when the experiment ran three seeds.
        base.entries[0].n = 3
        do {
            _ = try Check.run(resultsDir: dir, baseline: base, baselinePath: "b.json", strict: false)
            Issue.record("check compared a 2-seed mean with a 3-seed baseline")
        } catch let e as SeqbenchError {
            #expect(e.exitCode == 2)
            #expect(e.message.contains("is a mean over 2 seed(s), the baseline's over 3;"), "\(e.message)")
        }
    }

    @Test func everyMetricOfAModelRowIsAKnownCheckMetric() throws {
        // The list `check:` is validated against must hold every metric a run writes, or a valid name is refused.
        let rows = try deterministicRows(runSmallExperiment(seeds: "[1]"))
        let written = Set(rows.filter { $0.family != "human" }.map(\.metric))
        #expect(written.contains("sample_bits_per_char") && written.contains("novelty_4"))
        #expect(written.subtracting(Summary.modelMetrics).isEmpty, "\(written.subtracting(Summary.modelMetrics).sorted())")
    }

    @Test func baselineRefusesAnUnknownCheckMetricOfAnOlderRun() throws {
        let dir = try runSmallExperiment(seeds: "[1]", extra: "check: {bits_per_char: {}, distinct_2: {}}")
        // One held-out bits per char, and distinct_2 at each of the two temperatures.
        #expect(try Baseline.make(resultsDir: dir, registry: testRegistry).entries.map(\.metric).sorted() == ["bits_per_char", "distinct_2", "distinct_2"])
        // A folder run before unknown names were refused: its config misspells bits_per_char.
        let url = dir.appendingPathComponent("manifest.json")
        var manifest = try ResultFiles.read(JSONValue.self, from: url).objectValue!
        manifest["config"] = .string(manifest["config"]!.stringValue!.replacingOccurrences(of: "bits_per_char:", with: "bits_per_chr:"))
        try ResultFiles.write(JSONValue.object(manifest), to: url)
        let message = errorMessage { _ = try Baseline.make(resultsDir: dir, registry: testRegistry) }
        #expect(message?.hasPrefix(dir.appendingPathComponent("experiment.yaml").path + ":") == true, "\(message ?? "no error")")
        #expect(message?.contains("unknown metric 'bits_per_chr' in check (did you mean 'bits_per_char'?)") == true, "\(message ?? "no error")")
    }

    /// A known metric that no model of the folder has would go ungated: `baseline` refuses it and
    /// says what the metric needs.
    @Test func baselineRefusesACheckMetricThatNoModelHas() throws {
        let dir = try runSmallExperiment(seeds: "[1]", extra: "check: {bits_per_char: {}, excess_bits_per_char: {}, distinct_2: {}}")
        let message = errorMessage { _ = try Baseline.make(resultsDir: dir, registry: testRegistry) }
        #expect(message == "\(dir.appendingPathComponent("experiment.yaml").path): check names 'excess_bits_per_char', but no model of \(dir.path) has it (excess_bits_per_char: only on synthetic corpora), so the baseline would not gate it; remove it from check, or change the experiment so that a model reports it")
    }

    @Test func countBasedKindsAreHeldToTheTightTolerance() throws {
        // Every kind of the zoo but the recurrent ones counts; one recurrent kind stands for them.
        let models = """
          - kind: unigram
          - kind: ngram
            order: 2
          - kind: infinigram
            max_context: 1
          - kind: rnn
            embedding: 4
            hidden: 8
            seq_len: 16
            batch: 4
            steps: 10
            eval_every: 5
        """
        let dir = try runSmallExperiment(seeds: "[1]", models: models, registry: ModelZoo.registry)
        let base = try Baseline.make(resultsDir: dir, registry: ModelZoo.registry)
        #expect(Set(base.entries.map(\.family)) == ["unigram", "ngram", "infinigram", "rnn"])
        #expect(base.entries.allSatisfy { $0.value.isFinite }, "\(base.entries.map(\.value))")
        // A baseline 1% better than now: beyond 1e-6 relative, within 2%.
        var better = base
        for i in better.entries.indices { better.entries[i].value *= 0.99 }
        let r = try Check.run(resultsDir: dir, baseline: better, baselinePath: "b.json", strict: false)
        #expect(Set(r.lines.filter { $0.verdict == .regressed }.map(\.entry.family)) == ["unigram", "ngram", "infinigram"])
        #expect(r.lines.filter { $0.verdict == .ok }.map(\.entry.family) == ["rnn"])
    }

    @Test func junitIsWellFormedWithTheRightCounts() throws {
        let dir = try runSmallExperiment(label: "m <&> \"q\"")
        var base = try Baseline.make(resultsDir: dir, registry: testRegistry)
        var second = base.entries[0]
        second.value = second.value / 1.5  // makes "now" a regression
        second.metric = "perplexity"
        second.value = base.entries[0].value  // bits_per_char's value: far below the perplexity now
        base.entries.append(second)
        let r = try Check.run(resultsDir: dir, baseline: base, baselinePath: "b.json", strict: false)
        let xml = Check.junit(r, suite: "t")
        #if canImport(FoundationXML) || canImport(Darwin)
        let doc = try XMLDocument(xmlString: xml, options: [])
        let suites = try doc.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == 1)
        let suite = suites[0] as! XMLElement
        #expect(suite.attribute(forName: "tests")?.stringValue == "2")
        #expect(suite.attribute(forName: "failures")?.stringValue == "1")
        #expect(try doc.nodes(forXPath: "//testcase").count == 2)
        #expect(try doc.nodes(forXPath: "//failure").count == 1)
        #endif
        #expect(Check.markdown(r, suite: "t").contains("| **regressed** |"))
    }
}
