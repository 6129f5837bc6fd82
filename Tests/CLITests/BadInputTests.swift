import Foundation
import Testing

/// Every bad input gives one line on stderr naming the file, field and value and what to do, exit
/// code 2 for usage and 1 for data, nothing on stdout, and no file (or temporary file) left behind.
@Suite struct BadInputTests {
    /// A folder with a good training file, a good model and every kind of bad file.
    func fixture() throws -> URL {
        let dir = try CLI.tempDir()
        func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        try write("good.txt", Array("the cat\nsat on\nthe mat\n".utf8))
        try write("empty.txt", [])
        try write("binary.dat", [0x7F, 0x45, 0x4C, 0x00, 0x46])
        try write("latin1.txt", Array("ab\ncd".utf8) + [0xE9] + Array("\n".utf8))  // é in Latin-1 at offset 5
        try write("small.txt", Array("a\nb\n".utf8))
        let r = try CLI.run(["train", "unigram", "--train", "good.txt", "--out", "good.sqb"], in: dir)
        #expect(r.status == 0, "\(r)")
        let model = try Data(contentsOf: dir.appendingPathComponent("good.sqb"))
        try model.prefix(model.count / 2).write(to: dir.appendingPathComponent("truncated.sqb"))
        var corrupted = model
        corrupted[model.count / 2] ^= 0x55
        try corrupted.write(to: dir.appendingPathComponent("corrupted.sqb"))
        var newer = model
        newer[8] = 9  // the format version (UInt32 LE after the 8-byte magic)
        try newer.write(to: dir.appendingPathComponent("newer.sqb"))
        return dir
    }

    func files(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func trainRefusals() throws {
        let dir = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try files(dir)
        let cases: [([String], Int32, String)] = [
            (["--train", "missing.txt"], 1, "missing.txt: no such file; check the path"),
            (["--train", "empty.txt"], 1, "empty.txt: the file is empty; give a text file with at least one line"),
            (["--train", "binary.dat"], 1, "binary.dat: looks binary (NUL byte at offset 3); give a UTF-8 text file"),
            (["--train", "latin1.txt"], 1, "latin1.txt: invalid UTF-8 at byte offset 5; convert the file to UTF-8 (for example with iconv)"),
            (["--train", "good.txt", "--valid", "latin1.txt"], 1, "latin1.txt: invalid UTF-8 at byte offset 5; convert the file to UTF-8 (for example with iconv)"),
            // Line ends at bytes 2 and 4; ⌊0.9 · 4⌋ = 3 puts both lines in train.
            (["--corpus", "small.txt"], 1, "small.txt: too small to split (2 line(s), 4 bytes) into train/valid/test 0.9/0.05/0.05; give a corpus with more lines"),
            (["--corpus", "kvj"], 2, "--corpus: unknown corpus 'kvj' (did you mean 'kjv'?); use one of fortunes, jargon, kjv, tinyshakespeare, synthetic:markov:order=2,alphabet=5,length=200000,seed=7, or a file path"),
            (["--corpus", "synthetic:markov:order=9,alphabet=3,length=100,seed=1"], 2, "--corpus: order=9 is out of range; give 0...8"),
            (["--train", "good.txt", "--tokenizer", "wrd"], 2, "--tokenizer: unknown tokenizer 'wrd' (did you mean 'word'?); use one of char, word, byte"),
            (["--train", "good.txt", "--threads", "0"], 2, "--threads 0 is out of range; give a whole number >= 1"),
            (["--train", "good.txt", "--max-seconds", "-5"], 2, "--max-seconds -5.0 is out of range; give a number of seconds > 0"),
            (["--corpus", "good.txt", "--split", "1.5,0,0"], 2, "--split 1.5,0,0: train fraction 1.5 is out of range; give a number between 0 and 1 (exclusive)"),
            (["--train", "good.txt", "--order", "3"], 2, "train unigram: unknown option '--order'; model kind unigram takes no options"),
            (["--train", "good.txt", "--corpus", "good.txt", "--split", "0.4,0.3,0.3"], 2, "train: give --train FILE or --corpus NAME, not both"),
            ([], 2, "train: no training text; give --train FILE or --corpus NAME"),
        ]
        for (args, code, message) in cases {
            let r = try CLI.run(["train", "unigram"] + args + ["--out", "out.sqb"], in: dir)
            #expect(r == CLI.Result(status: code, stdout: "", stderr: "seqbench: \(message)\n"), "\(args)")
            #expect(try files(dir) == before, "no output or temporary file after \(args)")
        }
    }

    /// Validation options without validation text would only record the training loss: refused
    /// before anything is read or trained, and so is a validation text of one token; with --valid
    /// they are accepted.
    @Test func validationOptionsNeedValidationText() throws {
        let dir = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try files(dir)
        let network = ["--hidden", "4", "--embedding", "2", "--seq-len", "3", "--batch", "1", "--steps", "2"]
        let cases: [([String], String)] = [
            (["--eval-every", "5", "--patience", "2"], "train lstm: --eval-every 5 and --patience 2 need validation text, and there is none; give --valid FILE or --corpus NAME (its valid split), or leave them out"),
            (["--patience", "2"], "train lstm: --patience 2 needs validation text, and there is none; give --valid FILE or --corpus NAME (its valid split), or leave it out"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(["train", "lstm", "--train", "good.txt"] + network + args + ["--out", "out.sqb"], in: dir)
            #expect(r == CLI.Result(status: 2, stdout: "", stderr: "seqbench: \(message)\n"), "\(args)")
            #expect(try files(dir) == before, "no output or temporary file after \(args)")
        }
        // One validation token predicts nothing: refused too, naming the file and the count.
        try "x".write(to: dir.appendingPathComponent("one.txt"), atomically: true, encoding: .utf8)
        let withOne = try files(dir)
        let short = try CLI.run(["train", "lstm", "--train", "good.txt", "--valid", "one.txt"] + network + ["--eval-every", "1", "--out", "out.sqb"], in: dir)
        #expect(short == CLI.Result(status: 2, stdout: "", stderr: "seqbench: train lstm: --eval-every 1 needs at least 2 validation tokens, and one.txt has 1 (tokenizer char); give a longer validation text, or leave it out\n"))
        #expect(try files(dir) == withOne, "no output or temporary file after a one-token --valid")
        let ok = try CLI.run(["train", "lstm", "--train", "good.txt", "--valid", "good.txt"] + network + ["--eval-every", "1", "--out", "out.sqb"], in: dir)
        #expect(ok.status == 0, "\(ok)")
    }

    /// A negative number after an option is its value, not an option (ArgumentParser would call
    /// `--seed -1` a missing value): refused with the value named, exit code 2, nothing written.
    @Test func negativeNumbersAreValuesOfTheirOption() throws {
        let dir = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try files(dir)
        let cases: [([String], String)] = [
            (["train", "unigram", "--train", "good.txt", "--seed", "-1", "--out", "out.sqb"],
             "seqbench: The value '-1' is invalid for '--seed <seed>'; see 'seqbench train --help'\n"),
            (["run", "e.yaml", "--jobs", "-1"], "seqbench: --jobs -1 is out of range; give a whole number >= 1; see 'seqbench run --help'\n"),
            (["run", "e.yaml", "--format", "png,gif"],
             "seqbench: --format 'png,gif': unknown format 'gif'; give a comma-separated list of png, svg, pdf; see 'seqbench run --help'\n"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(args, in: dir)
            #expect(r == CLI.Result(status: 2, stdout: "", stderr: message), "\(args)")
            #expect(try files(dir) == before, "nothing written after \(args)")
        }
    }

    @Test func unknownModelKind() throws {
        let dir = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["train", "unigramm", "--train", "good.txt", "--out", "out.sqb"], in: dir)
        // The list of kinds grows as kinds are added; the start of the line is fixed.
        #expect(r.status == 2 && r.stdout == "")
        #expect(r.stderr.hasPrefix("seqbench: train: unknown model kind 'unigramm' (did you mean 'unigram'?); use one of "))
        #expect(r.stderr.filter { $0 == "\n" }.count == 1 && r.stderr.hasSuffix("\n"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.sqb").path))
    }

    @Test func modelFileRefusals() throws {
        let dir = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String)] = [
            ("missing.sqb", "missing.sqb: no such model file; train one with 'seqbench train'"),
            ("truncated.sqb", "truncated.sqb: checksum mismatch; the model file is truncated or corrupted, train or copy it again"),
            ("corrupted.sqb", "corrupted.sqb: checksum mismatch; the model file is truncated or corrupted, train or copy it again"),
            ("newer.sqb", "newer.sqb: model format version 9 is newer than this seqbench reads (up to 1); upgrade seqbench or retrain the model"),
            ("good.txt", "good.txt: not a seqbench model file (bad magic or too short); give a file written by 'seqbench train'"),
            ("cache", "cache: is a folder, not a model file; name a file written by 'seqbench train'"),
        ]
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("cache"), withIntermediateDirectories: true)
        for (file, message) in cases {
            for command in [["eval", file, "--test", "good.txt"], ["sample", file]] {
                let r = try CLI.run(command, in: dir)
                #expect(r == CLI.Result(status: 1, stdout: "", stderr: "seqbench: \(message)\n"), "\(command)")
            }
        }
    }

    @Test func evalAndSampleRefusals() throws {
        let dir = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [([String], Int32, String)] = [
            (["eval", "good.sqb", "--test", "empty.txt"], 1, "empty.txt: the file is empty; give a text file with at least one line"),
            (["eval", "good.sqb", "--test", "latin1.txt"], 1, "latin1.txt: invalid UTF-8 at byte offset 5; convert the file to UTF-8 (for example with iconv)"),
            (["eval", "good.sqb"], 2, "eval: no test text; give --test FILE or --corpus NAME"),
            (["sample", "good.sqb", "--temperature", "-1"], 2, "--temperature -1.0 is out of range; give a number >= 0 (0 means greedy)"),
            (["sample", "good.sqb", "--greedy", "--temperature", "0.8"], 2, "--greedy and --temperature 0.8 conflict (--greedy is --temperature 0); give one of them"),
            (["sample", "good.sqb", "--top-p", "1.5"], 2, "--top-p 1.5 is out of range; give a number in (0, 1]"),
            (["sample", "good.sqb", "--top-k", "0"], 2, "--top-k 0 is out of range; give a whole number >= 1"),
            (["sample", "good.sqb", "--length", "0"], 2, "--length 0 is out of range; give a whole number from 1 to 10000000 (for more text, draw several samples with --count)"),
            (["sample", "good.sqb", "--length", "100000000000"], 2, "--length 100000000000 is out of range; give a whole number from 1 to 10000000 (for more text, draw several samples with --count)"),
            (["sample", "good.sqb", "--threads", "0"], 2, "--threads 0 is out of range; give a whole number >= 1"),
            (["eval", "good.sqb", "--test", "good.txt", "--threads", "0"], 2, "--threads 0 is out of range; give a whole number >= 1"),
            (["ngram", "bench", "--train", "good.txt", "--test", "good.txt", "--order", "0"], 2, "--order 0 is out of range; give a whole number from 1 to 64"),
            (["ngram", "bench", "--train", "good.txt", "--test", "good.txt", "--order", "65"], 2, "--order 65 is out of range; give a whole number from 1 to 64"),
            (["sample", "good.sqb", "--prompt", "the dog"], 2, "--prompt: 2 unit(s) not in the model's char vocabulary: 'd', 'g'; remove them or pass --allow-unk to map them to <unk>"),
            (["sample", "good.sqb", "--observed-only"], 2, "--observed-only applies to count-based models; a unigram model has no observed-successor set"),
            // ArgumentParser's own errors are one line with exit code 2 as well.
            (["eval"], 2, "Missing expected argument '<model>'; see 'seqbench eval --help'"),
            (["sample", "good.sqb", "--length", "many"], 2, "The value 'many' is invalid for '--length <length>'; see 'seqbench sample --help'"),
            (["corpus", "show", "nosuch"], 2, "corpus: unknown corpus 'nosuch'; use one of fortunes, jargon, kjv, tinyshakespeare, synthetic:markov:order=2,alphabet=5,length=200000,seed=7, or a file path"),
        ]
        for (args, code, message) in cases {
            let r = try CLI.run(args, in: dir)
            #expect(r == CLI.Result(status: code, stdout: "", stderr: "seqbench: \(message)\n"), "\(args)")
        }
        // With --allow-unk the prompt's unknown units become <unk> (printed as U+FFFD); greedy then
        // adds "t", the commonest character of good.txt (5 times, against 3 spaces and 3 newlines).
        let r = try CLI.run(["sample", "good.sqb", "--prompt", "dog", "--allow-unk", "--length", "1", "--greedy"], in: dir)
        #expect(r == CLI.Result(status: 0, stdout: "\u{FFFD}o\u{FFFD}t\n", stderr: ""))
        // --greedy agrees with an explicit --temperature 0.
        let zero = try CLI.run(["sample", "good.sqb", "--prompt", "dog", "--allow-unk", "--length", "1", "--greedy", "--temperature", "0"], in: dir)
        #expect(zero == r)
    }

    /// Standard output that cannot be written (Linux's /dev/full: every write fails with ENOSPC)
    /// is one line and exit code 1, not a crash.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func standardOutputThatCannotBeWritten() throws {
        let dir = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        for args in [["sample", "good.sqb", "--length", "20"], ["eval", "good.sqb", "--test", "good.txt", "--json"]] {
            guard let binary = CLI.binary else { Issue.record("the seqbench binary was not found"); return }
            let p = Process()
            p.executableURL = binary
            p.arguments = args
            p.currentDirectoryURL = dir
            p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
            let err = Pipe()
            p.standardError = err
            try p.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationReason == .exit && p.terminationStatus == 1, "\(args): \(message)")
            #expect(message == "seqbench: cannot write to standard output: No space left on device; check the disk or the pipe it goes to\n")
        }
    }

    @Test func offlineDownloadNamesThePath() throws {
        // SEQBENCH_CACHE points at an empty folder; this machine (and CI) may be offline, so the
        // download either fails with the by-hand instructions or (online) succeeds.
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["corpus", "show", "tinyshakespeare", "--json"], in: dir)
        if r.status != 0 {
            #expect(r.status == 1 && r.stdout == "")
            #expect(r.stderr.hasPrefix("seqbench: tinyshakespeare: cannot download https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt ("))
            #expect(r.stderr.hasSuffix("put it at \(dir.path)/cache/corpora/tinyshakespeare.txt (SHA-256 86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed)\n"))
        } else {
            #expect(r.stdout.contains("\"bytes\" : 1115394"))
        }
    }
}
