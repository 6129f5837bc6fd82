import Foundation
import Testing
@testable import Plotting

/// Every script drawn from the fixture, compared byte for byte with Golden/scripts/NAME.gp.
/// Re-record on purpose with `SEQBENCH_RECORD_GOLDEN=1 swift test --filter PlottingTests`, then review
/// the diff.
@Suite struct GoldenScriptTests {
    static func scripts() throws -> [(name: String, text: String)] {
        let set = try ResultSet.load(Fixture.results)
        let provenance = PlotSet.provenanceLine(set)
        return PlotSet.plan(set).compactMap { p in
            p.figure.map { ($0.name, GnuplotScript.render($0, formats: [.png, .svg, .pdf], provenance: provenance)) }
        }
    }

    @Test func scriptsMatchGoldenFiles() throws {
        let scripts = try Self.scripts()
        #expect(scripts.count == 22)   // 1 held-out + 6 metrics × 2 corpora + 2 × (quality, learning, sweep, cost) + 1 excess
        if Fixture.recording {
            let dir = Fixture.sourceGolden().appendingPathComponent("scripts")
            try? FileManager.default.removeItem(at: dir)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for s in scripts { try Data(s.text.utf8).write(to: dir.appendingPathComponent("\(s.name).gp")) }
            return
        }
        let dir = Fixture.golden.appendingPathComponent("scripts")
        let stored = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".gp") }.sorted()
        #expect(stored == scripts.map { "\($0.name).gp" }.sorted(), "golden scripts and drawn plots differ; re-record with SEQBENCH_RECORD_GOLDEN=1")
        for s in scripts {
            let golden = try String(contentsOf: dir.appendingPathComponent("\(s.name).gp"), encoding: .utf8)
            #expect(golden == s.text, "\(s.name).gp differs from its golden file; re-record with SEQBENCH_RECORD_GOLDEN=1 if intended")
        }
    }

    @Test func scriptsAreDeterministic() throws {
        // Two plans from two loads give identical text (no dictionary or set order leaks in).
        let a = try Self.scripts(), b = try Self.scripts()
        #expect(a.map(\.text) == b.map(\.text))
    }

    @Test func labelsAreEscapedAndDrawnNoenhanced() throws {
        let scripts = try Self.scripts()
        let bars = try #require(scripts.first { $0.name == "heldout_bpc" }).text
        #expect(bars.contains("'lstm \"big\" 2x64_ü'"))
        #expect(bars.contains("'corpus: synthétique \"markov\"'"))
        #expect(bars.contains("set encoding utf8"))
        #expect(bars.contains("pngcairo noenhanced") && bars.contains("svg noenhanced") && bars.contains("pdfcairo noenhanced"))
        #expect(bars.contains("set datafile missing 'NaN'"))
        // The provenance has a quote: experiment fixture_ü 'quoted' → doubled inside '…'.
        #expect(bars.contains("'experiment fixture_ü ''quoted'' · config 0123456789ab · commit abcdef123456'"))
        // The fixture's NaN self-BLEU (gru at T=1.2) stays NaN, i.e. missing to gnuplot.
        let bleu = try #require(scripts.first { $0.name == "temp_self_bleu_tiny_shakespeare" }).text
        #expect(bleu.contains("1.2 NaN NaN NaN"))
    }
}
