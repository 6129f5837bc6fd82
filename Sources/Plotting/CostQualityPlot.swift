import Foundation

/// Cost against quality: training seconds (log scale) against held-out bits per char, one point per
/// model coloured by family, the Pareto front joined by a dashed line.
enum CostQualityPlot {
    static func name(_ corpus: String) -> String { "cost_quality_\(GnuplotText.slug(corpus))" }

    /// Indices of the points no other point beats on both coordinates (lower x and lower y both
    /// better), ordered by x. A point is on the front when its y is below every y of a point with
    /// smaller x (ties in x: the lower y only).
    /// - Complexity: O(n log n).
    static func paretoFront(_ points: [(x: Double, y: Double)]) -> [Int] {
        let order = points.indices.sorted { (points[$0].x, points[$0].y, $0) < (points[$1].x, points[$1].y, $1) }
        var front: [Int] = []
        var bestY = Double.infinity
        for i in order where points[i].y < bestY {
            front.append(i)
            bestY = points[i].y
        }
        return front
    }

    static func plan(_ index: SummaryIndex, _ set: ResultSet) -> [PlannedPlot] {
        let generic = "Cost against quality: training seconds against held-out bits/char."
        var out: [PlannedPlot] = []
        for corpus in index.corpora {
            if let f = figure(index, corpus: corpus) { out.append(.draw(f)) }
        }
        if out.isEmpty {
            let reason = index.has("train_seconds", withTemperature: false)
                ? "summary.csv has no model with both a positive 'train_seconds' and a finite 'bits_per_char'"
                : "summary.csv has no 'train_seconds' rows"
            return [.skip("cost_quality", generic, reason)]
        }
        return out
    }

    static func figure(_ index: SummaryIndex, corpus: String) -> Figure? {
        var pts: [(model: String, family: String, x: Double, y: Double, lo: Double, hi: Double)] = []
        for m in index.models(corpus) where m.family.lowercased() != "human" {
            guard let s = index.row(corpus, m.model, "train_seconds"), let b = index.row(corpus, m.model, "bits_per_char"),
                  s.mean.isFinite, s.mean > 0, b.mean.isFinite else { continue }   // log axis: seconds > 0
            pts.append((m.model, m.family, s.mean, b.mean, b.ciLow, b.ciHigh))
        }
        guard !pts.isEmpty else { return nil }
        var blocks: [Datablock] = [], clauses: [String] = [], body: [String] = []
        var families: [String] = [], seen: Set<String> = []
        for p in pts where seen.insert(FamilyStyle.of(p.family).family).inserted { families.append(p.family) }
        for (k, fam) in families.enumerated() {
            let style = FamilyStyle.of(fam)
            let mine = pts.filter { FamilyStyle.of($0.family) == style }
            let b = "f\(k + 1)"
            blocks.append(Datablock(name: b, columns: ["train_seconds", "bits_per_char", "ci_low", "ci_high"],
                                    rows: mine.map { [$0.x, $0.y, $0.lo, $0.hi] }))
            clauses.append("$\(b) using 1:2:3:4 with yerrorbars lt \(style.linetype) pt \(style.pointType) ps 1.5 title \(GnuplotText.quote(style.family))")
        }
        let front = paretoFront(pts.map { ($0.x, $0.y) })
        blocks.append(Datablock(name: "front", columns: ["train_seconds", "bits_per_char"], rows: front.map { [pts[$0].x, pts[$0].y] }))
        clauses.append("$front using 1:2 with linespoints dt 2 lw 1.5 pt 6 ps 2.4 lc rgb '#000000' title 'Pareto front'")
        // Labels: placed in an estimated pixel frame of the plot area (log x), clear of each other.
        let width = 1000.0, height = 600.0
        let plotW = 0.7 * width, plotH = 0.75 * height
        let lx = pts.map { log10($0.x) }, ys = pts.map(\.y)
        let (x0, x1) = (lx.min()!, lx.max()!), (y0, y1) = (ys.min()!, ys.max()!)
        // The offsets below add 0.12 (left) + 0.18 (right) of the x span and 0.1 + 0.1 of the y span.
        let dx = max(x1 - x0, 1e-9), dy = max(y1 - y0, 1e-9)
        let pixels = pts.indices.map { (x: (lx[$0] - x0 + 0.12 * dx) / (1.3 * dx) * plotW,
                                        y: (ys[$0] - y0 + 0.1 * dy) / (1.2 * dy) * plotH) }
        let placements = LabelPlacer.place(points: pixels, texts: pts.map { index.label($0.model) },
                                            bounds: (plotW, plotH))
        for (k, p) in pts.enumerated() {
            let pl = placements[k]
            body.append("set label \(k + 1) \(GnuplotText.quote(index.label(p.model))) at first \(GnuplotText.number(p.x)), first \(GnuplotText.number(p.y)) \(pl.leftAligned ? "left" : "right") offset screen \(GnuplotText.number(pl.dx / width)), screen \(GnuplotText.number(pl.dy / height)) font ',8' tc rgb '#444444'")
        }
        body = [
            "set title \(GnuplotText.quote("Cost against quality — \(corpus)")) font ',13'",
            "set xlabel 'training time (seconds, log scale)'",
            "set ylabel 'held-out bits/char (lower is better)'",
            "set logscale x 10",
            "set format x '%g'",
            "set autoscale fix",
            "set offsets graph 0.12, graph 0.18, graph 0.1, graph 0.1",
            "set xtics nomirror",
            "set ytics nomirror",
            "set key outside right top vertical Left reverse samplen 2 spacing 1.2",
        ] + body
        body += PlotText.plot(clauses)
        return Figure(name: name(corpus),
                      caption: "Cost against quality on \(corpus): training seconds (log scale) against held-out bits/char per model; the dashed line joins the Pareto front (no other model is both faster and better).",
                      sources: ["summary.csv"], width: 1000, height: 600, datablocks: blocks, body: body)
    }
}
