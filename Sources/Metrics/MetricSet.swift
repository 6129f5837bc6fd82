/// Every sample metric of one set of generations, under stable names (the keys of result files).
public enum MetricSet {
    /// ℓ of `rep_window` (rep/ℓ). Welleck et al. 2019 report ℓ ∈ {16, 32, 128, 512} on subword tokens;
    /// 16, the smallest, keeps the metric informative for character tokens too (with ℓ = 128 almost
    /// every character of English repeats one of the 128 before it).
    public static let repWindowSize = 16

    /// The names, in the order `compute` returns them:
    ///
    /// | name | definition |
    /// |---|---|
    /// | distinct_1 … distinct_4 | `TextMetrics.distinctN(n: 1…4)` |
    /// | seq_rep_4 | `TextMetrics.seqRepN(n: 4)` |
    /// | rep_window | `TextMetrics.repWindow(window: repWindowSize)` |
    /// | self_bleu | `TextMetrics.selfBLEU(maxN: 4)` |
    /// | compression_ratio | `TextMetrics.compressionRatio(texts)` |
    /// | novelty_4, novelty_8, novelty_16 | `TrainingIndex.novelty(n: 4, 8, 16)` (only with an index) |
    /// | longest_copy_mean, longest_copy_max | mean and max over samples of `TrainingIndex.longestCopy` (only with an index) |
    /// | loop_fraction, loop_period_median | `TextMetrics.loops(maxPeriod: 100)` (median NaN when no sample loops) |
    /// | zipf_coefficient | `TextMetrics.zipfCoefficient(maxRanks: 5000)` |
    /// | unigram_entropy_bits | `TextMetrics.unigramEntropyBits` |
    public static let names: [String] = [
        "distinct_1", "distinct_2", "distinct_3", "distinct_4", "seq_rep_4", "rep_window", "self_bleu",
        "compression_ratio", "novelty_4", "novelty_8", "novelty_16", "longest_copy_mean", "longest_copy_max",
        "loop_fraction", "loop_period_median", "zipf_coefficient", "unigram_entropy_bits",
    ]

    /// The names that need a `TrainingIndex`.
    public static let indexNames: Set<String> = [
        "novelty_4", "novelty_8", "novelty_16", "longest_copy_mean", "longest_copy_max",
    ]

    /// Computes every metric of `names` (the index ones only when `index` is given), in that order.
    /// Undefined values are NaN (see each metric: no n-grams, fewer than two samples for self_bleu, no
    /// looping sample for loop_period_median, no samples for longest_copy_mean/max …).
    /// - Parameters:
    ///   - samples: the generations as token ids (S sequences).
    ///   - texts: the same generations as text, for `compression_ratio`.
    ///   - index: the training split's index, or nil to skip the copying metrics.
    /// - Complexity: dominated by `selfBLEU` (O(T + S²)) and the index lookups (O(T · (b + log N))).
    public static func compute(samples: [[Int32]], texts: [String], index: TrainingIndex?) -> [(name: String, value: Double)] {
        var out: [(name: String, value: Double)] = []
        for n in 1...4 { out.append(("distinct_\(n)", TextMetrics.distinctN(samples, n: n))) }
        out.append(("seq_rep_4", TextMetrics.seqRepN(samples, n: 4)))
        out.append(("rep_window", TextMetrics.repWindow(samples, window: repWindowSize)))
        out.append(("self_bleu", TextMetrics.selfBLEU(samples, maxN: 4)))
        out.append(("compression_ratio", TextMetrics.compressionRatio(texts)))
        if let index {
            let novelty = index.novelties(samples, orders: [4, 8, 16])
            for (n, v) in zip([4, 8, 16], novelty) { out.append(("novelty_\(n)", v)) }
            let copies = samples.map { Double(index.longestCopy($0)) }
            out.append(("longest_copy_mean", Statistics.mean(copies)))
            out.append(("longest_copy_max", copies.max() ?? .nan))
        }
        let loops = TextMetrics.loops(samples, maxPeriod: 100)
        out.append(("loop_fraction", loops.fraction))
        out.append(("loop_period_median", loops.medianPeriod ?? .nan))
        out.append(("zipf_coefficient", TextMetrics.zipfCoefficient(samples, maxRanks: 5000)))
        out.append(("unigram_entropy_bits", TextMetrics.unigramEntropyBits(samples)))
        return out
    }
}
