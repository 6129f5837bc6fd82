import Foundation
import Testing
import SeqbenchCore
@testable import Neural

/// The optimized Float/BLAS kernels against the naive Double reference, on problems large enough
/// that the GEMMs have several rows and time steps (T = 6, B = 3, H = 8).
///
/// Tolerance: float32 has 6e-8 relative rounding; sums of up to ~50 terms and up to 6 steps of
/// recurrence grow that to a few 1e-6 on values of size ~1. We allow 2e-5 absolute (1e-5 on the
/// mean loss): an indexing or formula mistake gives errors of order 1e-2 or more.
@Suite("Optimized network vs naive reference")
struct NetworkWorkspaceTests {
    static let cases: [(CellKind, Int)] = [(.rnn, 1), (.rnn, 3), (.lstm, 1), (.lstm, 2), (.gru, 1), (.gru, 2)]

    /// Two optimized runs with the same numbers, bit for bit: loss, logits, every gradient (the
    /// carried-in state's too) and the final states.
    static func expectBitIdentical(_ one: OptimizedRun, _ two: OptimizedRun, _ comment: Comment? = nil) {
        #expect(one.loss == two.loss, comment)
        #expect(one.logits == two.logits, comment)
        #expect(one.gradients == two.gradients, comment)
        #expect(one.gradH0 == two.gradH0 && one.gradC0 == two.gradC0 && one.finalH == two.finalH && one.finalC == two.finalC, comment)
    }

    /// Loss, logits, final states and every gradient within the tolerances above.
    static func expectAgreement(_ o: OptimizedRun, _ r: ReferenceNetwork.Result) {
        #expect(abs(o.loss - r.loss) < 1e-5)
        #expect(maxAbsDiff(o.logits, r.logits) < 2e-5)
        #expect(maxAbsDiff(o.finalH, r.finalH) < 2e-5)
        #expect(maxAbsDiff(o.finalC, r.finalC) < 2e-5)
        #expect(maxAbsDiff(o.gradients, r.gradients) < 2e-5)
        #expect(maxAbsDiff(o.gradH0, r.gradH0) < 2e-5)
        #expect(maxAbsDiff(o.gradC0, r.gradC0) < 2e-5)
    }

    /// Both ways of running layer 0's input side: per row (embedding gather + N-row GEMMs) and per
    /// vocabulary id (`NetworkWorkspace.usesTokenTables`); V = 9 against N = 18 rows.
    @Test(arguments: cases.flatMap { c in [(c.0, c.1, false), (c.0, c.1, true)] })
    func forwardAndBackward(cell: CellKind, layers: Int, tokenTables: Bool) {
        let pr = Problem(cell: cell, layers: layers, vocabulary: 9, embedding: 6, hidden: 8, steps: 6, batch: 3, seed: 5)
        let r = pr.reference()
        let o = pr.optimized(tokenTables: tokenTables)
        Self.expectAgreement(o, r)
    }

    /// The per-step products over packed panels in small-kernel blocks (`StepProduct`), with the
    /// batch rows on one thread, split over two (`pairedRows`), or the hidden units split over two
    /// (`splitByUnits`), and in one `sgemm` call each (other cores' path), against the reference.
    /// H = 40 and G·H up to 160 make every block deep enough (k ≥ 32) for OpenBLAS's small-matrix
    /// kernel on cores that have it; the unit parts are 24 and 16 units, and the 24 end in a padded
    /// tail panel; B = 19 splits into halves of 10 and 9 rows.
    @Test(arguments: cases.flatMap { c in [(c.0, c.1, true, false, false), (c.0, c.1, true, true, false), (c.0, c.1, true, true, true),
                                           (c.0, c.1, false, false, false)] })
    func stepBlocksMatchReference(cell: CellKind, layers: Int, blocks: Bool, paired: Bool, byUnits: Bool) {
        let pr = Problem(cell: cell, layers: layers, vocabulary: 9, embedding: 6, hidden: 40, steps: 4, batch: 19, seed: 11)
        let r = pr.reference()
        let o = pr.optimized(stepBlocks: blocks, pairedRows: paired, byUnits: byUnits)
        Self.expectAgreement(o, r)
    }

    /// One thread, rows split over two, or units split over two: the same numbers, bit for bit
    /// (each row and unit goes through the same OpenBLAS calls and gate arithmetic either way;
    /// `StepProduct`'s k-blocks do not depend on the rows).
    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func pairedRowsAreBitIdentical(cell: CellKind) {
        let pr = Problem(cell: cell, layers: 2, vocabulary: 9, embedding: 6, hidden: 40, steps: 5, batch: 19, seed: 12)
        let one = pr.optimized(stepBlocks: true, pairedRows: false)
        for two in [pr.optimized(stepBlocks: true, pairedRows: true, byUnits: false),
                    pr.optimized(stepBlocks: true, pairedRows: true, byUnits: true)] {
            Self.expectBitIdentical(one, two)
        }
    }

    /// Sizes at which the passes outside the time loops also split (`PairedWorker.inHalves`: bias
    /// fills, the token-table rows and their gradient, the output layer's bias rows, dLogits and
    /// the sums per column, each over at least 64K floats here): still one thread's numbers, bit
    /// for bit, with and without token tables.
    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func passesInHalvesAreBitIdentical(cell: CellKind) {
        let pr = Problem(cell: cell, layers: 2, vocabulary: 250, embedding: 8, hidden: 128, steps: 32, batch: 16, seed: 14)
        #expect(32 * 16 * 128 >= PairedWorker.elementwiseSplitMinimum && 32 * 16 * 250 >= PairedWorker.elementwiseSplitMinimum)
        for tables in [true, false] {
            let one = pr.optimized(tokenTables: tables, stepBlocks: true, pairedRows: false)
            let two = pr.optimized(tokenTables: tables, stepBlocks: true, pairedRows: true, byUnits: false)
            Self.expectBitIdentical(one, two, "token tables \(tables)")
        }
    }

    /// The unit split's default: lstm and gru at H = 512 (W_hh 4 and 3 MB), not rnn at 512 or lstm at
    /// 256 (1 MB each).
    @Test func unitSplitForLargeRecurrentMatrices() {
        func shape(_ cell: CellKind, _ hidden: Int) -> NetworkShape {
            NetworkShape(cell: cell, vocabulary: 65, embedding: 64, hidden: hidden, layers: 2)
        }
        #expect(NetworkWorkspace.unitSplitWorthIt(shape(.lstm, 512)))
        #expect(NetworkWorkspace.unitSplitWorthIt(shape(.gru, 512)))
        #expect(!NetworkWorkspace.unitSplitWorthIt(shape(.rnn, 512)))
        #expect(!NetworkWorkspace.unitSplitWorthIt(shape(.lstm, 256)))
        // Batch 1 (evaluation): from W_hh = 512 KB on (G·H²·4 bytes ≥ 524,288).
        #expect(NetworkWorkspace.unitSplitWorthItForOneRow(shape(.lstm, 182)))
        #expect(!NetworkWorkspace.unitSplitWorthItForOneRow(shape(.lstm, 181)))
        #expect(NetworkWorkspace.unitSplitWorthItForOneRow(shape(.rnn, 363)))
        #expect(!NetworkWorkspace.unitSplitWorthItForOneRow(shape(.rnn, 362)))
        #expect(NetworkWorkspace.unitSplitWorthItForOneRow(shape(.gru, 210)))
        #expect(!NetworkWorkspace.unitSplitWorthItForOneRow(shape(.gru, 209)))
        // Which default a workspace takes: its batch decides; one thread never splits.
        for (batch, hidden, expected) in [(1, 256, true), (1, 64, false), (32, 256, false), (32, 512, true)] {
            let ws = NetworkWorkspace(shape: shape(.lstm, hidden), maxSteps: 2, batch: batch, stepBlocks: true)
            ws.pairedRows = true
            #expect(ws.byUnits() == expected, "batch \(batch), H \(hidden)")
            ws.pairedRows = false
            #expect(!ws.byUnits())
        }
    }

    /// Batch 1, as evaluation runs: the hidden units split over two cores give one thread's numbers
    /// bit for bit, and those agree with the reference. H = 40 (unit parts 24 and 16) as in
    /// `stepBlocksMatchReference`.
    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func unitSplitAtBatchOne(cell: CellKind) {
        let pr = Problem(cell: cell, layers: 2, vocabulary: 9, embedding: 6, hidden: 40, steps: 7, batch: 1, seed: 13)
        let one = pr.optimized(stepBlocks: true, pairedRows: false)
        Self.expectAgreement(one, pr.reference())
        let two = pr.optimized(stepBlocks: true, pairedRows: true, byUnits: true)
        Self.expectBitIdentical(one, two)
    }

    /// Dropout: the optimized run draws its masks; the reference, given the same masks, must agree.
    /// The masks themselves: only 0 and 1/(1 − p), and the share of zeros near p.
    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func dropoutMatchesReferenceWithSameMasks(cell: CellKind) {
        let pr = Problem(cell: cell, layers: 3, vocabulary: 9, embedding: 6, hidden: 8, steps: 6, batch: 3, seed: 9)
        let o = pr.optimized(dropout: 0.25, seed: 4)
        let r = pr.reference(masks: o.masks)
        #expect(abs(o.loss - r.loss) < 1e-5)
        #expect(maxAbsDiff(o.gradients, r.gradients) < 2e-5)
        let all = o.masks[1] + o.masks[2]
        #expect(all.allSatisfy { $0 == 0 || abs($0 - 1 / 0.75) < 1e-6 })
        let zeros = Double(all.filter { $0 == 0 }.count) / Double(all.count)
        // 288 Bernoulli(0.25) draws: standard deviation √(0.25·0.75/288) ≈ 0.026; allow 4σ.
        #expect(abs(zeros - 0.25) < 0.11)
        #expect(o.masks[0].isEmpty)
    }

    /// Gradient clipping against its definition computed in Double.
    @Test func clippingByGlobalNorm() {
        var rng = Xoshiro256(seed: 3)
        var g = (0..<1001).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        let norm = g.map { Double($0) * Double($0) }.reduce(0, +).squareRoot()
        let expected = g.map { Double($0) * min(1, 2.0 / (norm + 1e-6)) }
        let (n, c) = g.withUnsafeMutableBufferPointer { clipGradientNorm($0.baseAddress!, count: $0.count, maxNorm: 2) }
        #expect(abs(n - norm) < 1e-12 * norm)
        #expect(abs(c - 2 / (norm + 1e-6)) < 1e-15)
        #expect(maxAbsDiff(g.map(Double.init), expected) < 1e-7)
        // Below the threshold nothing changes.
        var h: [Float] = [0.3, -0.4]
        let (n2, c2) = h.withUnsafeMutableBufferPointer { clipGradientNorm($0.baseAddress!, count: 2, maxNorm: 5) }
        #expect(abs(n2 - 0.5) < 1e-7 && c2 == 1 && h == [0.3, -0.4])
    }

    /// Adam over several steps against the textbook formula in Double (Kingma & Ba 2015, Algorithm 1
    /// with PyTorch's ε placement); SGD against p − lr·g.
    @Test func adamAndSGDSteps() {
        var rng = Xoshiro256(seed: 8)
        let n = 50
        var p = (0..<n).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        var pd = p.map(Double.init)
        var m = [Double](repeating: 0, count: n), v = m
        let adam = Optimizer(kind: .adam, count: n)
        for t in 1...5 {
            let g = (0..<n).map { _ in Float(rng.nextUnitDouble() - 0.5) }
            for i in 0..<n {
                let gi = Double(g[i])
                m[i] = 0.9 * m[i] + 0.1 * gi
                v[i] = 0.999 * v[i] + 0.001 * gi * gi
                let mh = m[i] / (1 - pow(0.9, Double(t))), vh = v[i] / (1 - pow(0.999, Double(t)))
                pd[i] -= 0.01 * mh / (vh.squareRoot() + 1e-8)
            }
            p.withUnsafeMutableBufferPointer { pp in g.withUnsafeBufferPointer { adam.update(parameters: pp.baseAddress!, gradients: $0.baseAddress!, count: n, lr: 0.01) } }
        }
        // 5 updates of size ≤ 0.01 in float32: each rounds by ≤ 6e-8; 1e-6 is generous.
        #expect(maxAbsDiff(p.map(Double.init), pd) < 1e-6)
        #expect(adam.step == 5)
        var q: [Float] = [1, 2]
        let sgd = Optimizer(kind: .sgd, count: 2)
        q.withUnsafeMutableBufferPointer { sgd.update(parameters: $0.baseAddress!, gradients: [0.5, -1], count: 2, lr: 0.1) }
        #expect(q == [0.95, 2.1])
    }

    /// The training step's elementwise passes split over the two threads (`parallel: true`, as with
    /// `--threads 2`) give the one-thread results bit for bit: clipping, Adam and SGD over a buffer
    /// long enough to be cut in two.
    @Test func elementwisePassesInHalvesMatchOneThread() {
        let n = 2 * PairedWorker.elementwiseSplitMinimum + 5
        var rng = Xoshiro256(seed: 21)
        let start = (0..<n).map { _ in Float(rng.nextUnitDouble() - 0.5) }
        let grads = (0..<3).map { _ in (0..<n).map { _ in Float(rng.nextUnitDouble() - 0.5) } }
        for kind in OptimizerKind.allCases {
            var results: [[Float]] = []
            var norms: [Double] = []
            for parallel in [false, true] {
                var p = start
                let opt = Optimizer(kind: kind, count: n)
                for g0 in grads {
                    var g = g0
                    let (norm, _) = g.withUnsafeMutableBufferPointer {
                        clipGradientNorm($0.baseAddress!, count: n, maxNorm: 1, parallel: parallel)
                    }
                    norms.append(norm)
                    p.withUnsafeMutableBufferPointer { pp in
                        g.withUnsafeBufferPointer { opt.update(parameters: pp.baseAddress!, gradients: $0.baseAddress!, count: n, lr: 0.01, parallel: parallel) }
                    }
                }
                results.append(p)
            }
            #expect(results[0] == results[1], "\(kind)")
            #expect(norms[0..<3] == norms[3..<6], "\(kind)")
            #expect(results[0] != start, "\(kind): the updates changed nothing")
        }
    }
}
