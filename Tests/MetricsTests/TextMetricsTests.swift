import Testing
@testable import Metrics

@Suite("distinct-n")
struct DistinctNTests {
    // samples [1,2,1,2,3], [1,2], [4]
    //   unigrams: 5 + 2 + 1 = 8 tokens; distinct {1,2,3,4} = 4            → 4/8 = 0.5
    //   bigrams:  s1: 12 21 12 23 (4); s2: 12 (1); s3: none → 5; distinct {12,21,23} = 3 → 3/5 = 0.6
    //   trigrams: s1: 121 212 123 (3); others too short → 3; distinct 3    → 1.0
    //   6-grams: none anywhere                                             → NaN
    let samples: [[Int32]] = [[1, 2, 1, 2, 3], [1, 2], [4]]

    @Test func byHand() {
        #expect(TextMetrics.distinctN(samples, n: 1) == 0.5)
        #expect(TextMetrics.distinctN(samples, n: 2) == 0.6)
        #expect(TextMetrics.distinctN(samples, n: 3) == 1.0)
    }

    @Test func samplesShorterThanNContributeNothing() {
        #expect(TextMetrics.distinctN(samples, n: 6).isNaN)
        // Adding samples shorter than n changes nothing: bigrams still 3/5.
        #expect(TextMetrics.distinctN(samples + [[9], []], n: 2) == 0.6)
    }

    @Test func emptyInputIsNaN() {
        #expect(TextMetrics.distinctN([], n: 1).isNaN)
        #expect(TextMetrics.distinctN([[]], n: 1).isNaN)
    }

    @Test func allOneToken() {
        // [7,7,7,7,7]: one distinct unigram of 5, one distinct bigram of 4.
        #expect(TextMetrics.distinctN([[7, 7, 7, 7, 7]], n: 1) == 0.2)
        #expect(TextMetrics.distinctN([[7, 7, 7, 7, 7]], n: 2) == 0.25)
    }

    @Test func pooledAcrossSamples() {
        // Two identical samples [1,2,3]: 6 unigrams, 3 distinct → 0.5 (an n-gram in two samples counts once).
        #expect(TextMetrics.distinctN([[1, 2, 3], [1, 2, 3]], n: 1) == 0.5)
    }

    @Test func largeIdsDoNotCollide() {
        // Bigram keys pack (id of the unigram, next token) into 64 bits; negative and extreme ids stay distinct.
        let s: [[Int32]] = [[Int32.max, Int32.min, -1, Int32.max, Int32.min, 0]]
        // bigrams: (max,min) (min,-1) (-1,max) (max,min) (min,0) → 4 distinct of 5.
        #expect(TextMetrics.distinctN(s, n: 2) == 0.8)
    }
}

@Suite("seq-rep-n")
struct SeqRepNTests {
    @Test func byHand() {
        // s1 = [1,2,1,2,3], n = 2: bigrams 12 21 12 23 → 3 unique of 4 → 1 − 3/4 = 0.25
        // s2 = [5,5,5,5,5], n = 2: 4 bigrams, 1 unique → 1 − 1/4 = 0.75
        // s3 = [9]: no bigram, left out of the mean
        // mean over s1, s2 = (0.25 + 0.75) / 2 = 0.5   (pooled would be 1 − 4/8 = 0.5 too, so see n = 1)
        let samples: [[Int32]] = [[1, 2, 1, 2, 3], [5, 5, 5, 5, 5], [9]]
        #expect(TextMetrics.seqRepN(samples, n: 2) == 0.5)
        // n = 1: s1 1 − 3/5 = 0.4; s2 1 − 1/5 = 0.8; s3 1 − 1/1 = 0 → mean 0.4
        // (pooled rep would be 1 − 5/11 = 0.5454…: the macro average differs)
        #expect(close(TextMetrics.seqRepN(samples, n: 1), 0.4, rel: 1e-15))
        // n = 4 on s1: 1212, 2123 → 2 unique of 2 → 0; s2: 5555 ×2 → 1 − 1/2 = 0.5 → mean 0.25
        #expect(TextMetrics.seqRepN(samples, n: 4) == 0.25)
    }

    @Test func undefinedIsNaN() {
        #expect(TextMetrics.seqRepN([], n: 4).isNaN)
        #expect(TextMetrics.seqRepN([[1, 2, 3], []], n: 4).isNaN)
    }

    @Test func allOneToken() {
        // [7 × 10], n = 4: 7 four-grams, 1 unique → 1 − 1/7
        #expect(close(TextMetrics.seqRepN([[Int32](repeating: 7, count: 10)], n: 4), 6.0 / 7.0, rel: 1e-15))
    }
}

@Suite("rep/ℓ")
struct RepWindowTests {
    @Test func byHand() {
        // [1,2,1,3,3,2], ℓ = 2:
        //   t0 1: no predecessors          → no
        //   t1 2: {1}                      → no
        //   t2 1: {1,2}                    → yes
        //   t3 3: {2,1}                    → no
        //   t4 3: {1,3}                    → yes
        //   t5 2: {3,3} (the 2 at t1 is 4 back) → no      → 2/6
        let s: [Int32] = [1, 2, 1, 3, 3, 2]
        #expect(close(TextMetrics.repWindow([s], window: 2), 2.0 / 6.0, rel: 1e-15))
        // ℓ = 5: t5 now sees the 2 at t1 → 3/6
        #expect(TextMetrics.repWindow([s], window: 5) == 0.5)
        // ℓ = 1: only t4 (3 after 3) → 1/6
        #expect(close(TextMetrics.repWindow([s], window: 1), 1.0 / 6.0, rel: 1e-15))
        // pooled with [4] (one token, never a repeat): 2/7
        #expect(close(TextMetrics.repWindow([s, [4]], window: 2), 2.0 / 7.0, rel: 1e-15))
    }

    @Test func windowDoesNotCrossSamples() {
        // [1] then [1]: the second sample's first token has no predecessors → 0/2
        #expect(TextMetrics.repWindow([[1], [1]], window: 4) == 0)
    }

    @Test func edgeCases() {
        #expect(TextMetrics.repWindow([], window: 4).isNaN)
        #expect(TextMetrics.repWindow([[]], window: 4).isNaN)
        // all one token [7,7,7,7]: every token but the first repeats → 3/4 for any ℓ
        #expect(TextMetrics.repWindow([[7, 7, 7, 7]], window: 1) == 0.75)
        #expect(TextMetrics.repWindow([[7, 7, 7, 7]], window: 100) == 0.75)
    }
}

@Suite("unigram entropy")
struct UnigramEntropyTests {
    @Test func byHand() {
        // [1,1,2,3]: p = 1/2, 1/4, 1/4 → H = ½·1 + ¼·2 + ¼·2 = 1.5 bits
        #expect(TextMetrics.unigramEntropyBits([[1, 1], [2, 3]]) == 1.5)
        // uniform over 8 tokens → log₂ 8 = 3 bits
        #expect(TextMetrics.unigramEntropyBits([[0, 1, 2, 3, 4, 5, 6, 7]]) == 3)
    }

    @Test func edgeCases() {
        #expect(TextMetrics.unigramEntropyBits([[5, 5, 5]]) == 0)
        #expect(TextMetrics.unigramEntropyBits([]).isNaN)
        #expect(TextMetrics.unigramEntropyBits([[], []]).isNaN)
    }
}
