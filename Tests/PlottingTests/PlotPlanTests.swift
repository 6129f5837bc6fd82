import Foundation
import Testing
@testable import Plotting

@Suite struct PlotPlanTests {
    static func planWithout(metric: String? = nil, curves: Bool = true) throws -> [PlannedPlot] {
        var set = try ResultSet.load(Fixture.results)
        if let metric { set.summary.removeAll { $0.metric == metric } }
        if !curves { set.curves = []; set.hasCurves = false }
        return PlotSet.plan(set)
    }

    @Test func missingHeldOutMetricSkipsOnlyItsPlots() throws {
        let plan = try Self.planWithout(metric: "bits_per_char")
        let bars = try #require(plan.first { $0.name == "heldout_bpc" })
        #expect(bars.figure == nil)
        #expect(bars.skipReason == "summary.csv has no held-out 'bits_per_char' rows")
        // Cost needs bits_per_char too; the order sweep needs it for held-out.
        #expect(plan.first { $0.name == "cost_quality" }?.skipReason == "summary.csv has no model with both a positive 'train_seconds' and a finite 'bits_per_char'")
        #expect(plan.first { $0.name == "order_sweep" }?.figure == nil)
        // The others are still drawn: 12 temperature plots, 2 quality/diversity, 2 learning, excess.
        #expect(plan.filter { $0.figure != nil }.count == 17)
    }

    @Test func missingCurvesAndSampleMetric() throws {
        let plan = try Self.planWithout(metric: "sample_bits_per_char", curves: false)
        #expect(plan.first { $0.name == "learning" }?.skipReason == "the results have no curves.csv (no neural model was trained)")
        #expect(plan.first { $0.name == "quality_diversity" }?.skipReason == "summary.csv has no 'sample_bits_per_char' rows with a temperature")
        #expect(!plan.contains { $0.name.hasPrefix("temp_sample_bits_per_char") && $0.figure != nil })
    }

    @Test func lineStylesKeepFamilyColourAndVaryWithinFamily() {
        let styles = SummaryIndex.lineStyles([("a", "ngram"), ("b", "lstm"), ("c", "ngram"), ("d", "LSTM")])
        // ngram is linetype 1 (pt 7), lstm linetype 3 (pt 9); the second of a family is dashed (dt 2), open point.
        // Two models per family: shades t = 0.5 (half-way to white) and t = −0.35 (35 % to black).
        // ngram #0072B2: (0 + 127.5, 114 + 70.5, 178 + 38.5) → (128, 185, 217) = #80B9D9;
        //                (0, 114·0.65 = 74.1, 178·0.65 = 115.7) → (0, 74, 116) = #004A74.
        // lstm #009E73:  (127.5, 158 + 48.5, 115 + 70) → (128, 207, 185) = #80CFB9;
        //                (0, 158·0.65 = 102.7, 115·0.65 = 74.75) → (0, 103, 75) = #00674B.
        #expect(styles == ["lt 1 dt 1 pt 7 lc rgb '#80B9D9'", "lt 3 dt 1 pt 9 lc rgb '#80CFB9'",
                           "lt 1 dt 2 pt 6 lc rgb '#004A74'", "lt 3 dt 2 pt 8 lc rgb '#00674B'"])
        // A family's only model keeps the family colour (set by its linetype).
        #expect(SummaryIndex.lineStyles([("a", "ngram"), ("b", "gru")]) == ["lt 1 dt 1 pt 7", "lt 4 dt 1 pt 11"])
    }

    @Test func shadesRunFromLightToDark() {
        let ngram = FamilyStyle.of("ngram")
        // Middle of three: t = 0.5 − 0.425 = 0.075: (0 + 19.1, 114 + 10.6, 178 + 5.8) → (19, 125, 184).
        #expect(ngram.shade(1, of: 3) == "#137DB8")
        #expect(ngram.shade(0, of: 3) == "#80B9D9")
        #expect(ngram.shade(2, of: 3) == "#004A74")
    }

    @Test func longLabelsAreClippedWithAnEllipsis() {
        let long = "lstm batch=32 embedding=32 eval_every=200 hidden=128 layers=1 lr=0.003 seq_len=64 steps=600"
        // 35 characters kept ("…eval_eve" is character 35), then the ellipsis: 36 in all.
        #expect(PlotText.clip(long) == "lstm batch=32 embedding=32 eval_eve…")
        #expect(PlotText.clip(long).count == 36)
        #expect(PlotText.clip("ngram o=5 mkn") == "ngram o=5 mkn")
        let exactly36 = String(repeating: "x", count: 36)
        #expect(PlotText.clip(exactly36) == exactly36)
        // A cut that ends in a space drops it: "a" × 34 + " " + "b…" → "a" × 34 + "…".
        #expect(PlotText.clip(String(repeating: "a", count: 34) + " bcd") == String(repeating: "a", count: 34) + "…")
        // 36 characters against a canvas that fits 20: 16 × 9 pixels more.
        #expect(PlotText.extraWidth([PlotText.clip(long), "rnn"], fits: 20) == 144)
        #expect(PlotText.extraWidth(["rnn 1x128"], fits: 20) == 0)
    }

    @Test func labelsStayInsideTheBounds() {
        // A 20-character label (124 pixels) right of a point 50 pixels from the right edge would
        // stick out by 83 pixels; with the bounds it goes to the left (right-aligned) instead.
        let text = String(repeating: "m", count: 20)
        let free = LabelPlacer.place(points: [(x: 350, y: 100)], texts: [text])
        #expect(free[0].leftAligned)
        let bounded = LabelPlacer.place(points: [(x: 350, y: 100)], texts: [text], bounds: (width: 400, height: 300))
        #expect(!bounded[0].leftAligned)
    }

    @Test func orderSeriesDropTheOrderToken() {
        #expect(OrderSweepPlot.seriesName("ngram o=5 modified-kneser-ney", order: 5) == "ngram modified-kneser-ney")
        #expect(OrderSweepPlot.seriesName("5-gram witten-bell", order: 5) == "witten-bell")
        #expect(OrderSweepPlot.seriesName("o=3", order: 3) == "n-gram")
    }
}

@Suite struct NonFiniteDataTests {
    /// Every value of a metric NaN: its plots are left out (gnuplot would stop on "all points
    /// undefined"), everything else is drawn, and gnuplot runs clean on what is left.
    @Test func allNaNMetricIsLeftOutAndTheRestDraws() throws {
        let results = try Fixture.copyOfResults()
        let url = results.appendingPathComponent("summary.csv")
        var table = try CSVTable.read(url)
        let metric = try table.requireColumn("metric"), mean = try table.requireColumn("mean")
        for i in table.rows.indices where ["self_bleu", "bits_per_char"].contains(table.rows[i][metric]) {
            table.rows[i][mean] = "NaN"
        }
        try table.csvText().write(to: url, atomically: true, encoding: .utf8)
        let plan = PlotSet.plan(try ResultSet.load(results))
        #expect(!plan.contains { $0.name.hasPrefix("temp_self_bleu") })
        #expect(plan.first { $0.name == "heldout_bpc" }?.skipReason == "every held-out 'bits_per_char' in summary.csv is NaN or infinite")
        let outcomes = try PlotSet.drawAll(results: results, out: results.appendingPathComponent("plots"), formats: [.svg])
        #expect(outcomes.filter(\.isDrawn).allSatisfy { $0.files.count == 1 })
        #expect(outcomes.filter(\.isDrawn).count == plan.filter { $0.figure != nil }.count)
    }
}

/// Real results that the hand-made fixture did not have: one seed, and a metric that exists only
/// for greedy samples.
@Suite struct RealResultShapesTests {
    static func row(_ model: String, _ family: String, _ metric: String, _ mean: Double,
                    temperature: Double? = nil, low: Double? = nil, high: Double? = nil) -> SummaryRow {
        SummaryRow(corpus: "kjv", family: family, model: model, temperature: temperature, metric: metric,
                   n: 1, mean: mean, std: 0, ciLow: low ?? mean, ciHigh: high ?? mean)
    }

    @Test func greedyOnlyMetricKeepsTheSampledTemperatureRange() throws {
        // A loop period exists only where samples loop: at T = 0; NaN at 0.5 and 1.2.
        let rows = [0.0, 0.5, 1.2].map { t in Self.row("rnn 1x128", "rnn", "loop_period_median", t == 0 ? 19 : .nan, temperature: t) }
        let f = try #require(TemperaturePlots.figure(SummaryIndex(rows), metric: "loop_period_median", corpus: "kjv"))
        // x range: the sampled temperatures 0…1.2 padded by 3 % of 1.2 = 0.036 each side
        // (not gnuplot's [-1:1] for a single point).
        #expect(f.body.contains("set xrange [-0.036:1.236]"))
        #expect(f.body.contains { $0.contains("no model has a value at T = 0.5, 1.2 (NaN)") })
    }

    @Test func singleTemperatureGetsAUnitWideRange() throws {
        let rows = [Self.row("rnn 1x128", "rnn", "loop_period_median", 19, temperature: 0)]
        let f = try #require(TemperaturePlots.figure(SummaryIndex(rows), metric: "loop_period_median", corpus: "kjv"))
        // [0, 1] padded by 0.03.
        #expect(f.body.contains("set xrange [-0.03:1.03]"))
        #expect(!f.body.contains { $0.contains("no model has a value") })
    }

    @Test func zeroWidthIntervalsDrawNoWhiskers() {
        let one = SummaryIndex([Self.row("rnn 1x128", "rnn", "bits_per_char", 2.3)])
        let plotOne = HeldOutBarsPlot.plan(one, ResultSet(directory: URL(fileURLWithPath: "/nonexistent")))[0].figure!
        #expect(!plotOne.body.contains { $0.contains("xerrorbars") })
        #expect(plotOne.caption.hasSuffix("No whiskers: every across-seed interval has zero width (one seed, or identical runs), so the bars are single values."))
        let three = SummaryIndex([Self.row("rnn 1x128", "rnn", "bits_per_char", 2.3, low: 2.2, high: 2.4)])
        let plotThree = HeldOutBarsPlot.plan(three, ResultSet(directory: URL(fileURLWithPath: "/nonexistent")))[0].figure!
        #expect(plotThree.body.contains { $0.contains("xerrorbars") && $0.contains("across-seed interval") })
        #expect(plotThree.caption == HeldOutBarsPlot.caption)
    }

    @Test func longLabelsWidenTheBarsCanvas() {
        let label = "lstm batch=32 embedding=32 eval_every=200 hidden=128 layers=1 lr=0.003 seq_len=64 steps=600"
        let f = HeldOutBarsPlot.plan(SummaryIndex([Self.row(label, "lstm", "bits_per_char", 2.3)]), ResultSet(directory: URL(fileURLWithPath: "/nonexistent")))[0].figure!
        // Clipped to 36 characters: 20 beyond the 16 that 1000 pixels fit, 9 pixels each.
        #expect(f.width == 1000 + 20 * 9)
        #expect(f.body.contains { $0.contains("'lstm batch=32 embedding=32 eval_eve…'") })
        #expect(!f.body.contains { $0.contains("steps=600") })
    }
}

extension RealResultShapesTests {
    @Test func wideSpreadOfPositiveValuesGetsALogAxis() throws {
        // Compression ratio: 60 greedy, 2.1 sampled; 60 / 2.1 ≈ 28.6 ≥ 20 → log y.
        let wide = [Self.row("rnn 1x128", "rnn", "compression_ratio", 60, temperature: 0),
                    Self.row("rnn 1x128", "rnn", "compression_ratio", 2.1, temperature: 1)]
        let f = try #require(TemperaturePlots.figure(SummaryIndex(wide), metric: "compression_ratio", corpus: "kjv"))
        #expect(f.body.contains("set logscale y 10"))
        // 1-2-5 tics within [2.1 / 1.5, 60 × 1.5] = [1.4, 90]: 2, 5, 10, 20, 50.
        #expect(f.body.contains("set ytics nomirror (2, 5, 10, 20, 50)"))
        #expect(f.body.contains { $0.hasPrefix("set ylabel") && $0.hasSuffix(", log scale'") })
        // 20 / 2.1 ≈ 9.5 < 20 → linear.
        let narrow = [Self.row("rnn 1x128", "rnn", "compression_ratio", 20, temperature: 0),
                      Self.row("rnn 1x128", "rnn", "compression_ratio", 2.1, temperature: 1)]
        let g = try #require(TemperaturePlots.figure(SummaryIndex(narrow), metric: "compression_ratio", corpus: "kjv"))
        #expect(!g.body.contains("set logscale y 10"))
        // A zero (loop fraction at high temperature) keeps the axis linear.
        let zero = [Self.row("rnn 1x128", "rnn", "loop_fraction", 1, temperature: 0),
                    Self.row("rnn 1x128", "rnn", "loop_fraction", 0, temperature: 1)]
        let z = try #require(TemperaturePlots.figure(SummaryIndex(zero), metric: "loop_fraction", corpus: "kjv"))
        #expect(!z.body.contains("set logscale y 10"))
        // A share from 0.9 down to 0.015 (ratio 60) stays linear: every value ≤ 1.
        let share = [Self.row("rnn 1x128", "rnn", "seq_rep_4", 0.9, temperature: 0),
                     Self.row("rnn 1x128", "rnn", "seq_rep_4", 0.015, temperature: 1)]
        let sh = try #require(TemperaturePlots.figure(SummaryIndex(share), metric: "seq_rep_4", corpus: "kjv"))
        #expect(!sh.body.contains("set logscale y 10"))
    }
}

extension RealResultShapesTests {
    @Test func sweepLowestAtTheHighestOrderSaysSo() throws {
        func ngram(_ o: Int, _ bpc: Double) -> SummaryRow {
            SummaryRow(corpus: "kjv", family: "ngram", model: "ngram o=\(o) mkn", order: o, metric: "bits_per_char", mean: bpc)
        }
        let set = ResultSet(directory: URL(fileURLWithPath: "/nonexistent"))
        // Still falling at order 7 (2.08, 1.99, 1.95): the turn lies beyond the sweep.
        let falling = try OrderSweepPlot.figure(SummaryIndex([ngram(5, 2.08), ngram(6, 1.99), ngram(7, 1.95)]), set, corpus: "kjv").get()
        #expect(falling.body.contains { $0.contains("'order 7, the highest tried'") })
        #expect(falling.caption.hasSuffix("(where it is the highest order tried, the turn lies beyond the sweep)."))
        // Turned up at order 7: the lowest is order 6, inside the sweep.
        let turned = try OrderSweepPlot.figure(SummaryIndex([ngram(5, 2.08), ngram(6, 1.99), ngram(7, 2.01)]), set, corpus: "kjv").get()
        #expect(turned.body.contains { $0.contains("'lowest held-out: order 6'") })
        #expect(turned.caption.hasSuffix("past which counting stops generalising."))
    }
}

extension PlotPlanTests {
    @Test func clippedLookAlikesAreToldApart() {
        let a = "lstm batch=32 embedding=32 eval_every=200 hidden=128 layers=1 lr=0.003 seq_len=64 steps=600"
        let b = "lstm batch=32 embedding=32 eval_every=200 hidden=128 layers=1 lr=0.01 seq_len=64 steps=600"
        let c = "gru batch=32 embedding=32 eval_every=200 hidden=128 layers=1 lr=0.003 seq_len=64 steps=600"
        let labels = PlotText.labels([a, b, c, a, "rnn 1x128"])
        // a and b clip to the same 36 characters; the words they share (all but lr=…) go.
        #expect(labels[a] == "lstm lr=0.003")
        #expect(labels[b] == "lstm lr=0.01")
        // c clips to a text of its own ("gru batch=32 …"), so it is only clipped.
        #expect(labels[c] == "gru batch=32 embedding=32 eval_ever…")
        #expect(labels["rnn 1x128"] == "rnn 1x128")
        // Names that still look alike without the shared words get numbers, in order.
        let x = String(repeating: "x", count: 40) + "1", y = String(repeating: "x", count: 40) + "2"
        let numbered = PlotText.labels([x, y])
        #expect(numbered[x] == String(repeating: "x", count: 30) + "… (1)")
        #expect(numbered[y] == String(repeating: "x", count: 30) + "… (2)")
    }
}

extension PlotPlanTests {
    @Test func shortNumbersUseALowercaseExponent() {
        // 6042000.5 is not whole, so %.4g: 4 significant digits, exponent 6.
        #expect(PlotText.short(6_042_000.5) == "6.042e+06")
        #expect(PlotText.short(1497) == "1497")
        #expect(PlotText.short(2.0814) == "2.081")
    }
}

extension RealResultShapesTests {
    @Test func manyModelsGrowTheFigureInsteadOfSqueezingIt() throws {
        // 30 models with a value at T = 1: 30 key entries plus room for the human line (counted
        // whether or not it is drawn) → 130 + 21 · 31 = 781 > 560.
        let rows = (1...30).map { k in Self.row("ngram o=\(k) mkn", "ngram", "distinct_2", 0.1, temperature: 1) }
        let f = try #require(TemperaturePlots.figure(SummaryIndex(rows), metric: "distinct_2", corpus: "kjv"))
        #expect(f.height == 130 + 21 * 31)   // entries counted with room for the human line
        let few = try #require(TemperaturePlots.figure(SummaryIndex(Array(rows.prefix(3))), metric: "distinct_2", corpus: "kjv"))
        #expect(few.height == 560)
    }
}
