#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RandomNumberGenerator {
    /// A uniform Double in the open interval (0, 1): `(Double(next() >> 11) + 0.5) · 2^-53`, so that
    /// its logarithm and reciprocal powers are always finite.
    @inlinable
    public mutating func nextOpenUnitDouble() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A Gamma(shape, 1) deviate by Marsaglia & Tsang (2000), "A simple method for generating gamma
    /// variables", ACM TOMS 26(3):
    ///
    ///     shape a ≥ 1:  d = a − 1/3,  c = 1 / √(9d)
    ///                   repeat: x ~ N(0,1), v = (1 + c·x)³, reject v ≤ 0; u ~ U(0,1)
    ///                   accept d·v if u < 1 − 0.0331·x⁴ or ln u < x²/2 + d·(1 − v + ln v)
    ///     shape a < 1:  Gamma(a) = Gamma(a + 1) · U^(1/a)
    ///
    /// Normals come from `nextGaussian()` (two words each), so the stream is deterministic per seed.
    /// - Parameter shape: a > 0.
    /// - Complexity: expected O(1) (acceptance rate above 0.95 for a ≥ 1).
    public mutating func nextGamma(shape a: Double) -> Double {
        precondition(a > 0 && a.isFinite, "gamma shape must be > 0 and finite, got \(a)")
        if a < 1 {
            let g = nextGamma(shape: a + 1)
            return g * pow(nextOpenUnitDouble(), 1 / a)
        }
        let d = a - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = nextGaussian()
            let t = 1 + c * x
            if t <= 0 { continue }
            let v = t * t * t
            let u = nextOpenUnitDouble()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// A draw from the symmetric Dirichlet(α, …, α) distribution over `count` categories:
    /// independent gᵢ ~ Gamma(α, 1), then pᵢ = gᵢ / Σ g. If every gᵢ underflows to 0 (possible only
    /// for tiny α), the draw is repeated.
    /// - Complexity: O(count) expected.
    public mutating func nextDirichlet(concentration alpha: Double, count: Int) -> [Double] {
        precondition(count >= 1, "Dirichlet needs at least one category, got \(count)")
        while true {
            var g = [Double](repeating: 0, count: count)
            var sum = 0.0
            for i in 0..<count { g[i] = nextGamma(shape: alpha); sum += g[i] }
            guard sum > 0, sum.isFinite else { continue }
            for i in 0..<count { g[i] /= sum }
            return g
        }
    }
}
