import Foundation
import Testing
import SeqbenchCore
@testable import Neural

/// The batch-1 step (`SingleStreamStepper`, `rowProducts`) against its naive twins: `NetworkWorkspace`
/// at batch 1 and a Double loop. Both sides are float32 networks summing in different orders; over
/// 20 steps of recurrence on values of size ~1 the differences stay at a few 1e-6, and 2e-5 is far
/// below what a wrong index or gate gives (~1e-2).
@Suite("Batch-1 step vs workspace")
struct SingleStreamStepperTests {
    /// Hidden 13: the two-core split is 8 + 5 units, so both the 8-lane loops and the scalar tails run.
    @Test(arguments: CellKind.allCases, [false, true])
    func matchesWorkspace(cell: CellKind, table: Bool) {
        let shape = NetworkShape(cell: cell, vocabulary: 11, embedding: 6, hidden: 13, layers: 2)
        let lay = ParameterLayout(shape)
        var rng = Xoshiro256(seed: 21)
        let params = FloatBuffer(lay.count)
        params.copy(from: lay.initialParameters(using: &rng))
        let tab = SingleStreamStepper.makeTable(shape: shape, parameters: params.pointer)
        let ws = NetworkWorkspace(shape: shape, maxSteps: 1, batch: 1)
        let serial = SingleStreamStepper(shape: shape, parameters: params.pointer, table: table ? UnsafePointer(tab.pointer) : nil, parallel: false)
        let paired = SingleStreamStepper(shape: shape, parameters: params.pointer, table: table ? UnsafePointer(tab.pointer) : nil, parallel: true)
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
            // Logits from the step's own hand-over: the same state, and the workspace's logits.
            #expect(fusedH.array == pH.array && fusedC.array == pC.array)
            #expect(maxAbsDiff(fused.array.map(Double.init), ws.logits.array.prefix(V).map(Double.init)) < 2e-5)
            // The split between cores never changes a number.
            #expect(sH.array == pH.array && sC.array == pC.array && sLogits.array == pLogits.array)
        }
    }

    /// `rowProducts` (OpenBLAS sgemv on a range of rows) against the Double loop: small and wide
    /// row counts, k around the 8 lanes, a padded row stride, assignment and accumulation. Sums of
    /// ≤ 130 products of size ≤ 0.25: 1e-5.
    @Test func rowProductsMatchNaive() {
        var rng = Xoshiro256(seed: 8)
        for (rows, k) in [(2, 1), (3, 7), (4, 8), (5, 9), (9, 16), (11, 21), (6, 40), (70, 130)] {
            let ld = k + 3
            let w = (0..<(rows * ld)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
            let x = (0..<k).map { _ in Float(rng.nextUnitDouble() - 0.5) }
            for accumulate in [false, true] {
                let y0 = (0..<rows).map { _ in Float(rng.nextUnitDouble() - 0.5) }
                var expected = y0.map(Double.init)
                for r in 1..<rows {
                    var s = 0.0
                    for j in 0..<k { s += Double(w[r * ld + j]) * Double(x[j]) }
                    expected[r] = (accumulate ? expected[r] : 0) + s
                }
                var y = y0
                w.withUnsafeBufferPointer { wp in
                    x.withUnsafeBufferPointer { xp in
                        y.withUnsafeMutableBufferPointer { yp in
                            rowProducts(wp.baseAddress!, ld: ld, x: xp.baseAddress!, k: k, rows: 1..<rows, into: yp.baseAddress!, accumulate: accumulate)
                        }
                    }
                }
                #expect(y[0] == y0[0])   // rows outside the range are untouched
                #expect(maxAbsDiff(y.map(Double.init), expected) < 1e-5)
            }
        }
    }
}
