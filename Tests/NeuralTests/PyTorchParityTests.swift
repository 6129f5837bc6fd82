import Foundation
import Testing
@testable import Neural

/// Our networks against PyTorch 2.15's numbers (fixtures from `bench/pytorch_parity.py`, copied into
/// the test bundle): forward (logits, loss, final states), backward (every gradient, d/d h0, d/d c0),
/// the clipping norm and one Adam step, for rnn / lstm / gru with 1 and 2 layers.
@Suite("PyTorch parity")
struct PyTorchParityTests {
    /// The float64 reference against PyTorch's float64 results. Both compute the same sums in a
    /// different order, so they agree to a few Double ulps of the largest magnitudes involved (≤ 10);
    /// 1e-12 absolute leaves room for that and nothing else.
    @Test(arguments: ParityFixture.names)
    func referenceMatchesFloat64(name: String) throws {
        let f = try ParityFixture.load(name)
        let r = ReferenceNetwork.run(shape: f.shape, parameters: f.parametersDouble, inputs: f.inputs, targets: f.targets,
                                     steps: f.steps, batch: f.batch, h0: f.h0, c0: f.c0)
        let x = f.float64
        #expect(abs(r.loss - x.loss) < 1e-12)
        #expect(maxAbsDiff(r.logits, x.logits) < 1e-12)
        #expect(maxAbsDiff(r.finalH, x.hN) < 1e-12)
        if f.shape.cell == .lstm { #expect(maxAbsDiff(r.finalC, x.cN) < 1e-12) }
        #expect(maxAbsDiff(r.gradients, f.flat(x.grads)) < 1e-12)
        #expect(maxAbsDiff(r.gradH0, x.gradH0) < 1e-12)
        if f.shape.cell == .lstm { #expect(maxAbsDiff(r.gradC0, x.gradC0) < 1e-12) }
    }

    /// The optimized Float/BLAS network against PyTorch's float32 results. Tolerance: 4 × the
    /// fixture's `float32_rounding` (max |float32 − float64| of PyTorch itself). Any correct float32
    /// implementation sits about that far from the exact value, in its own direction, so two of them
    /// differ by up to about twice it; 4× leaves a factor of two for a different summation order.
    @Test(arguments: ParityFixture.names)
    func optimizedMatchesFloat32(name: String) throws {
        let f = try ParityFixture.load(name)
        let o = OptimizedRun.run(shape: f.shape, parameters: f.parametersFloat, inputs: f.inputs, targets: f.targets,
                                 steps: f.steps, batch: f.batch, h0: f.h0.map { Float($0) }, c0: f.c0.map { Float($0) })
        let x = f.float32, tol = { (k: String) in 4 * f.rounding[k]! }
        #expect(abs(o.loss - x.loss) <= tol("loss"))
        #expect(maxAbsDiff(o.logits, x.logits) <= tol("logits"))
        #expect(maxAbsDiff(o.finalH, x.hN) <= tol("hN"))
        if f.shape.cell == .lstm { #expect(maxAbsDiff(o.finalC, x.cN) <= tol("cN")) }
        #expect(maxAbsDiff(o.gradients, f.flat(x.grads)) <= tol("grads"))
        #expect(maxAbsDiff(o.gradH0, x.gradH0) <= tol("grad_h0"))
        if f.shape.cell == .lstm { #expect(maxAbsDiff(o.gradC0, x.gradC0) <= tol("grad_c0")) }
    }

    /// Clipping and one Adam step on the fixture's own float32 gradients, so the optimizer is tested
    /// apart from the gradients: norm to float32 relative precision (PyTorch sums in float32,
    /// we in Double: 1e-6 relative), parameters to 4 × `float32_rounding["params_after_step"]`.
    @Test(arguments: ParityFixture.names)
    func clipAndAdamMatch(name: String) throws {
        let f = try ParityFixture.load(name)
        var g = f.flat(f.float32.grads).map { Float($0) }
        var p = f.parametersFloat
        let (norm, coef) = g.withUnsafeMutableBufferPointer { clipGradientNorm($0.baseAddress!, count: $0.count, maxNorm: f.clipMaxNorm) }
        #expect(abs(norm - f.float32.gradNorm) <= 1e-6 * f.float32.gradNorm)
        #expect(abs(coef - f.float32.clipCoef) <= 1e-6)
        // clipped g = grads · clip_coef (the fixture's definition).
        let clipped = f.flat(f.float32.grads).map { $0 * f.float32.clipCoef }
        #expect(maxAbsDiff(g.map(Double.init), clipped) <= 1e-6 * (clipped.map(abs).max() ?? 0))
        let adam = Optimizer(kind: .adam, count: p.count)
        p.withUnsafeMutableBufferPointer { pp in
            g.withUnsafeBufferPointer { gg in adam.update(parameters: pp.baseAddress!, gradients: gg.baseAddress!, count: pp.count, lr: f.lr) }
        }
        #expect(maxAbsDiff(p.map(Double.init), f.flat(f.float32.paramsAfterStep)) <= 4 * f.rounding["params_after_step"]!)
    }
}
