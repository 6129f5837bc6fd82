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
        #expect(styles == ["lt 1 dt 1 pt 7", "lt 3 dt 1 pt 9", "lt 1 dt 2 pt 6", "lt 3 dt 2 pt 8"])
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
