import Foundation
import Testing
import SeqbenchCore
@testable import Neural

/// `StepProduct`: the packed per-step product against a naive triple loop in Double, and the
/// packing against its definition.
@Suite("Per-step product in packed small-kernel blocks")
struct StepProductTests {
    /// (m, n, k): tails in every direction (n = 70, 40 and 5 end in 6, 8 and 5 columns that go
    /// through a padded panel; n = 45, 9 and 33 in panels that the NN kernel runs through narrower
    /// tiles, or with k < 32); k = 2100
    /// needs three k-blocks (`depth` 700), so the blocks' partial sums are added into C; m = 70
    /// needs five row blocks.
    static let shapes: [(Int, Int, Int)] = [(1, 9, 40), (2, 33, 31), (19, 70, 40), (16, 512, 160), (70, 45, 2100), (32, 96, 977),
                                            (17, 40, 64), (3, 5, 33)]

    /// R (k × n) stored either way round, as the forward (`W_hhᵀ` read from W_hh) and backward
    /// (`W_hh`) passes give it: element (p, j) at p·rowStride + j·columnStride, with padding.
    static func strides(k: Int, n: Int, transposed: Bool) -> (rowStride: Int, columnStride: Int, count: Int) {
        transposed ? (1, k + 1, n * (k + 1)) : (n + 3, 1, k * (n + 3))
    }

    /// C += A · R with padded strides. Float sums of up to 2100 products of size ≤ 0.25 round to
    /// well under 1e-4 (about √k · 6e-8 · Σ|terms|, in practice 1e-6); a skipped or doubled block
    /// is off by ~1. The panels taken in reverse order (every other time step) give the same bits.
    @Test(arguments: shapes.flatMap { s in [(s, false), (s, true)] })
    func matchesNaiveProduct(shape: (Int, Int, Int), transposed: Bool) {
        let (m, n, k) = shape
        var rng = Xoshiro256(seed: UInt64(m * 1_000_003 + n * 1009 + k))
        let (rs, cs, count) = Self.strides(k: k, n: n, transposed: transposed)
        let lda = k + 3, ldc = n + 2
        let a = (0..<(m * lda)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        let r = (0..<count).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        let c0 = (0..<(m * ldc)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        var expected = c0.map(Double.init)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k { s += Double(a[i * lda + p]) * Double(r[p * rs + j * cs]) }
                expected[i * ldc + j] += s
            }
        }
        var c = c0, cReversed = c0
        let panels = FloatBuffer(StepProduct.packedCount(k: k, n: n))
        r.withUnsafeBufferPointer { StepProduct.pack(k: k, n: n, $0.baseAddress!, rowStride: rs, columnStride: cs, into: panels.pointer) }
        a.withUnsafeBufferPointer { ap in
            c.withUnsafeMutableBufferPointer { cp in
                StepProduct.accumulate(m: m, n: n, k: k, a: ap.baseAddress!, lda: lda, panels: panels.pointer,
                                       c: cp.baseAddress!, ldc: ldc)
            }
            cReversed.withUnsafeMutableBufferPointer { cp in
                StepProduct.accumulate(m: m, n: n, k: k, a: ap.baseAddress!, lda: lda, panels: panels.pointer,
                                       c: cp.baseAddress!, ldc: ldc, reversed: true)
            }
        }
        #expect(cReversed == c, "m \(m) n \(n) k \(k) transposed \(transposed): reversed panels")
        var worst = 0.0
        for i in 0..<m { for j in 0..<n { worst = max(worst, abs(Double(c[i * ldc + j]) - expected[i * ldc + j])) } }
        #expect(worst < 1e-4, "m \(m) n \(n) k \(k) transposed \(transposed): \(worst)")
        for i in 0..<m { for j in n..<ldc { #expect(c[i * ldc + j] == c0[i * ldc + j]) } }
    }

    /// A row's result does not depend on which rows share its call: rows 5..<12 alone equal the
    /// same rows computed with all 19 (what splitting the batch over two threads relies on). A
    /// property of the small-matrix kernels as `StepProduct` calls them (n = 70 and 40 end in
    /// padded tail panels, n = 45 in a narrower NN tile). On other cores seqbench does not split rows.
    @Test(.enabled(if: StepProduct.blocked, "OpenBLAS's kernels here have no small-matrix sgemm"), arguments: [70, 45, 40, 128])
    func rowsIndependentOfTheirCall(n: Int) {
        let m = 19, k = 1500
        var rng = Xoshiro256(seed: 4)
        let a = (0..<(m * k)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        let r = (0..<(k * n)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        let panels = FloatBuffer(StepProduct.packedCount(k: k, n: n))
        r.withUnsafeBufferPointer { StepProduct.pack(k: k, n: n, $0.baseAddress!, rowStride: n, columnStride: 1, into: panels.pointer) }
        var all = [Float](repeating: 0.25, count: m * n), part = all
        a.withUnsafeBufferPointer { ap in
            all.withUnsafeMutableBufferPointer { cp in
                StepProduct.accumulate(m: m, n: n, k: k, a: ap.baseAddress!, lda: k, panels: panels.pointer, c: cp.baseAddress!, ldc: n)
            }
            part.withUnsafeMutableBufferPointer { cp in
                StepProduct.accumulate(m: 7, n: n, k: k, a: ap.baseAddress! + 5 * k, lda: k, panels: panels.pointer,
                                       c: cp.baseAddress! + 5 * n, ldc: n)
            }
        }
        #expect(Array(all[(5 * n)..<(12 * n)]) == Array(part[(5 * n)..<(12 * n)]))
    }

    /// Panel j₀ holds columns [j₀, j₀ + w) of R as a row-major (k × w) block at j₀ · k, w = 64
    /// except for the last panel; tail columns (n mod 16 in 1...8, k ≥ 32) are a (k × 16) block
    /// at n₀ · k padded with zeros. n = 150, k = 7: panels 64, 64, 22, no tail; n = 150, k = 40:
    /// panels 64, 64, 16 and a tail of 6.
    @Test(arguments: [(7, 150, 0), (40, 150, 6), (40, 128, 0), (40, 8, 8)])
    func packMatchesDefinition(k: Int, n: Int, tail: Int) {
        #expect(StepProduct.tailColumns(n: n, k: k) == tail)
        let r = (0..<(k * n)).map { Float($0) }
        let panels = FloatBuffer(StepProduct.packedCount(k: k, n: n))
        r.withUnsafeBufferPointer { StepProduct.pack(k: k, n: n, $0.baseAddress!, rowStride: n, columnStride: 1, into: panels.pointer) }
        let n0 = n - tail
        for j in 0..<n {
            for p in 0..<k {
                if j < n0 {
                    let j0 = j / 64 * 64, w = min(64, n0 - j0)
                    #expect(panels.pointer[j0 * k + p * w + (j - j0)] == r[p * n + j])
                } else {
                    #expect(panels.pointer[n0 * k + p * 16 + (j - n0)] == r[p * n + j])
                }
            }
        }
        if tail > 0 {
            for p in 0..<k { for j in tail..<16 { #expect(panels.pointer[n0 * k + p * 16 + j] == 0) } }
        }
        #expect(StepProduct.packedCount(k: k, n: n) == k * (n0 + (tail > 0 ? 16 : 0)))
    }

    /// The buffers that OpenBLAS's small kernels read in place start on a cache line, so that no
    /// 64-byte load straddles two (`FloatBuffer.alignment`): sizes that malloc serves from its heap
    /// and from mmap, where it starts 16 bytes in.
    @Test func buffersStartOnCacheLines() {
        for n in [0, 1, 5, 384, 32_768, 1 << 20, 3 * 128 * 256] {
            let b = FloatBuffer(n)
            #expect(UInt(bitPattern: b.pointer) % 64 == 0, "\(n) floats at \(b.pointer)")
            #expect(b.array.allSatisfy { $0 == 0 })
        }
    }

    /// A k-block's depth depends on k alone and keeps every call inside OpenBLAS's permit
    /// (panel width · row block · depth ≤ 100³) with as few blocks as that allows.
    @Test(arguments: [1, 31, 256, 976, 977, 2048, 2100])
    func depthStaysInsideThePermit(k: Int) {
        let d = StepProduct.depth(k: k)
        #expect(StepProduct.panelWidth * StepProduct.rowBlock * d <= StepProduct.smallKernelLimit)
        let blocks = (k + d - 1) / d
        #expect(blocks == (k + 975) / 976)
    }
}
