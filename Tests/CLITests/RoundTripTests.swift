import Foundation
import Testing

/// train → eval → sample with the unigram model on a tiny corpus, whole outputs compared.
@Suite struct RoundTripTests {
    /// train.txt = "abab\naab\n": counts \n 2, a 4, b 3; N = 9, V = 4 (with <unk>), so add-one gives
    /// p(a) = 5/13, p(b) = 4/13, p(\n) = 3/13. valid.txt = "ab\n": NLL = 3 ln 13 − ln 60 = 3.6005035…
    /// nats; bits/char = NLL / (3 ln 2) = 1.7314762; perplexity = exp(NLL / 3) = 3.3206742.
    @Test func trainEvalSample() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "abab\naab\n".write(to: dir.appendingPathComponent("train.txt"), atomically: true, encoding: .utf8)
        try "ab\n".write(to: dir.appendingPathComponent("valid.txt"), atomically: true, encoding: .utf8)

        let train = try CLI.run(["train", "unigram", "--tokenizer", "char", "--train", "train.txt", "--valid", "valid.txt", "--out", "m.sqb"], in: dir)
        #expect(train.status == 0, "\(train)")
        #expect(train.stderr == "")
        // Timing lines vary from run to run; everything else is compared.
        let stable = train.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("wall seconds") && !$0.hasPrefix("tokens/s") }.joined(separator: "\n")
        #expect(stable == """
        model             unigram
        file              m.sqb
        training text     train.txt
        tokenizer         char
        vocabulary        4
        training tokens   9
        parameters        4
        valid bits/char   1.7315
        valid perplexity  3.3207

        """)

        let eval = try CLI.run(["eval", "m.sqb", "--test", "valid.txt"], in: dir)
        #expect(eval == CLI.Result(status: 0, stdout: """
        model                       {kind: unigram, smoothing: add-one}
        tokenizer                   char
        vocabulary size             4
        tokens                      3
        characters                  3
        oov tokens                  0
        zero-probability tokens     0
        nll (nats)                  3.600504
        cross-entropy (nats/token)  1.200168
        bits/token                  1.731476
        bits/char                   1.731476
        perplexity                  3.320674
        perplexity excluding oov    3.320674

        """, stderr: ""))

        let json = try CLI.run(["eval", "m.sqb", "--test", "valid.txt", "--json"], in: dir)
        #expect(json.status == 0)
        let o = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let nll = 3 * log(13.0) - log(60.0)
        #expect(abs((o["nll_nats"] as! Double) - nll) < 1e-12)
        #expect(abs((o["bits_per_char"] as! Double) - nll / (3 * log(2.0))) < 1e-12)
        #expect(abs((o["perplexity"] as! Double) - exp(nll / 3)) < 1e-12)
        #expect(o["tokens"] as? Int == 3 && o["characters"] as? Int == 3 && o["oov_tokens"] as? Int == 0)
        #expect(o["vocabulary_size"] as? Int == 4 && o["tokenizer"] as? String == "char")
        #expect(Set(o.keys) == ["tokens", "characters", "oov_tokens", "zero_probability_tokens", "nll_nats", "cross_entropy_nats",
                                "bits_per_token", "bits_per_char", "perplexity", "perplexity_excluding_oov", "vocabulary_size",
                                "model", "tokenizer", "tokens_counted"])

        // Samples: same seed, same text; JSON Lines with the documented fields.
        let s1 = try CLI.run(["sample", "m.sqb", "--length", "12", "--count", "2", "--seed", "1", "--json"], in: dir)
        let s2 = try CLI.run(["sample", "m.sqb", "--length", "12", "--count", "2", "--seed", "1", "--json"], in: dir)
        #expect(s1.status == 0 && s1 == s2)
        let lines = s1.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for (i, line) in lines.enumerated() {
            let j = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect(Set(j.keys) == ["index", "seed", "temperature", "text", "tokens"])
            #expect(j["index"] as? Int == i && j["seed"] as? Int == 1 + i && j["tokens"] as? Int == 12)
            // Units of the vocabulary, or U+FFFD for <unk> (add-one gives it 1/13).
            #expect((j["text"] as! String).unicodeScalars.allSatisfy { "ab\n\u{FFFD}".unicodeScalars.contains($0) })
        }
        // Sample 1 of the batch is the same as a single sample with seed 2.
        let single = try CLI.run(["sample", "m.sqb", "--length", "12", "--seed", "2", "--json"], in: dir)
        #expect(single.stdout.replacingOccurrences(of: "\"index\":0", with: "\"index\":1") == String(lines[1]) + "\n")
        // Greedy: the most probable unit, a, every time; the prompt comes first.
        let greedy = try CLI.run(["sample", "m.sqb", "--length", "4", "--greedy", "--prompt", "b"], in: dir)
        #expect(greedy == CLI.Result(status: 0, stdout: "baaaa\n", stderr: ""))
    }

    @Test func corpusSplitsFeedTrainAndEval() throws {
        // 20 lines of 4 bytes = 80 bytes: train ends at the first line end ≥ 72 (line 18), valid at
        // the first ≥ 76 (line 19); test is line 20, "t19\n".
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = (0..<20).map { String(format: "t%02d", $0) }.joined(separator: "\n") + "\n"
        try text.write(to: dir.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        let show = try CLI.run(["corpus", "show", "./c.txt"], in: dir)
        #expect(show.status == 0)
        #expect(show.stdout.contains("train  0..<18   0..<72"))
        #expect(show.stdout.contains("test   19..<20  76..<80"))
        #expect(try CLI.run(["train", "unigram", "--corpus", "./c.txt", "--out", "m.sqb"], in: dir).status == 0)
        let eval = try CLI.run(["eval", "m.sqb", "--corpus", "./c.txt", "--json"], in: dir)
        let o = try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as! [String: Any]
        #expect(o["characters"] as? Int == 4)  // "t19\n"
        #expect(o["oov_tokens"] as? Int == 0)  // t, 1, 9 and \n all occur in t00…t17
        #expect(o["tokens"] as? Int == 4)
    }

    /// The ∞-gram through the CLI: train, eval (a continuation never seen after the longest matching
    /// context has probability 0, counted, and perplexity is infinite), sample (with an unbounded
    /// context it copies the training text).
    @Test func infinigramTrainEvalSample() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "abracadabra\n".write(to: dir.appendingPathComponent("train.txt"), atomically: true, encoding: .utf8)
        // "abrc\n": after "abr" only "a" ever follows, so "c" has probability 0; then the longest
        // context that occurs is "c", only ever followed by "a", so "\n" has probability 0 too.
        try "abrc\n".write(to: dir.appendingPathComponent("test.txt"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["train", "infinigram", "--tokenizer", "char", "--train", "train.txt", "--out", "m.sqb"], in: dir).status == 0)
        let eval = try CLI.run(["eval", "m.sqb", "--test", "test.txt", "--json"], in: dir)
        #expect(eval.status == 0)
        let o = try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as! [String: Any]
        #expect(o["zero_probability_tokens"] as? Int == 2)
        #expect(o["tokens"] as? Int == 5)
        let sample = try CLI.run(["sample", "m.sqb", "--prompt", "abra", "--length", "7", "--seed", "1"], in: dir)
        #expect(sample == CLI.Result(status: 0, stdout: "abracadabra\n", stderr: ""))  // "abra" + "cadabra"
    }
}
