/// Seeded pseudo-random generators of our own, so that numbers do not depend on the Swift standard
/// library's `random(in:)` mappings (which may change between toolchains) or on the system generator.

/// SplitMix64 (Steele, Lea & Flood 2014): used to expand one 64-bit seed into generator states.
///
///     z = (state += 0x9e3779b97f4a7c15)
///     z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
///     z = (z ^ (z >> 27)) * 0x94d049bb133111eb
///     return z ^ (z >> 31)
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable, Codable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// xoshiro256** 1.0 (Blackman & Vigna 2018), the generator every random choice in seqbench uses.
///
/// Its whole state is four words, so a checkpoint can store it and resume to exactly the same stream.
/// - Complexity: O(1) per draw.
public struct Xoshiro256: RandomNumberGenerator, Sendable, Hashable, Codable {
    public var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the four state words from SplitMix64(seed), as the authors recommend.
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    /// Restores a generator from its saved state words.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A generator for a named sub-stream, so that components of one run draw independent numbers:
    /// seeded from SplitMix64 over (seed, FNV-1a of the label).
    public static func derived(seed: UInt64, label: String) -> Xoshiro256 {
        Xoshiro256(seed: seed ^ fnv1a64(label) &* 0x9e37_79b9_7f4a_7c15)
    }
}

extension RandomNumberGenerator {
    /// A uniform Double in [0, 1) with 53 random bits: `Double(next() >> 11) * 2^-53`.
    @inlinable
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform Float in [0, 1) with 24 random bits.
    @inlinable
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform integer in 0..<bound without modulo bias (Lemire's multiply-and-reject).
    /// - Complexity: expected O(1).
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be > 0, got \(bound)")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// A standard normal deviate by the Box–Muller transform (the cosine branch only, so that one draw
    /// always consumes exactly two words and streams stay aligned).
    @inlinable
    public mutating func nextGaussian() -> Double {
        var u1 = nextUnitDouble()
        while u1 <= 0 { u1 = nextUnitDouble() }
        let u2 = nextUnitDouble()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }
}

/// FNV-1a, 64-bit: a stable string hash (Swift's `Hasher` is seeded per process).
public func fnv1a64(_ s: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 {
        h ^= UInt64(b)
        h = h &* 0x0000_0100_0000_01b3
    }
    return h
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@usableFromInline func _log(_ x: Double) -> Double { log(x) }
@usableFromInline func _cos(_ x: Double) -> Double { cos(x) }
