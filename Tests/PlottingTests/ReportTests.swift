import Foundation
import Testing
@testable import Plotting

@Suite(.serialized) struct ReportTests {
    @Test func reportHasTablesCaptionsEscapedSamplesAndNoNetwork() throws {
        let results = try Fixture.copyOfResults()
        let plots = results.appendingPathComponent("plots")
        let outcomes = try PlotSet.drawAll(results: results, out: plots, formats: [.png])
        try Report.write(results: results, plots: plots)
        let md = try String(contentsOf: results.appendingPathComponent("report.md"), encoding: .utf8)
        let html = try String(contentsOf: results.appendingPathComponent("report.html"), encoding: .utf8)

        // Provenance, including a field the contract does not name.
        #expect(md.contains("| custom\\_field | \\{a: \\[1, x\\], b: 2\\} |"))
        // Held-out table: the best bits/char on tiny_shakespeare is lstm "big" (1.98 < 2.05, 2.08, 2.19 …
        // from summary.csv), so its cell is bold; its CI 1.95…2.01 gives ± 0.030 (2 significant
        // digits), and the mean is written to the same decimal place.
        #expect(md.contains("| tiny\\_shakespeare | lstm \"big\" 2x64\\_ü | **1.980 ± 0.030** |"))
        #expect(html.contains("<td class=\"num best\">1.980 ± 0.030</td>"))
        // Every drawn plot is inlined with its caption; no link leaves the file.
        for o in outcomes where o.isDrawn {
            #expect(md.contains("(plots/\(o.name).png)"))
            #expect(html.contains("<figcaption>\(ReportHTML.escape(o.caption))</figcaption>"))
        }
        #expect(html.components(separatedBy: "data:image/png;base64,").count - 1 == outcomes.filter(\.isDrawn).count)
        #expect(!html.contains("http://") && !html.contains("https://"))
        // Samples: HTML escaped, the loop marked.
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("What &lt;news&gt; &amp; tidings"))
        #expect(html.contains("<mark class=\"loop\""))
        // 11 characters "[seed 1 #0]" precede the loop " the king said that" (19 characters) × 9 = 171.
        #expect(md.contains("⟳ loop: a 19-character cycle repeats 9 times from character 11"))
        // The first sample is the lowest seed and index (the file lists seed 2 first).
        #expect(md.contains("(seed 1, sample 0, 182 characters)"))
        #expect(!md.contains("[seed 2"))
        // Skipped plots are listed with their reasons.
        #expect(md.contains("- temp\\_other\\_metrics: summary.csv has no rows with a temperature for"))
    }

    @Test func reportWithoutPlotsSaysHowToDrawThem() throws {
        let results = try Fixture.copyOfResults()
        try Report.write(results: results, plots: results.appendingPathComponent("plots"))
        let md = try String(contentsOf: results.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md.contains("No plots in `plots`; draw them with `seqbench plot \(results.path)`"))
    }

    @Test func tiesAreNotMarkedBest() {
        func row(_ v: Double) -> SummaryRow { SummaryRow(corpus: "c", family: "rnn", model: "m", metric: "x", mean: v) }
        // Loop fraction 0 at every non-greedy temperature, human 0: four rows tie at distance 0.
        #expect(ReportContent.bestIndex([row(1), row(0), row(0), row(0), row(0)], .closerToHuman, human: 0) == nil)
        // One row strictly closest: |0.1 − 0| < |0.3 − 0|, |1 − 0|.
        #expect(ReportContent.bestIndex([row(1), row(0.1), row(0.3)], .closerToHuman, human: 0) == 1)
        #expect(ReportContent.bestIndex([row(2), row(1.5), row(1.5)], .lower, human: nil) == nil)
        #expect(ReportContent.bestIndex([row(2), row(1.5), row(1.7)], .lower, human: nil) == 1)
    }

    @Test func configAsABlockAndHumanExcerptFirst() throws {
        let results = try Fixture.copyOfResults()
        // Add a multi-line config to the manifest and a human sample after the model samples.
        let manifestURL = results.appendingPathComponent("manifest.json")
        var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as! [String: Any]
        manifest["config"] = "name: fixture\nseeds: [1, 2]\n"
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
        let samplesURL = results.appendingPathComponent("samples.jsonl")
        let human = #"{"corpus":"tiny_shakespeare","family":"human","model":"human","seed":0,"index":0,"text":"First Citizen: before we proceed"}"#
        try (String(contentsOf: samplesURL, encoding: .utf8) + human + "\n").write(to: samplesURL, atomically: true, encoding: .utf8)
        try Report.write(results: results, plots: results.appendingPathComponent("plots"))
        let md = try String(contentsOf: results.appendingPathComponent("report.md"), encoding: .utf8)
        let html = try String(contentsOf: results.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(md.contains("**Config**\n\n```yaml\nname: fixture\nseeds: [1, 2]\n```\n"))
        #expect(!md.contains("| config |"))
        #expect(html.contains("<pre class=\"config\">name: fixture\nseeds: [1, 2]\n</pre>"))
        // The human excerpt comes before every model excerpt of its corpus, with no seed or temperature.
        let humanAt = try #require(md.range(of: "**tiny\\_shakespeare · held-out human text (reference)** (32 characters)"))
        let firstModel = try #require(md.range(of: "**tiny\\_shakespeare · "))
        #expect(humanAt.lowerBound == firstModel.lowerBound)
    }

    @Test func uncertaintiesToTwoSignificantDigits() {
        // Values from a real three-seed run (tinyshakespeare): e = ⌊log₁₀ half⌋, both rounded to 10^(e−1).
        #expect(ReportContent.withUncertainty(2.3702, 0.009733) == "2.3702 ± 0.0097")   // e = −3
        #expect(ReportContent.withUncertainty(0.06359, 0.002213) == "0.0636 ± 0.0022")  // e = −3
        #expect(ReportContent.withUncertainty(338.0, 74.84) == "338 ± 75")              // e = 1
        #expect(ReportContent.withUncertainty(20270, 4675) == "20300 ± 4700")           // e = 3: hundreds
        #expect(ReportContent.withUncertainty(1.58e7, 5.581e5) == "1.580e+07 ± 5.6e+05") // 7 − 5 + 1 = 3 decimals
        #expect(ReportContent.withUncertainty(4.614e6, 1.673e6) == "4.6e+06 ± 1.7e+06")  // 6 − 6 + 1 = 1 decimal
    }

    @Test func relativePaths() {
        let r = ReportMarkdown.relativePath(from: URL(fileURLWithPath: "/a/results/x"), to: URL(fileURLWithPath: "/a/plots/x"))
        #expect(r == "../../plots/x")
    }
}
