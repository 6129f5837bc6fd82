/// Finds the first loop in a text: a stretch where a cycle of `period` characters repeats back to
/// back, as greedy decoding produces ("the king said that the king said that …").
///
/// For every period p ≤ `maxPeriod` it scans the runs of positions i with text[i] == text[i + p]; a
/// run of length L starting at s means text[s ..< s + L + p] has period p, i.e. (L + p) / p copies.
/// A loop needs at least `minRepeats` copies and `minLength` characters (so "aaa" or a doubled word do
/// not count). Among loops the earliest start wins, then the shortest period (the cycle itself, not
/// a multiple of it).
/// - Complexity: O(n · maxPeriod) character comparisons.
public enum RepetitionFinder {
    public struct Loop: Sendable, Equatable {
        /// Character offset where the repetition starts.
        public var start: Int
        /// Characters in one cycle.
        public var period: Int
        /// Characters covered by the repetition (at least `period * minRepeats`).
        public var length: Int
        /// Whole cycles in `length`.
        public var repeats: Int { length / period }
    }

    public static func firstLoop(in text: [Character], maxPeriod: Int = 120, minRepeats: Int = 3, minLength: Int = 24) -> Loop? {
        let n = text.count
        var best: Loop?
        for p in 1...max(1, min(maxPeriod, n / minRepeats)) where p < n {
            var runStart = 0, run = 0
            for i in 0..<(n - p) {
                if text[i] == text[i + p] {
                    if run == 0 { runStart = i }
                    run += 1
                    if i + 1 < n - p { continue }
                }
                // A run of `run` matches from runStart ended (at a mismatch or the end).
                if run > 0 {
                    let length = run + p
                    if length >= p * minRepeats && length >= minLength {
                        if best == nil || runStart < best!.start { best = Loop(start: runStart, period: p, length: length) }
                        break   // later runs of this period start later
                    }
                    run = 0
                }
            }
        }
        return best
    }
}
