import Foundation
import Testing
import Corpora
import SeqbenchCore
@testable import Markov

/// The counting-sort counter against a naive dictionary of windows.
@Suite struct NGramCounterTests {
    /// Naive: every window of length k with <s> only in first position.
    func naive(_ seq: [UInt32], order: Int, bos: UInt32) -> [[UInt32]: Int] {
        var d: [[UInt32]: Int] = [:]
        for k in 1...order {
            for i in 0..<(seq.count - k + 1) where !seq[(i + 1)..<(i + k)].contains(bos) {
                d[Array(seq[i..<(i + k)]), default: 0] += 1
            }
        }
        return d
    }

    @Test(arguments: [1, 2, 3, 4, 7])
    func matchesNaive(order: Int) {
        var rng = Xoshiro256(seed: UInt64(order))
        let v = 6
        let ids = (0..<400).map { _ in Int32(1 + rng.nextInt(below: v - 1)) }  // id 1 plays </s>
        let seq = NGramCounts.sentenceSequence(ids, vocabularySize: v, endOfSentence: 1, sentenceBoundaries: true)
        let c = NGramCounts.count(sequence: seq, order: order, vocabularySize: v)
        let expected = naive(seq, order: order, bos: UInt32(v))
        // Rebuild each node's tokens through parents and compare counts.
        var tokens: [[[UInt32]]] = [c.word[0].map { [$0] }]
        var got: [[UInt32]: Int] = [:]
        for w in 0...v where c.count[0][w] > 0 { got[[UInt32(w)]] = Int(c.count[0][w]) }
        for k in stride(from: 2, through: order, by: 1) {
            var level: [[UInt32]] = []
            for i in 0..<c.size(ofOrder: k) {
                let t = tokens[k - 2][Int(c.parent[k - 1][i])] + [c.word[k - 1][i]]
                level.append(t)
                got[t] = Int(c.count[k - 1][i])
                // Suffix link and sort order.
                #expect(tokens[k - 2][Int(c.suffix[k - 1][i])] == Array(t.dropFirst()))
                if i > 0 { #expect(level[i - 1].lexicographicallyPrecedes(t) || tokens[k-2][Int(c.parent[k-1][i-1])] != tokens[k-2][Int(c.parent[k-1][i])]) }
            }
            tokens.append(level)
        }
        #expect(got == expected)
    }
}
