import ArgumentParser
import CBLAS
import Foundation
import Harness
import Plotting
import ModelZoo
import Neural
import SeqbenchCore

struct RunCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment: every corpus × model × seed of a config, trained, evaluated, sampled and measured.",
        discussion: """
        Results go to --out (default results/NAME): one cells/ID.json per finished cell (written \
        atomically), trained models in models/, then summary.csv, summary.json, curves.csv, \
        samples.jsonl and manifest.json (provenance), then plots and a report unless --no-plots. \
        A run killed at any moment loses at most the cells in progress: rerun with --resume.

        Examples:
          seqbench run experiments/quickstart.yaml
          seqbench run experiments/shakespeare.yaml --jobs 2 --out results/shakespeare
          seqbench run experiments/ngram-order.yaml --dry-run
          seqbench run experiments/shakespeare.yaml --shard $SLURM_ARRAY_TASK_ID/16 --out results/shard-$SLURM_ARRAY_TASK_ID
        """
    )

    @Argument(help: "The experiment file (YAML).")
    var experiment: String

    @Option(help: "Results folder (default: results/NAME).")
    var out: String?

    @Option(parsing: .unconditional, help: "Cells run in parallel (BLAS threads per cell = cores / jobs).")
    var jobs: Int = 1

    @Option(help: "Run only the I-th of N disjoint slices of the grid (0-based), e.g. 0/4.")
    var shard: String?

    @Flag(help: "Skip finished cells and continue interrupted training from its checkpoint.")
    var resume = false

    @Flag(help: "Print the expanded grid and exit.")
    var dryRun = false

    @Flag(help: "Do not draw plots or write the report at the end.")
    var noPlots = false

    @Option(help: "Plot formats, comma-separated: png, svg, pdf.")
    var format: String = "png,svg"

    func validate() throws {
        if case .failure(let e) = PlotFormat.parseList(format) {
            throw ValidationError("--format '\(format)': unknown format '\(e.word)'; give a comma-separated list of png, svg, pdf")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs \(jobs) is out of range; give a whole number >= 1") }
    }

    func execute() throws {
        let config = try ExperimentConfig.load(experiment, registry: ModelZoo.registry)
        var options = ExperimentRunner.Options(out: URL(fileURLWithPath: out ?? "results/\(config.name)"))
        options.jobs = jobs
        if let s = shard { options.shard = try ExperimentRunner.parseShard(s) }
        options.resume = resume
        options.dryRun = dryRun
        options.provenance = buildProvenance()
        options.log = { printNote($0) }
        let isTTY = isatty(STDERR_FILENO) != 0
        if isTTY {
            options.status = { @Sendable (s: String) in printNote("\r\u{1B}[2K" + s, terminator: "") }
        }
        let runner = ExperimentRunner(config: config, registry: ModelZoo.registry, options: options)
        let outcome = try runner.run()
        if dryRun {
            printOut(GridTable.render(outcome.grid, shard: options.shard))
            return
        }
        if isTTY { printNote("\r\u{1B}[2K", terminator: "") }
        printNote("done: \(outcome.cellsRun) cell(s) run, \(outcome.cellsSkipped) already finished; results in \(options.out.path)")
        if !noPlots {
            try drawPlotsAndReport(results: options.out, formats: format)
        }
    }
}

/// The expanded grid as a table for `--dry-run`.
enum GridTable {
    static func render(_ cells: [Cell], shard: (index: Int, count: Int)?) -> String {
        var s = "cell  id                corpus  model  seed  shard\n"
        var rows: [[String]] = [["#", "id", "corpus", "model", "seed"] + (shard != nil ? ["mine"] : [])]
        for c in cells {
            var r = [String(c.index), c.id, c.corpusName, c.label, String(c.seed)]
            if let sh = shard { r.append(c.index % sh.count == sh.index ? "yes" : "") }
            rows.append(r)
        }
        let widths = (0..<rows[0].count).map { i in rows.map { $0[i].count }.max() ?? 0 }
        s = rows.map { r in r.enumerated().map { i, f in f.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) }.joined(separator: "\n") + "\n"
        s += "\(cells.count) cell(s)\n"
        return s
    }
}

/// Facts about this build for the run manifest.
func buildProvenance() -> [String: JSONValue] {
    var swift = "unknown"
    #if compiler(>=6.3)
    swift = "6.3 or later"
    #elseif compiler(>=6.2)
    swift = "6.2"
    #elseif compiler(>=6.1)
    swift = "6.1"
    #elseif compiler(>=6.0)
    swift = "6.0"
    #endif
    var facts: [String: JSONValue] = [
        "swift_version": .string(swift),
        "blas": .string(OpenBLASCore.config),
        "blas_threads_default": .int(Int(openblas_get_num_threads())),
        "os": .string(ProcessInfo.processInfo.operatingSystemVersionString),
    ]
    // OpenBLAS's own choice of kernels when seqbench replaced it (OpenBLASCore).
    if let detected = ProcessInfo.processInfo.environment[OpenBLASCore.detectedVariable] {
        facts["blas_detected_core"] = .string(detected)
    }
    return facts
}
