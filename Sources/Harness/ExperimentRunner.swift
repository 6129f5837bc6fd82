import Foundation
import Corpora
import LanguageModels
import Metrics
import SeqbenchCore

/// Runs an experiment: every cell of the grid (or of one shard), with resume, parallel jobs and
/// atomic per-cell results, then the summary tables.
///
/// Layout of the results folder:
///
///     manifest.json        provenance: config and hash, versions, BLAS, CPU, corpora, times
///     experiment.yaml      the config as run
///     cells/ID.json        one per finished cell (temporary file + rename: never half-written)
///     cells/human-KEY.json the held-out human text of each corpus, measured like the samples
///     models/ID.model      trained models (cache); models/ID.ckpt while training
///     summary.csv, summary.json, curves.csv, samples.jsonl
public struct ExperimentRunner {
    public struct Options {
        public var out: URL
        public var jobs: Int = 1
        public var shard: (index: Int, count: Int)? = nil
        public var resume: Bool = false
        public var dryRun: Bool = false
        /// Facts about this build the harness cannot know itself (BLAS library, Swift version).
        public var provenance: [String: JSONValue] = [:]
        public var log: @Sendable (String) -> Void = { _ in }
        public var status: (@Sendable (String) -> Void)? = nil

        public init(out: URL) { self.out = out }
    }

    public let config: ExperimentConfig
    public let registry: ModelRegistry
    public var options: Options

    public init(config: ExperimentConfig, registry: ModelRegistry, options: Options) {
        self.config = config; self.registry = registry; self.options = options
    }

    /// Parses `I/N` (0 ≤ I < N).
    public static func parseShard(_ s: String) throws -> (index: Int, count: Int) {
        let parts = s.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else {
            throw SeqbenchError.usage("--shard '\(s)' is not I/N with 0 <= I < N; for example --shard 0/4")
        }
        return (i, n)
    }

    /// The cells this run owns, in grid order.
    func shardCells(_ all: [Cell]) -> [Cell] {
        guard let s = options.shard else { return all }
        return all.filter { $0.index % s.count == s.index }
    }

    public struct Outcome {
        public var cellsTotal: Int
        public var cellsRun: Int
        public var cellsSkipped: Int
        public var grid: [Cell]
    }

    @discardableResult
    public func run() throws -> Outcome {
        let fm = FileManager.default
        let cellsDir = options.out.appendingPathComponent("cells")
        let started = isoNow()

        options.log("preparing \(config.corpora.count) corpus(es)…")
        let corpora = try config.corpora.map { try PreparedCorpus(entry: $0, prompt: config.sampling.prompt, file: config.file) }
        let all = config.cells(corpusNames: corpora.map(\.name), corpusHashes: corpora.map(\.sha256), labeler: registry.labeler)
        let mine = shardCells(all)

        if options.dryRun {
            return Outcome(cellsTotal: all.count, cellsRun: 0, cellsSkipped: 0, grid: all)
        }

        // Refuse to mix with an earlier run unless resuming.
        let existing = ((try? fm.contentsOfDirectory(atPath: cellsDir.path)) ?? []).filter { $0.hasSuffix(".json") }
        if !existing.isEmpty && !options.resume {
            throw SeqbenchError.usage("\(options.out.path) already holds results (\(existing.count) cell file(s)); add --resume to continue that run, or give another --out")
        }
        if let manifest = try? ResultFiles.read(JSONValue.self, from: options.out.appendingPathComponent("manifest.json")),
           let h = manifest["config_hash"]?.stringValue, h != config.hash, !existing.isEmpty {
            throw SeqbenchError.data("\(options.out.path): holds results of another version of the experiment (config hash \(h.prefix(12)) ≠ \(config.hash.prefix(12))); give another --out or delete the folder")
        }

        // Temporary files of writes a killed run left behind are never results: remove them.
        for sub in ["cells", "models"] {
            let d = options.out.appendingPathComponent(sub)
            for n in (try? fm.contentsOfDirectory(atPath: d.path)) ?? [] where n.hasPrefix(".") && n.hasSuffix(".tmp") {
                try? fm.removeItem(at: d.appendingPathComponent(n))
            }
        }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let jobs = max(1, min(options.jobs, cores))
        let threads = max(1, cores / jobs)
        var manifest = provenance(corpora: corpora, cellsTotal: all.count, started: started, threads: threads, jobs: jobs)
        try fm.createDirectory(at: cellsDir, withIntermediateDirectories: true)
        try AtomicFile.write(config.text, to: options.out.appendingPathComponent("experiment.yaml"))
        try ResultFiles.write(JSONValue.object(manifest), to: options.out.appendingPathComponent("manifest.json"))

        let runner = CellRunner(config: config, registry: registry, out: options.out, threads: threads, resume: options.resume)

        // Reference models and human rows, once per corpus.
        var references: [(any LanguageModel)?] = []
        for (ci, corpus) in corpora.enumerated() {
            var ref: (any LanguageModel)? = nil
            if let r = config.reference, let kind = config.referenceKind {
                let key = ExperimentConfig.hash(.object(["corpus": config.corpusKey(ci, sha256: corpus.sha256), "reference": .object(r.values), "kind": .string(kind), "version": .string(seqbenchVersion)]))
                let refCell = Cell(index: -1, corpusIndex: ci, corpusName: corpus.name, kind: kind, options: r, label: "reference", seed: 0, configID: "ref-" + key, id: "ref-" + key)
                options.log("reference model for \(corpus.name): \(kind) \(ExperimentConfig.optionText(r))")
                ref = try runner.model(for: refCell, corpus: corpus, progress: nil).0
            }
            references.append(ref)
            let humanKey = ExperimentConfig.hash(.object(["corpus": config.corpusKey(ci, sha256: corpus.sha256), "sampling": config.samplingKey, "version": .string(seqbenchVersion)]))
            let humanURL = cellsDir.appendingPathComponent("human-\(humanKey).json")
            if !fm.fileExists(atPath: humanURL.path) {
                let windows = corpus.humanWindows(count: config.sampling.samples, length: config.sampling.length)
                let texts = windows.map { corpus.vocabulary.decode($0) }
                let metrics = runner.measure(samples: windows, texts: texts, corpus: corpus, reference: ref)
                let human = HumanResult(key: humanKey, experiment: config.name, configHash: config.hash, corpus: corpus.name,
                                        corpusSHA256: corpus.sha256, entropyRateBitsPerChar: corpus.entropyRateBitsPerChar,
                                        metrics: metrics, samples: texts)
                try ResultFiles.write(human, to: humanURL)
            }
        }

        // The cells.
        let pending = mine.filter { cell in
            let url = cellsDir.appendingPathComponent("\(cell.id).json")
            guard fm.fileExists(atPath: url.path) else { return true }
            // A finished cell is skipped only if its file reads back as this cell.
            return (try? ResultFiles.read(CellResult.self, from: url))?.id != cell.id
        }
        let skipped = mine.count - pending.count
        if skipped > 0 { options.log("resuming: \(skipped) of \(mine.count) cell(s) already done") }

        let refs = UncheckedBox(references)
        let state = RunState(total: pending.count)
        let runStart = Date()
        let log = options.log
        let status = options.status
        let work: @Sendable (Int) throws -> Void = { i in
            let cell = pending[i]
            let corpus = corpora[cell.corpusIndex]
            let n = state.begin()
            log("[\(n)/\(pending.count)] \(cell.corpusName) · \(cell.label) · seed \(cell.seed)\(state.eta(since: runStart))")
            let result = try runner.run(cell, corpus: corpus, reference: refs.value[cell.corpusIndex]) { p in
                status?(String(format: "  step %d%@  loss %.4f  %.0f tok/s", p.step, p.totalSteps.map { "/\($0)" } ?? "", p.loss, p.tokensPerSecond))
            }
            try ResultFiles.write(result, to: cellsDir.appendingPathComponent("\(cell.id).json"))
            state.finish()
        }
        if jobs == 1 {
            for i in pending.indices { try work(i) }
        } else {
            let errors = ErrorSlot()
            let next = Counter()
            DispatchQueue.concurrentPerform(iterations: jobs) { _ in
                while errors.first == nil {
                    let i = next.take()
                    guard i < pending.count else { return }
                    do { try work(i) } catch { errors.set(error) }
                }
            }
            if let e = errors.first { throw e }
        }

        try Summary.write(resultsDir: options.out)
        manifest["finished"] = .string(isoNow())
        manifest["cells_done"] = .int(Summary.countCells(in: options.out))
        try ResultFiles.write(JSONValue.object(manifest), to: options.out.appendingPathComponent("manifest.json"))
        return Outcome(cellsTotal: all.count, cellsRun: pending.count, cellsSkipped: skipped, grid: all)
    }

    func provenance(corpora: [PreparedCorpus], cellsTotal: Int, started: String, threads: Int, jobs: Int) -> [String: JSONValue] {
        var m: [String: JSONValue] = options.provenance
        m["experiment"] = .string(config.name)
        m["config_path"] = .string(config.file)
        m["config_hash"] = .string(config.hash)
        m["config"] = .string(config.text)
        m["seqbench_version"] = .string(seqbenchVersion)
        m["git_commit"] = .string(gitCommit())
        m["cpu"] = .string(cpuModel())
        m["cores"] = .int(ProcessInfo.processInfo.activeProcessorCount)
        m["threads"] = .int(threads)
        m["jobs"] = .int(jobs)
        m["started"] = .string(started)
        m["cells_total"] = .int(cellsTotal)
        if let s = options.shard { m["shard"] = .string("\(s.index)/\(s.count)") }
        m["corpora"] = .array(corpora.map { c in
            var o: [String: JSONValue] = [
                "name": .string(c.name), "sha256": .string(c.sha256), "tokenizer": .string(c.entry.tokenizer.rawValue),
                "train_tokens": .int(c.train.count), "valid_tokens": .int(c.valid.count), "test_tokens": .int(c.test.count),
                "vocabulary_size": .int(c.vocabulary.count),
                "split": .array([.double(c.entry.split.train), .double(c.entry.split.valid), .double(c.entry.split.test)]),
                "train_end_line": .int(c.split.trainEndLine), "valid_end_line": .int(c.split.validEndLine),
            ]
            if let h = c.entropyRateBitsPerChar { o["entropy_rate_bits_per_char"] = .double(h) }
            return .object(o)
        })
        return m
    }
}

/// The git commit of the working directory's checkout, or "unknown".
func gitCommit() -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git", "rev-parse", "HEAD"]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return "unknown" }
    p.waitUntilExit()
    let s = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return p.terminationStatus == 0 && !s.isEmpty ? s : "unknown"
}

func cpuModel() -> String {
    guard let s = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
    for line in s.split(separator: "\n") where line.hasPrefix("model name") {
        return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }
    return "unknown"
}

func isoNow() -> String {
    let f = ISO8601DateFormatter()
    return f.string(from: Date())
}

final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private var started = 0
    private var finished = 0
    let total: Int
    init(total: Int) { self.total = total }
    func begin() -> Int { lock.lock(); defer { lock.unlock() }; started += 1; return started }
    func finish() { lock.lock(); finished += 1; lock.unlock() }
    func eta(since start: Date) -> String {
        lock.lock(); let f = finished; lock.unlock()
        guard f > 0 else { return "" }
        let per = Date().timeIntervalSince(start) / Double(f)
        let left = per * Double(total - f)
        return String(format: "  (ETA %.0f s)", left)
    }
}

final class ErrorSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    var first: Error? { lock.lock(); defer { lock.unlock() }; return error }
    func set(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value - 1 }
}

final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}
