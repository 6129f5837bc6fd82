extension TextMetrics {
    /// Terminal loops (degeneration; after Holtzman et al. 2019, "The Curious Case of Neural Text
    /// Degeneration", ICLR 2020, whose `metrics/repetition.py` flags generations that end in a repeated
    /// phrase). A sample x of length L loops with period p when its last w = max(3p, 30) tokens are
    /// p-periodic:
    ///
    ///     L ≥ w  and  x[t] = x[t − p]  for every t with L − w + p ≤ t < L
    ///
    /// i.e. the tail is one phrase of p tokens repeated w/p ≥ 3 times (at least 30 tokens). The
    /// sample's period is the smallest such p ≤ maxPeriod. A sample of fewer than 30 tokens never loops.
    /// Unlike Holtzman's detector this one needs no end-of-text stripping and counts a single repeated
    /// token (p = 1) as a loop once it fills 30 tokens.
    /// - Returns: the fraction of samples that loop (NaN when there are no samples) and the median period
    ///   of those that do (mean of the two middle periods for an even count; nil when none loops).
    /// - Complexity: O(S · maxPeriod · w) in the worst case; a mismatch usually ends each check early.
    public static func loops(_ samples: [[Int32]], maxPeriod: Int = 100) -> (fraction: Double, medianPeriod: Double?) {
        precondition(maxPeriod >= 1, "maxPeriod must be ≥ 1, got \(maxPeriod)")
        guard !samples.isEmpty else { return (.nan, nil) }
        var periods: [Int] = []
        for s in samples {
            if let p = loopPeriod(s, maxPeriod: maxPeriod) { periods.append(p) }
        }
        let fraction = Double(periods.count) / Double(samples.count)
        guard !periods.isEmpty else { return (fraction, nil) }
        periods.sort()
        let m = periods.count
        let median = m % 2 == 1 ? Double(periods[m / 2]) : Double(periods[m / 2 - 1] + periods[m / 2]) / 2
        return (fraction, median)
    }

    /// The smallest period p ≤ maxPeriod of the sample's terminal loop, or nil (see `loops`).
    public static func loopPeriod(_ x: [Int32], maxPeriod: Int = 100) -> Int? {
        let L = x.count
        for p in 1...maxPeriod {
            let w = max(3 * p, 30)
            if w > L { break }  // w grows with p, so no larger p fits either
            var periodic = true
            var t = L - 1
            while t >= L - w + p {
                if x[t] != x[t - p] { periodic = false; break }
                t -= 1
            }
            if periodic { return p }
        }
        return nil
    }
}
