import Foundation
import SeqbenchCore
import Testing

/// End-to-end tests of `seqbench metrics`: they run the built binary `.build/debug/seqbench`
/// (`make test` / `swift build --build-tests` builds it first).
@Suite("seqbench metrics (CLI)")
struct MetricsCommandTests {
    @Test func jsonOutputFields() throws {
        let dir = try makeMetricsScratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Line 3 is blank and skipped; line 2 is the object form.
        let samples = try writeMetricsFile(dir, "s.jsonl", "\"abab\"\n{\"text\": \"abc\"}\n\n")
        let train = try writeMetricsFile(dir, "train.txt", "abcd\n")
        let r = try runMetricsBinary(["metrics", samples, "--tokenizer", "char", "--train", train, "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["samples"] as? Int == 2)
        #expect(object["sample_tokens"] as? Int == 7)             // "abab" + "abc"
        #expect(object["tokenizer"] as? String == "char")
        #expect(object["train_tokens"] as? Int == 5)              // "abcd\n"
        #expect(object["vocabulary_size"] as? Int == 6)           // <unk> \n a b c d
        #expect(object["samples_file"] as? String == samples)
        #expect(object["train_file"] as? String == train)
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(Set(metrics.keys) == [
            "distinct_1", "distinct_2", "distinct_3", "distinct_4", "seq_rep_4", "rep_window", "self_bleu",
            "compression_ratio", "novelty_4", "novelty_8", "novelty_16", "longest_copy_mean", "longest_copy_max",
            "loop_fraction", "loop_period_median", "zipf_coefficient", "unigram_entropy_bits",
        ])
        // By hand: 7 tokens, distinct {a, b, c} → distinct_1 = 3/7.
        #expect(abs((metrics["distinct_1"] as? Double ?? 0) - 3.0 / 7.0) < 1e-15)
        // longest copies from "abcd\n": "abab" → "ab" (2), "abc" → 3; mean 2.5, max 3.
        #expect(metrics["longest_copy_mean"] as? Double == 2.5)
        #expect(metrics["longest_copy_max"] as? Double == 3)
        // Self-BLEU by hand (ε = 0.1):
        //   h = abab vs abc: p = 2/4, 1/3, 0/2 → 0.1/2, 0/1 → 0.1; |h| 4 > 3 → BP 1
        //   h = abc vs abab: p = 2/3, 1/2, 0/1 → 0.1, no 4-gram → 0.1; BP = exp(1 − 4/3)
        let b1 = pow(0.5 * (1.0 / 3) * 0.05 * 0.1, 0.25)
        let b2 = exp(-1.0 / 3) * pow((2.0 / 3) * 0.5 * 0.1 * 0.1, 0.25)
        #expect(abs((metrics["self_bleu"] as? Double ?? 0) - (b1 + b2) / 2) < 1e-12)
        // No sample loops, so the median period is undefined: written as the string "NaN".
        #expect(metrics["loop_period_median"] as? String == "NaN")
        // The samples have no 8-gram: NaN.
        #expect(metrics["novelty_8"] as? String == "NaN")
    }

    @Test func tableWithoutTrainingText() throws {
        let dir = try makeMetricsScratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let samples = try writeMetricsFile(dir, "s.jsonl", "\"the cat sat\"\n\"the cat\\nran\"\n")
        let r = try runMetricsBinary(["metrics", samples, "--tokenizer", "word"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        // word: "the cat sat" → the cat sat (no newline, no </s>); "the cat\nran" → the cat </s> ran
        #expect(lines.first == "\(samples): 2 samples, 7 word tokens")
        #expect(lines.count == 1 + 12)                            // 17 metrics minus the 5 copying ones
        #expect(!r.stdout.contains("novelty"))
        // distinct_1: {the, cat, sat, </s>, ran} of 7 → 5/7
        #expect(lines.contains { $0.hasPrefix("distinct_1 ") && $0.hasSuffix(" " + formatDouble(5.0 / 7.0)) })
    }

    @Test func wordLoopIsNotHiddenByAFinalEndOfSentence() throws {
        let dir = try makeMetricsScratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 40 × "la" with no newline: 40 equal word tokens and no </s> → the sample loops with period 1.
        let text = Array(repeating: "la", count: 40).joined(separator: " ")
        let samples = try writeMetricsFile(dir, "s.jsonl", "\"\(text)\"\n\"one two three\"\n")
        let r = try runMetricsBinary(["metrics", samples, "--tokenizer", "word", "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(object["sample_tokens"] as? Int == 43)
        #expect(metrics["loop_fraction"] as? Double == 0.5)
        #expect(metrics["loop_period_median"] as? Double == 1)
    }

    @Test func malformedLineNamesFileAndLine() throws {
        let dir = try makeMetricsScratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = try writeMetricsFile(dir, "bad.jsonl", "\"fine\"\n\n{\"txt\": 1}\n")
        let r = try runMetricsBinary(["metrics", bad, "--tokenizer", "char"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("seqbench: \(bad):3: "))
        #expect(r.stderr.split(separator: "\n").count == 1)
        let notJSON = try writeMetricsFile(dir, "bad2.jsonl", "{oops\n")
        let r2 = try runMetricsBinary(["metrics", notJSON, "--tokenizer", "char"])
        #expect(r2.status == 1)
        #expect(r2.stderr.hasPrefix("seqbench: \(notJSON):1: not valid JSON"))
    }

    @Test func badTokenizerIsUsageError() throws {
        let dir = try makeMetricsScratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let samples = try writeMetricsFile(dir, "s.jsonl", "\"x\"\n")
        let r = try runMetricsBinary(["metrics", samples, "--tokenizer", "bpe"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("char, word, byte"))
    }
}

// MARK: Helpers (private to this file: other CLI test files define their own)

private func seqbenchBinary() throws -> URL {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while dir.path != "/" {
        if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            let bin = dir.appendingPathComponent(".build/debug/seqbench")
            guard FileManager.default.isExecutableFile(atPath: bin.path) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: bin.path + " (run swift build first)"])
            }
            return bin
        }
        dir = dir.deletingLastPathComponent()
    }
    throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Package.swift above \(#filePath)"])
}

private func runMetricsBinary(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = try seqbenchBinary()
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Drain stderr on another thread while reading stdout, so neither full pipe can block the child.
    nonisolated(unsafe) var e = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        e = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

private func makeMetricsScratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seqbench-metrics-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

private func writeMetricsFile(_ dir: URL, _ name: String, _ content: String) throws -> String {
    let url = dir.appendingPathComponent(name)
    try Data(content.utf8).write(to: url)
    return url.path
}
