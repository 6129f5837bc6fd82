import Foundation
import Testing
@testable import Neural

/// Central finite differences in Double on the naive reference (min-char-rnn's check, at every
/// coordinate rather than random ones: the problems are tiny). No clipping, no dropout.
///
///     numeric = (loss(θ + ε e_i) − loss(θ − ε e_i)) / 2ε,   ε = 1e-5
///     error   = |analytic − numeric| / max(|analytic| + |numeric|, 1e-7)
///
/// Truncation error is O(ε²·|f'''|) ≈ 1e-10 and rounding O(1e-16/ε) ≈ 1e-11, so a correct gradient
/// gives errors near 1e-8 at worst (entries of size ~1e-7 hitting the floor); a wrong formula gives
/// errors of order 1. The bound 1e-5 separates the two.
@Suite("Gradient checks")
struct GradientCheckTests {
    static let cases: [(CellKind, Int)] = [(.rnn, 1), (.rnn, 2), (.lstm, 1), (.lstm, 2), (.gru, 1), (.gru, 2)]

    @Test(arguments: cases)
    func everyParameterTensor(cell: CellKind, layers: Int) {
        var pr = Problem(cell: cell, layers: layers, seed: 11 + UInt64(layers))
        let analytic = pr.reference()
        let lay = ParameterLayout(pr.shape)
        let eps = 1e-5
        for v in lay.tensors {
            var worst = 0.0
            for i in v.range {
                let saved = pr.parameters[i]
                pr.parameters[i] = saved + eps
                let up = pr.reference(gradients: false).loss
                pr.parameters[i] = saved - eps
                let down = pr.reference(gradients: false).loss
                pr.parameters[i] = saved
                let numeric = (up - down) / (2 * eps)
                let a = analytic.gradients[i]
                worst = max(worst, abs(a - numeric) / max(abs(a) + abs(numeric), 1e-7))
            }
            #expect(worst < 1e-5, "\(cell) L\(layers) \(v.name): relative error \(worst)")
        }
    }

    /// d loss / d h0 and d loss / d c0: the gradient of the state carried in from the previous batch.
    @Test(arguments: cases)
    func carriedInState(cell: CellKind, layers: Int) {
        var pr = Problem(cell: cell, layers: layers, seed: 23 + UInt64(layers))
        let analytic = pr.reference()
        let eps = 1e-5
        var worst = 0.0
        for i in 0..<pr.h0.count {
            let saved = pr.h0[i]
            pr.h0[i] = saved + eps
            let up = pr.reference(gradients: false).loss
            pr.h0[i] = saved - eps
            let down = pr.reference(gradients: false).loss
            pr.h0[i] = saved
            let numeric = (up - down) / (2 * eps)
            worst = max(worst, abs(analytic.gradH0[i] - numeric) / max(abs(analytic.gradH0[i]) + abs(numeric), 1e-7))
        }
        for i in 0..<pr.c0.count {
            let saved = pr.c0[i]
            pr.c0[i] = saved + eps
            let up = pr.reference(gradients: false).loss
            pr.c0[i] = saved - eps
            let down = pr.reference(gradients: false).loss
            pr.c0[i] = saved
            let numeric = (up - down) / (2 * eps)
            worst = max(worst, abs(analytic.gradC0[i] - numeric) / max(abs(analytic.gradC0[i]) + abs(numeric), 1e-7))
        }
        #expect(worst < 1e-5, "\(cell) L\(layers) state: relative error \(worst)")
    }

    /// With a fixed dropout mask the network is a smooth function again, so its gradient is checked the same way.
    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func withFixedDropoutMask(cell: CellKind) {
        var pr = Problem(cell: cell, layers: 2, seed: 31)
        let n = pr.steps * pr.batch * pr.shape.hidden
        let mask = (0..<n).map { i in i % 3 == 0 ? 0.0 : 1.5 }
        let masks = [[], mask]
        let analytic = pr.reference(masks: masks)
        let lay = ParameterLayout(pr.shape)
        let eps = 1e-5
        var worst = 0.0
        for i in 0..<lay.count {
            let saved = pr.parameters[i]
            pr.parameters[i] = saved + eps
            let up = pr.reference(masks: masks, gradients: false).loss
            pr.parameters[i] = saved - eps
            let down = pr.reference(masks: masks, gradients: false).loss
            pr.parameters[i] = saved
            let numeric = (up - down) / (2 * eps)
            worst = max(worst, abs(analytic.gradients[i] - numeric) / max(abs(analytic.gradients[i]) + abs(numeric), 1e-7))
        }
        #expect(worst < 1e-5, "\(cell) with dropout mask: relative error \(worst)")
    }
}
