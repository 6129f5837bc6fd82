extension TextMetrics {
    /// Zipf coefficient (as in Holtzman et al. 2019, `metrics/zipf.py`): rank the pooled token counts
    /// c₁ ≥ c₂ ≥ … (ties by ascending token id; equal counts make the fit independent of the tie
    /// order anyway), keep the top K = min(maxRanks, V) ranks and fit by ordinary least squares
    ///
    ///     ln c_r ≈ a − s · ln r,   r = 1…K
    ///     s = −Σ (x_r − x̄)(y_r − ȳ) / Σ (x_r − x̄)²,   x_r = ln r, y_r = ln c_r
    ///
    /// (the slope of `numpy.polyfit(log r, log c, 1)` or `scipy.stats.linregress`, negated).
    /// Human English text gives s ≈ 1.
    /// - Returns: s; NaN when fewer than two distinct tokens occur (a line needs two ranks).
    /// - Complexity: O(T + V log V).
    public static func zipfCoefficient(_ samples: [[Int32]], maxRanks: Int = 5000) -> Double {
        precondition(maxRanks >= 2, "maxRanks must be ≥ 2, got \(maxRanks)")
        let counts = sortedCounts(samples)
        let k = min(maxRanks, counts.count)
        guard k >= 2 else { return .nan }
        var xMean = 0.0, yMean = 0.0
        for r in 0..<k {
            xMean += log(Double(r + 1))
            yMean += log(Double(counts[r].count))
        }
        xMean /= Double(k); yMean /= Double(k)
        var sxy = 0.0, sxx = 0.0
        for r in 0..<k {
            let dx = log(Double(r + 1)) - xMean
            sxy += dx * (log(Double(counts[r].count)) - yMean)
            sxx += dx * dx
        }
        let s = -sxy / sxx
        return s == 0 ? 0 : s  // −0 → 0
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
