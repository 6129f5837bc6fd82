/// The n-gram order sweep: training and held-out bits per char against order. Training bits/char keeps
/// falling as the order grows (the model memorises), held-out bits/char turns up once contexts become
/// too rare to count: the circled point is where counting stops generalising.
enum OrderSweepPlot {
    static func name(_ corpus: String) -> String { "order_sweep_\(GnuplotText.slug(corpus))" }

    /// Colours for the smoothing series; the first is the n-gram family's colour.
    static let seriesColors = ["#0072B2", "#D55E00", "#56B4E9", "#000000", "#E69F00", "#009E73"]

    /// The series a model belongs to: its label without the order token (`o=5`, `order=5`, `5-gram`),
    /// so `ngram o=3 kneser-ney` and `ngram o=5 kneser-ney` form one series.
    static func seriesName(_ model: String, order: Int) -> String {
        let drop: Set<String> = ["o=\(order)", "order=\(order)", "\(order)-gram", "n=\(order)", "\(order)"]
        let kept = model.split(separator: " ").filter { !drop.contains(String($0)) }
        return kept.isEmpty ? "n-gram" : kept.joined(separator: " ")
    }

    static func plan(_ index: SummaryIndex, _ set: ResultSet) -> [PlannedPlot] {
        let generic = "n-gram order sweep: training and held-out bits/char against order."
        var out: [PlannedPlot] = []
        var reasons: [String] = []
        for corpus in index.corpora {
            switch figure(index, set, corpus: corpus) {
            case .success(let f): out.append(.draw(f))
            case .failure(let r): reasons.append("\(corpus): \(r.text)")
            }
        }
        if out.isEmpty {
            return [.skip("order_sweep", generic, reasons.first.map { "no corpus has an order sweep (\($0))" } ?? "summary.csv has no n-gram rows")]
        }
        return out
    }

    struct Reason: Error { var text: String }

    static func figure(_ index: SummaryIndex, _ set: ResultSet, corpus: String) -> Result<Figure, Reason> {
        // series name → [(order, heldout, train)], in first-appearance order.
        var names: [String] = []
        var series: [String: [(order: Int, heldout: Double, train: Double)]] = [:]
        for m in index.models(corpus) where m.family.lowercased() == "ngram" {
            guard let held = index.row(corpus, m.model, "bits_per_char"), let order = held.order, held.mean.isFinite else { continue }
            let train = index.row(corpus, m.model, "train_bits_per_char")?.mean ?? .nan
            let s = seriesName(m.model, order: order)
            if series[s] == nil { names.append(s) }
            series[s, default: []].append((order, held.mean, train))
        }
        let sweeps = names.filter { Set(series[$0]!.map(\.order)).count >= 2 }
        guard !sweeps.isEmpty else {
            return .failure(Reason(text: names.isEmpty ? "no n-gram rows with an order and a finite bits_per_char" : "fewer than two orders per n-gram series"))
        }
        var blocks: [Datablock] = [], clauses: [String] = [], body: [String] = []
        var hasTrain = false
        var turned = true   // false when some series is lowest at its highest order
        for (k, s) in sweeps.enumerated() {
            let pts = series[s]!.sorted { $0.order < $1.order }
            let b = "s\(k + 1)"
            blocks.append(Datablock(name: b, columns: ["order", "heldout_bits_per_char", "train_bits_per_char"],
                                    rows: pts.map { [Double($0.order), $0.heldout, $0.train] }))
            let color = seriesColors[k % seriesColors.count]
            clauses.append("$\(b) using 1:2 with linespoints lw 2 dt 1 pt 7 ps 1.3 lc rgb '\(color)' title \(GnuplotText.quote("\(PlotText.clip(s)): held-out"))")
            if pts.contains(where: { $0.train.isFinite }) {
                hasTrain = true
                clauses.append("$\(b) using 1:3 with linespoints lw 2 dt 2 pt 6 ps 1.3 lc rgb '\(color)' title \(GnuplotText.quote("\(PlotText.clip(s)): training"))")
            }
            if let best = pts.filter({ $0.heldout.isFinite }).min(by: { $0.heldout < $1.heldout }) {
                body.append("set object \(k + 1) circle at first \(best.order), first \(GnuplotText.number(best.heldout)) size char 1.2 fs empty border lc rgb '\(color)' lw 2 front")
                // At the highest order tried the turn is not seen yet: say so rather than imply it,
                // in two short lines left of the point (it sits at the right edge of the plot).
                let at = "at first \(best.order), first \(GnuplotText.number(best.heldout))"
                let style = "font ',9' tc rgb '\(color)'"
                if best.order == pts.map(\.order).max()! {
                    turned = false
                    body.append("set label \(k + 1) 'lowest held-out:' \(at) right offset char -1.8,-1.2 \(style)")
                    body.append("set label \(k + 101) \(GnuplotText.quote("order \(best.order), the highest tried")) \(at) right offset char -1.8,-2.3 \(style)")
                } else {
                    body.append("set label \(k + 1) \(GnuplotText.quote("lowest held-out: order \(best.order)")) \(at) offset char 1.5,-1.2 \(style)")
                }
            }
        }
        if let h = set.entropyRates[corpus] {
            clauses.append("\(GnuplotText.number(h)) with lines dt 3 lw 2 lc rgb '#000000' title 'entropy rate of the source'")
        }
        let orders = sweeps.flatMap { series[$0]!.map(\.order) }
        body = [
            "set title \(GnuplotText.quote("n-gram order sweep — \(corpus)")) font ',13'",
            "set xlabel 'n-gram order'",
            "set ylabel 'bits/char'",
            "set xrange [\(orders.min()! - 1 < 0 ? 0 : Double(orders.min()!) - 0.5):\(Double(orders.max()!) + 0.5)]",
            "set xtics 1 nomirror",
            "set ytics nomirror",
            "set yrange [0:*]",
            "set offsets 0, 0, graph 0.08, 0",
            "set key outside right top vertical Left reverse samplen 3 spacing 1.2",
        ] + body
        body += PlotText.plot(clauses)
        let caption = "n-gram order sweep on \(corpus): held-out (solid)" + (hasTrain ? " and training (dashed)" : "") + " bits/char against order; the circle marks the order with the lowest held-out bits/char, past which counting stops generalising" + (turned ? "." : " (where it is the highest order tried, the turn lies beyond the sweep).")
        return .success(Figure(name: name(corpus), caption: caption, sources: ["summary.csv"] + (set.entropyRates[corpus] != nil ? ["manifest.json"] : []),
                               width: 1000 + PlotText.extraWidth(sweeps.map { PlotText.clip($0) + ": held-out" }, fits: 20),
                               height: PlotText.heightForKey(entries: clauses.count, base: 560),
                               datablocks: blocks, body: body))
    }
}
