import Foundation
import Testing

/// `seqbench ngram import-arpa / export-arpa / score` through the built binary (debug build of this
/// package; `swift build --build-tests` or `make test` builds it).
/// The debug binary of this package.
private let ngramCLIBinary: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent(".build/debug/seqbench").path
}()

@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: ngramCLIBinary)))
struct NGramCommandTests {
    static var binary: String { ngramCLIBinary }

    func run(_ args: [String]) throws -> (code: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = args
        let o = Pipe(), e = Pipe()
        p.standardOutput = o; p.standardError = e
        try p.run()
        let od = o.fileHandleForReading.readDataToEndOfFile(), ed = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: od, as: UTF8.self), String(decoding: ed, as: UTF8.self))
    }

    func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("seqbench-ngram-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// Hand ARPA (see MarkovTests.ARPATests): "a b" scores −0.3 −0.2 −0.7 (log10), "z" scores
    /// −0.1 −2 then −0.7; perplexity = 10^(−Σ/5) = 10^(4.0/5).
    @Test func importScoreExport() throws {
        let d = try tempDir()
        let arpa = "\\data\\\nngram 1=5\nngram 2=2\n\n\\1-grams:\n-2\t<unk>\n-0.7\t</s>\n-99\t<s>\t-0.1\n-0.5\ta\t-0.25\n-0.6\tb\n\n\\2-grams:\n-0.2\ta b\n-0.3\t<s> a\n\n\\end\\\n"
        try arpa.write(to: d.appendingPathComponent("hand.arpa"), atomically: true, encoding: .utf8)
        try "a b\nz\n".write(to: d.appendingPathComponent("test.txt"), atomically: true, encoding: .utf8)
        let m = d.appendingPathComponent("hand.model").path
        let imp = try run(["ngram", "import-arpa", d.appendingPathComponent("hand.arpa").path, "--out", m])
        #expect(imp.code == 0, "\(imp.err)")
        let s = try run(["ngram", "score", m, "--test", d.appendingPathComponent("test.txt").path])
        #expect(s.code == 0)
        let json = try JSONSerialization.jsonObject(with: Data(s.out.utf8)) as! [String: Any]
        #expect(json["tokens"] as? Int == 5 && json["oov_tokens"] as? Int == 1)
        let ppl = json["perplexity"] as! Double
        #expect(abs(ppl - pow(10, 4.0 / 5)) < 1e-9 * ppl)
        let out = d.appendingPathComponent("back.arpa").path
        let exp = try run(["ngram", "export-arpa", m, "--out", out])
        #expect(exp.code == 0)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("-0.2\ta\tb\n") && text.contains("ngram 2=2"))
    }

    @Test func malformedARPAIsOneLineWithExitCode1() throws {
        let d = try tempDir()
        let bad = d.appendingPathComponent("bad.arpa").path
        try "\\data\\\nngram 1=1\n\n\\1-grams:\nxx\ta\n\\end\\\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try run(["ngram", "import-arpa", bad, "--out", d.appendingPathComponent("m").path])
        #expect(r.code == 1)
        #expect(r.err == "seqbench: \(bad):5: log10 probability 'xx' is not a number <= 0\n")
        let u = try run(["ngram", "import-arpa", bad, "--out", "m", "--tokenizer", "bytes"])
        #expect(u.code == 64 || u.code == 2)
    }
}
