import ArgumentParser
import Foundation
import Harness
import ModelZoo
import SeqbenchCore

struct CheckCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare results against a committed baseline; exit 1 when a metric regressed beyond tolerance.",
        discussion: """
        Exit codes: 0 nothing regressed; 1 a metric regressed (or improved, with --strict); \
        2 unusable input (a missing or malformed baseline file, a results folder without manifest.json, \
        a baseline of another experiment, a corpus whose hash changed, missing cells or seeds).

        Examples:
          seqbench check results/ci-smoke --baseline experiments/baselines/ci-smoke.json
          seqbench check results/ci-smoke --baseline experiments/baselines/ci-smoke.json --strict --junit check.xml --markdown check.md
        """
    )

    @Argument(help: "A results folder written by 'seqbench run'.")
    var results: String

    @Option(help: "The baseline file (JSON, from 'seqbench baseline').")
    var baseline: String

    @Flag(help: "Fail on improvements beyond tolerance too, so that baselines are updated on purpose.")
    var strict = false

    @Option(help: "Also write JUnit XML here.")
    var junit: String?

    @Option(help: "Also write a Markdown summary here (for a pull-request comment).")
    var markdown: String?

    func execute() throws {
        let b = try Baseline.read(baseline)
        do {
            let report = try Check.run(resultsDir: URL(fileURLWithPath: results), baseline: b, baselinePath: baseline, strict: strict)
            printOut(Check.table(report))
            if let j = junit { try AtomicFile.write(Check.junit(report, suite: b.experiment), to: URL(fileURLWithPath: j)) }
            if let m = markdown { try AtomicFile.write(Check.markdown(report, suite: b.experiment), to: URL(fileURLWithPath: m)) }
            if report.failed {
                printError("\(report.regressions) metric(s) regressed\(strict && report.improvements > 0 ? ", \(report.improvements) improved (--strict)" : "") against \(baseline); if the change is intended, regenerate it with 'seqbench baseline \(results) --out \(baseline)'")
                throw ExitCode(1)
            }
        }
    }
}

struct BaselineCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Write a baseline (metrics, directions, tolerances, hashes) from a results folder.",
        discussion: """
        The metrics and tolerances come from the experiment's `check:` section; without one, held-out \
        bits per char of every model, with 1e-6 relative tolerance for count-based models (unigram, \
        ngram, infinigram: deterministic) and 2% for neural ones (BLAS threading changes their last \
        digits).

        Example:
          seqbench baseline results/ci-smoke --out experiments/baselines/ci-smoke.json
        """
    )

    @Argument(help: "A results folder written by 'seqbench run'.")
    var results: String

    @Option(help: "Where to write the baseline (JSON).")
    var out: String

    func execute() throws {
        let b = try Baseline.make(resultsDir: URL(fileURLWithPath: results), registry: ModelZoo.registry)
        try b.write(to: URL(fileURLWithPath: out))
        printNote("wrote \(out): \(b.entries.count) metric(s) of experiment \(b.experiment)")
    }
}
