import Foundation

/// The naive twin of `Network`: the same forward and backward pass written element by element in
/// Double, with no BLAS and no buffer reuse. It is slow and obviously right; tests check it against
/// central finite differences and PyTorch's float64 numbers, then check every optimized kernel
/// against it.
///
/// Data layout as in PyTorch's time-major convention: `inputs[t·B + b]`, states `[l][b][j]`,
/// logits `[(t·B + b)·V + v]`.
public enum ReferenceNetwork {
    public struct Result {
        /// Mean cross-entropy over the T·B positions, nats.
        public var loss: Double
        /// (T·B × V)
        public var logits: [Double]
        /// Final states (L × B × H); `finalC` is empty unless the cell is an LSTM.
        public var finalH: [Double]
        public var finalC: [Double]
        /// d loss / d parameters, in `ParameterLayout` order.
        public var gradients: [Double]
        /// d loss / d h0, d loss / d c0 (L × B × H).
        public var gradH0: [Double]
        public var gradC0: [Double]
    }

    @inline(__always) static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// Forward and backward over one batch.
    /// - Parameters:
    ///   - parameters: the flat parameter buffer (`ParameterLayout(shape).count`).
    ///   - inputs, targets: (T × B) token ids, time-major.
    ///   - h0, c0: (L × B × H) initial states (`c0` ignored unless LSTM).
    ///   - dropoutMasks: for each layer l ≥ 1, a (T·B × H) multiplier applied to layer l − 1's output
    ///     before layer l reads it (0 or 1/(1 − p)); nil for none.
    /// - Complexity: O(T·B·W) with W = `shape.matmulWeights`.
    public static func run(shape: NetworkShape, parameters p: [Double], inputs: [Int32], targets: [Int32],
                           steps T: Int, batch B: Int, h0: [Double], c0: [Double],
                           dropoutMasks: [[Double]]? = nil, computeGradients: Bool = true) -> Result {
        let lay = ParameterLayout(shape)
        precondition(p.count == lay.count, "parameter count")
        precondition(inputs.count == T * B && targets.count == T * B, "inputs and targets are (T × B)")
        let L = shape.layers, H = shape.hidden, V = shape.vocabulary, E = shape.embedding
        let G = shape.cell.gates, GH = G * H
        let cell = shape.cell
        let N = T * B

        // Forward caches, per layer.
        var xs: [[Double]] = []            // layer input (N × in)
        var hs: [[Double]] = []            // ((T+1)·B × H), row t·B + b is h_t (h_0 first)
        var cs: [[Double]] = []            // same for c (LSTM)
        var acts: [[Double]] = []          // (N × G·H) gate activations
        var hhn: [[Double]] = []           // (N × H) W_hn h + b_hn (GRU)

        var below = [Double](repeating: 0, count: N * E)
        for i in 0..<N {
            let tok = Int(inputs[i])
            for k in 0..<E { below[i * E + k] = p[lay.embedding + tok * E + k] }
        }
        var finalH = [Double](repeating: 0, count: L * B * H)
        var finalC = [Double](repeating: 0, count: cell.hasCellState ? L * B * H : 0)
        for l in 0..<L {
            let inSize = shape.inputSize(layer: l)
            var x = below
            if l > 0, let masks = dropoutMasks {
                for i in 0..<(N * H) { x[i] *= masks[l][i] }
            }
            let o = lay.layers[l]
            var h = [Double](repeating: 0, count: (T + 1) * B * H)
            var c = [Double](repeating: 0, count: (T + 1) * B * H)
            for i in 0..<(B * H) {
                h[i] = h0[l * B * H + i]
                if cell.hasCellState { c[i] = c0[l * B * H + i] }
            }
            var a = [Double](repeating: 0, count: N * GH)
            var nn = [Double](repeating: 0, count: N * H)
            for t in 0..<T {
                for b in 0..<B {
                    let row = t * B + b
                    var ai = [Double](repeating: 0, count: GH), ah = [Double](repeating: 0, count: GH)
                    for g in 0..<GH {
                        var s = p[o.biasIH + g]
                        for k in 0..<inSize { s += p[o.weightIH + g * inSize + k] * x[row * inSize + k] }
                        ai[g] = s
                        var r = p[o.biasHH + g]
                        for k in 0..<H { r += p[o.weightHH + g * H + k] * h[row * H + k] }
                        ah[g] = r
                    }
                    let next = (row + B) * H
                    for j in 0..<H {
                        switch cell {
                        case .rnn:
                            let v = tanh(ai[j] + ah[j])
                            a[row * GH + j] = v
                            h[next + j] = v
                        case .lstm:
                            let ig = sigmoid(ai[j] + ah[j]), fg = sigmoid(ai[H + j] + ah[H + j])
                            let gg = tanh(ai[2 * H + j] + ah[2 * H + j]), og = sigmoid(ai[3 * H + j] + ah[3 * H + j])
                            a[row * GH + j] = ig; a[row * GH + H + j] = fg
                            a[row * GH + 2 * H + j] = gg; a[row * GH + 3 * H + j] = og
                            let cn = fg * c[row * H + j] + ig * gg
                            c[next + j] = cn
                            h[next + j] = og * tanh(cn)
                        case .gru:
                            let r = sigmoid(ai[j] + ah[j]), z = sigmoid(ai[H + j] + ah[H + j])
                            let n = tanh(ai[2 * H + j] + r * ah[2 * H + j])
                            a[row * GH + j] = r; a[row * GH + H + j] = z; a[row * GH + 2 * H + j] = n
                            nn[row * H + j] = ah[2 * H + j]
                            h[next + j] = (1 - z) * n + z * h[row * H + j]
                        }
                    }
                }
            }
            for i in 0..<(B * H) {
                finalH[l * B * H + i] = h[T * B * H + i]
                if cell.hasCellState { finalC[l * B * H + i] = c[T * B * H + i] }
            }
            xs.append(x); hs.append(h); cs.append(c); acts.append(a); hhn.append(nn)
            below = Array(h[(B * H)...])
        }
        // Output layer and loss.
        var logits = [Double](repeating: 0, count: N * V)
        var dlogits = [Double](repeating: 0, count: N * V)
        var loss = 0.0
        for i in 0..<N {
            var m = -Double.infinity
            for v in 0..<V {
                var s = p[lay.outBias + v]
                for k in 0..<H { s += p[lay.outWeight + v * H + k] * below[i * H + k] }
                logits[i * V + v] = s
                m = max(m, s)
            }
            var z = 0.0
            for v in 0..<V { z += exp(logits[i * V + v] - m) }
            let lse = m + log(z)
            let tgt = Int(targets[i])
            loss += lse - logits[i * V + tgt]
            for v in 0..<V { dlogits[i * V + v] = exp(logits[i * V + v] - lse) / Double(N) }
            dlogits[i * V + tgt] -= 1 / Double(N)
        }
        loss /= Double(N)
        var grad = [Double](repeating: 0, count: lay.count)
        var gradH0 = [Double](repeating: 0, count: L * B * H)
        var gradC0 = [Double](repeating: 0, count: cell.hasCellState ? L * B * H : 0)
        guard computeGradients else {
            return Result(loss: loss, logits: logits, finalH: finalH, finalC: finalC, gradients: grad, gradH0: gradH0, gradC0: gradC0)
        }
        // Backward: output layer.
        var dY = [Double](repeating: 0, count: N * H)
        for i in 0..<N {
            for v in 0..<V {
                let d = dlogits[i * V + v]
                grad[lay.outBias + v] += d
                for k in 0..<H {
                    grad[lay.outWeight + v * H + k] += d * below[i * H + k]
                    dY[i * H + k] += d * p[lay.outWeight + v * H + k]
                }
            }
        }
        // Recurrent layers, top down, time backwards.
        for l in stride(from: L - 1, through: 0, by: -1) {
            let inSize = shape.inputSize(layer: l)
            let o = lay.layers[l]
            let x = xs[l], h = hs[l], c = cs[l], a = acts[l], nn = hhn[l]
            var dx = [Double](repeating: 0, count: N * inSize)
            var dhCarry = [Double](repeating: 0, count: B * H)
            var dcCarry = [Double](repeating: 0, count: B * H)
            for t in stride(from: T - 1, through: 0, by: -1) {
                for b in 0..<B {
                    let row = t * B + b
                    var dai = [Double](repeating: 0, count: GH), dah = [Double](repeating: 0, count: GH)
                    var dhPrevDirect = [Double](repeating: 0, count: H)
                    for j in 0..<H {
                        let dh = dY[row * H + j] + dhCarry[b * H + j]
                        switch cell {
                        case .rnn:
                            let v = a[row * GH + j]
                            dai[j] = dh * (1 - v * v); dah[j] = dai[j]
                        case .lstm:
                            let ig = a[row * GH + j], fg = a[row * GH + H + j]
                            let gg = a[row * GH + 2 * H + j], og = a[row * GH + 3 * H + j]
                            let tc = tanh(c[(row + B) * H + j])
                            let dc = dcCarry[b * H + j] + dh * og * (1 - tc * tc)
                            dai[j] = dc * gg * ig * (1 - ig)
                            dai[H + j] = dc * c[row * H + j] * fg * (1 - fg)
                            dai[2 * H + j] = dc * ig * (1 - gg * gg)
                            dai[3 * H + j] = dh * tc * og * (1 - og)
                            for q in 0..<4 { dah[q * H + j] = dai[q * H + j] }
                            dcCarry[b * H + j] = dc * fg
                        case .gru:
                            let r = a[row * GH + j], z = a[row * GH + H + j], n = a[row * GH + 2 * H + j]
                            let hp = h[row * H + j]
                            let dn = dh * (1 - z) * (1 - n * n)
                            let dz = dh * (hp - n) * z * (1 - z)
                            let dr = dn * nn[row * H + j] * r * (1 - r)
                            dai[j] = dr; dah[j] = dr
                            dai[H + j] = dz; dah[H + j] = dz
                            dai[2 * H + j] = dn; dah[2 * H + j] = dn * r
                            dhPrevDirect[j] = dh * z
                        }
                    }
                    for g in 0..<GH {
                        grad[o.biasIH + g] += dai[g]
                        grad[o.biasHH + g] += dah[g]
                        for k in 0..<inSize {
                            grad[o.weightIH + g * inSize + k] += dai[g] * x[row * inSize + k]
                            dx[row * inSize + k] += dai[g] * p[o.weightIH + g * inSize + k]
                        }
                        for k in 0..<H { grad[o.weightHH + g * H + k] += dah[g] * h[row * H + k] }
                    }
                    for k in 0..<H {
                        var s = dhPrevDirect[k]
                        for g in 0..<GH { s += dah[g] * p[o.weightHH + g * H + k] }
                        dhCarry[b * H + k] = s
                    }
                }
            }
            for i in 0..<(B * H) {
                gradH0[l * B * H + i] = dhCarry[i]
                if cell.hasCellState { gradC0[l * B * H + i] = dcCarry[i] }
            }
            if l > 0 {
                dY = dx
                if let masks = dropoutMasks { for i in 0..<(N * H) { dY[i] *= masks[l][i] } }
            } else {
                for i in 0..<N {
                    let tok = Int(inputs[i])
                    for k in 0..<E { grad[lay.embedding + tok * E + k] += dx[i * E + k] }
                }
            }
        }
        return Result(loss: loss, logits: logits, finalH: finalH, finalC: finalC, gradients: grad, gradH0: gradH0, gradC0: gradC0)
    }
}
