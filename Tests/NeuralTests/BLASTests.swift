import Foundation
import Testing
import SeqbenchCore
@testable import Neural

/// The `sgemm` wrapper (OpenBLAS sgemm, sgemv for a single row) against a naive triple loop in Double.
@Suite("BLAS wrapper")
struct BLASTests {
    static let shapes: [(Int, Int, Int)] = [(1, 7, 5), (1, 1, 9), (3, 4, 6), (6, 1, 3), (5, 8, 1), (17, 13, 11)]

    /// Every transposition and beta ∈ {0, 1, 0.5} with padded leading dimensions. Float sums of ≤ 17
    /// terms of size ≤ 1 round to ≤ 17 · 6e-8; 1e-5 absolute is ample and far below a wrong index (~0.1).
    @Test(arguments: shapes)
    func matchesNaiveProduct(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        var rng = Xoshiro256(seed: UInt64(m * 100 + n * 10 + k))
        for transA in [false, true] {
            for transB in [false, true] {
                for beta: Float in [0, 1, 0.5] {
                    let lda = (transA ? m : k) + 2, ldb = (transB ? k : n) + 1, ldc = n + 3
                    let aRows = transA ? k : m, bRows = transB ? n : k
                    let a = (0..<(aRows * lda)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
                    let b = (0..<(bRows * ldb)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
                    var c = (0..<(m * ldc)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
                    var expected = c.map(Double.init)
                    for i in 0..<m {
                        for j in 0..<n {
                            var s = 0.0
                            for p in 0..<k {
                                let av = transA ? a[p * lda + i] : a[i * lda + p]
                                let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                                s += Double(av) * Double(bv)
                            }
                            expected[i * ldc + j] = 0.75 * s + Double(beta) * Double(c[i * ldc + j])
                        }
                    }
                    a.withUnsafeBufferPointer { ap in
                        b.withUnsafeBufferPointer { bp in
                            c.withUnsafeMutableBufferPointer { cp in
                                sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.75, a: ap.baseAddress!, lda: lda,
                                      b: bp.baseAddress!, ldb: ldb, beta: beta, c: cp.baseAddress!, ldc: ldc)
                            }
                        }
                    }
                    var worst = 0.0
                    for i in 0..<m { for j in 0..<n { worst = max(worst, abs(Double(c[i * ldc + j]) - expected[i * ldc + j])) } }
                    #expect(worst < 1e-5, "m \(m) n \(n) k \(k) transA \(transA) transB \(transB) beta \(beta): \(worst)")
                    // Padding columns of C are untouched.
                    for i in 0..<m { for j in n..<ldc { #expect(Double(c[i * ldc + j]) == expected[i * ldc + j]) } }
                }
            }
        }
    }

    /// Products large enough to be split over the two threads (`BLASSplit`): along the rows of C
    /// (m ≥ n), along its columns (m < n), and a single row (split along the matrix–vector
    /// product's output), for every transposition, against the same naive sum. Each output entry
    /// is one half's OpenBLAS dot product, so the tolerance is the one above, scaled to k ≤ 600.
    @Test(arguments: [(70, 130, 120), (131, 60, 130), (1, 300, 500), (1, 600, 257)])
    func splitProductsMatchNaiveProduct(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        #expect(BLASSplit.worthSplitting(m: m, n: n, k: k))
        var rng = Xoshiro256(seed: UInt64(m * 7 + n * 3 + k))
        for transA in [false, true] {
            for transB in [false, true] {
                let lda = (transA ? m : k) + 1, ldb = (transB ? k : n) + 2, ldc = n + 1
                let a = (0..<((transA ? k : m) * lda)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
                let b = (0..<((transB ? n : k) * ldb)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
                var c = (0..<(m * ldc)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
                var expected = c.map(Double.init)
                for i in 0..<m {
                    for j in 0..<n {
                        var s = 0.0
                        for p in 0..<k {
                            s += Double(transA ? a[p * lda + i] : a[i * lda + p]) * Double(transB ? b[j * ldb + p] : b[p * ldb + j])
                        }
                        expected[i * ldc + j] = s + 0.5 * expected[i * ldc + j]
                    }
                }
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        c.withUnsafeMutableBufferPointer { cp in
                            sgemm(transA: transA, transB: transB, m: m, n: n, k: k, a: ap.baseAddress!, lda: lda,
                                  b: bp.baseAddress!, ldb: ldb, beta: 0.5, c: cp.baseAddress!, ldc: ldc, split: true)
                        }
                    }
                }
                var worst = 0.0
                for i in 0..<m { for j in 0..<n { worst = max(worst, abs(Double(c[i * ldc + j]) - expected[i * ldc + j])) } }
                #expect(worst < 1e-4, "m \(m) n \(n) k \(k) transA \(transA) transB \(transB): \(worst)")
                for i in 0..<m { for j in n..<ldc { #expect(Double(c[i * ldc + j]) == expected[i * ldc + j]) } }
            }
        }
    }
}
