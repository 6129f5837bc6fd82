import Foundation

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
        var bands: [String] = [], lines: [String] = [], titles: [String] = []
        var allTemps: Set<Double> = [], finiteTemps: Set<Double> = []
        var values: [Double] = []
        let sampled = index.sampledModels(corpus).filter { $0.family.lowercased() != "human" }
        let styles = SummaryIndex.lineStyles(sampled)
        for (m, lineStyle) in zip(sampled, styles) {
            let temps = index.temperatures(corpus, m.model, metric)
            guard !temps.isEmpty else { continue }
            let rows = temps.compactMap { t in index.row(corpus, m.model, metric, temperature: t) }
                .map { [$0.temperature!, $0.mean, $0.ciLow, $0.ciHigh] }
            // A model without one finite value draws nothing (and alone would make gnuplot fail).
            guard rows.contains(where: { $0[1].isFinite }) else { continue }
            allTemps.formUnion(rows.map { $0[0] })
            finiteTemps.formUnion(rows.filter { $0[1].isFinite }.map { $0[0] })
            values += rows.map { $0[1] }.filter(\.isFinite)
            let b = "m\(blocks.count + 1)"
            blocks.append(Datablock(name: b, columns: ["temperature", "mean", "ci_low", "ci_high"], rows: rows))
            let style = FamilyStyle.of(m.family)
            bands.append("$\(b) using 1:3:4 with filledcurves fs transparent solid 0.15 noborder lc rgb '\(style.color)' notitle")
            lines.append("$\(b) using 1:2 with linespoints \(lineStyle) title \(GnuplotText.quote(index.label(m.model)))")
            titles.append(index.label(m.model))
        }
        guard !blocks.isEmpty else { return nil }
        var clauses = bands + lines
        if let h = index.human(corpus, metric), h.mean.isFinite {
            clauses.append("\(GnuplotText.number(h.mean)) with lines dt 2 lw 2 lc rgb '#000000' title 'human text (held-out)'")
            values.append(h.mean)
        }
        // Greedy samples that loop compress 30× where sampled text compresses 2×: on a linear axis
        // everything but the greedy points sits on the floor. Positive values spanning a factor of
        // 20 or more get a log axis, except shares (every value ≤ 1), whose 0…1 scale reads best linear.
        let logY = values.allSatisfy { $0 > 0 } && values.max()! > 1 && values.max()! / values.min()! >= 20
        let info = MetricInfo.of(metric)
        // The x range spans every sampled temperature, not only those with a value: a metric that
        // exists only for greedy samples (a loop period: sampled text rarely loops) would otherwise
        // autoscale to a zero-width range, which gnuplot widens to [-1:1], negative temperatures.
        let temps = allTemps.sorted()
        var (tLo, tHi) = (temps.first!, temps.last!)
        if tHi - tLo < 1e-9 { tHi = tLo + 1; tLo = max(0, tLo - 0.5); tHi = max(tHi, tLo + 1) }
        let pad = 0.03 * (tHi - tLo)
        var notes: [String] = []
        let missing = temps.filter { !finiteTemps.contains($0) }
        if !missing.isEmpty {
            notes.append("set label 1 \(GnuplotText.quote("no model has a value at T = " + missing.map(PlotText.short).joined(separator: ", ") + " (NaN)")) at graph 0.98, graph 0.04 right font ',9' tc rgb '#555555'")
        }
        var body = [
            "set title \(GnuplotText.quote("\(info.label) — \(corpus)")) font ',13'",
            "set xlabel 'sampling temperature (0 = greedy)'",
            "set ylabel \(GnuplotText.quote(info.label + (logY ? ", log scale" : "")))",
            "set xrange [\(GnuplotText.number(tLo - pad)):\(GnuplotText.number(tHi + pad))]",
            "set autoscale yfix",
            "set offsets 0, 0, graph 0.08, graph 0.08",
            "set key outside right top vertical Left reverse samplen 3 spacing 1.2",
            "set xtics nomirror",
            "set ytics nomirror",
        ]
        if logY {
            // Tics at 1, 2, 5 × 10^k across the values (gnuplot alone labels only the decades,
            // often a single one here).
            let lo = values.min()!, hi = values.max()!
            var tics: [Double] = []
            for k in Int(floor(log10(lo)))...Int(ceil(log10(hi))) {
                for m in [1.0, 2, 5] {
                    let t = m * pow(10, Double(k))
                    if t >= lo / 1.5 && t <= hi * 1.5 { tics.append(t) }
                }
            }
            body += ["set logscale y 10", "set format y '%g'",
                     "set ytics nomirror (\(tics.map(PlotText.short).joined(separator: ", ")))"]
        }
        body += notes
        body += PlotText.plot(clauses)
        // The key sits right of the plot: widen the canvas for long model labels (1000 pixels fit
        // labels of 20 characters next to the plot area).
        return Figure(name: name(metric, corpus), caption: caption(metric, corpus), sources: ["summary.csv"],
                      width: 1000 + PlotText.extraWidth(titles, fits: 20),
                      height: PlotText.heightForKey(entries: titles.count + 1, base: 560),
                      datablocks: blocks, body: body)
    }
}
