import Foundation
import Testing
import SeqbenchCore

/// `seqbench run` end to end through the built binary: kill -9 at random moments then resume (neural
/// cells continue from their checkpoints), and shards merged, must give exactly the numbers of one
/// uninterrupted run.
@Suite(.serialized) struct RunCommandTests {
    private static var binary: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent(".build/debug/seqbench")
    }

    @discardableResult
    private static func run(_ args: [String], in dir: URL) throws -> (code: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = dir
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// A folder with a corpus and an experiment of several cells.
    private static func setUp(name: String = "killtest") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seqbench-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var rng = Xoshiro256(seed: 11)
        let words = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa"]
        var text = ""
        for _ in 0..<1500 { text += (0..<7).map { _ in words[rng.nextInt(below: words.count)] }.joined(separator: " ") + "\n" }
        try text.write(to: dir.appendingPathComponent("corpus.txt"), atomically: true, encoding: .utf8)
        let yaml = """
        name: \(name)
        seeds: [1, 2, 3, 4, 5, 6]
        corpora:
          - corpus: ./corpus.txt
            tokenizer: char
        models:
          - kind: unigram
          - kind: rnn
            embedding: 4
            hidden: 8
            seq_len: 16
            batch: 4
            steps: 60
            eval_every: 5
        sampling:
          temperatures: [greedy, 0.7, 1.0]
          samples: 12
          length: 150
        metrics:
          reference: {kind: unigram}
        """
        try yaml.write(to: dir.appendingPathComponent("e.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    /// summary.csv without the rows that measure the machine's speed and memory.
    private static func deterministicSummary(_ dir: URL) throws -> [String] {
        let text = try String(contentsOf: dir.appendingPathComponent("summary.csv"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { line in
            !["train_seconds", "tokens_per_second", "peak_rss_mib"].contains { line.contains(",\($0),") }
        }
    }

    @Test func killedAtRandomMomentsThenResumedEqualsUninterrupted() throws {
        let dir = try Self.setUp()
        let ref = try Self.run(["run", "e.yaml", "--out", "ref", "--no-plots"], in: dir)
        #expect(ref.code == 0, "\(ref.err)")
        let expected = try Self.deterministicSummary(dir.appendingPathComponent("ref"))
        #expect(expected.count > 30)

        var rng = Xoshiro256(seed: 2024)
        var kills = 0
        for _ in 0..<6 {
            let p = Process()
            p.executableURL = Self.binary
            p.arguments = ["run", "e.yaml", "--out", "killed", "--no-plots", "--resume"]
            p.currentDirectoryURL = dir
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: 0.05 + 2.0 * rng.nextUnitDouble())
            if p.isRunning { kill(p.processIdentifier, SIGKILL); kills += 1 }
            p.waitUntilExit()
            // Whatever is in cells/ now must read back whole.
            let cells = dir.appendingPathComponent("killed/cells")
            for n in (try? FileManager.default.contentsOfDirectory(atPath: cells.path)) ?? [] where !n.hasPrefix(".") {
                let data = try Data(contentsOf: cells.appendingPathComponent(n))
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "corrupt \(n)")
            }
        }
        let final = try Self.run(["run", "e.yaml", "--out", "killed", "--no-plots", "--resume"], in: dir)
        #expect(final.code == 0, "\(final.err)")
        #expect(kills > 0, "no run was killed mid-way; the test did not test resume")
        #expect(try Self.deterministicSummary(dir.appendingPathComponent("killed")) == expected)
    }

    @Test func shardsMergedEqualTheUnshardedRun() throws {
        let dir = try Self.setUp()
        #expect(try Self.run(["run", "e.yaml", "--out", "all", "--no-plots"], in: dir).code == 0)
        for i in 0..<3 {
            let r = try Self.run(["run", "e.yaml", "--out", "s\(i)", "--shard", "\(i)/3", "--no-plots"], in: dir)
            #expect(r.code == 0, "\(r.err)")
        }
        // A partial merge says what is missing and exits 1.
        let partial = try Self.run(["merge", "s0", "s1", "--out", "partial", "--no-plots"], in: dir)
        #expect(partial.code == 1 && partial.err.contains("merged 8 of 12 cells"), "\(partial.err)")
        let m = try Self.run(["merge", "s0", "s1", "s2", "--out", "merged", "--no-plots"], in: dir)
        #expect(m.code == 0, "\(m.err)")
        #expect(try Self.deterministicSummary(dir.appendingPathComponent("merged")) == Self.deterministicSummary(dir.appendingPathComponent("all")))

        // Shards of another experiment are refused.
        let other = try Self.setUp(name: "other")
        #expect(try Self.run(["run", "e.yaml", "--out", "o", "--shard", "0/3", "--no-plots"], in: other).code == 0)
        let bad = try Self.run(["merge", dir.appendingPathComponent("s0").path, other.appendingPathComponent("o").path, "--out", dir.appendingPathComponent("bad").path, "--no-plots"], in: dir)
        #expect(bad.code == 1 && bad.err.contains("merge only shards of one experiment"), "\(bad.err)")
    }

    /// A bad option value in the last model stops `run` (and `--dry-run`) when the config is loaded:
    /// one line naming the file, the option's line (15: `dropout: 1.5`, in the entry `- kind: rnn`
    /// of line 8) and the value, and no cell of the earlier model trained.
    @Test func badOptionValueIsRefusedBeforeAnyCellRuns() throws {
        let dir = try Self.setUp()
        let yaml = try String(contentsOf: dir.appendingPathComponent("e.yaml"), encoding: .utf8)
        try yaml.replacingOccurrences(of: "    eval_every: 5\n", with: "    eval_every: 5\n    dropout: 1.5\n")
            .write(to: dir.appendingPathComponent("e.yaml"), atomically: true, encoding: .utf8)
        let message = "seqbench: e.yaml:15: models[1]: option 'dropout' is 1.5, out of range; give a value in 0.0...0.999\n"
        for args in [["run", "e.yaml", "--dry-run"], ["run", "e.yaml", "--out", "r", "--no-plots"]] {
            let r = try Self.run(args, in: dir)
            #expect(r.code == 1 && r.out == "" && r.err == message, "\(args): \(r)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r/cells").path))
    }

    @Test func dryRunPrintsTheGridAndRerunNeedsResume() throws {
        let dir = try Self.setUp()
        let dry = try Self.run(["run", "e.yaml", "--dry-run"], in: dir)
        #expect(dry.code == 0)
        #expect(dry.out.hasSuffix("12 cell(s)\n"))
        #expect(dry.out.split(separator: "\n").count == 14)  // header, 12 cells, count
        #expect(try Self.run(["run", "e.yaml", "--out", "r", "--no-plots"], in: dir).code == 0)
        let again = try Self.run(["run", "e.yaml", "--out", "r", "--no-plots"], in: dir)
        #expect(again.code == 2 && again.err.contains("add --resume to continue that run"))
        let shard = try Self.run(["run", "e.yaml", "--shard", "3/3"], in: dir)
        #expect(shard.code == 2 && shard.err == "seqbench: --shard '3/3' is not I/N with 0 <= I < N; for example --shard 0/4\n")
    }
}
