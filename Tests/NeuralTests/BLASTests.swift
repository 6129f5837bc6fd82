import Foundation
import Testing
import SeqbenchCore
@testable import Neural

/// The `sgemm` wrapper (OpenBLAS sgemm, sgemv for a single row) against a naive triple loop in Double.
@Suite("BLAS wrapper")
struct BLASTests {
    /// Small shapes (one call), then shapes large enough to be split over the two threads
    /// (`BLASSplit`): along the rows of C (m ≥ n), along its columns (m < n), and a single row
    /// (split along the matrix–vector product's output).
    static let shapes: [(Int, Int, Int)] = [(1, 7, 5), (1, 1, 9), (3, 4, 6), (6, 1, 3), (5, 8, 1), (17, 13, 11),
                                            (70, 130, 120), (131, 60, 130), (1, 300, 500), (1, 600, 257)]

    /// Every transposition and beta ∈ {0, 1, 0.5} with padded leading dimensions, in one call and
    /// with `split: true`. Float sums of k ≤ 600 products of size ≤ 0.25 round to well under 1e-4
    /// (≤ 17 terms: under 1e-5); a wrong index or half is off by ~0.1.
    @Test(arguments: shapes)
    func matchesNaiveProduct(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let tolerance = k <= 17 ? 1e-5 : 1e-4
        if m * n * k >= 500_000 { #expect(BLASSplit.worthSplitting(m: m, n: n, k: k)) }
        var rng = Xoshiro256(seed: UInt64(m * 100 + n * 10 + k))
        for transA in [false, true] {
            for transB in [false, true] {
                for beta: Float in [0, 1, 0.5] {
                    let lda = (transA ? m : k) + 2, ldb = (transB ? k : n) + 1, ldc = n + 3
                    let aRows = transA ? k : m, bRows = transB ? n : k
                    let a = (0..<(aRows * lda)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
                    let b = (0..<(bRows * ldb)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
                    let c0 = (0..<(m * ldc)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
                    var expected = c0.map(Double.init)
                    for i in 0..<m {
                        for j in 0..<n {
                            var s = 0.0
                            for p in 0..<k {
                                let av = transA ? a[p * lda + i] : a[i * lda + p]
                                let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                                s += Double(av) * Double(bv)
                            }
                            expected[i * ldc + j] = 0.75 * s + Double(beta) * Double(c0[i * ldc + j])
                        }
                    }
                    for split in [false, true] {
                        var c = c0
                        a.withUnsafeBufferPointer { ap in
                            b.withUnsafeBufferPointer { bp in
                                c.withUnsafeMutableBufferPointer { cp in
                                    sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.75, a: ap.baseAddress!, lda: lda,
                                          b: bp.baseAddress!, ldb: ldb, beta: beta, c: cp.baseAddress!, ldc: ldc, split: split)
                                }
                            }
                        }
                        var worst = 0.0
                        for i in 0..<m { for j in 0..<n { worst = max(worst, abs(Double(c[i * ldc + j]) - expected[i * ldc + j])) } }
                        #expect(worst < tolerance, "m \(m) n \(n) k \(k) transA \(transA) transB \(transB) beta \(beta) split \(split): \(worst)")
                        // Padding columns of C are untouched.
                        for i in 0..<m { for j in n..<ldc { #expect(Double(c[i * ldc + j]) == expected[i * ldc + j]) } }
                    }
                }
            }
        }
    }
}
