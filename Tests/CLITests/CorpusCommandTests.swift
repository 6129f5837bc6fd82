import Foundation
import Testing

@Suite struct CorpusCommandTests {
    @Test func list() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["corpus", "list"], in: dir)
        #expect(r == CLI.Result(status: 0, stdout: """
        NAME                ORIGIN     DESCRIPTION
        fortunes            packaged   the fortune cookie files of Debian fortunes and fortunes-min, 2.6 MB
        jargon              packaged   the Jargon File 4.4.7 as plain text, from Debian jargon-text, 1.7 MB
        kjv                 packaged   King James Bible, one verse per line, from Debian bible-kjv (`bible -f`), 4.4 MB
        tinyshakespeare     download   Tiny Shakespeare from char-rnn (Karpathy 2015), 1.1 MB, downloaded once into the cache
        synthetic:markov:…  generated  random order-k Markov source with a known entropy rate

        """, stderr: ""))
    }

    @Test func showAFileByHand() throws {
        // A 21-line file: "l00\n" … "l19\n" and "жж\n" (ж is 2 bytes in UTF-8).
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = (0..<20).map { String(format: "l%02d\n", $0) }.joined() + "жж\n"
        try text.write(to: dir.appendingPathComponent("f.txt"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["corpus", "show", "f.txt", "--split", "0.8,0.1,0.1"], in: dir)
        // 85 bytes (80 + 2·2 + 1), 83 scalars, 21 lines; distinct: l, 0–9, \n, ж = 13.
        // ⌊0.8·85⌋ = 68 → train ends at byte 68 (17 lines); ⌊0.9·85⌋ = 76 → valid ends at 76 (19 lines).
        #expect(r.status == 0)
        #expect(r.stdout == """
        name                 f.txt
        source               file f.txt
        sha256               \(sha256sum(text))
        bytes                85
        characters           83
        lines                21
        distinct characters  13

        split 0.8,0.1,0.1 (lines and bytes are 0-based, half-open)
        PART   LINES    BYTES    SHA-256
        train  0..<17   0..<68   \(sha256sum(String(text.utf8.prefix(68))!))
        valid  17..<19  68..<76  \(sha256sum(String(text.utf8.dropFirst(68).prefix(8))!))
        test   19..<21  76..<85  \(sha256sum(String(text.utf8.dropFirst(76))!))

        """)
    }

    /// SHA-256 by the system's sha256sum (an independent implementation).
    func sha256sum(_ s: String) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try! p.run()
        input.fileHandleForWriting.write(Data(s.utf8))
        try! input.fileHandleForWriting.close()
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return String(out.prefix(64))
    }

    @Test func showSyntheticAndExport() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = "synthetic:markov:order=1,alphabet=3,length=1000,seed=4"
        let r = try CLI.run(["corpus", "show", spec, "--json"], in: dir)
        #expect(r.status == 0)
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(o["characters"] as? Int == 1000 && o["distinct_characters"] as? Int == 3)
        let nats = o["entropy_rate_nats"] as! Double, bits = o["entropy_rate_bits"] as! Double
        #expect(abs(bits - nats / log(2)) < 1e-12 && nats > 0 && nats < log(3))
        let e = try CLI.run(["corpus", "export", spec, "--out", "s.txt"], in: dir)
        #expect(e.status == 0)
        let exported = try String(contentsOf: dir.appendingPathComponent("s.txt"), encoding: .utf8)
        #expect(sha256sum(exported) == o["sha256"] as? String)
        #expect(e.stderr == "wrote s.txt: 1000 bytes, SHA-256 \(o["sha256"] as! String)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["s.txt"])
    }

    @Test func showPackagedCorpus() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["corpus", "show", "kjv"], in: dir)
        #expect(r.status == 0 && r.stderr == "")
        #expect(r.stdout.contains("\nbytes                4404412\n"))
        #expect(r.stdout.contains("\nlines                31102\n"))
    }
}
