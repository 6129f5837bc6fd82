import Foundation
import Testing
import SeqbenchCore
import Corpora
import LanguageModels
import AllocationCounter
@testable import Neural

/// The batch-1 step (`SingleStreamStepper`, `StepWeights`, `matrixVector`) against its naive twins: `NetworkWorkspace`
/// at batch 1 and a Double loop. Both sides are float32 networks summing in different orders; over
/// 20 steps of recurrence on values of size ~1 the differences stay at a few 1e-6, and 2e-5 is far
/// below what a wrong index or gate gives (~1e-2).
@Suite("Batch-1 step vs workspace")
struct SingleStreamStepperTests {
    /// A 2-layer model (V 11, E 6) with PyTorch's initialisation from `rng`, and its step weights.
    static func model(cell: CellKind, hidden: Int, table: Bool,
                      using rng: inout Xoshiro256) -> (NetworkShape, FloatBuffer, StepWeights) {
        let shape = NetworkShape(cell: cell, vocabulary: 11, embedding: 6, hidden: hidden, layers: 2)
        let lay = ParameterLayout(shape)
        let params = FloatBuffer(lay.count)
        params.copy(from: lay.initialParameters(using: &rng))
        return (shape, params, StepWeights(shape: shape, parameters: params.pointer, table: table))
    }

    /// Hidden 13: the two-core split is 8 + 5 units, so both the 8-lane loops and the scalar tails run.
    @Test(arguments: CellKind.allCases, [false, true])
    func matchesWorkspace(cell: CellKind, table: Bool) {
        var rng = Xoshiro256(seed: 21)
        let (shape, params, weights) = Self.model(cell: cell, hidden: 13, table: table, using: &rng)
        #expect(weights.usesTable == table && weights.parts.map(\.units) == [0..<8, 8..<13])
        let ws = NetworkWorkspace(shape: shape, maxSteps: 1, batch: 1)
        let serial = SingleStreamStepper(shape: shape, parameters: params.pointer, weights: weights, parallel: false)
        let paired = SingleStreamStepper(shape: shape, parameters: params.pointer, weights: weights, parallel: true)
        let n = shape.layers * shape.hidden
        let sH = FloatBuffer(n), sC = FloatBuffer(n), pH = FloatBuffer(n), pC = FloatBuffer(n)
        let tok = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        defer { tok.deallocate() }
        let V = shape.vocabulary
        let sLogits = FloatBuffer(V), pLogits = FloatBuffer(V), fused = FloatBuffer(V), fusedH = FloatBuffer(n), fusedC = FloatBuffer(n)
        for _ in 0..<20 {
            let t = rng.nextInt(below: V)
            tok.pointee = Int32(t)
            ws.forward(parameters: params.pointer, inputs: tok, targets: nil, steps: 1)
            serial.step(token: t, stateH: sH.pointer, stateC: sC.pointer)
            paired.step(token: t, stateH: pH.pointer, stateC: pC.pointer)
            paired.step(token: t, stateH: fusedH.pointer, stateC: fusedC.pointer, logits: fused.pointer)
            #expect(maxAbsDiff(sH.array.map(Double.init), ws.stateH.array.map(Double.init)) < 2e-5)
            if cell == .lstm { #expect(maxAbsDiff(sC.array.map(Double.init), ws.stateC.array.map(Double.init)) < 2e-5) }
            serial.logits(stateH: sH.pointer, into: sLogits.pointer)
            paired.logits(stateH: pH.pointer, into: pLogits.pointer)
            #expect(maxAbsDiff(sLogits.array.map(Double.init), ws.logits.array.prefix(V).map(Double.init)) < 2e-5)
            // Logits from the step's own hand-over: the same state, and the workspace's logits. With
            // a table, `paired`'s step on pH uses its look-ahead (pH's h0 is the one its last step
            // left), while the step on fusedH (the old state, a copy) must notice the mismatch and
            // compute layer 0's products itself: both must give the same bits.
            #expect(fusedH.array == pH.array && fusedC.array == pC.array)
            #expect(maxAbsDiff(fused.array.map(Double.init), ws.logits.array.prefix(V).map(Double.init)) < 2e-5)
            // The split between cores never changes a number.
            #expect(sH.array == pH.array && sC.array == pC.array && sLogits.array == pLogits.array)
        }
    }

    /// Every other step reads the weights in reverse order (matrices and row blocks); a step's
    /// numbers do not depend on which order it got. Two steppers one step apart in that alternation
    /// take the same tokens from the same states: the same bits, step after step. Hidden 400 puts
    /// 800, 600 or 200 rows (lstm, gru, rnn) of 400 columns in a part's matrices, in blocks of
    /// 320 rows: three, two or one.
    @Test(arguments: CellKind.allCases, [false, true])
    func reversedStepsGiveTheSameBits(cell: CellKind, table: Bool) {
        var rng = Xoshiro256(seed: 5)
        let (shape, params, weights) = Self.model(cell: cell, hidden: 400, table: table, using: &rng)
        let a = SingleStreamStepper(shape: shape, parameters: params.pointer, weights: weights, parallel: false)
        let b = SingleStreamStepper(shape: shape, parameters: params.pointer, weights: weights, parallel: false)
        let n = shape.layers * shape.hidden, V = shape.vocabulary
        let aH = FloatBuffer(n), aC = FloatBuffer(n), bH = FloatBuffer(n), bC = FloatBuffer(n), aL = FloatBuffer(V), bL = FloatBuffer(V)
        b.step(token: 0, stateH: bH.pointer, stateC: bC.pointer)   // b is now one step ahead in the alternation
        bH.zero(); bC.zero()
        for _ in 0..<6 {
            let t = rng.nextInt(below: V)
            a.step(token: t, stateH: aH.pointer, stateC: aC.pointer, logits: aL.pointer)
            b.step(token: t, stateH: bH.pointer, stateC: bC.pointer, logits: bL.pointer)
            #expect(aH.array == bH.array && aC.array == bC.array && aL.array == bL.array)
        }
        #expect(aH.array.contains { $0 != 0 })
    }

    /// `matrixVector` in both of its OpenBLAS forms (sgemv, and sgemm on the TN small-matrix
    /// kernel) against the Double loop: row counts around the kernels' widths, k below and above
    /// the kernel's minimum of 32, a padded row stride, beta 0 and 1, alpha ≠ 1, and one matrix
    /// above the kernel's bound (1100 × 1000 > 100³), which goes in row blocks of 128 (as does
    /// 1030 × 130, in 1008 + 22 rows). Each |term| ≤ 0.25: 1e-5 for sums of ≤ 130 terms, 2e-4 for
    /// 1000 (float32 rounding grows like √k · ulp). The row blocks in reverse order give the same bits.
    @Test(arguments: [false, true])
    func matrixVectorMatchesNaive(smallKernel: Bool) {
        #expect(matrixVectorBlock(cols: 1000) == 128 && matrixVectorBlock(cols: 130) == 1008 && matrixVectorBlock(cols: 512) == 256)
        var rng = Xoshiro256(seed: 8)
        for (rows, k) in [(1, 1), (3, 7), (4, 8), (5, 9), (9, 16), (11, 21), (6, 40), (70, 130), (1030, 130), (1100, 1000)] {
            let ld = k + 3
            let w = (0..<(rows * ld)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
            let x = (0..<k).map { _ in Float(rng.nextUnitDouble() - 0.5) }
            for (alpha, beta) in [(Float(1), Float(0)), (1, 1), (0.5, 1)] {
                let y0 = (0..<(rows + 1)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
                var expected = y0.map(Double.init)
                for r in 0..<rows {
                    var s = 0.0
                    for j in 0..<k { s += Double(w[r * ld + j]) * Double(x[j]) }
                    expected[r] = Double(beta) * expected[r] + Double(alpha) * s
                }
                var y = y0, yReversed = y0
                w.withUnsafeBufferPointer { wp in
                    x.withUnsafeBufferPointer { xp in
                        y.withUnsafeMutableBufferPointer { yp in
                            matrixVector(wp.baseAddress!, rows: rows, cols: k, ld: ld, x: xp.baseAddress!, alpha: alpha, beta: beta,
                                         into: yp.baseAddress!, smallKernel: smallKernel)
                        }
                        yReversed.withUnsafeMutableBufferPointer { yp in
                            matrixVector(wp.baseAddress!, rows: rows, cols: k, ld: ld, x: xp.baseAddress!, alpha: alpha, beta: beta,
                                         into: yp.baseAddress!, smallKernel: smallKernel, reversed: true)
                        }
                    }
                }
                #expect(yReversed == y, "\(rows) × \(k), alpha \(alpha), beta \(beta): reversed")
                #expect(y[rows] == y0[rows])   // the element after the last row is untouched
                #expect(maxAbsDiff(y.map(Double.init), expected) < (k > 130 ? 2e-4 : 1e-5), "\(rows) × \(k), alpha \(alpha), beta \(beta)")
            }
        }
    }

    /// `StepWeights` holds the model's numbers, moved: every part's rows, biases, table columns and
    /// output columns equal the model's at the mapped index (a GRU with a table, so every field is used).
    @Test func stepWeightsAreTheModelsRows() {
        let shape = NetworkShape(cell: .gru, vocabulary: 7, embedding: 5, hidden: 13, layers: 2)
        let lay = ParameterLayout(shape), H = 13, G = 3
        var rng = Xoshiro256(seed: 4)
        let params = FloatBuffer(lay.count)
        params.copy(from: lay.initialParameters(using: &rng))
        let p = params.pointer
        let table = SingleStreamStepper.makeTable(shape: shape, parameters: p)
        let w = StepWeights(shape: shape, parameters: p, table: true)
        for part in w.parts {
            let m = part.units.count, u0 = part.units.lowerBound
            for l in 0..<2 {
                let o = lay.layers[l], inSize = shape.inputSize(layer: l), L = part.layers[l]
                #expect(L.input.count == (l == 0 ? 0 : G * m * inSize) && L.recurrent.count == G * m * H)
                for g in 0..<G {
                    for j in 0..<m {
                        let r = g * H + u0 + j, row = g * m + j
                        for c in 0..<H { #expect(L.recurrent.pointer[row * H + c] == p[o.weightHH + r * H + c]) }
                        if l == 1 { for c in 0..<inSize { #expect(L.input.pointer[row * inSize + c] == p[o.weightIH + r * inSize + c]) } }
                        #expect(L.bias.pointer[row] == p[o.biasIH + r] + (g == 2 ? 0 : p[o.biasHH + r]))
                        if g == 2 { #expect(L.hiddenBias.pointer[j] == p[o.biasHH + r]) }
                        for v in 0..<7 { #expect(part.table.pointer[v * G * m + row] == table.pointer[v * G * H + r]) }
                    }
                }
            }
            for v in 0..<7 { for j in 0..<m { #expect(part.output.pointer[v * m + j] == p[lay.outWeight + v * H + u0 + j]) } }
        }
    }
}

/// Sampling at batch 1 allocates nothing per step: `observe`, `logProbabilities(into:)` and
/// `Sampler.sample` in a loop, with the thread's heap allocations counted by the test executable's
/// malloc (`AllocationCounter`). Counted on this thread: with `parallel` off the step runs both
/// parts here; with it on, the hand-over to the worker too (whose thread runs part 1 with the same
/// code). `counterCountsAndHandOversDoNot` checks the counter itself.
@Suite("Batch-1 sampling allocations")
struct SamplingAllocationTests {
    @Test(arguments: CellKind.allCases)
    func samplingLoopAllocatesNothing(cell: CellKind) {
        // H = 48 and E = 40: products with k ≥ 32 take OpenBLAS's small-kernel form on this machine.
        let vocab = Vocabulary(tokenizer: .char, trainingText: "abcdefghijklmnopqrstuvwxyz ,.\n")
        let V = vocab.count
        let shape = NetworkShape(cell: cell, vocabulary: V, embedding: 40, hidden: 48, layers: 2)
        let lay = ParameterLayout(shape)
        var rng = Xoshiro256(seed: 5)
        let model = RecurrentLanguageModel(vocabulary: vocab, shape: shape, parameters: lay.initialParameters(using: &rng))
        let options = [SamplingOptions(temperature: 0.8), SamplingOptions(temperature: 1, topK: 5, topP: 0.9)]
        for (options, parallel) in options.flatMap({ o in [false, true].map { (o, $0) } }) {
            let ctx = model.makeContext() as! RecurrentContext
            ctx.stepper.parallel = parallel
            var sampler = Sampler(options: options)
            var lp = [Double](repeating: 0, count: V)
            var tok: Int32 = 0
            func draw() {
                ctx.logProbabilities(into: &lp)
                tok = sampler.sample(logProbabilities: lp, using: &rng)!
                ctx.observe(tok)
            }
            draw()   // first use sizes the sampler's buffers
            seqbench_track_allocations(1)
            for _ in 0..<50 { draw() }
            let n = seqbench_allocations()
            seqbench_track_allocations(0)
            #expect(n == 0, "\(n) allocations in 50 sampling steps (\(options), parallel \(parallel))")
        }
    }

    /// The counter sees allocations, so that the zero above can fail: a hand-over of a closure
    /// allocates (its context, converted for the worker to hold), and one of a `PairedHalves` does not.
    @Test func counterSeesClosureHandOversOnly() {
        final class Halves: PairedHalves {
            func runHalf(_ part: Int) {}
        }
        let halves = Halves()
        func count(_ body: () -> Void) -> Int {
            seqbench_track_allocations(1)
            body()
            let n = seqbench_allocations()
            seqbench_track_allocations(0)
            return n
        }
        PairedWorker.shared.run(parallel: true, halves)
        #expect(count { for _ in 0..<100 { PairedWorker.shared.run(parallel: true) { _ in } } } >= 100)
        #expect(count { for _ in 0..<100 { PairedWorker.shared.run(parallel: true, halves) } } == 0)
    }
}
