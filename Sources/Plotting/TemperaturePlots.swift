/// Each sample metric (repetition, diversity, copying, fluency) against sampling temperature, one
/// line per model with its across-seed band, and the held-out human text as a dashed reference.
enum TemperaturePlots {
    static func name(_ metric: String, _ corpus: String) -> String {
        "temp_\(GnuplotText.slug(metric))_\(GnuplotText.slug(corpus))"
    }

    static func caption(_ metric: String, _ corpus: String) -> String {
        "\(MetricInfo.of(metric).label) against sampling temperature on \(corpus), one line per model (band: across-seed interval; dashed black: held-out human text)."
    }

    static func plan(_ index: SummaryIndex, _ set: ResultSet) -> [PlannedPlot] {
        let present = index.temperatureMetrics
        guard !present.isEmpty else {
            return [.skip("temp_metrics", "Sample metrics against sampling temperature.",
                          set.hasSummary ? "summary.csv has no rows with a temperature (no samples were scored)" : "the results have no summary.csv")]
        }
        var out: [PlannedPlot] = []
        for metric in present {
            for corpus in index.corpora {
                if let f = figure(index, metric: metric, corpus: corpus) { out.append(.draw(f)) }
            }
        }
        // Known sample metrics the results lack get a note, so a missing plot is explained.
        let sampleMetrics = MetricInfo.known.filter { $0.better == .closerToHuman || $0.metric == "loop_period_median" }.map(\.metric)
        let absent = sampleMetrics.filter { !present.contains($0) }
        if !absent.isEmpty {
            out.append(.skip("temp_other_metrics", "Other sample metrics against sampling temperature.",
                             "summary.csv has no rows with a temperature for \(absent.joined(separator: ", "))"))
        }
        return out
    }

    static func figure(_ index: SummaryIndex, metric: String, corpus: String) -> Figure? {
        var blocks: [Datablock] = []
        var bands: [String] = [], lines: [String] = []
        let sampled = index.sampledModels(corpus).filter { $0.family.lowercased() != "human" }
        let styles = SummaryIndex.lineStyles(sampled)
        for (m, lineStyle) in zip(sampled, styles) {
            let temps = index.temperatures(corpus, m.model, metric)
            guard !temps.isEmpty else { continue }
            let rows = temps.compactMap { t in index.row(corpus, m.model, metric, temperature: t) }
                .map { [$0.temperature!, $0.mean, $0.ciLow, $0.ciHigh] }
            // A model without one finite value draws nothing (and alone would make gnuplot fail).
            guard rows.contains(where: { $0[1].isFinite }) else { continue }
            let b = "m\(blocks.count + 1)"
            blocks.append(Datablock(name: b, columns: ["temperature", "mean", "ci_low", "ci_high"], rows: rows))
            let style = FamilyStyle.of(m.family)
            bands.append("$\(b) using 1:3:4 with filledcurves fs transparent solid 0.15 noborder lc rgb '\(style.color)' notitle")
            lines.append("$\(b) using 1:2 with linespoints \(lineStyle) title \(GnuplotText.quote(m.model))")
        }
        guard !blocks.isEmpty else { return nil }
        var clauses = bands + lines
        if let h = index.human(corpus, metric), h.mean.isFinite {
            clauses.append("\(GnuplotText.number(h.mean)) with lines dt 2 lw 2 lc rgb '#000000' title 'human text (held-out)'")
        }
        let info = MetricInfo.of(metric)
        var body = [
            "set title \(GnuplotText.quote("\(info.label) — \(corpus)")) font ',13'",
            "set xlabel 'sampling temperature (0 = greedy)'",
            "set ylabel \(GnuplotText.quote(info.label))",
            "set autoscale fix",
            "set offsets graph 0.03, graph 0.03, graph 0.08, graph 0.08",
            "set key outside right top vertical Left reverse samplen 3 spacing 1.2",
            "set xtics nomirror",
            "set ytics nomirror",
        ]
        body += PlotText.plot(clauses)
        return Figure(name: name(metric, corpus), caption: caption(metric, corpus), sources: ["summary.csv"],
                      width: 1000, height: 560, datablocks: blocks, body: body)
    }
}
