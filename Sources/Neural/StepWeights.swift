/// The batch-1 step's own copy of a model's weights, cut by hidden unit into the two parts of
/// `SingleStreamStepper` and stored part by part, so that a part's products for one layer are two
/// `matrixVector` calls over contiguous rows.
///
/// In the model's layout (PyTorch's) the rows of a part's units are G runs of m rows spread over
/// W_ih and W_hh, so a part made 2·G calls per layer, each over m rows; for a 2 × 256 GRU that is
/// 9 calls of 128 rows per core and step, and the calls' fixed costs showed. Here a part holds, per
/// layer, `input` (G·m × in) and `recurrent` (G·m × H), gate-major: row g·m + j is the model's row
/// g·H + u₀ + j. The copy costs one more set of the weights in memory (a model's weights are fixed
/// once it is built).
final class StepWeights {
    struct Layer {
        /// The part's rows of W_ih (G·m × in); empty for layer 0 when the step reads `table`.
        let input: FloatBuffer
        /// The part's rows of W_hh (G·m × H).
        let recurrent: FloatBuffer
        /// b_ih + b_hh of the part's rows (GRU n rows: b_ih only), the start of `input`'s sums.
        let bias: FloatBuffer
        /// GRU: the part's b_hn (m), added to W_hn h before the reset gate multiplies it.
        let hiddenBias: FloatBuffer
    }

    struct Part {
        /// The model's hidden units this part computes.
        let units: Range<Int>
        let layers: [Layer]
        /// Layer 0's pre-activations per vocabulary id (V × G·m): the part's columns of
        /// `SingleStreamStepper.makeTable`; empty without a table.
        let table: FloatBuffer
        /// The part's columns of W_out (V × m).
        let output: FloatBuffer
    }

    let shape: NetworkShape
    let parts: [Part]
    /// Whether layer 0's input projection comes from `Part.table`.
    let usesTable: Bool

    /// Hidden units [0, split) go to part 0 and [split, H) to part 1: part 0 takes a multiple of 8
    /// (the gate loops' width) and at least half, so for H ≤ 8 part 1 is empty.
    static func split(hidden: Int) -> Int { min(hidden, ((hidden + 15) / 16) * 8) }

    /// - Parameter table: read layer 0's input projection from a per-id table (default: when
    ///   `SingleStreamStepper.usesTable` says it is small enough).
    init(shape: NetworkShape, parameters p: UnsafePointer<Float>, table: Bool? = nil) {
        self.shape = shape
        let lay = ParameterLayout(shape), H = shape.hidden, G = shape.cell.gates, V = shape.vocabulary
        let withTable = table ?? SingleStreamStepper.usesTable(shape)
        usesTable = withTable
        let full = withTable ? SingleStreamStepper.makeTable(shape: shape, parameters: p) : nil
        let s = Self.split(hidden: H)
        parts = [0..<s, s..<H].map { units in
            let m = units.count, u0 = units.lowerBound
            /// Copies the part's gate rows of a (G·H × cols) matrix: row g·m + j ← row g·H + u₀ + j.
            func gateRows(_ src: UnsafePointer<Float>, cols: Int) -> FloatBuffer {
                let b = FloatBuffer(G * m * cols)
                for g in 0..<G {
                    (b.pointer + g * m * cols).update(from: src + (g * H + u0) * cols, count: m * cols)
                }
                return b
            }
            let layers = (0..<shape.layers).map { l -> Layer in
                let o = lay.layers[l], inSize = shape.inputSize(layer: l)
                let bias = FloatBuffer(G * m), hiddenBias = FloatBuffer(shape.cell == .gru ? m : 0)
                for g in 0..<G {
                    for j in 0..<m {
                        let r = g * H + u0 + j, nRow = shape.cell == .gru && g == 2
                        bias.pointer[g * m + j] = p[o.biasIH + r] + (nRow ? 0 : p[o.biasHH + r])
                        if nRow { hiddenBias.pointer[j] = p[o.biasHH + r] }
                    }
                }
                return Layer(input: l == 0 && withTable ? FloatBuffer(0) : gateRows(p + o.weightIH, cols: inSize),
                             recurrent: gateRows(p + o.weightHH, cols: H), bias: bias, hiddenBias: hiddenBias)
            }
            let tab = FloatBuffer(full == nil ? 0 : V * G * m)
            if let full {
                for v in 0..<V {
                    for g in 0..<G {
                        (tab.pointer + v * G * m + g * m).update(from: full.pointer + v * G * H + g * H + u0, count: m)
                    }
                }
            }
            let output = FloatBuffer(V * m)
            for v in 0..<V { (output.pointer + v * m).update(from: p + lay.outWeight + v * H + u0, count: m) }
            return Part(units: units, layers: layers, table: tab, output: output)
        }
    }
}
