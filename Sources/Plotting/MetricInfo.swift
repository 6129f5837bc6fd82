/// What a metric of `summary.csv` means for a reader: an axis label with units, and which way is better.
public struct MetricInfo: Sendable, Equatable {
    /// Which value of a metric the report marks as best within a corpus.
    public enum Better: Sendable, Equatable {
        case lower, higher
        /// Sample statistics: the value nearest the held-out human text's is best.
        case closerToHuman
        /// Not a quality (e.g. parameter counts): nothing is marked.
        case none
    }

    public var metric: String
    /// Axis label, with units.
    public var label: String
    public var better: Better

    /// Known metrics in the order plots and tables show them. Unknown metrics follow, sorted by name,
    /// labelled with their own names.
    public static let known: [MetricInfo] = [
        MetricInfo(metric: "bits_per_char", label: "held-out bits/char", better: .lower),
        MetricInfo(metric: "perplexity", label: "held-out perplexity (per token)", better: .lower),
        MetricInfo(metric: "cross_entropy_nats", label: "held-out cross-entropy (nats/token)", better: .lower),
        MetricInfo(metric: "excess_bits_per_char", label: "excess bits/char over the entropy rate", better: .lower),
        MetricInfo(metric: "train_bits_per_char", label: "training bits/char", better: .none),
        MetricInfo(metric: "train_seconds", label: "training time (seconds)", better: .lower),
        MetricInfo(metric: "tokens_per_second", label: "training speed (tokens/second)", better: .higher),
        MetricInfo(metric: "parameters", label: "parameters", better: .none),
        MetricInfo(metric: "sample_bits_per_char", label: "sample bits/char under the reference model", better: .closerToHuman),
        MetricInfo(metric: "distinct_1", label: "distinct-1 (unique unigrams / tokens)", better: .closerToHuman),
        MetricInfo(metric: "distinct_2", label: "distinct-2 (unique bigrams / tokens)", better: .closerToHuman),
        MetricInfo(metric: "distinct_3", label: "distinct-3 (unique trigrams / tokens)", better: .closerToHuman),
        MetricInfo(metric: "distinct_4", label: "distinct-4 (unique 4-grams / tokens)", better: .closerToHuman),
        MetricInfo(metric: "seq_rep_4", label: "seq-rep-4 (share of repeated 4-grams)", better: .closerToHuman),
        MetricInfo(metric: "rep_window", label: "rep/window (share of tokens repeating the window)", better: .closerToHuman),
        MetricInfo(metric: "self_bleu", label: "self-BLEU (similarity between samples)", better: .closerToHuman),
        MetricInfo(metric: "compression_ratio", label: "compression ratio (raw bytes / zlib bytes)", better: .closerToHuman),
        MetricInfo(metric: "novelty_4", label: "novelty-4 (share of 4-grams not in training text)", better: .closerToHuman),
        MetricInfo(metric: "novelty_8", label: "novelty-8 (share of 8-grams not in training text)", better: .closerToHuman),
        MetricInfo(metric: "novelty_16", label: "novelty-16 (share of 16-grams not in training text)", better: .closerToHuman),
        MetricInfo(metric: "longest_copy_mean", label: "mean longest copy from training text (chars)", better: .closerToHuman),
        MetricInfo(metric: "longest_copy_max", label: "longest copy from training text (chars)", better: .closerToHuman),
        MetricInfo(metric: "loop_fraction", label: "loop fraction (share of samples ending in a loop)", better: .closerToHuman),
        MetricInfo(metric: "loop_period_median", label: "median loop period (tokens)", better: .none),
        MetricInfo(metric: "zipf_coefficient", label: "Zipf coefficient (−slope of log freq vs log rank)", better: .closerToHuman),
        MetricInfo(metric: "unigram_entropy_bits", label: "unigram entropy of samples (bits/token)", better: .closerToHuman),
    ]

    /// The info of a metric; an unknown metric is labelled with its name and marks nothing.
    public static func of(_ metric: String) -> MetricInfo {
        known.first { $0.metric == metric } ?? MetricInfo(metric: metric, label: metric, better: .none)
    }

    /// Sorts metric names: known ones in `known` order, then the rest by name.
    public static func ordered(_ metrics: [String]) -> [String] {
        let rank = { (m: String) in known.firstIndex { $0.metric == m } ?? known.count }
        return Array(Set(metrics)).sorted { (rank($0), $0) < (rank($1), $1) }
    }
}
