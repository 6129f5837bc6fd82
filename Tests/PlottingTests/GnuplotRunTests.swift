import Foundation
import SeqbenchCore
import Testing
@testable import Plotting

/// Runs the real gnuplot (installed by `make test`'s bootstrap: gnuplot-nox).
@Suite(.serialized) struct GnuplotRunTests {
    @Test func everyFixturePlotDrawsPNGSVGAndPDF() throws {
        let results = try Fixture.copyOfResults()
        let out = results.appendingPathComponent("plots")
        let outcomes = try PlotSet.drawAll(results: results, out: out, formats: [.pdf, .png, .svg])
        let drawn = outcomes.filter(\.isDrawn)
        #expect(drawn.count == 22)
        for o in drawn {
            #expect(o.files.map(\.lastPathComponent) == ["png", "svg", "pdf"].map { "\(o.name).\($0)" }, "\(o.name): \(o.notes)")
            let png = try Data(contentsOf: out.appendingPathComponent("\(o.name).png"))
            let svg = try String(contentsOf: out.appendingPathComponent("\(o.name).svg"), encoding: .utf8)
            let pdf = try Data(contentsOf: out.appendingPathComponent("\(o.name).pdf"))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 5000, "\(o.name).png")
            #expect(svg.contains("<svg") && svg.contains("</svg>"), "\(o.name).svg")
            #expect(pdf.starts(with: Array("%PDF".utf8)) && pdf.count > 5000, "\(o.name).pdf")
            #expect(o.notes.isEmpty, "\(o.name): gnuplot said \(o.notes)")
        }
        // Non-ASCII labels reach the SVG as text.
        let svg = try String(contentsOf: out.appendingPathComponent("heldout_bpc.svg"), encoding: .utf8)
        #expect(svg.contains("lstm \"big\" 2x64_ü") || svg.contains("lstm &quot;big&quot; 2x64_ü"))
    }

    @Test func keptScriptRedrawsAlone() throws {
        let results = try Fixture.copyOfResults()
        let out = results.appendingPathComponent("plots")
        _ = try PlotSet.drawAll(results: results, out: out, formats: [.png])
        let png = out.appendingPathComponent("heldout_bpc.png")
        try FileManager.default.removeItem(at: png)
        // `gnuplot heldout_bpc.gp` in its folder, with another format chosen on the command line.
        let r = try Gnuplot.execute(try Gnuplot().resolvedPath(), arguments: ["-e", "formats='png svg'", "heldout_bpc.gp"], directory: out)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: png.path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("heldout_bpc.svg").path))
    }

    @Test func withoutCairoTheScriptFallsBackAndSaysWhatItSkipped() throws {
        let results = try Fixture.copyOfResults()
        let out = results.appendingPathComponent("plots")
        _ = try PlotSet.drawAll(results: results, out: out, formats: [.svg])
        // Pretend this gnuplot has only svg and libgd's png (as a build without cairo would).
        let r = try Gnuplot.execute(try Gnuplot().resolvedPath(),
                                    arguments: ["-e", "seqbench_terminals=' svg png '", "-e", "formats='png pdf'", "heldout_bpc.gp"],
                                    directory: out)
        #expect(r.status == 0, "\(r.stderr)")
        let png = try Data(contentsOf: out.appendingPathComponent("heldout_bpc.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 5000)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("heldout_bpc.pdf").path))
        #expect(r.stderr.contains("heldout_bpc.gp: this gnuplot has no terminal for pdf; skipped"))
    }

    @Test func brokenScriptFailsWithGnuplotsMessageAndPath() throws {
        let dir = try Fixture.copyOfResults()
        let script = dir.appendingPathComponent("broken.gp")
        try "set terminal svg\nset output 'broken.svg'\nplot no_such_function(x)\n".write(to: script, atomically: true, encoding: .utf8)
        do {
            _ = try Gnuplot().run(script: script)
            Issue.record("a broken script must throw")
        } catch let e as SeqbenchError {
            #expect(e.message.contains(script.path))
            #expect(e.message.contains("undefined function: no_such_function"))   // gnuplot's own words
            #expect(e.message.contains("line 3"))
        }
    }

    @Test func missingGnuplotSaysHowToInstallAndKeepsScripts() throws {
        let results = try Fixture.copyOfResults()
        let out = results.appendingPathComponent("plots")
        let before = try Data(contentsOf: results.appendingPathComponent("summary.csv"))
        let missing = Gnuplot(executable: "/nonexistent/bin/gnuplot")
        do {
            _ = try PlotSet.drawAll(results: results, out: out, formats: [.png], gnuplot: missing)
            Issue.record("a missing gnuplot must throw")
        } catch let e as SeqbenchError {
            #expect(e.message.contains("gnuplot not found at /nonexistent/bin/gnuplot"))
            #expect(e.message.contains("apt-get install gnuplot-nox"))
            #expect(e.message.contains("seqbench plot \(results.path)"))
        }
        #expect(try Data(contentsOf: results.appendingPathComponent("summary.csv")) == before)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("heldout_bpc.gp").path))
        // The environment variable is honoured the same way, and a bare name is searched on PATH.
        #expect(Gnuplot(environment: ["SEQBENCH_GNUPLOT": "/nonexistent/gp"]).executable == "/nonexistent/gp")
        #expect(throws: SeqbenchError.self) { try Gnuplot(executable: "no-such-gnuplot-xyz", environment: ["PATH": "/usr/bin"]).resolvedPath() }
    }

    @Test func thisGnuplotHasCairoTerminals() throws {
        // The scripts fall back to png/pdf without cairo; on the project's machines cairo is there.
        let t = try Gnuplot().terminals()
        #expect(t.contains("pngcairo") && t.contains("pdfcairo") && t.contains("svg"))
    }
}
