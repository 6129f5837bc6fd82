import Foundation
import Testing

/// `--threads` of `eval` and `sample` for neural models: with 2, seqbench splits the work over two
/// cores (on OpenBLAS cores with small-matrix kernels: the batch-1 sampling step, and evaluation's
/// large products and, from W_hh = 512 KB on, its time loops); the outputs must be the same as
/// with 1, byte for byte.
@Suite struct NeuralThreadsTests {
    @Test func evalAndSampleDoNotDependOnThreads() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A deterministic text of a few KB: 40 distinct lines of letters from a fixed recurrence.
        var x: UInt32 = 7, lines: [String] = []
        for _ in 0..<40 {
            var line = ""
            for _ in 0..<60 { x = x &* 1_103_515_245 &+ 12_345; line.append(Character(UnicodeScalar(97 + (x >> 16) % 12)!)) }
            lines.append(line)
        }
        try (lines[0..<32].joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("train.txt"), atomically: true, encoding: .utf8)
        try (lines[32...].joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("test.txt"), atomically: true, encoding: .utf8)
        // H = 192: W_hh of an LSTM is 576 KB, so evaluation at 2 threads also splits its time loops.
        let train = try CLI.run(["train", "lstm", "--train", "train.txt", "--out", "m.sqb", "--layers", "2", "--embedding", "8",
                                 "--hidden", "192", "--seq-len", "16", "--batch", "4", "--steps", "3"], in: dir)
        #expect(train.status == 0, "\(train)")
        let eval1 = try CLI.run(["eval", "m.sqb", "--test", "test.txt", "--json", "--threads", "1"], in: dir)
        let eval2 = try CLI.run(["eval", "m.sqb", "--test", "test.txt", "--json", "--threads", "2"], in: dir)
        #expect(eval1.status == 0, "\(eval1)")
        #expect(eval1 == eval2)
        let sample = ["sample", "m.sqb", "--length", "200", "--count", "2", "--seed", "3", "--prompt", "abc"]
        let sample1 = try CLI.run(sample + ["--threads", "1"], in: dir)
        let sample2 = try CLI.run(sample + ["--threads", "2"], in: dir)
        #expect(sample1.status == 0, "\(sample1)")
        #expect(sample1 == sample2)
        let bad = try CLI.run(["sample", "m.sqb", "--threads", "0"], in: dir)
        #expect(bad.status != 0 && bad.stderr.contains("--threads 0"), "\(bad)")
    }
}
