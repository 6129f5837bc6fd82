import SeqbenchCore
import Testing
@testable import Metrics

/// The naive twins: O(n·m) scans of the training tokens.
private enum Naive {
    static func contains(_ train: [Int32], _ g: ArraySlice<Int32>) -> Bool {
        guard g.count <= train.count else { return false }
        if g.isEmpty { return true }
        for i in 0...(train.count - g.count) where train[i..<(i + g.count)].elementsEqual(g) { return true }
        return false
    }

    static func novelty(_ train: [Int32], _ samples: [[Int32]], n: Int) -> Double {
        var total = 0, novel = 0
        for s in samples where s.count >= n {
            for i in 0...(s.count - n) {
                total += 1
                if !contains(train, s[i..<(i + n)]) { novel += 1 }
            }
        }
        return total == 0 ? .nan : Double(novel) / Double(total)
    }

    /// For each i, the longest prefix of s[i...] found in train, by the backward recurrence
    /// run[i][j] = s[i] = train[j] ? 1 + run[i+1][j+1] : 0, maximized over j.
    static func matchingLengths(_ train: [Int32], _ s: [Int32]) -> [Int] {
        var next = [Int](repeating: 0, count: train.count + 1)
        var cur = next
        var out = [Int](repeating: 0, count: s.count)
        for i in stride(from: s.count - 1, through: 0, by: -1) {
            for j in 0..<train.count {
                cur[j] = s[i] == train[j] ? 1 + next[j + 1] : 0
                out[i] = max(out[i], cur[j])
            }
            swap(&next, &cur)
        }
        return out
    }

    /// Longest common substring by dynamic programming: run[i][j] = run[i−1][j−1] + 1 when s[i] = t[j].
    static func longestCopy(_ train: [Int32], _ s: [Int32]) -> Int {
        var prev = [Int](repeating: 0, count: train.count + 1)
        var cur = prev
        var best = 0
        for i in 0..<s.count {
            for j in 0..<train.count {
                cur[j + 1] = s[i] == train[j] ? prev[j] + 1 : 0
                best = max(best, cur[j + 1])
            }
            swap(&prev, &cur)
        }
        return best
    }
}

@Suite("TrainingIndex")
struct TrainingIndexTests {
    @Test func byHand() {
        // train 1 2 3 4 5; sample 9 2 3 4 9 1 2
        //   longest copy: "2 3 4" → 3
        //   bigrams: 92 23 34 49 91 12 → absent 92, 49, 91 → novelty-2 = 3/6 = 0.5
        //   unigrams: only 9 (twice) absent → 2/7
        let index = TrainingIndex(tokens: [1, 2, 3, 4, 5])
        let s: [Int32] = [9, 2, 3, 4, 9, 1, 2]
        #expect(index.longestCopy(s) == 3)
        #expect(index.novelty([s], n: 2) == 0.5)
        #expect(close(index.novelty([s], n: 1), 2.0 / 7.0, rel: 1e-15))
        #expect(index.occurrences(of: [2, 3]) == 1)
        #expect(index.occurrences(of: [3, 2]) == 0)
        #expect(index.occurrences(of: []) == 5)
    }

    @Test func edgeCases() {
        let index = TrainingIndex(tokens: [1, 2, 1, 2, 1])
        #expect(index.longestCopy([]) == 0)
        #expect(index.longestCopy([7, 8]) == 0)                   // no shared token
        #expect(index.longestCopy([1, 2, 1, 2, 1, 2]) == 5)       // the whole training text, not more
        #expect(index.novelty([[1, 2]], n: 3).isNaN)              // sample shorter than n
        #expect(index.novelty([], n: 1).isNaN)
        #expect(index.occurrences(of: [1, 2, 1]) == 2)            // overlapping occurrences count
        let empty = TrainingIndex(tokens: [])
        #expect(empty.longestCopy([1, 2]) == 0)
        #expect(empty.novelty([[1, 2]], n: 1) == 1)
        // all one token
        let ones = TrainingIndex(tokens: [Int32](repeating: 3, count: 10))
        #expect(ones.longestCopy([Int32](repeating: 3, count: 25)) == 10)
        #expect(ones.novelty([[Int32](repeating: 3, count: 25)], n: 10) == 0)
        #expect(ones.novelty([[Int32](repeating: 3, count: 25)], n: 11) == 1)
    }

    @Test(arguments: [1, 2, 3])
    func matchesNaiveTwin(seed: UInt64) {
        var rng = Xoshiro256(seed: seed)
        let alphabet = 2 + Int(seed) * 2
        let train = (0..<1500).map { _ in Int32(rng.nextInt(below: alphabet)) }
        let index = TrainingIndex(tokens: train)
        var samples: [[Int32]] = []
        for k in 0..<6 {
            // Random tokens with a copied stretch of random length spliced in, so copies are long.
            var s = (0..<(20 + rng.nextInt(below: 60))).map { _ in Int32(rng.nextInt(below: alphabet + 1)) }
            let len = rng.nextInt(below: 40), start = rng.nextInt(below: train.count - len)
            s.insert(contentsOf: train[start..<(start + len)], at: rng.nextInt(below: s.count))
            if k == 5 { s = Array(s.prefix(3)) }
            samples.append(s)
        }
        for s in samples {
            #expect(index.longestCopy(s) == Naive.longestCopy(train, s))
        }
        let orders = [1, 2, 4, 8, 16]
        let naiveNovelty = orders.map { Naive.novelty(train, samples, n: $0) }
        for (n, expected) in zip(orders, naiveNovelty) {
            #expect(index.novelty(samples, n: n) == expected)
        }
        #expect(index.novelties(samples, orders: orders) == naiveNovelty)
        // Matching statistics: the longest prefix of s[i...] (at most cap tokens) found in train.
        for s in samples {
            let longest = Naive.matchingLengths(train, s)
            for cap in [1, 5, 100] {
                #expect(index.matchingLengths(s, cap: cap) == longest.map { min($0, cap) })
            }
        }
        for s in samples.prefix(2) {
            for len in [1, 3, 5] where s.count >= len {
                let g = Array(s.prefix(len))
                let naiveCount = (0...(train.count - len)).filter { train[$0..<($0 + len)].elementsEqual(g) }.count
                #expect(index.occurrences(of: g) == naiveCount)
            }
        }
    }
}
