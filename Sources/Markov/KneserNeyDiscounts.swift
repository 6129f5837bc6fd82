/// The three modified Kneser-Ney discounts of one order.
public struct Discounts: Sendable, Equatable {
    public var d1: Double
    public var d2: Double
    public var d3: Double
    public init(_ d1: Double, _ d2: Double, _ d3: Double) { self.d1 = d1; self.d2 = d2; self.d3 = d3 }
    /// D_{min(a, 3)}, D₀ = 0.
    @inline(__always) public func amount(for a: UInt32) -> Double {
        switch a { case 0: return 0; case 1: return d1; case 2: return d2; default: return d3 }
    }
    public static let kenLMFallback = Discounts(0.5, 1, 1.5)
}

/// Count-of-counts and discounts as KenLM's `lmplz` computes them (`lm/builder/adjust_counts.cc`).
public enum KneserNeyDiscounts {
    /// n_j = number of n-grams of one order with adjusted count a = j, j = 1…4 (index j; a = 0 never
    /// counts).
    public static func countOfCounts(_ adjusted: [UInt32]) -> [UInt64] {
        var n = [UInt64](repeating: 0, count: 5)
        for a in adjusted where a >= 1 && a <= 4 { n[Int(a)] += 1 }
        return n
    }

    /// Chen & Goodman (1998) eq. 26, in float32 as lmplz computes it:
    ///
    ///     Y = n₁ / (n₁ + 2 n₂),   D_j = j − (j + 1) Y n_{j+1} / n_j   (j = 1, 2, 3)
    ///
    /// - Returns: nil where lmplz would throw `BadDiscountException`: n₁, n₂ or n₃ is 0 or some D_j
    ///   falls outside [0, j]. The caller then uses the fallback for that order only (lmplz
    ///   `--discount_fallback`; we always fall back rather than fail, and report it).
    public static func modified(countOfCounts n: [UInt64]) -> Discounts? {
        for j in 1...3 where n[j] == 0 { return nil }
        let y = Float(n[1]) / Float(Double(n[1]) + 2.0 * Double(n[2]))
        var d = [Float](repeating: 0, count: 4)
        for j in 1...3 {
            let t: Float = Float(j + 1) * y * Float(n[j + 1]) / Float(n[j])
            d[j] = Float(j) - t
            if d[j] < 0 || d[j] > Float(j) { return nil }
        }
        return Discounts(Double(d[1]), Double(d[2]), Double(d[3]))
    }

    /// One discount D = n₁ / (n₁ + 2 n₂) (Ney, Essen & Kneser 1994), nil unless 0 < D ≤ 1 is defined.
    public static func single(countOfCounts n: [UInt64]) -> Double? {
        guard n[1] > 0 else { return nil }
        let d = Double(n[1]) / (Double(n[1]) + 2 * Double(n[2]))
        return d > 0 && d <= 1 ? d : nil
    }
}
