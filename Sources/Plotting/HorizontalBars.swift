/// Horizontal bar charts grouped by corpus: one bar per model, coloured by family, with the
/// across-seed interval as a whisker and the mean written after it. Horizontal, so long model names
/// read as they are instead of being rotated under the axis.
enum HorizontalBars {
    struct Bar {
        var label: String
        var family: String
        var mean: Double
        var low: Double
        var high: Double
    }

    struct Group {
        var title: String
        var bars: [Bar]
    }

    /// - Parameters:
    ///   - reference: an optional vertical line (x value, legend title), e.g. 0 = the entropy rate.
    static func figure(name: String, caption: String, sources: [String], title: String, xLabel: String,
                       groups: [Group], reference: (x: Double, title: String)? = nil) -> Figure {
        var rows: [[Double]] = []
        var ytics: [String] = []
        var body: [String] = []
        var y = 0.0
        var families: [String] = []
        var finite: [Double] = [0]
        for g in groups {
            // The group's heading sits on its own row above its bars.
            body.append("set label \(GnuplotText.quote("corpus: " + g.title)) at graph 0.005, first \(GnuplotText.number(y)) left font ':Bold,11'")
            y += 1
            for b in g.bars {
                let lo = b.low.isFinite ? b.low : b.mean, hi = b.high.isFinite ? b.high : b.mean
                finite += [b.mean, lo, hi].filter(\.isFinite)
                let labelX = b.mean.isFinite ? max(0, b.mean, hi) : 0
                rows.append([y, b.mean, lo, hi, Double(FamilyStyle.of(b.family).linetype), labelX])
                ytics.append("\(GnuplotText.quote(PlotText.clip(b.label))) \(GnuplotText.number(y))")
                if !b.mean.isFinite {
                    body.append("set label \(GnuplotText.quote(b.mean.isNaN ? "no value (NaN)" : "infinite: some held-out text had probability 0")) at first 0, first \(GnuplotText.number(y)) left offset char 0.5,0 font ',9' tc rgb '#B00000'")
                }
                families.append(b.family)
                y += 1
            }
            y += 0.4
        }
        let lo = finite.min()!, hi = finite.max()!
        let span = max(hi - lo, 1e-9)
        let xmin = lo < 0 ? lo - 0.08 * span : 0
        let xmax = hi + 0.16 * span
        body.insert(contentsOf: [
            "set title \(GnuplotText.quote(title)) font ',13'",
            "set xlabel \(GnuplotText.quote(xLabel))",
            "set xrange [\(GnuplotText.number(xmin)):\(GnuplotText.number(xmax))]",
            "set yrange [\(GnuplotText.number(y - 0.4)):-0.7]",
            "set ytics scale 0 nomirror (\(ytics.joined(separator: ", ")))",
            "set xtics nomirror",
            "set grid xtics noytics",
            "set key below horizontal Left reverse samplen 2 width 2 height 1.5",
            "set style fill solid 0.85 noborder",
        ], at: 0)
        // Whiskers only when some interval has width: with one seed (or identical runs) every
        // whisker is a zero-width tick that reads as an interval it is not.
        let hasInterval = groups.contains { $0.bars.contains { $0.low.isFinite && $0.high.isFinite && $0.high > $0.low } }
        var clauses = ["$bars using (($2 < 0 ? $2 : 0) + abs($2)/2):1:($2 < 0 ? $2 : 0):($2 < 0 ? 0 : $2):($1 - 0.36):($1 + 0.36):5 with boxxyerror lc variable notitle"]
        if hasInterval { clauses.append("$bars using 2:1:3:4 with xerrorbars pt 0 lc rgb '#000000' lw 1.5 notitle") }
        clauses.append("$bars using 6:1:(sprintf('%.3f', $2)) with labels left offset char 0.6,0 font ',9' notitle")
        clauses += PlotText.familyKeyEntries(families, style: "with boxes fs solid 0.85 noborder")
        if hasInterval { clauses.append("keyentry with xerrorbars pt 0 lc rgb '#000000' lw 1.5 title 'across-seed interval'") }
        if let r = reference {
            body.append("set arrow from first \(GnuplotText.number(r.x)), graph 0 to first \(GnuplotText.number(r.x)), graph 1 nohead dt 2 lw 2 lc rgb '#000000'")
            clauses.append("keyentry with lines dt 2 lw 2 lc rgb '#000000' title \(GnuplotText.quote(r.title))")
        }
        body += PlotText.plot(clauses)
        let keyEntries = Set(families.map { FamilyStyle.of($0).family }).count + (hasInterval ? 1 : 0) + (reference == nil ? 0 : 1)
        let keyRows = (keyEntries + 5) / 6
        let height = max(320, 150 + Int((y * 26).rounded()) + keyRows * 18)
        // The tic labels take the left margin: widen the canvas for long labels so the bars keep
        // their room (1000 pixels fit labels of 16 characters).
        let width = 1000 + PlotText.extraWidth(groups.flatMap { $0.bars.map { PlotText.clip($0.label) } }, fits: 16)
        let caption = hasInterval ? caption : caption + " No whiskers: every across-seed interval has zero width (one seed, or identical runs), so the bars are single values."
        return Figure(name: name, caption: caption, sources: sources, width: width, height: height,
                      datablocks: [Datablock(name: "bars", columns: ["y", "mean", "ci_low", "ci_high", "linetype", "label_x"], rows: rows)],
                      body: body)
    }
}

/// Held-out bits per char of every model on every corpus.
enum HeldOutBarsPlot {
    static let name = "heldout_bpc"
    static let caption = "Held-out bits per character of each model on each corpus (lower is better; bar: mean over seeds; whisker: across-seed interval)."

    static func plan(_ index: SummaryIndex, _ set: ResultSet) -> [PlannedPlot] {
        var groups: [HorizontalBars.Group] = []
        for c in index.corpora {
            let bars = index.models(c).filter { $0.family.lowercased() != "human" }.compactMap { m -> HorizontalBars.Bar? in
                guard let r = index.row(c, m.model, "bits_per_char") else { return nil }
                return .init(label: index.label(m.model), family: m.family, mean: r.mean, low: r.ciLow, high: r.ciHigh)
            }
            if !bars.isEmpty { groups.append(.init(title: c, bars: bars)) }
        }
        guard !groups.isEmpty else {
            return [.skip(name, caption, set.hasSummary ? "summary.csv has no held-out 'bits_per_char' rows" : "the results have no summary.csv")]
        }
        guard groups.contains(where: { $0.bars.contains { $0.mean.isFinite } }) else {
            return [.skip(name, caption, "every held-out 'bits_per_char' in summary.csv is NaN or infinite")]
        }
        return [.draw(HorizontalBars.figure(name: name, caption: caption, sources: ["summary.csv"],
                                            title: "Held-out bits per character", xLabel: "held-out bits/char (lower is better)",
                                            groups: groups))]
    }
}

/// Each model's excess bits per char over the exact entropy rate of a synthetic source.
enum ExcessBitsPlot {
    static let name = "excess_bpc"

    static func plan(_ index: SummaryIndex, _ set: ResultSet) -> [PlannedPlot] {
        let rates = set.entropyRates
        var groups: [HorizontalBars.Group] = []
        var rateText: [String] = []
        for c in index.corpora {
            let bars = index.models(c).filter { $0.family.lowercased() != "human" }.compactMap { m -> HorizontalBars.Bar? in
                guard let r = index.row(c, m.model, "excess_bits_per_char") else { return nil }
                return .init(label: index.label(m.model), family: m.family, mean: r.mean, low: r.ciLow, high: r.ciHigh)
            }
            if !bars.isEmpty {
                let h = rates[c]
                groups.append(.init(title: h.map { "\(c) (entropy rate \(PlotText.short($0)) bits/char)" } ?? c, bars: bars))
                rateText.append(h.map { "\(c): \(PlotText.short($0))" } ?? c)
            }
        }
        let caption = "Synthetic sources: each model's held-out bits per character minus the source's exact entropy rate (0 = as good as the true source; lower is better)."
        guard !groups.isEmpty else {
            return [.skip(name, caption, "summary.csv has no 'excess_bits_per_char' rows (no synthetic corpus in this experiment)")]
        }
        guard groups.contains(where: { $0.bars.contains { $0.mean.isFinite } }) else {
            return [.skip(name, caption, "every 'excess_bits_per_char' in summary.csv is NaN or infinite")]
        }
        return [.draw(HorizontalBars.figure(name: name, caption: caption, sources: ["summary.csv", "manifest.json"],
                                            title: "Excess bits per character over the entropy rate",
                                            xLabel: "excess bits/char: held-out bits/char − entropy rate (0 = as good as the true source)",
                                            groups: groups))]
    }
}
