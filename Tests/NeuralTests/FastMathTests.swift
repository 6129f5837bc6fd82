import Foundation
import Testing
@testable import Neural

/// The vectorisable float32 exp / σ / tanh against Foundation's Double functions (their naive twins).
@Suite("Fast math")
struct FastMathTests {
    /// 40 001 points over [−20, 20] plus the clamping region and special values.
    static let grid: [Float] = (0...40_000).map { Float(-20 + 40 * Double($0) / 40_000) } + [-100, -87, 87, 100, 0, -0.0]

    /// exp: ≤ 3 float32 ulps relative (2⁻²³ ≈ 1.19e-7 each) where the result is a normal float.
    @Test func expRelativeError() {
        var worst = 0.0
        for x in Self.grid where x > -80 && x < 80 {
            let e = exp(Double(x))
            worst = max(worst, abs(Double(fastExp(x)) - e) / e)
        }
        #expect(worst < 3 * 1.19e-7, "worst relative error \(worst)")
        #expect(fastExp(-100) >= 0 && fastExp(-100) < 1e-37)
        #expect(fastExp(100).isFinite)
        #expect(fastExp(.nan).isNaN)
    }

    /// σ and tanh: ≤ 2.5e-7 absolute (two float32 ulps of 1), and exactly saturating far out.
    @Test func sigmoidAndTanhAbsoluteError() {
        var ws = 0.0, wt = 0.0
        for x in Self.grid {
            let d = Double(x)
            ws = max(ws, abs(Double(fastSigmoid(x)) - 1 / (1 + exp(-d))))
            wt = max(wt, abs(Double(fastTanh(x)) - tanh(d)))
        }
        #expect(ws < 2.5e-7, "sigmoid worst \(ws)")
        #expect(wt < 2.5e-7, "tanh worst \(wt)")
        #expect(fastTanh(100) == 1 && fastTanh(-100) == -1 && fastSigmoid(-100) < 1e-37 && fastSigmoid(100) == 1)
        #expect(fastTanh(.nan).isNaN && fastSigmoid(.nan).isNaN)
    }
}

extension FastMathTests {
    /// The eight-lane versions give bit-identical results to the scalar ones, lane for lane.
    @Test func simdLanesEqualScalar() {
        for start in stride(from: 0, to: Self.grid.count - 8, by: 997) {
            let x = Float8((0..<8).map { Self.grid[start + $0] })
            let e = fastExp(x), s = fastSigmoid(x), t = fastTanh(x)
            for k in 0..<8 {
                #expect(e[k].bitPattern == fastExp(x[k]).bitPattern)
                #expect(s[k].bitPattern == fastSigmoid(x[k]).bitPattern)
                #expect(t[k].bitPattern == fastTanh(x[k]).bitPattern)
            }
        }
        #expect(fastExp(Float8(repeating: .nan))[0].isNaN)
    }
}
