import SeqbenchCore
import Testing
@testable import Metrics

@Suite("suffix array")
struct SuffixArrayTests {
    @Test func banana() {
        // b = 2, a = 1, n = 3: "banana" = [2,1,3,1,3,1]; sorted suffixes:
        //   a(5) < ana(3) < anana(1) < banana(0) < na(4) < nana(2)
        let t: [Int32] = [2, 1, 3, 1, 3, 1]
        #expect(SuffixArray.build(t) == [5, 3, 1, 0, 4, 2])
        #expect(SuffixArray.naive(t) == [5, 3, 1, 0, 4, 2])
    }

    @Test func edgeCases() {
        #expect(SuffixArray.build([]) == [])
        #expect(SuffixArray.build([42]) == [0])
        // all equal: shorter suffixes first → n−1, …, 0
        #expect(SuffixArray.build([Int32](repeating: 7, count: 9)) == (0..<9).reversed().map(Int32.init))
        // extreme and negative ids order by value
        let t: [Int32] = [Int32.max, -5, Int32.min, 0, -5]
        #expect(SuffixArray.build(t) == SuffixArray.naive(t))
    }

    @Test(arguments: [(1, 2), (2, 50), (3, 200), (4, 1000), (5, 777)])
    func matchesNaiveTwin(alphabet: Int, length: Int) {
        var rng = Xoshiro256(seed: UInt64(alphabet * 1000 + length))
        for _ in 0..<5 {
            let t = (0..<length).map { _ in Int32(rng.nextInt(below: alphabet)) }
            #expect(SuffixArray.build(t) == SuffixArray.naive(t))
        }
    }

    @Test func periodicTextNeedsManyRounds() {
        // A period-3 text: every suffix shares long prefixes, so doubling runs ~log₂ n rounds.
        let t = (0..<500).map { Int32($0 % 3) } + [1, 0, 2] + (0..<97).map { Int32($0 % 3) }
        #expect(SuffixArray.build(t) == SuffixArray.naive(t))
    }
}
