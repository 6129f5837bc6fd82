/// How an n-gram model turns counts into probabilities. Every method is stored and scored in backoff
/// form (see `BackoffTrie`), and each next-token distribution sums to 1 over the vocabulary (`<unk>` and
/// `</s>` included; `mle` excepted where it gives an unseen token 0).
///
/// Notation: c(hw) raw count, c(h•) = Σ_w c(hw), T(h) = #{w : c(hw) > 0}, |V| the vocabulary size
/// (`<unk>` and `</s>` included, `<s>` excluded), h' the context without its oldest token.
public enum Smoothing: String, CaseIterable, Sendable {
    /// Maximum likelihood, unsmoothed: p(w | h) = c(hw) / c(h•), an unseen event has probability 0
    /// (reported as `zero_probability_tokens` and infinite perplexity). h is the longest suffix of the
    /// history that was seen as a context in training (so p is defined after any history). This is
    /// the distribution the classic Markov chain text generator samples from (Shannon 1948, §3).
    case mle
    /// Lidstone (1920) additive smoothing; k = 1 is Laplace:
    /// p(w | h) = (c(hw) + k) / (c(h•) + k |V|), h as for `mle` (the unigram level when nothing of the
    /// history was seen). In backoff form: ln b(h) = ln(k|V| / (c(h•) + k|V|)) over the uniform 1/|V|.
    case addK = "add-k"
    /// Interpolated Witten-Bell (Witten & Bell 1991; as in Chen & Goodman 1998, §2.4):
    /// p(w | h) = (c(hw) + T(h) p(w | h')) / (c(h•) + T(h)), ending in the uniform 1/|V|.
    case wittenBell = "witten-bell"
    /// Interpolated Kneser-Ney (Kneser & Ney 1995; Chen & Goodman 1998, §2.7) with one discount per
    /// order D = n₁ / (n₁ + 2 n₂) from the count-of-counts of adjusted counts (continuation counts
    /// below the highest order, as for `modifiedKneserNey`), ending in the uniform 1/|V|.
    case kneserNey = "kneser-ney"
    /// Interpolated modified Kneser-Ney (Chen & Goodman 1998, eq. 17 and 26): three discounts per order
    /// D₁, D₂, D₃₊, computed exactly as KenLM's `lmplz` does (Heafield et al. 2013) and scored as its
    /// `query` does; see ../shared/reference/kenlm-conventions.md and `KneserNeyEstimator`.
    case modifiedKneserNey = "modified-kneser-ney"

    public var usesAdjustedCounts: Bool { self == .kneserNey || self == .modifiedKneserNey }
}
