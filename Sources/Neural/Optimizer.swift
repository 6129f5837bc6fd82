import Foundation

/// Gradient clipping by global norm, as PyTorch's `clip_grad_norm_(max_norm)`:
///
///     norm = √(Σ g²) over every parameter gradient
///     g ← g · min(1, max_norm / (norm + 1e-6))
///
/// The sum is taken in Double, on one thread (its rounding must not depend on the threads); the
/// scaling runs in two halves on the two threads when `parallel`. `maxNorm <= 0` turns clipping off
/// (the norm is still returned).
/// - Returns: the norm before clipping and the coefficient applied.
/// - Complexity: O(n).
@discardableResult
public func clipGradientNorm(_ g: UnsafeMutablePointer<Float>, count n: Int, maxNorm: Double,
                             parallel: Bool = false) -> (norm: Double, coefficient: Double) {
    var s = 0.0
    // Four partial sums keep the loop vectorisable and the rounding independent of threads.
    var s0: Double = 0, s1: Double = 0, s2: Double = 0, s3: Double = 0
    var i = 0
    while i + 4 <= n {
        let a = Double(g[i]), b = Double(g[i + 1]), c = Double(g[i + 2]), d = Double(g[i + 3])
        s0 += a * a; s1 += b * b; s2 += c * c; s3 += d * d
        i += 4
    }
    while i < n { let a = Double(g[i]); s0 += a * a; i += 1 }
    s = (s0 + s1) + (s2 + s3)
    let norm = s.squareRoot()
    guard maxNorm > 0 else { return (norm, 1) }
    let coef = min(1, maxNorm / (norm + 1e-6))
    if coef < 1 {
        let c = Float(coef)
        PairedWorker.shared.inHalves(count: n, parallel: parallel) { r in
            for j in r { g[j] *= c }
        }
    }
    return (norm, coef)
}

/// The optimizers: Adam (Kingma & Ba 2015, in PyTorch's `torch.optim.Adam` form, no weight decay)
/// and plain SGD.
public enum OptimizerKind: String, Sendable, CaseIterable, Codable {
    case adam, sgd
}

/// Optimizer state over the flat parameter buffer (moments in the same layout).
public final class Optimizer {
    public let kind: OptimizerKind
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-8
    /// Steps taken (Adam's t after the last update).
    public private(set) var step: Int = 0
    public let m: FloatBuffer
    public let v: FloatBuffer

    public init(kind: OptimizerKind, count: Int) {
        self.kind = kind
        m = FloatBuffer(kind == .adam ? count : 0)
        v = FloatBuffer(kind == .adam ? count : 0)
    }

    /// Restores saved state (checkpoints).
    public func restore(step: Int, m: [Float], v: [Float]) {
        self.step = step
        if kind == .adam { self.m.copy(from: m); self.v.copy(from: v) }
    }

    /// One update with learning rate `lr`. Adam, with t the step count after increment:
    ///
    ///     m ← m + (1 − β1)(g − m)            (PyTorch's lerp form of β1 m + (1 − β1) g)
    ///     v ← β2 v + (1 − β2) g²
    ///     p ← p − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
    ///
    /// SGD: p ← p − lr · g. Each entry on its own, so with `parallel` the two threads take half of
    /// the entries each (`PairedWorker.inHalves`) and the results are the same.
    /// - Complexity: O(n).
    public func update(parameters p: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>, count n: Int, lr: Double,
                       parallel: Bool = false) {
        step += 1
        switch kind {
        case .sgd:
            let a = Float(lr)
            PairedWorker.shared.inHalves(count: n, parallel: parallel) { r in
                for i in r { p[i] -= a * g[i] }
            }
        case .adam:
            precondition(n == m.count, "Adam state holds \(m.count) parameters, got \(n)")
            let t = Double(step)
            let bc1 = 1 - pow(beta1, t), bc2 = 1 - pow(beta2, t)
            let stepSize = Float(lr / bc1)
            let bc2Sqrt = Float(bc2.squareRoot())
            let b1 = Float(1 - beta1), b2 = Float(beta2), b2c = Float(1 - beta2), eps = Float(epsilon)
            let mp = m.pointer, vp = v.pointer
            PairedWorker.shared.inHalves(count: n, parallel: parallel) { r in
                for i in r {
                    let gi = g[i]
                    let mi = mp[i] + b1 * (gi - mp[i])
                    let vi = b2 * vp[i] + b2c * gi * gi
                    mp[i] = mi; vp[i] = vi
                    p[i] -= stepSize * mi / (vi.squareRoot() / bc2Sqrt + eps)
                }
            }
        }
    }
}
