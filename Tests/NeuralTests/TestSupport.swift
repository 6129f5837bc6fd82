import Foundation
import SeqbenchCore
@testable import Neural

/// The optimized network's forward + backward on one batch, results widened to Double for comparison
/// with `ReferenceNetwork.Result`.
struct OptimizedRun {
    var loss: Double
    var logits: [Double]
    var finalH: [Double]
    var finalC: [Double]
    var gradients: [Double]
    var gradH0: [Double]
    var gradC0: [Double]
    /// Dropout multipliers the run drew, per layer (empty for layer 0 or without dropout).
    var masks: [[Double]]

    static func run(shape: NetworkShape, parameters: [Float], inputs: [Int32], targets: [Int32], steps T: Int, batch B: Int,
                    h0: [Float], c0: [Float], dropout: Float = 0, seed: UInt64 = 1, tokenTables: Bool? = nil,
                    stepBlocks: Bool? = nil, pairedRows: Bool? = nil, byUnits: Bool? = nil) -> OptimizedRun {
        let ws = NetworkWorkspace(shape: shape, maxSteps: T, batch: B, tokenTables: tokenTables, stepBlocks: stepBlocks)
        ws.pairedRows = pairedRows
        ws.splitByUnits = byUnits
        ws.stateH.copy(from: h0)
        if shape.cell == .lstm { ws.stateC.copy(from: c0) }
        ws.dropout = dropout
        let grads = FloatBuffer(ws.layout.count)
        var rng = Xoshiro256(seed: seed)
        let lossSum = parameters.withUnsafeBufferPointer { p in
            inputs.withUnsafeBufferPointer { x in
                targets.withUnsafeBufferPointer { y in
                    withUnsafeMutablePointer(to: &rng) { r in
                        ws.forward(parameters: p.baseAddress!, inputs: x.baseAddress!, targets: y.baseAddress!, steps: T,
                                   rng: dropout > 0 ? r : nil)
                    }
                }
            }
        }
        // Logits are overwritten by probabilities; recompute them for comparison from a second forward
        // without targets (same parameters and state-in, so the same numbers).
        let finalH = ws.stateH.array.map(Double.init)
        let finalC = ws.stateC.array.map(Double.init)
        parameters.withUnsafeBufferPointer { p in
            targets.withUnsafeBufferPointer { y in
                ws.backward(parameters: p.baseAddress!, targets: y.baseAddress!, gradients: grads.pointer, lossScale: 1 / Float(T * B))
            }
        }
        let masks = (0..<shape.layers).map { l in dropout > 0 && l > 0 ? ws.masks[l].array.map(Double.init) : [] }
        let gradH0 = ws.gradH0.array.map(Double.init), gradC0 = ws.gradC0.array.map(Double.init)
        // Second pass for the logits.
        let ws2 = NetworkWorkspace(shape: shape, maxSteps: T, batch: B, tokenTables: tokenTables, stepBlocks: stepBlocks)
        ws2.pairedRows = pairedRows
        ws2.splitByUnits = byUnits
        ws2.stateH.copy(from: h0)
        if shape.cell == .lstm { ws2.stateC.copy(from: c0) }
        parameters.withUnsafeBufferPointer { p in
            inputs.withUnsafeBufferPointer { x in
                _ = ws2.forward(parameters: p.baseAddress!, inputs: x.baseAddress!, targets: nil, steps: T)
            }
        }
        return OptimizedRun(loss: lossSum / Double(T * B), logits: ws2.logits.array.prefix(T * B * shape.vocabulary).map(Double.init),
                            finalH: finalH, finalC: shape.cell == .lstm ? finalC : [],
                            gradients: grads.array.map(Double.init), gradH0: gradH0,
                            gradC0: shape.cell == .lstm ? gradC0 : [], masks: masks)
    }
}

/// Random test problems: parameters U(−0.5, 0.5) (embedding N(0, 1)), states U(−1, 1), tokens uniform.
struct Problem {
    var shape: NetworkShape
    var steps: Int
    var batch: Int
    var parameters: [Double]
    var inputs: [Int32]
    var targets: [Int32]
    var h0: [Double]
    var c0: [Double]

    init(cell: CellKind, layers: Int, vocabulary: Int = 7, embedding: Int = 4, hidden: Int = 5, steps: Int = 3, batch: Int = 2, seed: UInt64 = 7) {
        shape = NetworkShape(cell: cell, vocabulary: vocabulary, embedding: embedding, hidden: hidden, layers: layers)
        self.steps = steps; self.batch = batch
        var rng = Xoshiro256(seed: seed)
        let lay = ParameterLayout(shape)
        parameters = (0..<lay.count).map { i in i < lay.layers[0].weightIH ? rng.nextGaussian() : rng.nextUnitDouble() - 0.5 }
        // Round to Float so that the Float and Double runs start from the same numbers.
        parameters = parameters.map { Double(Float($0)) }
        inputs = (0..<(steps * batch)).map { _ in Int32(rng.nextInt(below: vocabulary)) }
        targets = (0..<(steps * batch)).map { _ in Int32(rng.nextInt(below: vocabulary)) }
        let n = layers * batch * hidden
        h0 = (0..<n).map { _ in Double(Float(2 * rng.nextUnitDouble() - 1)) }
        c0 = cell == .lstm ? (0..<n).map { _ in Double(Float(2 * rng.nextUnitDouble() - 1)) } : []
    }

    func reference(masks: [[Double]]? = nil, gradients: Bool = true) -> ReferenceNetwork.Result {
        ReferenceNetwork.run(shape: shape, parameters: parameters, inputs: inputs, targets: targets, steps: steps, batch: batch,
                             h0: h0, c0: c0, dropoutMasks: masks, computeGradients: gradients)
    }

    func optimized(dropout: Float = 0, seed: UInt64 = 1, tokenTables: Bool? = nil, stepBlocks: Bool? = nil,
                   pairedRows: Bool? = nil, byUnits: Bool? = nil) -> OptimizedRun {
        OptimizedRun.run(shape: shape, parameters: parameters.map { Float($0) }, inputs: inputs, targets: targets, steps: steps,
                         batch: batch, h0: h0.map { Float($0) }, c0: c0.map { Float($0) }, dropout: dropout, seed: seed,
                         tokenTables: tokenTables, stepBlocks: stepBlocks, pairedRows: pairedRows, byUnits: byUnits)
    }
}

/// Largest `|a − b| / max(|a| + |b|, floor)` (min-char-rnn's relative error, with an absolute floor for
/// entries that are both near zero).
func maxRelativeError(_ a: [Double], _ b: [Double], floor: Double) -> Double {
    precondition(a.count == b.count, "sizes differ: \(a.count) vs \(b.count)")
    var m = 0.0
    for i in 0..<a.count { m = max(m, abs(a[i] - b[i]) / max(abs(a[i]) + abs(b[i]), floor)) }
    return m
}
