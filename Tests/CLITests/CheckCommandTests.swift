import Foundation
import Testing

/// `seqbench check` through the built binary: input it cannot use exits 2, never 1, because CI reads
/// exit code 1 as "a metric regressed" and 2 as "the gate itself is broken".
@Suite struct CheckCommandTests {
    /// A folder with a well-formed baseline of no entries, a file that is not JSON, and a results
    /// folder without manifest.json.
    func fixture() throws -> URL {
        let dir = try CLI.tempDir()
        let baseline = """
        {"schema": 1, "experiment": "t", "config_hash": "", "seqbench_version": "", "corpora": {}, "created": "", "entries": []}
        """
        try baseline.write(to: dir.appendingPathComponent("base.json"), atomically: true, encoding: .utf8)
        try "not json\n".write(to: dir.appendingPathComponent("garbage.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("results/cells"), withIntermediateDirectories: true)
        return dir
    }

    @Test func unusableInputExitsTwo() throws {
        let dir = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let resultsPath = dir.appendingPathComponent("results").path
        let cases: [(args: [String], message: String)] = [
            (["--baseline", "missing.json"], "missing.json: no such baseline file; write one with 'seqbench baseline RESULTS --out missing.json'"),
            (["--baseline", "base.json"], "\(resultsPath): no manifest.json; give a folder written by 'seqbench run'"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(["check", resultsPath] + args, in: dir)
            #expect(r == CLI.Result(status: 2, stdout: "", stderr: "seqbench: \(message)\n"), "\(args)")
        }
        // The decoder's reason follows the file name; the start and the one line are fixed.
        let r = try CLI.run(["check", resultsPath, "--baseline", "garbage.json"], in: dir)
        #expect(r.status == 2 && r.stdout == "", "\(r)")
        #expect(r.stderr.hasPrefix("seqbench: garbage.json: not a seqbench baseline ("), "\(r)")
        #expect(r.stderr.filter { $0 == "\n" }.count == 1 && r.stderr.hasSuffix("\n"), "\(r)")
    }
}
