import Foundation
import Testing

/// Runs the built `seqbench` binary on a tiny results folder: `plot` without gnuplot, a bad
/// `--format`, and `report`.
@Suite(.serialized) struct PlotCommandTests {
    /// `.build/<config>/seqbench`, next to the test bundle.
    private static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if dir.path.hasSuffix(".xctest/Contents/MacOS") { dir = dir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
        return dir.appendingPathComponent("seqbench")
    }

    private static func run(_ args: [String], env: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    private static func results() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seqbench-cli-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let csv = #"""
        corpus,family,model,config_id,order,temperature,metric,n,mean,std,ci_low,ci_high
        c,ngram,"ngram o=2 ""kn""",a,2,,bits_per_char,1,3.5,NaN,3.5,3.5
        c,lstm,lstm_ü,b,,,bits_per_char,2,2.5,0.1,2.4,2.6

        """#
        try csv.write(to: dir.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func plotWithoutGnuplotExitsOneWithInstallHint() throws {
        let dir = try Self.results()
        let r = try Self.run(["plot", dir.path, "--format", "png"], env: ["SEQBENCH_GNUPLOT": "/nonexistent/gnuplot"])
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("seqbench: gnuplot not found at /nonexistent/gnuplot;"))
        #expect(r.err.contains("apt-get install gnuplot-nox"))
        #expect(r.err.split(separator: "\n").count == 1)
        // The script is kept for later.
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("plots/heldout_bpc.gp").path))
    }

    @Test func unknownFormatIsAUsageError() throws {
        let dir = try Self.results()
        let r = try Self.run(["plot", dir.path, "--format", "png,gif"])
        #expect(r.status == 2)
        #expect(r.err == "seqbench: --format 'png,gif': unknown format 'gif'; give a comma-separated list of png, svg, pdf\n")
    }

    @Test func reportWritesBothFiles() throws {
        let dir = try Self.results()
        let r = try Self.run(["report", dir.path])
        #expect(r.status == 0, "\(r.err)")
        let md = try String(contentsOf: dir.appendingPathComponent("report.md"), encoding: .utf8)
        // Lower bits/char is better: 2.5 < 3.5. CI 2.4…2.6: half-width 0.10 to two significant
        // digits, the mean to the same decimal place.
        #expect(md.contains("| c | lstm\\_ü | **2.50 ± 0.10** |"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.html").path))
    }
}
