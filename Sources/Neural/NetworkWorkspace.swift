import Foundation
import SeqbenchCore



/// The optimized forward and backward pass of `Embedding → L × cell → Linear → softmax` over a
/// (T × B) batch, in Float on OpenBLAS, with every buffer allocated once for the largest batch.
///
/// Per layer (shapes in rows × cols, N = T·B):
///
///     P     (N × G·H)   = X (N × in) · W_ihᵀ + b_ih (+ b_hh)      one GEMM for all time steps
///     for t: P[t] (B × G·H) += h_{t−1} (B × H) · W_hhᵀ            the only per-step product
///                                                  (`StepProduct`: OpenBLAS small-kernel blocks)
///            gate math in one tight loop over B·H
///     backward, t = T−1 … 0: gate gradients dA[t], dh_{t−1} = dA_hh[t] · W_hh   (per step)
///     dW_ih += dAᵀ · X,  dW_hh += dA_hhᵀ · H_{0..T−1},  dX = dA · W_ih        (one GEMM each)
///
/// (char-rnn / llm.c layout; `ReferenceNetwork` is the naive twin that tests compare it with.)
/// Gradients accumulate into a buffer the caller zeroes once per step.
///
/// Layer 0 reads embeddings, so its input rows take only V distinct values. When V ≤ N/2
/// (`usesTokenTables`) its input side works per vocabulary id instead of per row:
///
///     forward:  Tab (V × G·H) = Emb · W_ih0ᵀ + biases,   P row i = Tab[token_i]
///     backward: S (V × G·H)   = Σ_{i : token_i = v} dA row i
///               dW_ih0 += Sᵀ · Emb,   db_ih0 += Σ_v S[v],   dEmb += S · W_ih0
///
/// which replaces three (N × G·H × E) GEMMs, 7% of a 2 × 512 step's FLOPs in shapes OpenBLAS runs
/// slowly, by three (V × G·H × E) ones and an N × G·H pass of additions. The numbers are the same
/// sums in another order (the per-row path remains for large vocabularies; tests compare both
/// with the reference).
public final class NetworkWorkspace {
    public let shape: NetworkShape
    public let layout: ParameterLayout
    /// Largest T and B this workspace holds.
    public let maxSteps: Int
    public let batch: Int
    /// Dropout probability between layers (training only).
    public var dropout: Float = 0

    // Per-layer forward caches.
    let hs: [FloatBuffer]       // ((T+1)·B × H): row block t is h_t, block 0 the carried-in state
    let cs: [FloatBuffer]       // LSTM c, same layout
    let tcs: [FloatBuffer]      // LSTM tanh(c_t), (N × H)
    let acts: [FloatBuffer]     // (N × G·H) gate activations
    let hhn: [FloatBuffer]      // GRU (N × H): W_hn h + b_hn
    let hhTemp: FloatBuffer     // GRU (B × G·H)
    let xs: [FloatBuffer]       // layer inputs: layer 0 the embeddings (N × E); l ≥ 1 dropped-out copies
    let masks: [FloatBuffer]    // l ≥ 1: dropout multipliers (N × H)
    let logits: FloatBuffer     // (N × V), probabilities after a training forward
    /// Whether layer 0's input side works per vocabulary id (see the type's documentation).
    public let usesTokenTables: Bool
    let tokenTable: FloatBuffer // (V × G·H) layer 0 input projection per id, token-table path
    let tokenGrad: FloatBuffer  // (V × G·H) layer 0 dA summed per id, token-table path
    /// Whether the per-step products go to OpenBLAS in small-kernel blocks (`StepProduct`).
    public let usesStepBlocks: Bool
    /// Whether the time loops split their work over two cores (the batch rows, or the hidden units
    /// where `splitByUnits` says so): nil decides per pass from `usesStepBlocks` and
    /// `BLASThreads.paired` (tests force it to compare the ways).
    public var pairedRows: Bool? = nil
    /// Whether the time loops split the hidden units over two cores instead of the batch rows: nil
    /// decides from the shape (`unitSplitWorthIt`); tests force it. Used only where `pairedRows`
    /// would split rows.
    public var splitByUnits: Bool? = nil
    /// The two parts of the hidden units (`StepWeights.split`; the second is empty for H ≤ 8).
    let unitParts: [Range<Int>]
    /// The layer's W_hhᵀ (forward) or W_hh (backward) packed (`StepProduct.pack`) per unit part,
    /// step-block path: forward, part q's gate g columns (W_hh's rows g·H + units) at
    /// `forwardPanels[q][g]`; backward, part q's columns of W_hh at `backwardPanels[q]`.
    let panels: FloatBuffer
    let forwardPanels: [[Int]], backwardPanels: [Int]
    let lossParts: UnsafeMutablePointer<Double>   // (2) the loss of each half of the rows
    // Backward scratch.
    let dA: FloatBuffer, dAhh: FloatBuffer
    let dYa: FloatBuffer, dYb: FloatBuffer
    let dh: FloatBuffer, dc: FloatBuffer
    /// Gradient w.r.t. the carried-in state after `backward` (L × B × H), for tests.
    public let gradH0: FloatBuffer, gradC0: FloatBuffer
    /// The state carried between batches (L × B × H): read by `forward`, replaced by its final state.
    public let stateH: FloatBuffer, stateC: FloatBuffer

    var lastSteps = 0
    var lastUsedDropout = false
    var lastInputs: UnsafePointer<Int32>? = nil

    /// - Parameters:
    ///   - tokenTables: force layer 0's token-table path on or off (tests); by default it is used
    ///     when the vocabulary has at most half as many ids as a batch has rows.
    ///   - stepBlocks: force the per-step products into small-kernel blocks or one call each
    ///     (tests); by default `StepProduct.blocked`, OpenBLAS's core decides.
    public init(shape: NetworkShape, maxSteps: Int, batch: Int, tokenTables: Bool? = nil, stepBlocks: Bool? = nil) {
        precondition(maxSteps > 0 && batch > 0, "steps and batch must be > 0, got \(maxSteps), \(batch)")
        self.shape = shape
        layout = ParameterLayout(shape)
        self.maxSteps = maxSteps
        self.batch = batch
        let T = maxSteps, B = batch, H = shape.hidden, L = shape.layers, GH = shape.gateRows
        let N = T * B
        let lstm = shape.cell == .lstm, gru = shape.cell == .gru
        hs = (0..<L).map { _ in FloatBuffer((T + 1) * B * H) }
        cs = (0..<L).map { _ in FloatBuffer(lstm ? (T + 1) * B * H : 0) }
        tcs = (0..<L).map { _ in FloatBuffer(lstm ? N * H : 0) }
        acts = (0..<L).map { _ in FloatBuffer(N * GH) }
        hhn = (0..<L).map { _ in FloatBuffer(gru ? N * H : 0) }
        hhTemp = FloatBuffer(gru ? B * GH : 0)
        xs = (0..<L).map { l in FloatBuffer(N * shape.inputSize(layer: l)) }
        masks = (0..<L).map { l in FloatBuffer(l == 0 ? 0 : N * H) }
        logits = FloatBuffer(N * shape.vocabulary)
        usesTokenTables = tokenTables ?? (2 * shape.vocabulary <= N)
        tokenTable = FloatBuffer(usesTokenTables ? shape.vocabulary * GH : 0)
        tokenGrad = FloatBuffer(usesTokenTables ? shape.vocabulary * GH : 0)
        usesStepBlocks = stepBlocks ?? StepProduct.blocked
        let split = StepWeights.split(hidden: H)
        unitParts = [0..<split, split..<H]
        var forward: [[Int]] = [], backward: [Int] = [], fEnd = 0, bEnd = 0
        for units in unitParts {
            forward.append((0..<shape.cell.gates).map { _ in
                defer { fEnd += StepProduct.packedCount(k: H, n: units.count) }
                return fEnd
            })
            backward.append(bEnd)
            bEnd += StepProduct.packedCount(k: GH, n: units.count)
        }
        forwardPanels = forward
        backwardPanels = backward
        panels = FloatBuffer(usesStepBlocks ? max(fEnd, bEnd) : 0)
        lossParts = .allocate(capacity: 2)
        lossParts.initialize(repeating: 0, count: 2)
        dA = FloatBuffer(N * GH)
        dAhh = FloatBuffer(gru ? N * GH : 0)
        let widest = max(shape.embedding, H)
        dYa = FloatBuffer(N * widest); dYb = FloatBuffer(N * widest)
        dh = FloatBuffer(B * H); dc = FloatBuffer(B * H)
        gradH0 = FloatBuffer(L * B * H); gradC0 = FloatBuffer(L * B * H)
        stateH = FloatBuffer(L * B * H); stateC = FloatBuffer(L * B * H)
    }

    /// Runs `body` over the batch rows of a whole time loop: on the step-block path with two
    /// threads of seqbench's own (`BLASThreads.paired`, or `pairedRows` forced on), rows
    /// [0, ⌈B/2⌉) on this thread and the rest on `PairedWorker`. Batch rows are independent
    /// sequences within a layer, so the halves need no hand-over per time step, and each row goes
    /// through the same OpenBLAS blocks either way: the loop's results are bit-identical to one
    /// thread's (`pairedRowsAreBitIdentical`). Otherwise all rows at once.
    func inRowHalves(_ body: (Range<Int>) -> Void) {
        let B = batch
        guard usesStepBlocks, B > 1, pairedRows ?? BLASThreads.paired else { body(0..<B); return }
        let half = (B + 1) / 2
        PairedWorker.shared.run(parallel: true) { part in body(part == 0 ? 0..<half : half..<B) }
    }

    /// Whether this pass's time loops split the hidden units over the two cores: one hand-over per
    /// time step, each core multiplying all B rows by its half of the panels. Worth it where a
    /// core's half of W_hh is what fits its cache and the whole is not: 32 rows against half of
    /// lstm large's W_hh ran 9–23% faster than 16 rows against all of it in a C loop (Intel Xeon
    /// model 207, `Benchmarks/README.md`). At batch 1 (evaluation) there are no rows to split, and
    /// a step is a matrix–vector product bound by reading W_hh, so each core reading half of it is
    /// worth a hand-over from a smaller size on (`unitSplitWorthItForOneRow`). Results are the
    /// same either way, bit for bit: each (row, unit) goes through the same OpenBLAS calls and gate
    /// arithmetic.
    func byUnits() -> Bool {
        guard usesStepBlocks, !unitParts[1].isEmpty, pairedRows ?? BLASThreads.paired else { return false }
        return splitByUnits ?? (batch == 1 ? Self.unitSplitWorthItForOneRow(shape) : Self.unitSplitWorthIt(shape))
    }

    /// The hidden units of unit part `part` (nil: all of them).
    func units(ofPart part: Int?) -> Range<Int> { part.map { unitParts[$0] } ?? 0..<shape.hidden }

    /// The unit parts a step for `part` covers (nil: both).
    func partsCovered(by part: Int?) -> Range<Int> { part.map { $0..<($0 + 1) } ?? unitParts.indices }

    /// The default of `splitByUnits`: W_hh of at least 2 MB (lstm and gru with H = 512).
    static func unitSplitWorthIt(_ shape: NetworkShape) -> Bool { shape.gateRows * shape.hidden * 4 >= 2 << 20 }

    /// The default of `splitByUnits` at batch 1: W_hh of at least 512 KB (rnn from H = 363, lstm
    /// from 182, gru from 210). `seqbench eval` of one layer on 120K characters of kjv, threads 2
    /// against 1, three alternating runs each (Intel Xeon model 207): from 400–512 KB on 1.2–1.4×
    /// as fast (lstm 160, rnn 362), at 768 KB–1 MB 1.3–1.9× (gru 256, lstm 256, rnn 512), at 4 MB
    /// (lstm 2 × 512) 2.4–2.9×; at 256–432 KB (lstm 128, rnn 256, gru 192) no faster, the
    /// per-step hand-over and the cache lines the cores exchange costing what the halved reading saves.
    static func unitSplitWorthItForOneRow(_ shape: NetworkShape) -> Bool { shape.gateRows * shape.hidden * 4 >= 512 << 10 }

    /// Packs W_hhᵀ per unit part and gate (`forwardPanels`), step-block path.
    func packForward(_ whh: UnsafePointer<Float>) {
        let H = shape.hidden
        forEachUnitPartToPack { q, units in
            for g in 0..<shape.cell.gates {
                StepProduct.pack(k: H, n: units.count, whh + (g * H + units.lowerBound) * H, rowStride: 1, columnStride: H,
                                 into: panels.pointer + forwardPanels[q][g])
            }
        }
    }

    /// Packs W_hh's columns per unit part (`backwardPanels`), step-block path.
    func packBackward(_ whh: UnsafePointer<Float>) {
        let H = shape.hidden
        forEachUnitPartToPack { q, units in
            StepProduct.pack(k: shape.gateRows, n: units.count, whh + units.lowerBound, rowStride: H, columnStride: 1,
                             into: panels.pointer + backwardPanels[q])
        }
    }

    /// Runs `body(part, units)` for each non-empty unit part on the step-block path; with two
    /// threads of seqbench's own, each part on its own core (one hand-over per pack, twice per
    /// layer and pass; a copy, so the same panels either way).
    private func forEachUnitPartToPack(_ body: (Int, Range<Int>) -> Void) {
        guard usesStepBlocks else { return }
        PairedWorker.shared.run(parallel: twoThreads) { q in
            if !unitParts[q].isEmpty { body(q, unitParts[q]) }
        }
    }

    /// Whether this workspace's passes use the two threads of seqbench's own (`BLASThreads.paired`,
    /// or `pairedRows` as the tests force it): row copies, bias fills and sums per column run in
    /// halves (`PairedWorker.inHalves`), with the same numbers.
    var twoThreads: Bool { pairedRows ?? BLASThreads.paired }

    deinit { lossParts.deallocate() }

    /// Zeroes the carried state (start of a text, epoch wrap).
    public func resetState() { stateH.zero(); stateC.zero() }

    /// Runs the network over `steps` time steps of `inputs` (T × B, time-major).
    ///
    /// With `shifted == false` (training, validation) logits row t·B + b predicts `targets[t·B + b]`
    /// from h_{t+1}, the state after reading input t; with `shifted == true` (streaming evaluation)
    /// row t predicts from h_t, the state *before* input t, so that `targets = inputs` scores the
    /// chunk itself. The carried state is replaced by the final state either way.
    /// - Parameters:
    ///   - targets: if given, the loss is computed and probabilities are left for `backward`.
    ///   - rowLogProbabilities: if given (with targets), receives ln p(target) per row.
    ///   - rng: dropout draws (training only; nil turns dropout off).
    ///   - computeOutput: false skips the output layer (a sampling step that only moves the state).
    /// - Returns: the summed cross-entropy over the rows, nats (0 without targets).
    /// - Complexity: 2·T·B·W FLOPs, W = `shape.matmulWeights`.
    @discardableResult
    public func forward(parameters: UnsafePointer<Float>, inputs: UnsafePointer<Int32>, targets: UnsafePointer<Int32>?,
                        steps T: Int, shifted: Bool = false, rowLogProbabilities: UnsafeMutablePointer<Double>? = nil,
                        rng: UnsafeMutablePointer<Xoshiro256>? = nil, computeOutput: Bool = true) -> Double {
        precondition(T > 0 && T <= maxSteps, "steps must be in 1...\(maxSteps), got \(T)")
        let B = batch, H = shape.hidden, E = shape.embedding, V = shape.vocabulary, L = shape.layers
        let G = shape.cell.gates, GH = G * H, N = T * B, BH = B * H
        let lay = layout
        let useDropout = rng != nil && dropout > 0
        lastSteps = T
        lastUsedDropout = useDropout
        lastInputs = inputs

        // Embedding lookup: X0 row i = emb[inputs[i]] (not needed on the token-table path).
        let x0 = xs[0].pointer
        for i in 0..<N {
            let tok = Int(inputs[i])
            precondition(tok >= 0 && tok < V, "token id \(tok) outside the vocabulary (0..<\(V))")
            if !usesTokenTables { (x0 + i * E).update(from: parameters + lay.embedding + tok * E, count: E) }
        }
        for l in 0..<L {
            let inSize = shape.inputSize(layer: l)
            let o = lay.layers[l]
            let wih = parameters + o.weightIH, whh = parameters + o.weightHH
            let bih = parameters + o.biasIH, bhh = parameters + o.biasHH
            let h = hs[l].pointer, a = acts[l].pointer
            h.update(from: stateH.pointer + l * BH, count: BH)
            // Layer input.
            let x: UnsafeMutablePointer<Float>
            if l == 0 {
                x = x0
            } else if useDropout {
                x = xs[l].pointer
                let m = masks[l].pointer
                let below = hs[l - 1].pointer + BH
                let keep = 1 - dropout, scale = 1 / keep
                for i in 0..<(N * H) {
                    let mv: Float = rng!.pointee.nextUnitFloat() < dropout ? 0 : scale
                    m[i] = mv
                    x[i] = below[i] * mv
                }
            } else {
                x = hs[l - 1].pointer + BH
            }
            // P = X · W_ihᵀ + biases, all time steps at once (layer 0: per id, then copied per row).
            let gru = shape.cell == .gru
            let table = l == 0 && usesTokenTables
            let rows = table ? V : N, dst = table ? tokenTable.pointer : a
            PairedWorker.shared.inHalves(count: rows, width: GH, parallel: twoThreads) { rowRange in
                for r in rowRange {
                    let pr = dst + r * GH
                    if gru {
                        for g in 0..<(2 * H) { pr[g] = bih[g] + bhh[g] }
                        for g in (2 * H)..<GH { pr[g] = bih[g] }
                    } else {
                        for g in 0..<GH { pr[g] = bih[g] + bhh[g] }
                    }
                }
            }
            if table {
                sgemm(transA: false, transB: true, m: V, n: GH, k: E, a: parameters + lay.embedding, lda: E, b: wih, ldb: E,
                      beta: 1, c: dst, ldc: GH)
                PairedWorker.shared.inHalves(count: N, width: GH, parallel: twoThreads) { rowRange in
                    for r in rowRange { (a + r * GH).update(from: dst + Int(inputs[r]) * GH, count: GH) }
                }
            } else {
                sgemm(transA: false, transB: true, m: N, n: GH, k: inSize, a: x, lda: inSize, b: wih, ldb: inSize,
                      beta: 1, c: a, ldc: GH)
            }
            packForward(whh)
            /// Rows `rows` of c (B × G·H) += h_prev (B × H) · W_hhᵀ, for the gate columns of unit
            /// part `part` (nil: every part). Odd steps take the parts, gates and panels in reverse
            /// order (`StepProduct.accumulate`'s `reversed`): the same numbers, fewer reads from L3.
            func recurrent(_ hp: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ rows: Range<Int>, _ part: Int?, _ t: Int) {
                let hRows = hp + rows.lowerBound * H, cRows = c + rows.lowerBound * GH
                guard usesStepBlocks else {
                    sgemm(transA: false, transB: true, m: rows.count, n: GH, k: H, a: hRows, lda: H, b: whh, ldb: H,
                          beta: 1, c: cRows, ldc: GH)
                    return
                }
                let reversed = t & 1 == 1
                forEach(in: partsCovered(by: part), reversed: reversed) { q in
                    let units = unitParts[q]
                    if units.isEmpty { return }
                    forEach(in: 0..<G, reversed: reversed) { g in
                        StepProduct.accumulate(m: rows.count, n: units.count, k: H, a: hRows, lda: H,
                                               panels: panels.pointer + forwardPanels[q][g], c: cRows + g * H + units.lowerBound, ldc: GH,
                                               reversed: reversed)
                    }
                }
            }
            /// One time step t for rows `rows` and the hidden units of part `part` (nil: all).
            let step: (Int, Range<Int>, Int?) -> Void
            switch shape.cell {
            case .rnn:
                step = { t, rows, part in
                    let hp = h + t * BH, hn = h + (t + 1) * BH, pt = a + t * B * GH
                    recurrent(hp, pt, rows, part, t)
                    let units = self.units(ofPart: part)
                    for b in rows {
                        let pb = pt + b * H, hb = hn + b * H
                        var j = units.lowerBound
                        while j + 8 <= units.upperBound {
                            let v = fastTanh(load8(pb + j))
                            store8(v, pb + j); store8(v, hb + j)
                            j += 8
                        }
                        while j < units.upperBound {
                            let v = fastTanh(pb[j])
                            pb[j] = v
                            hb[j] = v
                            j += 1
                        }
                    }
                }
            case .lstm:
                let c = cs[l].pointer, tc = tcs[l].pointer
                c.update(from: stateC.pointer + l * BH, count: BH)
                step = { t, rows, part in
                    let hp = h + t * BH, hn = h + (t + 1) * BH, pt = a + t * B * GH
                    let cp = c + t * BH, cn = c + (t + 1) * BH, tct = tc + t * BH
                    recurrent(hp, pt, rows, part, t)
                    let units = self.units(ofPart: part)
                    for b in rows {
                        let pg = pt + b * GH, cpb = cp + b * H, cnb = cn + b * H, hnb = hn + b * H, tcb = tct + b * H
                        var j = units.lowerBound
                        while j + 8 <= units.upperBound {
                            let ig = fastSigmoid(load8(pg + j)), fg = fastSigmoid(load8(pg + H + j))
                            let gg = fastTanh(load8(pg + 2 * H + j)), og = fastSigmoid(load8(pg + 3 * H + j))
                            store8(ig, pg + j); store8(fg, pg + H + j); store8(gg, pg + 2 * H + j); store8(og, pg + 3 * H + j)
                            let cv = fg * load8(cpb + j) + ig * gg
                            store8(cv, cnb + j)
                            let tv = fastTanh(cv)
                            store8(tv, tcb + j)
                            store8(og * tv, hnb + j)
                            j += 8
                        }
                        while j < units.upperBound {
                            let ig = fastSigmoid(pg[j]), fg = fastSigmoid(pg[H + j])
                            let gg = fastTanh(pg[2 * H + j]), og = fastSigmoid(pg[3 * H + j])
                            pg[j] = ig; pg[H + j] = fg; pg[2 * H + j] = gg; pg[3 * H + j] = og
                            let cv = fg * cpb[j] + ig * gg
                            cnb[j] = cv
                            let tv = fastTanh(cv)
                            tcb[j] = tv
                            hnb[j] = og * tv
                            j += 1
                        }
                    }
                }
            case .gru:
                let hh = hhTemp.pointer, nn = hhn[l].pointer
                step = { t, rows, part in
                    let hp = h + t * BH, hn = h + (t + 1) * BH, pt = a + t * B * GH, nt = nn + t * BH
                    let units = self.units(ofPart: part)
                    for b in rows {
                        let row = hh + b * GH
                        for j in units { row[j] = 0; row[H + j] = 0; row[2 * H + j] = bhh[2 * H + j] }
                    }
                    recurrent(hp, hh, rows, part, t)
                    for b in rows {
                        let pg = pt + b * GH, hg = hh + b * GH, hpb = hp + b * H, hnb = hn + b * H, ntb = nt + b * H
                        var j = units.lowerBound
                        while j + 8 <= units.upperBound {
                            let r = fastSigmoid(load8(pg + j) + load8(hg + j)), z = fastSigmoid(load8(pg + H + j) + load8(hg + H + j))
                            let hv = load8(hg + 2 * H + j)
                            let n = fastTanh(load8(pg + 2 * H + j) + r * hv)
                            store8(r, pg + j); store8(z, pg + H + j); store8(n, pg + 2 * H + j)
                            store8(hv, ntb + j)
                            store8((1 - z) * n + z * load8(hpb + j), hnb + j)
                            j += 8
                        }
                        while j < units.upperBound {
                            let r = fastSigmoid(pg[j] + hg[j]), z = fastSigmoid(pg[H + j] + hg[H + j])
                            let hv = hg[2 * H + j]
                            let n = fastTanh(pg[2 * H + j] + r * hv)
                            pg[j] = r; pg[H + j] = z; pg[2 * H + j] = n
                            ntb[j] = hv
                            hnb[j] = (1 - z) * n + z * hpb[j]
                            j += 1
                        }
                    }
                }
            }
            if byUnits() {
                for t in 0..<T { PairedWorker.shared.run(parallel: true) { part in step(t, 0..<B, part) } }
            } else {
                inRowHalves { rows in for t in 0..<T { step(t, rows, nil) } }
            }
            if shape.cell == .lstm { (stateC.pointer + l * BH).update(from: cs[l].pointer + T * BH, count: BH) }
            (stateH.pointer + l * BH).update(from: h + T * BH, count: BH)
        }
        guard computeOutput else { return 0 }
        // Output layer: logits = H_top · W_outᵀ + b_out.
        let top = hs[L - 1].pointer + (shifted ? 0 : BH)
        let lg = logits.pointer
        let bout = parameters + lay.outBias
        PairedWorker.shared.inHalves(count: N, width: V, parallel: twoThreads) { rowRange in
            for r in rowRange { (lg + r * V).update(from: bout, count: V) }
        }
        sgemm(transA: false, transB: true, m: N, n: V, k: H, a: top, lda: H, b: parameters + lay.outWeight, ldb: H,
              beta: 1, c: lg, ldc: V)
        guard let targets else { return 0 }
        // Softmax cross-entropy; probabilities stay in `logits` for backward. Rows in two halves
        // (on both threads when they are seqbench's own), each summing its own loss; the total is
        // half 0's plus half 1's whichever thread ran them.
        let parts = lossParts
        let half = (N + 1) / 2
        PairedWorker.shared.run(parallel: BLASThreads.paired && N >= 64) { part in
            var total = 0.0
            for r in (part == 0 ? 0..<half : half..<N) {
                let row = lg + r * V
                var m = -Float.infinity
                for v in 0..<V { m = max(m, row[v]) }
                var s: Float = 0
                for v in 0..<V {
                    let e = expf(row[v] - m)
                    row[v] = e
                    s += e
                }
                let tgt = Int(targets[r])
                precondition(tgt >= 0 && tgt < V, "target id \(tgt) outside the vocabulary (0..<\(V))")
                let lp = Double(logf(row[tgt] / s))
                total -= lp
                rowLogProbabilities?[r] = lp
                let inv = 1 / s
                for v in 0..<V { row[v] *= inv }
            }
            parts[part] = total
        }
        return parts[0] + parts[1]
    }

    /// Gradients of `lossScale · Σ cross-entropy` of the last `forward` (called with targets, not
    /// shifted), added into `gradients` (ParameterLayout order). `lossScale = 1/(T·B)` gives the
    /// gradient of the mean loss. No gradient flows into the carried-in state's producer (truncated
    /// BPTT); `gradH0`/`gradC0` receive d loss / d state-in.
    /// - Complexity: 4·T·B·W FLOPs.
    public func backward(parameters: UnsafePointer<Float>, targets: UnsafePointer<Int32>, gradients: UnsafeMutablePointer<Float>,
                         lossScale: Float) {
        let T = lastSteps
        precondition(T > 0, "backward needs a forward with targets first")
        let B = batch, H = shape.hidden, E = shape.embedding, V = shape.vocabulary, L = shape.layers
        let GH = shape.gateRows, N = T * B, BH = B * H
        let lay = layout
        // dLogits = (p − onehot) · lossScale.
        let lg = logits.pointer
        PairedWorker.shared.inHalves(count: N, width: V, parallel: twoThreads) { rowRange in
            for r in rowRange {
                let row = lg + r * V
                for v in 0..<V { row[v] *= lossScale }
                row[Int(targets[r])] -= lossScale
            }
        }
        let top = hs[L - 1].pointer + BH
        sgemm(transA: true, transB: false, m: V, n: H, k: N, a: lg, lda: V, b: top, ldb: H,
              beta: 1, c: gradients + lay.outWeight, ldc: H)
        columnSums(lg, rows: N, cols: V, into: gradients + lay.outBias, parallel: twoThreads)
        var dY = dYa.pointer, dX = dYb.pointer
        sgemm(transA: false, transB: false, m: N, n: H, k: V, a: lg, lda: V, b: parameters + lay.outWeight, ldb: H,
              beta: 0, c: dY, ldc: H)
        let dhp = dh.pointer, dcp = dc.pointer
        for l in stride(from: L - 1, through: 0, by: -1) {
            let inSize = shape.inputSize(layer: l)
            let o = lay.layers[l]
            let whh = parameters + o.weightHH
            let h = hs[l].pointer, a = acts[l].pointer, da = dA.pointer
            let gru = shape.cell == .gru
            let dahh = gru ? dAhh.pointer : da
            dhp.update(repeating: 0, count: BH)
            dcp.update(repeating: 0, count: BH)
            packBackward(whh)
            /// Gate gradients dA[t] for rows `rows` and hidden units `units` (LSTM: and dc; GRU: dA_hh
            /// and the z ⊙ dh part of dh_{t−1}).
            let gates: (Int, Range<Int>, Range<Int>) -> Void
            switch shape.cell {
            case .rnn:
                gates = { t, rows, units in
                    let at = a + t * B * GH, dat = da + t * B * GH, dyt = dY + t * BH
                    for b in rows {
                        let ab = at + b * H, db = dat + b * H, yb = dyt + b * H, hb = dhp + b * H
                        var j = units.lowerBound
                        while j + 8 <= units.upperBound {
                            let v = load8(ab + j)
                            store8((load8(yb + j) + load8(hb + j)) * (1 - v * v), db + j)
                            j += 8
                        }
                        while j < units.upperBound {
                            let v = ab[j]
                            db[j] = (yb[j] + hb[j]) * (1 - v * v)
                            j += 1
                        }
                    }
                }
            case .lstm:
                gates = { t, rows, units in
                    let at = a + t * B * GH, dat = da + t * B * GH, dyt = dY + t * BH
                    let c = self.cs[l].pointer + t * BH, tc = self.tcs[l].pointer + t * BH
                    for b in rows {
                        let ag = at + b * GH, dg = dat + b * GH, cpb = c + b * H, tcb = tc + b * H
                        let dyb = dyt + b * H, dhb = dhp + b * H, dcb = dcp + b * H
                        var j = units.lowerBound
                        while j + 8 <= units.upperBound {
                            let d = load8(dyb + j) + load8(dhb + j)
                            let ig = load8(ag + j), fg = load8(ag + H + j), gg = load8(ag + 2 * H + j), og = load8(ag + 3 * H + j)
                            let tv = load8(tcb + j)
                            let dcv = load8(dcb + j) + d * og * (1 - tv * tv)
                            store8(dcv * gg * ig * (1 - ig), dg + j)
                            store8(dcv * load8(cpb + j) * fg * (1 - fg), dg + H + j)
                            store8(dcv * ig * (1 - gg * gg), dg + 2 * H + j)
                            store8(d * tv * og * (1 - og), dg + 3 * H + j)
                            store8(dcv * fg, dcb + j)
                            j += 8
                        }
                        while j < units.upperBound {
                            defer { j += 1 }
                            let d = dyb[j] + dhb[j]
                            let ig = ag[j], fg = ag[H + j], gg = ag[2 * H + j], og = ag[3 * H + j]
                            let tv = tcb[j]
                            let dcv = dcb[j] + d * og * (1 - tv * tv)
                            dg[j] = dcv * gg * ig * (1 - ig)
                            dg[H + j] = dcv * cpb[j] * fg * (1 - fg)
                            dg[2 * H + j] = dcv * ig * (1 - gg * gg)
                            dg[3 * H + j] = d * tv * og * (1 - og)
                            dcb[j] = dcv * fg
                        }
                    }
                }
            case .gru:
                gates = { t, rows, units in
                    let at = a + t * B * GH, dat = da + t * B * GH, dyt = dY + t * BH
                    let hp = h + t * BH, nt = self.hhn[l].pointer + t * BH, dht = dahh + t * B * GH
                    for b in rows {
                        let ag = at + b * GH, dg = dat + b * GH, dgh = dht + b * GH
                        let hpb = hp + b * H, ntb = nt + b * H, dyb = dyt + b * H, dhb = dhp + b * H
                        var j = units.lowerBound
                        while j + 8 <= units.upperBound {
                            let d = load8(dyb + j) + load8(dhb + j)
                            let r = load8(ag + j), z = load8(ag + H + j), n = load8(ag + 2 * H + j)
                            let dn = d * (1 - z) * (1 - n * n)
                            let dz = d * (load8(hpb + j) - n) * z * (1 - z)
                            let dr = dn * load8(ntb + j) * r * (1 - r)
                            store8(dr, dg + j); store8(dr, dgh + j)
                            store8(dz, dg + H + j); store8(dz, dgh + H + j)
                            store8(dn, dg + 2 * H + j); store8(dn * r, dgh + 2 * H + j)
                            store8(d * z, dhb + j)
                            j += 8
                        }
                        while j < units.upperBound {
                            defer { j += 1 }
                            let d = dyb[j] + dhb[j]
                            let r = ag[j], z = ag[H + j], n = ag[2 * H + j]
                            let dn = d * (1 - z) * (1 - n * n)
                            let dz = d * (hpb[j] - n) * z * (1 - z)
                            let dr = dn * ntb[j] * r * (1 - r)
                            dg[j] = dr; dgh[j] = dr
                            dg[H + j] = dz; dgh[H + j] = dz
                            dg[2 * H + j] = dn; dgh[2 * H + j] = dn * r
                            dhb[j] = d * z
                        }
                    }
                }
            }
            /// dh_{t−1} (rows `rows`, the units of part `part`, nil: all) = dA_hh[t] · W_hh (+ z ⊙ dh
            /// for the GRU, already in dh); odd steps in reverse order, as forward.
            func recurrent(_ t: Int, _ rows: Range<Int>, _ part: Int?) {
                let dRows = dahh + (t * B + rows.lowerBound) * GH, hRows = dhp + rows.lowerBound * H
                guard usesStepBlocks else {
                    sgemm(transA: false, transB: false, m: rows.count, n: H, k: GH, a: dRows, lda: GH, b: whh, ldb: H,
                          beta: gru ? 1 : 0, c: hRows, ldc: H)
                    return
                }
                let reversed = t & 1 == 1
                forEach(in: partsCovered(by: part), reversed: reversed) { q in
                    let units = unitParts[q]
                    if units.isEmpty { return }
                    if !gru { for b in 0..<rows.count { (hRows + b * H + units.lowerBound).update(repeating: 0, count: units.count) } }
                    StepProduct.accumulate(m: rows.count, n: units.count, k: GH, a: dRows, lda: GH,
                                           panels: panels.pointer + backwardPanels[q], c: hRows + units.lowerBound, ldc: H,
                                           reversed: reversed)
                }
            }
            if byUnits() {
                // A part's product for step t needs every unit's dA[t]; its gates for step t − 1
                // need only its own units of dh_{t−1}: one hand-over per step.
                PairedWorker.shared.run(parallel: true) { part in gates(T - 1, 0..<B, self.units(ofPart: part)) }
                for t in stride(from: T - 1, through: 1, by: -1) {
                    PairedWorker.shared.run(parallel: true) { part in
                        recurrent(t, 0..<B, part)
                        gates(t - 1, 0..<B, self.units(ofPart: part))
                    }
                }
                PairedWorker.shared.run(parallel: true) { part in recurrent(0, 0..<B, part) }
            } else {
                inRowHalves { rows in
                    for t in stride(from: T - 1, through: 0, by: -1) {
                        gates(t, rows, 0..<H)
                        recurrent(t, rows, nil)
                    }
                }
            }
            (gradH0.pointer + l * BH).update(from: dhp, count: BH)
            if shape.cell == .lstm { (gradC0.pointer + l * BH).update(from: dcp, count: BH) }
            // Weight gradients over all time steps at once.
            sgemm(transA: true, transB: false, m: GH, n: H, k: N, a: dahh, lda: GH, b: h, ldb: H,
                  beta: 1, c: gradients + o.weightHH, ldc: H)
            columnSums(dahh, rows: N, cols: GH, into: gradients + o.biasHH, parallel: twoThreads)
            if l == 0 && usesTokenTables {
                // Per id: S = dA rows summed by token; dW_ih0 += Sᵀ·Emb, db_ih0 += Σ S, dEmb += S·W_ih0.
                let s = tokenGrad.pointer, inputs = lastInputs!
                s.update(repeating: 0, count: V * GH)
                PairedWorker.shared.inHalves(count: GH, width: N, parallel: twoThreads) { cols in
                    for i in 0..<N { addRow(da + i * GH + cols.lowerBound, into: s + Int(inputs[i]) * GH + cols.lowerBound, count: cols.count) }
                }
                sgemm(transA: true, transB: false, m: GH, n: E, k: V, a: s, lda: GH, b: parameters + lay.embedding, ldb: E,
                      beta: 1, c: gradients + o.weightIH, ldc: E)
                columnSums(s, rows: V, cols: GH, into: gradients + o.biasIH, parallel: twoThreads)
                sgemm(transA: false, transB: false, m: V, n: E, k: GH, a: s, lda: GH, b: parameters + o.weightIH, ldb: E,
                      beta: 1, c: gradients + lay.embedding, ldc: E)
                continue
            }
            let x: UnsafePointer<Float>
            if l == 0 { x = UnsafePointer(xs[0].pointer) } else if lastUsedDropout { x = UnsafePointer(xs[l].pointer) } else { x = UnsafePointer(hs[l - 1].pointer + BH) }
            sgemm(transA: true, transB: false, m: GH, n: inSize, k: N, a: da, lda: GH, b: x, ldb: inSize,
                  beta: 1, c: gradients + o.weightIH, ldc: inSize)
            columnSums(da, rows: N, cols: GH, into: gradients + o.biasIH, parallel: twoThreads)
            // dX = dA · W_ih, the gradient reaching the layer below (through its dropout mask).
            sgemm(transA: false, transB: false, m: N, n: inSize, k: GH, a: da, lda: GH, b: parameters + o.weightIH, ldb: inSize,
                  beta: 0, c: dX, ldc: inSize)
            if l > 0 {
                if lastUsedDropout {
                    let m = masks[l].pointer
                    for i in 0..<(N * H) { dX[i] *= m[i] }
                }
                swap(&dY, &dX)
            } else {
                let ge = gradients + lay.embedding
                let inputs = lastInputs!
                for i in 0..<N {
                    let dst = ge + Int(inputs[i]) * E, src = dX + i * E
                    for k in 0..<E { dst[k] += src[k] }
                }
            }
        }
    }
}

/// `out[i] += row[i]` for i < count, eight lanes at a time.
/// - Complexity: O(count).
@inline(__always)
func addRow(_ row: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int) {
    var j = 0
    while j + 8 <= count {
        store8(load8(out + j) + load8(row + j), out + j)
        j += 8
    }
    while j < count { out[j] += row[j]; j += 1 }
}

/// `out[j] += Σ_i m[i·cols + j]`, the rows added in order; with `parallel`, each thread takes half
/// of the columns (the same sums).
/// - Complexity: O(rows · cols).
@inline(__always)
func columnSums(_ m: UnsafePointer<Float>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Float>, parallel: Bool = false) {
    PairedWorker.shared.inHalves(count: cols, width: rows, parallel: parallel) { cr in
        for i in 0..<rows {
            let r = m + i * cols
            for j in cr { out[j] += r[j] }
        }
    }
}
