/// Quality against diversity: sample bits per char under the reference model (how probable the
/// samples are) against distinct-n, one curve per model traced over temperature. Low temperature sits
/// at low diversity and low bits/char; the human text shows where a good generator should land.
enum QualityDiversityPlot {
    /// The distinct-n used, in order of preference (distinct-2 is Li et al. 2016's headline figure).
    static let diversityMetrics = ["distinct_2", "distinct_3", "distinct_1", "distinct_4"]
    static let quality = "sample_bits_per_char"

    static func name(_ corpus: String) -> String { "quality_diversity_\(GnuplotText.slug(corpus))" }

    static func plan(_ index: SummaryIndex, _ set: ResultSet) -> [PlannedPlot] {
        let generic = "Quality against diversity: sample bits/char under the reference model against distinct-n, one curve per model over temperature."
        guard index.has(quality, withTemperature: true) else {
            return [.skip("quality_diversity", generic, "summary.csv has no '\(quality)' rows with a temperature")]
        }
        guard let diversity = diversityMetrics.first(where: { index.has($0, withTemperature: true) }) else {
            return [.skip("quality_diversity", generic, "summary.csv has no distinct-n rows (distinct_1…distinct_4) with a temperature")]
        }
        var out: [PlannedPlot] = []
        for corpus in index.corpora {
            if let f = figure(index, corpus: corpus, diversity: diversity) { out.append(.draw(f)) }
        }
        return out
    }

    static func figure(_ index: SummaryIndex, corpus: String, diversity: String) -> Figure? {
        var blocks: [Datablock] = []
        var lines: [String] = [], labels: [String] = [], titles: [String] = []
        let sampled = index.sampledModels(corpus).filter { $0.family.lowercased() != "human" }
        let styles = SummaryIndex.lineStyles(sampled)
        for (m, lineStyle) in zip(sampled, styles) {
            let rows: [[Double]] = index.temperatures(corpus, m.model, quality).compactMap { t in
                guard let q = index.row(corpus, m.model, quality, temperature: t),
                      let d = index.row(corpus, m.model, diversity, temperature: t) else { return nil }
                return [t, d.mean, q.mean]
            }.filter { $0[1].isFinite && $0[2].isFinite }
            guard !rows.isEmpty else { continue }
            let b = "m\(blocks.count + 1)"
            blocks.append(Datablock(name: b, columns: ["temperature", diversity, quality], rows: rows))
            let lt = FamilyStyle.of(m.family).linetype
            lines.append("$\(b) using 2:3 with linespoints \(lineStyle) title \(GnuplotText.quote(index.label(m.model)))")
            titles.append(index.label(m.model))
            // Temperatures are written along the first curve only: on every curve the greedy ends
            // would pile up in one corner. Every curve runs the same way (temperature rising).
            if labels.isEmpty {
                labels.append("$\(b) using 2:3:(sprintf('T=%g', $1)) with labels offset char 1.4,0.7 font ',9' tc lt \(lt) notitle")
            }
        }
        guard !blocks.isEmpty else { return nil }
        var clauses = lines + labels
        if let hq = index.human(corpus, quality), let hd = index.human(corpus, diversity) {
            blocks.append(Datablock(name: "human", columns: [diversity, quality], rows: [[hd.mean, hq.mean]]))
            clauses.append("$human using 1:2 with points pt 3 ps 2.5 lw 2 lc rgb '#000000' title 'human text (held-out)'")
        }
        let dLabel = MetricInfo.of(diversity).label
        var body = [
            "set title \(GnuplotText.quote("Quality against diversity — \(corpus)")) font ',13'",
            "set xlabel \(GnuplotText.quote(dLabel + ", higher = more diverse"))",
            "set ylabel 'sample bits/char under the reference model (lower = more probable)'",
            "set autoscale fix",
            "set offsets graph 0.06, graph 0.1, graph 0.08, graph 0.08",
            "set key outside right top vertical Left reverse samplen 3 spacing 1.2",
            "set xtics nomirror",
            "set ytics nomirror",
        ]
        body += PlotText.plot(clauses)
        let caption = "Quality against diversity on \(corpus): sample bits/char under the reference model against \(dLabel.split(separator: " ").first ?? ""), each model traced over temperature (T on the first curve; it rises along every curve); star: held-out human text."
        // Key right of the plot: widen the canvas for long labels (1000 pixels fit 20 characters).
        return Figure(name: name(corpus), caption: caption, sources: ["summary.csv"],
                      width: 1000 + PlotText.extraWidth(titles, fits: 20),
                      height: PlotText.heightForKey(entries: titles.count + 1, base: 600),
                      datablocks: blocks, body: body)
    }
}
