import SeqbenchCore

/// Summary statistics over per-sample or per-seed values.
public enum Statistics {
    /// The arithmetic mean (1/n) Σ x_i, summed in array order.
    /// - Returns: NaN for an empty array (and whenever an element is NaN).
    /// - Complexity: O(n).
    public static func mean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        var s = 0.0
        for v in x { s += v }
        return s / Double(x.count)
    }

    /// The sample standard deviation with Bessel's correction,
    /// sqrt( Σ (x_i − x̄)² / (n − 1) ) (two-pass, for accuracy).
    /// - Returns: 0 for n = 1; NaN for an empty array.
    /// - Complexity: O(n).
    public static func standardDeviation(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        guard x.count > 1 else { return x[0].isNaN ? .nan : 0 }
        let m = mean(x)
        var ss = 0.0
        for v in x { ss += (v - m) * (v - m) }
        return (ss / Double(x.count - 1)).squareRoot()
    }

    /// Percentile bootstrap interval of the mean (Efron & Tibshirani 1993, ch. 13): draw `resamples`
    /// resamples of n values with replacement (indices from `Xoshiro256(seed:)` via `nextInt(below:)`,
    /// so the interval depends only on x, the seed and the resample count), compute each resample's
    /// mean, sort the means m_(0) ≤ … ≤ m_(R−1), and return their quantiles at α/2 and 1 − α/2
    /// (α = 1 − level), each by linear interpolation between order statistics at position q · (R − 1)
    /// (numpy's default "linear" quantile).
    /// - Returns: (x₀, x₀) for n = 1; (NaN, NaN) for an empty array.
    /// - Complexity: O(R · n + R log R).
    public static func bootstrapInterval(_ x: [Double], seed: UInt64, resamples: Int = 2000,
                                         level: Double = 0.95) -> (low: Double, high: Double) {
        precondition(resamples >= 1, "resamples must be ≥ 1, got \(resamples)")
        precondition(level > 0 && level < 1, "level must be in (0, 1), got \(level)")
        guard !x.isEmpty else { return (.nan, .nan) }
        if x.count == 1 { return (x[0], x[0]) }
        var rng = Xoshiro256(seed: seed)
        let n = x.count
        var means = [Double](repeating: 0, count: resamples)
        for r in 0..<resamples {
            var s = 0.0
            for _ in 0..<n { s += x[rng.nextInt(below: n)] }
            means[r] = s / Double(n)
        }
        means.sort()
        let alpha = 1 - level
        return (quantile(sorted: means, alpha / 2), quantile(sorted: means, 1 - alpha / 2))
    }

    /// The q-quantile of sorted values by linear interpolation at position q · (n − 1).
    static func quantile(sorted v: [Double], _ q: Double) -> Double {
        let h = q * Double(v.count - 1)
        let i = Int(h.rounded(.down))
        if i + 1 >= v.count { return v[v.count - 1] }
        return v[i] + (h - Double(i)) * (v[i + 1] - v[i])
    }
}
