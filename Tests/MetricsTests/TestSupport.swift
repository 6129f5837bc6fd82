import Foundation

/// |a − b| ≤ tol · max(|a|, |b|, tiny), or both NaN.
func close(_ a: Double, _ b: Double, rel tol: Double = 1e-12) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-300)
}
