/// Branch-free float32 exp, logistic and tanh for the gate loops: plain arithmetic that LLVM
/// vectorises (glibc's `tanhf`, through `expm1f`, took a third of a training step). Naive twins:
/// Foundation's `exp`/`tanh` in Double, compared in `FastMathTests`.
///
///     exp(x) = 2ⁿ · e^r,  n = round(x / ln 2),  r = x − n·ln 2 ∈ [−ln2/2, ln2/2]  (Cody–Waite split of ln 2)
///     e^r    ≈ Σ_{k ≤ 7} r^k / k!        (truncation < 2e-9 relative: below float32 rounding)
///     σ(x)   = 1 / (1 + exp(−x))
///     tanh x = 1 − 2 / (1 + exp(2x))
///
/// Errors: exp ≤ 2 ulp relative; σ and tanh ≤ 2e-7 absolute (tanh near 0 loses relative accuracy
/// through the cancellation in 1 − 2/(1 + e^{2x}), but the network only ever adds these values to
/// others of size ~1, where 1e-7 is float32 rounding anyway). Inputs are clamped to ±87 so that no
/// intermediate overflows; NaN inputs give NaN.
/// - Complexity: O(1), about 20 flops.
@inline(__always)
func fastExp(_ x: Float) -> Float {
    let xc = x < -87 ? -87 : (x > 87 ? 87 : x)   // NaN fails both tests and stays NaN
    // Round to nearest with the 1.5·2²³ trick: the integer n lands in t's low mantissa bits
    // (t.bitPattern = 0x4B40_0000 + n), which also builds 2ⁿ without a trapping Float → Int conversion.
    let t = xc * 1.442695041 + 12_582_912
    let n = t - 12_582_912
    let r = (xc - n * 0.693145752) - n * 1.428606765e-6
    var p: Float = 1.0 / 5040
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    let scale = Float(bitPattern: (t.bitPattern &- 0x4B40_0000 &+ 127) << 23)
    return p * scale
}

@inline(__always)
func fastSigmoid(_ x: Float) -> Float { 1 / (1 + fastExp(-x)) }

@inline(__always)
func fastTanh(_ x: Float) -> Float { 1 - 2 / (1 + fastExp(2 * x)) }

// MARK: Eight lanes at a time

/// Eight float32 lanes: the gate loops run on these (AVX registers where available, two SSE ones
/// otherwise), with a scalar tail for H not a multiple of 8. Lane for lane the same arithmetic as the
/// scalar functions above, so the results are identical (checked in `FastMathTests`).
typealias Float8 = SIMD8<Float>

@inline(__always)
func fastExp(_ x: Float8) -> Float8 {
    var xc = x.replacing(with: -87, where: x .< -87)
    xc = xc.replacing(with: 87, where: xc .> 87)
    let t = xc * 1.442695041 + 12_582_912
    let n = t - 12_582_912
    let r = (xc - n * 0.693145752) - n * 1.428606765e-6
    var p = Float8(repeating: 1.0 / 5040)
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    let bits = (unsafeBitCast(t, to: SIMD8<UInt32>.self) &- 0x4B40_0000 &+ 127) &<< 23
    return p * unsafeBitCast(bits, to: Float8.self)
}

@inline(__always)
func fastSigmoid(_ x: Float8) -> Float8 { 1 / (1 + fastExp(-x)) }

@inline(__always)
func fastTanh(_ x: Float8) -> Float8 { 1 - 2 / (1 + fastExp(2 * x)) }

@inline(__always)
func load8(_ p: UnsafePointer<Float>) -> Float8 { UnsafeRawPointer(p).loadUnaligned(as: Float8.self) }

@inline(__always)
func load8(_ p: UnsafeMutablePointer<Float>) -> Float8 { UnsafeRawPointer(p).loadUnaligned(as: Float8.self) }

@inline(__always)
func store8(_ v: Float8, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: Float8.self) }
