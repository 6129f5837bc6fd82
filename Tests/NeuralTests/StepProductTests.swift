import Foundation
import Testing
import SeqbenchCore
@testable import Neural

/// `StepProduct`: the blocked per-step product against a naive triple loop in Double, and the
/// transpose against its definition.
@Suite("Per-step product in small-kernel blocks")
struct StepProductTests {
    /// (m, n, k): tails in every direction; k = 2100 needs three k-blocks (at most 976 deep), so
    /// the blocks' partial sums are added into C; m = 70 needs three row blocks.
    static let shapes: [(Int, Int, Int)] = [(1, 9, 40), (2, 33, 31), (19, 70, 40), (16, 512, 160), (70, 45, 2100), (32, 96, 977)]

    /// C += A · Bᵀ with padded strides, blocked and in one call. Float sums of up to 2100 products
    /// of size ≤ 0.25 round to well under 1e-4 (about √k · 6e-8 · Σ|terms| in practice 1e-6);
    /// a skipped or doubled block is off by ~1.
    @Test(arguments: shapes)
    func matchesNaiveProduct(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        var rng = Xoshiro256(seed: UInt64(m * 1_000_003 + n * 1009 + k))
        let lda = k + 3, ldb = k + 1, ldc = n + 2
        let a = (0..<(m * lda)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        let b = (0..<(n * ldb)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        let c0 = (0..<(m * ldc)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        var expected = c0.map(Double.init)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k { s += Double(a[i * lda + p]) * Double(b[j * ldb + p]) }
                expected[i * ldc + j] += s
            }
        }
        for blocked in [true, false] {
            var c = c0
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        StepProduct.accumulate(m: m, n: n, k: k, a: ap.baseAddress!, lda: lda, b: bp.baseAddress!, ldb: ldb,
                                               c: cp.baseAddress!, ldc: ldc, blocked: blocked)
                    }
                }
            }
            var worst = 0.0
            for i in 0..<m { for j in 0..<n { worst = max(worst, abs(Double(c[i * ldc + j]) - expected[i * ldc + j])) } }
            #expect(worst < 1e-4, "m \(m) n \(n) k \(k) blocked \(blocked): \(worst)")
            for i in 0..<m { for j in n..<ldc { #expect(c[i * ldc + j] == c0[i * ldc + j]) } }
        }
    }

    /// A row's result does not depend on which rows share its call: rows 5..<12 alone equal the
    /// same rows computed with all 19 (what splitting the batch over two threads relies on). A
    /// property of the small-matrix kernels: on other cores (OpenBLAS's Prescott fallback, say)
    /// OpenBLAS's general sgemm blocks rows by the call's size, and seqbench does not split rows.
    @Test(.enabled(if: StepProduct.blocked, "OpenBLAS's kernels here have no small-matrix sgemm"))
    func rowsIndependentOfTheirCall() {
        let m = 19, n = 70, k = 1500
        var rng = Xoshiro256(seed: 4)
        let a = (0..<(m * k)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        let b = (0..<(n * k)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        var all = [Float](repeating: 0.25, count: m * n), part = all
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                all.withUnsafeMutableBufferPointer { cp in
                    StepProduct.accumulate(m: m, n: n, k: k, a: ap.baseAddress!, lda: k, b: bp.baseAddress!, ldb: k,
                                           c: cp.baseAddress!, ldc: n, blocked: true)
                }
                part.withUnsafeMutableBufferPointer { cp in
                    StepProduct.accumulate(m: 7, n: n, k: k, a: ap.baseAddress! + 5 * k, lda: k, b: bp.baseAddress!, ldb: k,
                                           c: cp.baseAddress! + 5 * n, ldc: n, blocked: true)
                }
            }
        }
        #expect(Array(all[(5 * n)..<(12 * n)]) == Array(part[(5 * n)..<(12 * n)]))
    }

    @Test func transposeMatchesDefinition() {
        let rows = 70, cols = 45
        let src = (0..<(rows * cols)).map { Float($0) }
        var dst = [Float](repeating: -1, count: rows * cols)
        src.withUnsafeBufferPointer { s in
            dst.withUnsafeMutableBufferPointer { d in StepProduct.transpose(s.baseAddress!, rows: rows, cols: cols, into: d.baseAddress!) }
        }
        for r in 0..<rows { for c in 0..<cols { #expect(dst[c * rows + r] == src[r * cols + c]) } }
    }
}
