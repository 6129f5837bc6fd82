/// One named tensor inside the flat parameter buffer.
public struct TensorView: Sendable, Equatable, Hashable {
    /// PyTorch's name (`emb.weight`, `rnn.weight_ih_l0`, …, `out.bias`).
    public var name: String
    /// Row-major shape, `[rows, cols]` or `[count]`.
    public var shape: [Int]
    /// First element in the flat buffer.
    public var offset: Int
    public var count: Int { shape.reduce(1, *) }
    public var range: Range<Int> { offset..<(offset + count) }
}

/// Where each tensor lives in one flat parameter buffer (llm.c's layout: one allocation, named
/// views), in PyTorch's `named_parameters()` order for `Embedding → RNN/LSTM/GRU → Linear`:
///
///     emb.weight (V × E)
///     rnn.weight_ih_l{k} (G·H × in_k), rnn.weight_hh_l{k} (G·H × H), rnn.bias_ih_l{k} (G·H), rnn.bias_hh_l{k} (G·H)
///     out.weight (V × H), out.bias (V)
///
/// Gradients and optimizer moments use the same layout.
public struct ParameterLayout: Sendable, Equatable, Hashable {
    public let shape: NetworkShape
    public let tensors: [TensorView]
    public let count: Int

    public struct Layer: Sendable, Equatable, Hashable {
        public var weightIH: Int, weightHH: Int, biasIH: Int, biasHH: Int
    }
    /// Offsets of each recurrent layer's tensors.
    public let layers: [Layer]
    public let embedding: Int
    public let outWeight: Int
    public let outBias: Int

    public init(_ shape: NetworkShape) {
        self.shape = shape
        var t: [TensorView] = []
        var at = 0
        func add(_ name: String, _ s: [Int]) -> Int {
            let v = TensorView(name: name, shape: s, offset: at)
            t.append(v)
            at += v.count
            return v.offset
        }
        embedding = add("emb.weight", [shape.vocabulary, shape.embedding])
        var ls: [Layer] = []
        let gh = shape.gateRows
        for k in 0..<shape.layers {
            let wi = add("rnn.weight_ih_l\(k)", [gh, shape.inputSize(layer: k)])
            let wh = add("rnn.weight_hh_l\(k)", [gh, shape.hidden])
            let bi = add("rnn.bias_ih_l\(k)", [gh])
            let bh = add("rnn.bias_hh_l\(k)", [gh])
            ls.append(Layer(weightIH: wi, weightHH: wh, biasIH: bi, biasHH: bh))
        }
        layers = ls
        outWeight = add("out.weight", [shape.vocabulary, shape.hidden])
        outBias = add("out.bias", [shape.vocabulary])
        tensors = t
        count = at
    }

    /// The view named `name`, if any.
    public func tensor(named name: String) -> TensorView? { tensors.first { $0.name == name } }

    /// PyTorch's default initialisation from our own generator: embedding ~ N(0, 1), every other
    /// parameter ~ U(−1/√H, 1/√H) (`nn.RNNBase.reset_parameters`, `nn.Linear` with fan-in H).
    /// Tensors are filled in layout order, elements in row-major order.
    /// - Complexity: O(parameter count).
    public func initialParameters(using rng: inout some RandomNumberGenerator) -> [Float] {
        var p = [Float](repeating: 0, count: count)
        let bound = 1 / Double(shape.hidden).squareRoot()
        for v in tensors {
            for i in v.range {
                if v.name == "emb.weight" {
                    p[i] = Float(rng.nextGaussian())
                } else {
                    p[i] = Float((2 * rng.nextUnitDouble() - 1) * bound)
                }
            }
        }
        return p
    }
}
