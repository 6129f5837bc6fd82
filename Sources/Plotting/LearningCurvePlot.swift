/// Learning curves of the neural models: validation bits per char against training step (left) and
/// against wall-clock seconds (right), one line per seed, a model's seeds sharing its style. The best
/// n-gram's held-out bits/char, when known, is drawn as a dashed reference.
enum LearningCurvePlot {
    static func name(_ corpus: String) -> String { "learning_\(GnuplotText.slug(corpus))" }

    static func plan(_ index: SummaryIndex, _ set: ResultSet) -> [PlannedPlot] {
        let generic = "Learning curves: validation bits/char against step and against wall seconds."
        guard set.hasCurves else { return [.skip("learning", generic, "the results have no curves.csv (no neural model was trained)")] }
        let points = set.curves.filter { $0.validBitsPerChar.isFinite && $0.step.isFinite }
        guard !points.isEmpty else { return [.skip("learning", generic, "curves.csv has no finite valid_bits_per_char values")] }
        var corpora: [String] = [], seen: Set<String> = []
        for p in points where seen.insert(p.corpus).inserted { corpora.append(p.corpus) }
        return corpora.map { c in .draw(figure(index, points: points.filter { $0.corpus == c }, corpus: c)) }
    }

    static func figure(_ index: SummaryIndex, points: [CurvePoint], corpus: String) -> Figure {
        // Models in family order, then first appearance; seeds in numeric (else text) order.
        var models: [(model: String, family: String)] = [], seen: Set<String> = []
        for p in points where seen.insert(p.model).inserted { models.append((p.model, p.family)) }
        models = models.enumerated().sorted { (FamilyStyle.rank($0.element.family), $0.offset) < (FamilyStyle.rank($1.element.family), $1.offset) }.map(\.element)
        var blocks: [Datablock] = []
        var stepClauses: [String] = [], wallClauses: [String] = [], keyTitles: [String] = []
        let styles = SummaryIndex.lineStyles(models)
        for (k, m) in models.enumerated() {
            let mine = points.filter { $0.model == m.model }
            var seeds: [String] = [], seenSeed: Set<String> = []
            for p in mine where seenSeed.insert(p.seed).inserted { seeds.append(p.seed) }
            seeds.sort { (Double($0) ?? .infinity, $0) < (Double($1) ?? .infinity, $1) }
            let groups = seeds.map { s in
                mine.filter { $0.seed == s }.sorted { $0.step < $1.step }.map { [$0.step, $0.wallSeconds, $0.validBitsPerChar] }
            }
            let b = "m\(k + 1)"
            blocks.append(Datablock(name: b, columns: ["step", "wall_seconds", "valid_bits_per_char"], groups: groups))
            let style = styles[k]
            let title = index.label(m.model) + (seeds.count > 1 ? " (\(seeds.count) seeds)" : "")
            stepClauses.append("$\(b) using 1:3 with linespoints \(style) ps 0.6 notitle")
            wallClauses.append("$\(b) using 2:3 with linespoints \(style) ps 0.6 title \(GnuplotText.quote(title))")
            keyTitles.append(title)
        }
        var reference: [String] = [], referenceUntitled: [String] = []
        let ngrams = index.models(corpus).filter { $0.family.lowercased() == "ngram" }
            .compactMap { m in index.row(corpus, m.model, "bits_per_char").map { (m.model, $0.mean) } }
            .filter { $0.1.isFinite }
        if let best = ngrams.min(by: { $0.1 < $1.1 }) {
            let line = "\(GnuplotText.number(best.1)) with lines dt 2 lw 2 lt 1"
            reference = ["\(line) title \(GnuplotText.quote("best n-gram held-out: \(index.label(best.0))"))"]
            keyTitles.append("best n-gram held-out: \(index.label(best.0))")
            referenceUntitled = ["\(line) notitle"]
        }
        // One key for both panels, below them: inside either panel it covers curves (the slow
        // models' first points sit in the top right against wall seconds). Both panels get fixed
        // margins (screen fractions) so the key has its own strip: up to 3 columns (filled top to
        // bottom; a horizontal key would be limited to the width of one panel), about
        // 9 pixels per character plus the line sample.
        let longest = keyTitles.map(\.count).max() ?? 0
        let columns = max(1, min(3, keyTitles.count, 1100 / (9 * longest + 70)))
        let keyRows = (keyTitles.count + columns - 1) / columns
        let height = 500 + 22 * keyRows
        let bottom = Double(60 + 22 * keyRows + 10) / Double(height)   // x label + tics above the key
        let top = 1 - 62.0 / Double(height)   // the panel titles stay clear of the provenance line
        let margins = "margins 0.07,0.98,\(GnuplotText.number((bottom * 1000).rounded() / 1000)),\(GnuplotText.number((top * 1000).rounded() / 1000)) spacing 0.08,0"
        var body = [
            // Panel titles rather than a multiplot title: that one sits higher and would run into
            // the provenance footnote in the top corner.
            "set multiplot layout 1,2 \(margins)",
            "set ylabel 'validation bits/char'",
            "set xtics nomirror",
            "set ytics nomirror",
            "set xlabel 'training step'",
            "set title \(GnuplotText.quote("Learning curves — \(corpus)")) font ',13'",
            "unset key",
        ]
        body += PlotText.plot(stepClauses + referenceUntitled)
        body += [
            "set xlabel 'wall-clock time (seconds)'",
            "set title \(GnuplotText.quote("the same runs against wall-clock time")) font ',13'",
            "set key at screen 0.5, screen \(GnuplotText.number((Double(10 + 22 * keyRows) / Double(height) * 1000).rounded() / 1000)) center top vertical maxrows \(keyRows) Left reverse samplen 3 spacing 1.1 width 2",
        ]
        body += PlotText.plot(wallClauses + reference)
        body.append("unset multiplot")
        return Figure(name: name(corpus),
                      caption: "Learning curves on \(corpus): validation bits/char against training step (left) and wall-clock seconds (right), one line per seed.",
                      sources: ["curves.csv"] + (reference.isEmpty ? [] : ["summary.csv"]),
                      width: 1200, height: height, datablocks: blocks, body: body)
    }
}
