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
/// - each layer's products are split by hidden unit between the two cores (`PairedWorker`, when
///   seqbench runs on two threads of its own, `BLASThreads.paired`): a core computes the G gate
///   rows of its units from W_ih and W_hh (`rowProducts`, single-threaded OpenBLAS `sgemv`) and
///   then their gate math, so a layer needs one hand-over, with no wake-up of OpenBLAS's threads
///   per step.
///
/// The new hidden states go to `next` while the other core may still read the old ones; `state`
/// receives them at the end of the step.
final class SingleStreamStepper {
    let shape: NetworkShape
    let layout: ParameterLayout
    let parameters: UnsafePointer<Float>
    /// Layer 0's input projection per id (V × G·H), or nil to compute it from the embedding.
    let table: UnsafePointer<Float>?
    /// Whether to use the second core (`BLASThreads.paired` when the context was made).
    var parallel: Bool
    let next: FloatBuffer      // (L × H) new hidden states
    let pre: FloatBuffer       // (G·H) gate pre-activations of the current layer
    let hn: FloatBuffer        // (H) GRU: W_hn h + b_hn
    let partial: FloatBuffer   // (2 × V) each part's share of the logits
    /// Hidden units [0, split) go to part 0, [split, H) to part 1 (a multiple of 8).
    let split: Int

    init(shape: NetworkShape, parameters: UnsafePointer<Float>, table: UnsafePointer<Float>?, parallel: Bool) {
        self.shape = shape
        layout = ParameterLayout(shape)
        self.parameters = parameters
        self.table = table
        self.parallel = parallel
        next = FloatBuffer(shape.layers * shape.hidden)
        pre = FloatBuffer(shape.gateRows)
        hn = FloatBuffer(shape.hidden)
        partial = FloatBuffer(2 * shape.vocabulary)
        split = min(shape.hidden, ((shape.hidden + 15) / 16) * 8)
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
    /// logits too, in the same hand-over as the top layer: each core multiplies its units' columns
    /// of W_out by its units of the new top state, and the two partial sums are added after it
    /// (always part 0 then part 1, whichever core ran them).
    /// - Complexity: 2·(W − V·H) FLOPs (less W_ih0 with a table), 2·V·H more with `logits`.
    func step(token: Int, stateH: UnsafeMutablePointer<Float>, stateC: UnsafeMutablePointer<Float>,
              logits out: UnsafeMutablePointer<Float>? = nil) {
        precondition(token >= 0 && token < shape.vocabulary, "token id \(token) outside the vocabulary (0..<\(shape.vocabulary))")
        let H = shape.hidden, L = shape.layers, V = shape.vocabulary
        for l in 0..<L {
            let withLogits = out != nil && l == L - 1
            PairedWorker.shared.run(parallel: parallel) { part in
                let units = part == 0 ? 0..<split : split..<H
                layer(l, token: token, units: units, stateH: stateH, stateC: stateC)
                if withLogits && !units.isEmpty {
                    // partial[part] (V) = W_out[:, units] · h_top[units]
                    rowProducts(parameters + layout.outWeight + units.lowerBound, ld: H,
                                x: next.pointer + l * H + units.lowerBound, k: units.count, rows: 0..<V,
                                into: partial.pointer + part * V, accumulate: false)
                }
            }
        }
        stateH.update(from: next.pointer, count: L * H)
        if let out {
            let p0 = partial.pointer, p1 = partial.pointer + V, b = parameters + layout.outBias
            let oneSide = split == H   // H ≤ 8: part 1 has no units and wrote nothing
            for v in 0..<V { out[v] = b[v] + p0[v] + (oneSide ? 0 : p1[v]) }
        }
    }

    /// `logits (V) = W_out h_top + b_out` (the `sgemm` wrapper splits it over the cores when it is
    /// large enough and `parallel`).
    func logits(stateH: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let V = shape.vocabulary, H = shape.hidden
        out.update(from: parameters + layout.outBias, count: V)
        sgemm(transA: false, transB: true, m: 1, n: V, k: H, a: stateH + (shape.layers - 1) * H, lda: H,
              b: parameters + layout.outWeight, ldb: H, beta: 1, c: out, ldc: V, split: parallel)
    }

    /// Layer `l` for hidden units `units`: gate rows g·H + j (j ∈ units) of every gate, then the cell.
    private func layer(_ l: Int, token: Int, units: Range<Int>, stateH: UnsafeMutablePointer<Float>, stateC: UnsafeMutablePointer<Float>) {
        if units.isEmpty { return }
        let H = shape.hidden, G = shape.cell.gates, GH = G * H
        let o = layout.layers[l], p = parameters, pr = pre.pointer
        let inSize = shape.inputSize(layer: l)
        let gru = shape.cell == .gru
        let hOld = stateH + l * H
        let x: UnsafePointer<Float> = l == 0 ? p + layout.embedding + token * shape.embedding : UnsafePointer(next.pointer + (l - 1) * H)
        for g in 0..<G {
            let rows = (g * H + units.lowerBound)..<(g * H + units.upperBound)
            if l == 0, let table {
                (pr + rows.lowerBound).update(from: table + token * GH + rows.lowerBound, count: rows.count)
            } else {
                let nGate = gru && g == 2
                for r in rows { pr[r] = p[o.biasIH + r] + (nGate ? 0 : p[o.biasHH + r]) }
                rowProducts(p + o.weightIH, ld: inSize, x: x, k: inSize, rows: rows, into: pr, accumulate: true)
            }
            if gru && g == 2 {
                let hnp = hn.pointer - 2 * H   // row r of the n gate lands at hn[r − 2H]
                for r in rows { hnp[r] = p[o.biasHH + r] }
                rowProducts(p + o.weightHH, ld: H, x: hOld, k: H, rows: rows, into: hnp, accumulate: true)
            } else {
                rowProducts(p + o.weightHH, ld: H, x: hOld, k: H, rows: rows, into: pr, accumulate: true)
            }
        }
        let hNew = next.pointer + l * H
        switch shape.cell {
        case .rnn:
            cellRNN(pr, hNew, units)
        case .lstm:
            cellLSTM(pr, stateC + l * H, hNew, H, units)
        case .gru:
            cellGRU(pr, hn.pointer, hOld, hNew, H, units)
        }
    }
}

// MARK: Gate math for a range of units (the formulas of NetworkWorkspace.forward, batch 1)

@inline(__always)
private func cellRNN(_ p: UnsafeMutablePointer<Float>, _ hNew: UnsafeMutablePointer<Float>, _ u: Range<Int>) {
    var j = u.lowerBound
    while j + 8 <= u.upperBound { store8(fastTanh(load8(p + j)), hNew + j); j += 8 }
    while j < u.upperBound { hNew[j] = fastTanh(p[j]); j += 1 }
}

@inline(__always)
private func cellLSTM(_ p: UnsafeMutablePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ hNew: UnsafeMutablePointer<Float>,
                      _ H: Int, _ u: Range<Int>) {
    var j = u.lowerBound
    while j + 8 <= u.upperBound {
        let ig = fastSigmoid(load8(p + j)), fg = fastSigmoid(load8(p + H + j))
        let gg = fastTanh(load8(p + 2 * H + j)), og = fastSigmoid(load8(p + 3 * H + j))
        let cv = fg * load8(c + j) + ig * gg
        store8(cv, c + j)
        store8(og * fastTanh(cv), hNew + j)
        j += 8
    }
    while j < u.upperBound {
        let ig = fastSigmoid(p[j]), fg = fastSigmoid(p[H + j]), gg = fastTanh(p[2 * H + j]), og = fastSigmoid(p[3 * H + j])
        let cv = fg * c[j] + ig * gg
        c[j] = cv
        hNew[j] = og * fastTanh(cv)
        j += 1
    }
}

@inline(__always)
private func cellGRU(_ p: UnsafeMutablePointer<Float>, _ hn: UnsafePointer<Float>, _ hOld: UnsafePointer<Float>,
                     _ hNew: UnsafeMutablePointer<Float>, _ H: Int, _ u: Range<Int>) {
    var j = u.lowerBound
    while j + 8 <= u.upperBound {
        let r = fastSigmoid(load8(p + j)), z = fastSigmoid(load8(p + H + j))
        let n = fastTanh(load8(p + 2 * H + j) + r * load8(hn + j))
        store8((1 - z) * n + z * load8(hOld + j), hNew + j)
        j += 8
    }
    while j < u.upperBound {
        let r = fastSigmoid(p[j]), z = fastSigmoid(p[H + j])
        let n = fastTanh(p[2 * H + j] + r * hn[j])
        hNew[j] = (1 - z) * n + z * hOld[j]
        j += 1
    }
}

/// `y[r] (+)= Σ_k W[r·ld + k] · x[k]` for r in `rows`: the `sgemm` wrapper's single-row product
/// (one OpenBLAS `sgemv`) on those rows, never split further. Each core of the batch-1 step takes
/// its own rows; the ranges depend only on the shape, so the results do not depend on which
/// thread ran a range.
/// - Complexity: 2·|rows|·k FLOPs.
@inline(__always)
func rowProducts(_ w: UnsafePointer<Float>, ld: Int, x: UnsafePointer<Float>, k: Int, rows: Range<Int>,
                 into y: UnsafeMutablePointer<Float>, accumulate: Bool) {
    sgemm(transA: false, transB: true, m: 1, n: rows.count, k: k, a: x, lda: k, b: w + rows.lowerBound * ld, ldb: ld,
          beta: accumulate ? 1 : 0, c: y + rows.lowerBound, ldc: rows.count, split: false)
}
