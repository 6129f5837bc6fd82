extension TextMetrics {
    /// Self-BLEU (Zhu et al. 2018, "Texygen: A Benchmarking Platform for Text Generation Models",
    /// SIGIR) with BLEU as in Papineni et al. 2002 and NLTK's `sentence_bleu`: each sample in turn is
    /// the hypothesis h and all the *other* samples are its references R (the hypothesis itself is
    /// excluded, unlike Texygen's `get_bleu`), and the per-hypothesis scores are averaged:
    ///
    ///     Self-BLEU = (1/S) Σ_h BLEU(h, R = samples ∖ {h})
    ///     BLEU(h, R) = BP · exp( Σ_{n=1..N} (1/N) · ln p_n )
    ///     p_n = Σ_g min(c_h(g), max_{r∈R} c_r(g)) / max(1, Σ_g c_h(g))      (clipped n-gram precision)
    ///     p_n ← 0.1 / max(1, Σ_g c_h(g)) when its numerator is 0            (NLTK SmoothingFunction().method1, ε = 0.1)
    ///     BP = 1 if |h| > r*, 0 if |h| = 0, else exp(1 − r*/|h|)
    ///     r* = the reference length closest to |h| (ties → the shorter)
    ///
    /// As in NLTK, a hypothesis with no unigram match at all (this includes an empty hypothesis) scores 0.
    /// The value equals the mean of
    /// `sentence_bleu(others, h, weights=(1/N,)*N, smoothing_function=SmoothingFunction(epsilon=0.1).method1)`
    /// (NLTK 3.10), up to floating-point summation order.
    ///
    /// - Parameters:
    ///   - samples: S token sequences.
    ///   - maxN: N, the highest n-gram order (uniform weights 1/N).
    /// - Returns: a value in [0, 1]; NaN when there are fewer than two samples (no references).
    /// - Complexity: O(N · T + S²) expected: for every n-gram the largest and second-largest per-sample
    ///   count are kept, so "max over the other samples" is one lookup.
    public static func selfBLEU(_ samples: [[Int32]], maxN: Int = 4) -> Double {
        precondition(maxN >= 1, "maxN must be ≥ 1, got \(maxN)")
        let s = samples.count
        guard s >= 2 else { return .nan }
        let tables = NGramTable.tables(samples, maxN: maxN)
        // numerators[h * maxN + (n − 1)]
        var numerators = [Int](repeating: 0, count: s * maxN)
        for (n1, table) in tables.enumerated() {
            let d = table.distinct
            var best1 = [Int32](repeating: 0, count: d)
            var best1Sample = [Int32](repeating: -1, count: d)
            var best2 = [Int32](repeating: 0, count: d)
            var count = [Int32](repeating: 0, count: d)
            var touched: [Int32] = []
            // Pass 1: the two largest per-sample counts of every n-gram.
            for (si, row) in table.ids.enumerated() {
                touched.removeAll(keepingCapacity: true)
                for id in row {
                    if count[Int(id)] == 0 { touched.append(id) }
                    count[Int(id)] += 1
                }
                for id in touched {
                    let i = Int(id), c = count[i]
                    if c > best1[i] {
                        best2[i] = best1[i]; best1[i] = c; best1Sample[i] = Int32(si)
                    } else if c > best2[i] {
                        best2[i] = c
                    }
                    count[i] = 0
                }
            }
            // Pass 2: clipped matches of each hypothesis against the others.
            for (si, row) in table.ids.enumerated() {
                touched.removeAll(keepingCapacity: true)
                for id in row {
                    if count[Int(id)] == 0 { touched.append(id) }
                    count[Int(id)] += 1
                }
                var matched = 0
                for id in touched {
                    let i = Int(id)
                    let maxOther = best1Sample[i] == Int32(si) ? best2[i] : best1[i]
                    matched += Int(min(count[i], maxOther))
                    count[i] = 0
                }
                numerators[si * maxN + n1] = matched
            }
        }
        let lengths = samples.map(\.count)
        var sum = 0.0
        for h in 0..<s {
            sum += bleu(numerators: numerators[(h * maxN)..<(h * maxN + maxN)],
                        hypothesisLength: lengths[h],
                        closestReferenceLength: closestLength(to: lengths[h], lengths: lengths, excluding: h))
        }
        return sum / Double(s)
    }

    /// BLEU of one hypothesis from its clipped match counts (orders 1…N), NLTK method1 smoothing.
    static func bleu(numerators: ArraySlice<Int>, hypothesisLength c: Int, closestReferenceLength r: Int,
                     epsilon: Double = 0.1) -> Double {
        guard let first = numerators.first, first > 0 else { return 0 }
        let maxN = numerators.count
        var logSum = 0.0
        for (n1, num) in numerators.enumerated() {
            let denominator = Double(max(1, c - n1))  // n-grams of order n1 + 1 in the hypothesis
            let p = num == 0 ? epsilon / denominator : Double(num) / denominator
            logSum += log(p) / Double(maxN)
        }
        let bp: Double
        if c > r { bp = 1 } else if c == 0 { bp = 0 } else { bp = exp(1 - Double(r) / Double(c)) }
        return bp * exp(logSum)
    }

    /// The length among `lengths` (index `excluding` left out) closest to `c`; ties go to the shorter.
    static func closestLength(to c: Int, lengths: [Int], excluding: Int) -> Int {
        var best = -1
        for (i, r) in lengths.enumerated() where i != excluding {
            if best < 0 || abs(r - c) < abs(best - c) || (abs(r - c) == abs(best - c) && r < best) { best = r }
        }
        return best
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
