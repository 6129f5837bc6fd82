import Testing
@testable import Metrics

/// Reference values from NLTK 3.10.4 (Python 3.11), computed once with:
///
///     from nltk.translate.bleu_score import sentence_bleu, SmoothingFunction
///     sm = SmoothingFunction(epsilon=0.1).method1
///     def self_bleu(samples, n=4):
///         w = (1.0/n,)*n
///         scores = [sentence_bleu(samples[:i]+samples[i+1:], h, weights=w, smoothing_function=sm)
///                   for i, h in enumerate(samples)]
///         return sum(scores)/len(scores), scores
///     import random; rng = random.Random(7)
///     random_case = [[rng.randrange(6) for _ in range(rng.randrange(20, 40))] for _ in range(6)]
///
/// Tolerance 1e-12 relative: NLTK sums the log precisions with math.fsum and we sum them in order, so
/// the last bits may differ.
@Suite("Self-BLEU")
struct SelfBLEUTests {
    @Test func twoSamplesByHand() {
        // h = [1,2,3], R = {[1,2,4]}:
        //   p1 = 2/3 (1, 2 match), p2 = 1/2 (12 matches, 23 does not), p3 = 0/1 → ε/1 = 0.1,
        //   p4: no 4-gram in h, denominator max(1, 0) = 1, numerator 0 → 0.1
        //   BP: |h| = 3 = r* → exp(1 − 3/3) = 1
        //   BLEU = (2/3 · 1/2 · 0.1 · 0.1)^(1/4) = (1/300)^(1/4) = 0.2402811414…
        // the other hypothesis is symmetric, so Self-BLEU is the same; NLTK: 0.24028114141347542
        let v = TextMetrics.selfBLEU([[1, 2, 3], [1, 2, 4]])
        #expect(close(v, 0.24028114141347542))
        #expect(close(v, 1.0 / 300.0.squareRoot().squareRoot()))
    }

    @Test func mixedLengthsAgainstNLTK() {
        // NLTK per hypothesis: 1.0, 0.537284965911771, 0.7071067811865475, 0.07055995207471726, 0.0439891724758422
        let samples: [[Int32]] = [[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 7, 8], [9, 1, 2, 3, 4, 5, 6, 7], [2, 3], [5, 5, 5, 5, 5]]
        #expect(close(TextMetrics.selfBLEU(samples), 0.4717881743297756))
        // maxN = 2 (weights (½, ½)): 0.5557398726247627
        #expect(close(TextMetrics.selfBLEU(samples, maxN: 2), 0.5557398726247627))
    }

    @Test func emptySampleAgainstNLTK() {
        // [1,2,3,4] vs {[], [1,2,3,4,1,2]}: all p_n = 1; r* = 6 (distance 2 beats 4) → BP = exp(1 − 6/4)
        //   = exp(−0.5) = 0.6065306597126334
        // [] scores 0 (no unigram match; NLTK returns 0)
        // [1,2,3,4,1,2] (NLTK): 0.5081327481546147
        // mean: 0.3715544692890827
        let samples: [[Int32]] = [[1, 2, 3, 4], [], [1, 2, 3, 4, 1, 2]]
        #expect(close(TextMetrics.selfBLEU(samples), 0.3715544692890827))
        // The first hypothesis on its own: 4/4, 3/3, 2/2, 1/1 matches, |h| = 4, r* = 6.
        #expect(close(TextMetrics.bleu(numerators: [4, 3, 2, 1], hypothesisLength: 4, closestReferenceLength: 6),
                      0.6065306597126334))
        // An empty hypothesis has no unigram match → 0.
        #expect(TextMetrics.bleu(numerators: [0, 0, 0, 0], hypothesisLength: 0, closestReferenceLength: 4) == 0)
    }

    @Test func identicalSamplesScoreOne() {
        let s: [Int32] = [3, 1, 4, 1, 5, 9, 2, 6]
        #expect(TextMetrics.selfBLEU([s, s, s]) == 1)
    }

    @Test func randomSamplesAgainstNLTK() {
        let samples: [[Int32]] = [
            [1, 3, 5, 0, 0, 4, 0, 2, 4, 0, 4, 1, 0, 0, 3, 3, 0, 1, 0, 4, 3, 0, 4, 0, 1, 5, 5, 4, 0, 4],
            [3, 0, 1, 0, 4, 1, 2, 3, 1, 4, 0, 4, 2, 4, 5, 1, 0, 4, 4, 5, 1, 2, 0, 4, 5, 0, 4, 0, 4, 1, 3, 5, 4, 3, 2, 3, 4, 3],
            [2, 1, 1, 5, 1, 0, 4, 2, 4, 3, 2, 5, 3, 2, 4, 0, 0, 4, 3, 1, 2, 1, 3, 3, 0, 5, 0, 4, 4, 2, 2],
            [4, 3, 4, 3, 0, 0, 2, 3, 5, 5, 0, 0, 5, 5, 2, 5, 4, 5, 3, 2, 5, 3, 5, 2, 0, 3, 2, 1, 4, 0, 3],
            [1, 2, 1, 5, 1, 3, 3, 3, 0, 1, 3, 3, 4, 2, 1, 3, 4, 2, 5, 3, 2],
            [1, 1, 0, 1, 1, 1, 5, 1, 0, 3, 4, 1, 2, 2, 0, 1, 3, 4, 2, 4, 4, 2, 1, 5, 4, 4, 5, 5, 5, 0, 3, 5],
        ]
        #expect(close(TextMetrics.selfBLEU(samples), 0.44054167009759565))
    }

    @Test func fewerThanTwoSamplesIsNaN() {
        #expect(TextMetrics.selfBLEU([[1, 2, 3, 4, 5]]).isNaN)
        #expect(TextMetrics.selfBLEU([]).isNaN)
    }

    @Test func closestReferenceLengthTiesGoToTheShorter() {
        // |h| = 5, others 3 and 7 (both 2 away) → 3; index 0 (the hypothesis) is left out.
        #expect(TextMetrics.closestLength(to: 5, lengths: [5, 7, 3], excluding: 0) == 3)
        #expect(TextMetrics.closestLength(to: 5, lengths: [5, 7, 5], excluding: 0) == 5)
    }
}
