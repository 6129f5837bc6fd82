/// The recurrent cell of a network, with PyTorch's gate order and formulas
/// (`nn.RNN(nonlinearity="tanh")`, `nn.LSTM`, `nn.GRU`), so that weights compare one to one.
///
/// With `x` the layer input, `h` the previous hidden state and `σ` the logistic function:
///
///     rnn:  h' = tanh(W_ih x + b_ih + W_hh h + b_hh)
///     lstm: gates stacked i, f, g, o (H rows each)
///           i = σ(·), f = σ(·), g = tanh(·), o = σ(·)   with (·) = W_i* x + b_i* + W_h* h + b_h*
///           c' = f ⊙ c + i ⊙ g,   h' = o ⊙ tanh(c')
///     gru:  gates stacked r, z, n
///           r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz)
///           n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),   h' = (1 − z) ⊙ n + z ⊙ h
///
/// Hochreiter & Schmidhuber 1997 (LSTM, with the forget gate of Gers et al. 2000);
/// Cho et al. 2014 (GRU, in the variant cuDNN and PyTorch use).
public enum CellKind: String, Sendable, CaseIterable, Codable {
    case rnn, lstm, gru

    /// Gate blocks stacked in the weight rows: G in the `(G·H × in)` shapes.
    public var gates: Int {
        switch self {
        case .rnn: return 1
        case .lstm: return 4
        case .gru: return 3
        }
    }

    /// Whether the cell carries a memory cell `c` besides `h`.
    public var hasCellState: Bool { self == .lstm }
}

/// The sizes of an embedding → L recurrent layers → linear output network.
public struct NetworkShape: Sendable, Equatable, Hashable, Codable {
    public var cell: CellKind
    public var vocabulary: Int
    public var embedding: Int
    public var hidden: Int
    public var layers: Int

    public init(cell: CellKind, vocabulary: Int, embedding: Int, hidden: Int, layers: Int) {
        precondition(vocabulary > 0, "vocabulary must be > 0, got \(vocabulary)")
        precondition(embedding > 0, "embedding must be > 0, got \(embedding)")
        precondition(hidden > 0, "hidden must be > 0, got \(hidden)")
        precondition(layers > 0, "layers must be > 0, got \(layers)")
        self.cell = cell; self.vocabulary = vocabulary; self.embedding = embedding
        self.hidden = hidden; self.layers = layers
    }

    /// Input width of layer `l`: E for layer 0, H above.
    public func inputSize(layer l: Int) -> Int { l == 0 ? embedding : hidden }
    /// G·H, the rows of a layer's weight matrices.
    public var gateRows: Int { cell.gates * hidden }

    /// Weights taking part in matrix products, Σ_l G·H·(in_l + H) + V·H (embedding and biases
    /// excluded), the `W` of the FLOP estimates: training ≈ 6·W FLOPs per token, sampling ≈ 2·W.
    public var matmulWeights: Int {
        var w = vocabulary * hidden
        for l in 0..<layers { w += gateRows * (inputSize(layer: l) + hidden) }
        return w
    }
}
