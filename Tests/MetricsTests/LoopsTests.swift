import Testing
@testable import Metrics

@Suite("terminal loops")
struct LoopsTests {
    /// [9,8,7] then [1,2,3] × 12: L = 39.
    ///   p = 1: w = 30, t = 38: x[38] = 3 vs x[37] = 2 → no
    ///   p = 2: w = 30, t = 38: 3 vs x[36] = 1 → no
    ///   p = 3: w = 30, t = 12…38 all inside the repeated part (it starts at 3) → period 3
    static let periodic: [Int32] = [9, 8, 7] + Array(repeating: [1, 2, 3] as [Int32], count: 12).flatMap { $0 }

    @Test func perfectlyPeriodic() {
        #expect(TextMetrics.loopPeriod(Self.periodic) == 3)
        // maxPeriod 2 cannot see it.
        #expect(TextMetrics.loopPeriod(Self.periodic, maxPeriod: 2) == nil)
    }

    @Test func almostPeriodic() {
        // One token of the tail changed to a fresh id (position 34, inside the last 30): for p ≤ 10
        // (w = 30) the check at t = 34 fails (4 occurs nowhere else); for p = 11…13 (w = 33…39, the
        // largest that fit L = 39) t = 34 is inside the checked range too → no loop.
        var x = Self.periodic
        x[34] = 4
        #expect(TextMetrics.loopPeriod(x) == nil)
        // The same change before the last 30 tokens (position 5) leaves the loop intact.
        var y = Self.periodic
        y[5] = 4
        #expect(TextMetrics.loopPeriod(y) == 3)
    }

    @Test func tailExactlyFillsTheWindow() {
        // [9] + [1,2,3] × 10: L = 31, p = 3, w = 30 → checks t = 4…30 (x[t] vs x[t−3], all inside the
        // repeats); the 9 at position 0 is outside the last 30 tokens and must not matter → period 3.
        let x: [Int32] = [9] + Array(repeating: [1, 2, 3] as [Int32], count: 10).flatMap { $0 }
        #expect(TextMetrics.loopPeriod(x) == 3)
        // Changing the first token of the window (position 1) breaks it: t = 4 compares x[4] with x[1].
        var y = x
        y[1] = 8
        #expect(TextMetrics.loopPeriod(y) == nil)
        // A 50-token phrase × 3 after one foreign token: w = 150 of L = 151 → period 50.
        let phrase = (0..<50).map { Int32($0) }
        #expect(TextMetrics.loopPeriod([999] + phrase + phrase + phrase) == 50)
    }

    @Test func allOneToken() {
        // 30 equal tokens: p = 1, w = 30 = L, t = 1…29 all equal → period 1; 29 tokens are too short.
        #expect(TextMetrics.loopPeriod([Int32](repeating: 5, count: 30)) == 1)
        #expect(TextMetrics.loopPeriod([Int32](repeating: 5, count: 29)) == nil)
    }

    @Test func longPeriodNeedsThreeRepeats() {
        // A phrase of 50 distinct tokens: 3 repeats (150 tokens) → w = 150 = L → period 50;
        // 149 tokens (drop the first) cannot hold w = 150 for p = 50, and p = 49 fails → nil.
        let phrase = (0..<50).map { Int32($0) }
        let three = phrase + phrase + phrase
        #expect(TextMetrics.loopPeriod(three) == 50)
        #expect(TextMetrics.loopPeriod(Array(three.dropFirst())) == nil)
    }

    @Test func fractionAndMedian() {
        // periods 3, 1, none, 50 → fraction 3/4, median of [1, 3, 50] = 3
        let phrase = (0..<50).map { Int32($0) }
        let samples: [[Int32]] = [Self.periodic, [Int32](repeating: 5, count: 40), [1, 2, 3], phrase + phrase + phrase]
        let r = TextMetrics.loops(samples)
        #expect(r.fraction == 0.75)
        #expect(r.medianPeriod == 3)
        // even count: periods 3 and 1 → median (1 + 3)/2 = 2; with two non-looping samples → fraction 0.5
        let r2 = TextMetrics.loops([Self.periodic, [Int32](repeating: 5, count: 40), [], [1]])
        #expect(r2.fraction == 0.5)
        #expect(r2.medianPeriod == 2)
    }

    @Test func edgeCases() {
        let none = TextMetrics.loops([])
        #expect(none.fraction.isNaN)
        #expect(none.medianPeriod == nil)
        let noLoop = TextMetrics.loops([[1, 2, 3], []])
        #expect(noLoop.fraction == 0)
        #expect(noLoop.medianPeriod == nil)
    }
}
