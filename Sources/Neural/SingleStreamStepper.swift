import Foundation

/// One time step at batch 1, for sampling and the token-by-token context: the state moves by one
/// token, and the next token's logits are computed on demand. `NetworkWorkspace` at batch 1 is its
/// naive twin (`SingleStreamStepperTests`); the two agree up to float32 summation order.
///
/// A batch-1 step is a chain of matrix–vector products bound by reading the weights (2 flops per
/// 4-byte weight), so the step reads each weight once and as little else as it can:
///
/// - layer 0's input projection per vocabulary id, `Tab (V × G·H) = Emb · W_ih0ᵀ + biases`, is
///   computed once per model (when V ≤ 8·E, so the table is at most 8× the W_ih0 it replaces):
///   a step reads one row of it instead of all of W_ih0;
/// - each layer's products are split by hidden unit between two parts, run on the two cores
///   (`PairedWorker`, when seqbench runs on two threads of its own, `BLASThreads.paired`): a part
///   computes the G gate rows of its units with two `matrixVector` calls over its own contiguous
///   copy of them (`StepWeights`) and then their gate math, so a layer needs one hand-over, with no
///   wake-up of OpenBLAS's threads per step.
///
/// - with a table and two or more layers, the top layer's hand-over also computes layer 0's
///   recurrent products for the next step (`W_hh0 · h0`, which does not depend on the next token),
///   and the next step, if its state's h0 is bit for bit the one they were computed from, runs
///   layer 0's gate math on the calling core alone: one hand-over per token fewer;
/// - every other step reads a part's matrices, and their row blocks, in the reverse order
///   (`runHalf`), and on one core the two parts too: where the weights a core reads are larger
///   than its L2 (lstm and gru 2 × 512 on two cores; from 2 × 256 on one), the step starts on what
///   the last one read last, still in L2, instead of what it read first, long evicted.
///
/// The new hidden states go to `next` while the other core may still read the old ones; `state`
/// receives them at the end of the step.
final class SingleStreamStepper: PairedHalves {
    let shape: NetworkShape
    let layout: ParameterLayout
    let parameters: UnsafePointer<Float>
    let weights: StepWeights
    /// Whether to use the second core (`BLASThreads.paired` when the context was made).
    var parallel: Bool
    let next: FloatBuffer      // (L × H) new hidden states
    let partial: FloatBuffer   // (2 × V) each part's share of the logits
    /// Per part: (G·m) pre-activations from the biases and the input, (G·m) recurrent products,
    /// and (G·m) layer 0's recurrent products for the next step (the look-ahead).
    private let scratch: [(pre: FloatBuffer, hh: FloatBuffer, ahead: FloatBuffer)]
    /// The pointers one part's step reads, taken once.
    /// Plain pointers only: the two cores copy them every layer, and a copy that retained an array
    /// would make both cores count references on the same cache line.
    private struct PartPointers {
        let u0: Int, m: Int
        let layers: UnsafeMutablePointer<LayerPointers>   // L entries
        let table: UnsafePointer<Float>, output: UnsafePointer<Float>
        let pre: UnsafeMutablePointer<Float>, hh: UnsafeMutablePointer<Float>, ahead: UnsafeMutablePointer<Float>
    }
    private struct LayerPointers {
        let input: UnsafePointer<Float>, recurrent: UnsafePointer<Float>, bias: UnsafePointer<Float>, hiddenBias: UnsafePointer<Float>
    }
    private let part: UnsafeMutablePointer<PartPointers>   // 2 entries
    /// What `runHalf` works on: set by `step` before each hand-over (the hand-over publishes it to
    /// the worker), so that the hand-over needs no closure.
    private var current = (layer: 0, token: 0, logits: false)
    /// Whether this step reads the weights in the reverse order of the last one (every other step;
    /// set before the hand-overs, like `current`).
    private var reversed = false
    /// Whether the top layer's hand-over computes layer 0's next recurrent products (a table and
    /// two or more layers: see the type's documentation).
    let looksAhead: Bool
    /// The h0 that the parts' `hh` were computed from at the end of the last step, and whether they were.
    private let h0Ahead: FloatBuffer
    private var aheadReady = false
    private var currentH: UnsafeMutablePointer<Float>? = nil, currentC: UnsafeMutablePointer<Float>? = nil

    init(shape: NetworkShape, parameters: UnsafePointer<Float>, weights: StepWeights, parallel: Bool) {
        precondition(weights.shape == shape, "step weights for another shape")
        self.shape = shape
        layout = ParameterLayout(shape)
        self.parameters = parameters
        self.weights = weights
        self.parallel = parallel
        next = FloatBuffer(shape.layers * shape.hidden)
        partial = FloatBuffer(2 * shape.vocabulary)
        let G = shape.cell.gates
        scratch = weights.parts.map { (FloatBuffer(G * $0.units.count), FloatBuffer(G * $0.units.count), FloatBuffer(G * $0.units.count)) }
        looksAhead = weights.usesTable && shape.layers >= 2
        h0Ahead = FloatBuffer(shape.hidden)
        precondition(weights.parts.count == 2, "step weights come in two parts")
        part = .allocate(capacity: 2)
        for (p, (w, s)) in zip(weights.parts, scratch).enumerated() {
            let layers = UnsafeMutablePointer<LayerPointers>.allocate(capacity: w.layers.count)
            for (l, lw) in w.layers.enumerated() {
                (layers + l).initialize(to: LayerPointers(input: lw.input.pointer, recurrent: lw.recurrent.pointer,
                                                          bias: lw.bias.pointer, hiddenBias: lw.hiddenBias.pointer))
            }
            (part + p).initialize(to: PartPointers(u0: w.units.lowerBound, m: w.units.count, layers: layers, table: w.table.pointer,
                                                   output: w.output.pointer, pre: s.pre.pointer, hh: s.hh.pointer,
                                                   ahead: s.ahead.pointer))
        }
    }

    deinit {
        for p in 0..<2 { part[p].layers.deallocate() }
        part.deallocate()
    }

    /// Whether a model of this shape gets a token table (see the type's documentation).
    static func usesTable(_ shape: NetworkShape) -> Bool { shape.vocabulary <= 8 * shape.embedding }

    /// `Tab (V × G·H) = Emb · W_ih0ᵀ + b_ih0 + b_hh0` (GRU: b_hh0 only on the r and z rows, as in
    /// `NetworkWorkspace.forward`).
    static func makeTable(shape: NetworkShape, parameters p: UnsafePointer<Float>) -> FloatBuffer {
        let lay = ParameterLayout(shape), V = shape.vocabulary, GH = shape.gateRows, E = shape.embedding
        let t = FloatBuffer(V * GH)
        let o = lay.layers[0], nGates = shape.cell == .gru ? 2 * shape.hidden : GH
        for v in 0..<V {
            let row = t.pointer + v * GH
            for g in 0..<GH { row[g] = p[o.biasIH + g] + (g < nGates ? p[o.biasHH + g] : 0) }
        }
        sgemm(transA: false, transB: true, m: V, n: GH, k: E, a: p + lay.embedding, lda: E, b: p + o.weightIH, ldb: E,
              beta: 1, c: t.pointer, ldc: GH)
        return t
    }

    /// Reads `token`: `stateH` / `stateC` (L × H) move one step. With `logits`, the next token's
    /// logits too, in the same hand-over as the top layer: each part multiplies its columns of W_out
    /// by its units of the new top state, and the two partial sums are added after it (always
    /// part 0 then part 1, whichever core ran them).
    /// - Complexity: 2·(W − V·H) FLOPs (less W_ih0 with a table), 2·V·H more with `logits`.
    func step(token: Int, stateH: UnsafeMutablePointer<Float>, stateC: UnsafeMutablePointer<Float>,
              logits out: UnsafeMutablePointer<Float>? = nil) {
        precondition(token >= 0 && token < shape.vocabulary, "token id \(token) outside the vocabulary (0..<\(shape.vocabulary))")
        let H = shape.hidden, L = shape.layers, V = shape.vocabulary
        currentH = stateH
        currentC = stateC
        reversed.toggle()
        var first = 0
        if aheadReady && memcmp(stateH, h0Ahead.pointer, H * MemoryLayout<Float>.stride) == 0 {
            // Layer 0's products are done: its gate math here, for both parts.
            for p in 0..<2 where part[p].m > 0 { layer(0, token: token, part[p], stateH: stateH, stateC: stateC, recurrentDone: true) }
            first = 1
        }
        aheadReady = false
        for l in first..<L {
            current = (l, token, out != nil && l == L - 1)
            if parallel {
                PairedWorker.shared.run(parallel: true, self)
            } else {
                // One core runs both parts: in reverse order too, so that it ends a step and
                // starts the next on the same part's weights.
                runHalf(reversed ? 1 : 0)
                runHalf(reversed ? 0 : 1)
            }
        }
        if looksAhead {
            h0Ahead.pointer.update(from: next.pointer, count: H)
            aheadReady = true
        }
        stateH.update(from: next.pointer, count: L * H)
        if let out {
            let p0 = partial.pointer, p1 = partial.pointer + V, b = parameters + layout.outBias
            let oneSide = part[1].m == 0   // H ≤ 8: part 1 has no units and wrote nothing
            for v in 0..<V { out[v] = b[v] + p0[v] + (oneSide ? 0 : p1[v]) }
        }
    }

    /// Part `p` of layer `current.layer`: its units' gate rows and cell, and with `current.logits`
    /// its share of the logits, `partial[p] (V) = W_out[:, units] · h_top[units]`.
    ///
    /// Every other step reads the part's weights in the reverse order (`reversed`): the matrices
    /// of the hand-over and the row blocks within them. A step ends on the weights the next one
    /// starts with, which are still in the core's L2 when the part's weights are not. The sums are
    /// the same in either order.
    func runHalf(_ p: Int) {
        let P = part[p]
        if P.m == 0 { return }
        let l = current.layer
        // The new h0 is complete (layer 0 ran in an earlier hand-over or on the caller), so the
        // next step's layer-0 products can come first or last.
        let ahead = looksAhead && l == shape.layers - 1
        if ahead && reversed { lookAhead(P) }
        layer(l, token: current.token, P, stateH: currentH!, stateC: currentC!)
        if current.logits {
            matrixVector(P.output, rows: shape.vocabulary, cols: P.m, ld: P.m, x: next.pointer + l * shape.hidden + P.u0,
                         beta: 0, into: partial.pointer + p * shape.vocabulary)
        }
        if ahead && !reversed { lookAhead(P) }
    }

    /// The next step's layer-0 recurrent products of part `P`, from the new h0, into `ahead`.
    private func lookAhead(_ P: PartPointers) {
        let H = shape.hidden
        matrixVector(P.layers[0].recurrent, rows: shape.cell.gates * P.m, cols: H, ld: H, x: next.pointer, beta: 0, into: P.ahead,
                     reversed: reversed)
    }

    /// `logits (V) = W_out h_top + b_out` (the `sgemm` wrapper splits it over the cores when it is
    /// large enough and `parallel`).
    func logits(stateH: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let V = shape.vocabulary, H = shape.hidden
        out.update(from: parameters + layout.outBias, count: V)
        sgemm(transA: false, transB: true, m: 1, n: V, k: H, a: stateH + (shape.layers - 1) * H, lda: H,
              b: parameters + layout.outWeight, ldb: H, beta: 1, c: out, ldc: V, split: parallel)
    }

    /// Layer `l` for one part's units: pre = biases (or the table row) + W_ih x, hh = W_hh h (with
    /// `recurrentDone`, layer 0's products come from the last step's look-ahead, `ahead`), then
    /// the cell. `reversed`: W_hh first, and each matrix's row blocks from the last.
    private func layer(_ l: Int, token: Int, _ P: PartPointers, stateH: UnsafeMutablePointer<Float>, stateC: UnsafeMutablePointer<Float>,
                       recurrentDone: Bool = false) {
        let H = shape.hidden, Gm = shape.cell.gates * P.m
        let hOld = stateH + l * H
        func recurrent() {
            matrixVector(P.layers[l].recurrent, rows: Gm, cols: H, ld: H, x: hOld, beta: 0, into: P.hh, reversed: reversed)
        }
        if reversed && !recurrentDone { recurrent() }
        if l == 0 && weights.usesTable {
            P.pre.update(from: P.table + token * Gm, count: Gm)
        } else {
            let inSize = shape.inputSize(layer: l)
            let x: UnsafePointer<Float> = l == 0 ? parameters + layout.embedding + token * shape.embedding
                                                 : UnsafePointer(next.pointer + (l - 1) * H)
            P.pre.update(from: P.layers[l].bias, count: Gm)
            matrixVector(P.layers[l].input, rows: Gm, cols: inSize, ld: inSize, x: x, beta: 1, into: P.pre, reversed: reversed)
        }
        if !reversed && !recurrentDone { recurrent() }
        let hNew = next.pointer + l * H + P.u0, hh = recurrentDone ? P.ahead : P.hh
        switch shape.cell {
        case .rnn:
            cellRNN(P.pre, hh, hNew, P.m)
        case .lstm:
            cellLSTM(P.pre, hh, stateC + l * H + P.u0, hNew, P.m)
        case .gru:
            cellGRU(P.pre, hh, P.layers[l].hiddenBias, hOld + P.u0, hNew, P.m)
        }
    }
}

// MARK: Gate math for one part's m units (the formulas of NetworkWorkspace.forward, batch 1)
// `p` and `q` hold gate g of unit j at g·m + j: p the biases and input sums, q the recurrent sums.

@inline(__always)
private func cellRNN(_ p: UnsafePointer<Float>, _ q: UnsafePointer<Float>, _ hNew: UnsafeMutablePointer<Float>, _ m: Int) {
    var j = 0
    while j + 8 <= m { store8(fastTanh(load8(p + j) + load8(q + j)), hNew + j); j += 8 }
    while j < m { hNew[j] = fastTanh(p[j] + q[j]); j += 1 }
}

@inline(__always)
private func cellLSTM(_ p: UnsafePointer<Float>, _ q: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                      _ hNew: UnsafeMutablePointer<Float>, _ m: Int) {
    var j = 0
    while j + 8 <= m {
        let ig = fastSigmoid(load8(p + j) + load8(q + j)), fg = fastSigmoid(load8(p + m + j) + load8(q + m + j))
        let gg = fastTanh(load8(p + 2 * m + j) + load8(q + 2 * m + j)), og = fastSigmoid(load8(p + 3 * m + j) + load8(q + 3 * m + j))
        let cv = fg * load8(c + j) + ig * gg
        store8(cv, c + j)
        store8(og * fastTanh(cv), hNew + j)
        j += 8
    }
    while j < m {
        let ig = fastSigmoid(p[j] + q[j]), fg = fastSigmoid(p[m + j] + q[m + j])
        let gg = fastTanh(p[2 * m + j] + q[2 * m + j]), og = fastSigmoid(p[3 * m + j] + q[3 * m + j])
        let cv = fg * c[j] + ig * gg
        c[j] = cv
        hNew[j] = og * fastTanh(cv)
        j += 1
    }
}

@inline(__always)
private func cellGRU(_ p: UnsafePointer<Float>, _ q: UnsafePointer<Float>, _ bhn: UnsafePointer<Float>, _ hOld: UnsafePointer<Float>,
                     _ hNew: UnsafeMutablePointer<Float>, _ m: Int) {
    var j = 0
    while j + 8 <= m {
        let r = fastSigmoid(load8(p + j) + load8(q + j)), z = fastSigmoid(load8(p + m + j) + load8(q + m + j))
        let n = fastTanh(load8(p + 2 * m + j) + r * (load8(q + 2 * m + j) + load8(bhn + j)))
        store8((1 - z) * n + z * load8(hOld + j), hNew + j)
        j += 8
    }
    while j < m {
        let r = fastSigmoid(p[j] + q[j]), z = fastSigmoid(p[m + j] + q[m + j])
        let n = fastTanh(p[2 * m + j] + r * (q[2 * m + j] + bhn[j]))
        hNew[j] = (1 - z) * n + z * hOld[j]
        j += 1
    }
}
