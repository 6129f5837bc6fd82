import Foundation
@testable import Neural

/// One `pytorch_parity.py` fixture (see its `conventions` key), decoded for tests.
struct ParityFixture {
    struct Results {
        var loss: Double
        var logits: [Double]
        var hN: [Double]
        var cN: [Double]
        var grads: [String: [Double]]
        var gradH0: [Double]
        var gradC0: [Double]
        var gradNorm: Double
        var clipCoef: Double
        var paramsAfterStep: [String: [Double]]
    }
    var name: String
    var shape: NetworkShape
    var steps: Int
    var batch: Int
    var inputs: [Int32]
    var targets: [Int32]
    /// Parameters and states as read (Double). The decimals are the shortest ones of float32 values,
    /// so `Float(x)` recovers the float32 exactly (the Double is far closer to it than half a float ulp).
    var params: [String: [Double]]
    var h0: [Double], c0: [Double]
    var float32: Results
    var float64: Results
    var rounding: [String: Double]
    var clipMaxNorm: Double
    var lr: Double

    static let names = ["rnn_l1", "rnn_l2", "lstm_l1", "lstm_l2", "gru_l1", "gru_l2"]

    static func load(_ name: String) throws -> ParityFixture {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureError("fixture \(name).json missing from the test bundle")
        }
        let data = try Data(contentsOf: url)
        // Keep the decimals' text so that float32 values are read from the decimals (not via Double).
        let obj = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as! [String: Any]
        let cfg = obj["config"] as! [String: Any]
        let cell = CellKind(rawValue: cfg["cell"] as! String)!
        let shape = NetworkShape(cell: cell, vocabulary: cfg["vocab"] as! Int, embedding: cfg["emb"] as! Int,
                                 hidden: cfg["hidden"] as! Int, layers: cfg["layers"] as! Int)
        func tensor(_ any: Any?) -> [Double] {
            guard let d = any as? [String: Any], let a = d["data"] as? [Any] else { return [] }
            return a.map { ($0 as! NSNumber).doubleValue }
        }
        func tensors(_ any: Any?) -> [String: [Double]] {
            var out: [String: [Double]] = [:]
            for (k, v) in (any as? [String: Any]) ?? [:] { out[k] = tensor(v) }
            return out
        }
        func results(_ any: Any?) -> Results {
            let r = any as! [String: Any]
            return Results(loss: (r["loss"] as! NSNumber).doubleValue, logits: tensor(r["logits"]), hN: tensor(r["hN"]),
                           cN: tensor(r["cN"]), grads: tensors(r["grads"]), gradH0: tensor(r["grad_h0"]),
                           gradC0: tensor(r["grad_c0"]), gradNorm: (r["grad_norm"] as! NSNumber).doubleValue,
                           clipCoef: (r["clip_coef"] as! NSNumber).doubleValue, paramsAfterStep: tensors(r["params_after_step"]))
        }
        let adam = cfg["adam"] as! [String: Any]
        let inShape = (obj["inputs"] as! [String: Any])["shape"] as! [Int]
        return ParityFixture(
            name: name, shape: shape, steps: inShape[0], batch: inShape[1],
            inputs: tensor(obj["inputs"]).map { Int32($0) }, targets: tensor(obj["targets"]).map { Int32($0) },
            params: tensors(obj["params"]), h0: tensor(obj["h0"]), c0: tensor(obj["c0"]),
            float32: results(obj["float32"]), float64: results(obj["float64"]),
            rounding: ((obj["float32_rounding"] as! [String: Any]).mapValues { ($0 as! NSNumber).doubleValue }),
            clipMaxNorm: (cfg["clip_max_norm"] as! NSNumber).doubleValue, lr: (adam["lr"] as! NSNumber).doubleValue)
    }

    /// Parameters in our layout.
    var parametersDouble: [Double] {
        for v in ParameterLayout(shape).tensors {
            precondition(params[v.name]?.count == v.count, "\(name): \(v.name) has the wrong size")
        }
        return flat(params)
    }
    var parametersFloat: [Float] { parametersDouble.map { Float($0) } }

    /// Gradients or parameters of a results section in our layout.
    func flat(_ named: [String: [Double]]) -> [Double] {
        let lay = ParameterLayout(shape)
        var p = [Double](repeating: 0, count: lay.count)
        for v in lay.tensors { for i in 0..<v.count { p[v.offset + i] = named[v.name]![i] } }
        return p
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// max_i |a_i − b_i|.
func maxAbsDiff(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "sizes differ: \(a.count) vs \(b.count)")
    var m = 0.0
    for i in 0..<a.count { m = max(m, abs(a[i] - b[i])) }
    return m
}
