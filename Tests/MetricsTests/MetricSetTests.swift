import Testing
@testable import Metrics

@Suite("MetricSet")
struct MetricSetTests {
    let samples: [[Int32]] = [[1, 2, 3, 4, 5, 1, 2, 3], [2, 3, 4, 9, 9, 9], [Int32](repeating: 7, count: 35)]
    let texts = ["abcdeabc", "bcdiii", String(repeating: "g", count: 35)]

    @Test func namesAndOrder() {
        let withIndex = MetricSet.compute(samples: samples, texts: texts, index: TrainingIndex(tokens: [1, 2, 3, 4, 5]))
        #expect(withIndex.map(\.name) == MetricSet.names)
        let without = MetricSet.compute(samples: samples, texts: texts, index: nil)
        #expect(without.map(\.name) == MetricSet.names.filter { !MetricSet.indexNames.contains($0) })
        #expect(MetricSet.names.count == 17)
    }

    @Test func valuesAreTheIndividualMetrics() {
        let index = TrainingIndex(tokens: [1, 2, 3, 4, 5])
        let d = Dictionary(uniqueKeysWithValues: MetricSet.compute(samples: samples, texts: texts, index: index).map { ($0.name, $0.value) })
        #expect(d["distinct_2"] == TextMetrics.distinctN(samples, n: 2))
        #expect(d["seq_rep_4"] == TextMetrics.seqRepN(samples, n: 4))
        #expect(d["rep_window"] == TextMetrics.repWindow(samples, window: 16))
        #expect(d["self_bleu"] == TextMetrics.selfBLEU(samples))
        #expect(d["compression_ratio"] == TextMetrics.compressionRatio(texts))
        #expect(d["novelty_4"] == index.novelty(samples, n: 4))
        // longest copies: [1,2,3,4,5] → 5; [2,3,4] → 3; 7 is not in train → 0 → mean 8/3, max 5
        #expect(close(d["longest_copy_mean"]!, 8.0 / 3.0, rel: 1e-15))
        #expect(d["longest_copy_max"] == 5)
        // only the 35 sevens loop (period 1)
        #expect(close(d["loop_fraction"]!, 1.0 / 3.0, rel: 1e-15))
        #expect(d["loop_period_median"] == 1)
        #expect(d["zipf_coefficient"] == TextMetrics.zipfCoefficient(samples))
        #expect(d["unigram_entropy_bits"] == TextMetrics.unigramEntropyBits(samples))
    }

    @Test func emptySampleListIsAllNaN() {
        let r = MetricSet.compute(samples: [], texts: [], index: TrainingIndex(tokens: [1, 2]))
        #expect(r.count == 17)
        for (name, value) in r { #expect(value.isNaN, "\(name) = \(value)") }
    }
}
