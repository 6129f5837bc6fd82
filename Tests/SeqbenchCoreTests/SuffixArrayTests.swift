import Testing
@testable import SeqbenchCore

@Suite("suffix array")
struct SuffixArrayTests {
    @Test func banana() {
        // b = 2, a = 1, n = 3: "banana" = [2,1,3,1,3,1]; sorted suffixes:
        //   a(5) < ana(3) < anana(1) < banana(0) < na(4) < nana(2)
        let t: [Int32] = [2, 1, 3, 1, 3, 1]
        #expect(SuffixArray.build(t) == [5, 3, 1, 0, 4, 2])
        #expect(SuffixArray.buildByDoubling(t) == [5, 3, 1, 0, 4, 2])
        #expect(SuffixArray.naive(t) == [5, 3, 1, 0, 4, 2])
    }

    @Test func edgeCases() {
        for build in [SuffixArray.build, SuffixArray.buildByDoubling] {
            #expect(build([]) == [])
            #expect(build([42]) == [0])
            #expect(build([3, 1]) == [1, 0])
            // all equal: shorter suffixes first → n−1, …, 0 (n = 9 takes the small-input path, 100 SA-IS)
            #expect(build([Int32](repeating: 7, count: 9)) == (0..<9).reversed().map(Int32.init))
            #expect(build([Int32](repeating: 7, count: 100)) == (0..<100).reversed().map(Int32.init))
            // extreme and negative ids order by value
            let t: [Int32] = [Int32.max, -5, Int32.min, 0, -5]
            #expect(build(t) == SuffixArray.naive(t))
        }
    }

    /// SA-IS and prefix doubling against the naive sort, on random texts from tiny to word-sized
    /// alphabets (tiny alphabets give long repeats and deep SA-IS recursion).
    @Test(arguments: [(1, 2), (2, 50), (2, 3000), (3, 200), (4, 1000), (5, 777), (300, 2000), (100_000, 500)])
    func matchesNaiveTwin(alphabet: Int, length: Int) {
        var rng = Xoshiro256(seed: UInt64(alphabet * 1000 + length))
        for _ in 0..<4 {
            let t = (0..<length).map { _ in Int32(rng.nextInt(below: alphabet)) - 7 }
            let naive = SuffixArray.naive(t)
            #expect(SuffixArray.build(t) == naive)
            #expect(SuffixArray.buildByDoubling(t) == naive)
        }
    }

    @Test func repeatedBlocks() {
        // Copies of copies, as in real corpora (verses, boilerplate): long LCPs.
        var rng = Xoshiro256(seed: 77)
        var t = (0..<200).map { _ in Int32(rng.nextInt(below: 6)) }
        for _ in 0..<20 {
            let len = 10 + rng.nextInt(below: 150), start = rng.nextInt(below: t.count - len)
            t += t[start..<(start + len)]
            t.append(Int32(rng.nextInt(below: 6)))
        }
        let naive = SuffixArray.naive(t)
        #expect(SuffixArray.build(t) == naive)
        #expect(SuffixArray.buildByDoubling(t) == naive)
    }

    @Test func periodicTextNeedsManyRounds() {
        // A period-3 text: every suffix shares long prefixes, so doubling runs ~log₂ n rounds.
        let t = (0..<500).map { Int32($0 % 3) } + [1, 0, 2] + (0..<97).map { Int32($0 % 3) }
        #expect(SuffixArray.build(t) == SuffixArray.naive(t))
        #expect(SuffixArray.buildByDoubling(t) == SuffixArray.naive(t))
    }
}
