import Testing
@testable import Plotting

@Suite struct RepetitionFinderTests {
    @Test func findsGreedyLoop() {
        // "ab:" + 5 × "the cat " (8 chars): the cycle starts at 3, spans 40 characters. (With "ab "
        // it would start at 2: that space is also the last character of every cycle.)
        let text = Array("ab:" + String(repeating: "the cat ", count: 5))
        let loop = RepetitionFinder.firstLoop(in: text)
        #expect(loop == RepetitionFinder.Loop(start: 3, period: 8, length: 40))
        #expect(loop?.repeats == 5)
    }

    @Test func ignoresShortOrRareRepeats() {
        #expect(RepetitionFinder.firstLoop(in: Array("aaaa bbb the the end of a normal sentence")) == nil)
        // Two copies only (minRepeats is 3).
        #expect(RepetitionFinder.firstLoop(in: Array("the king said that the king said that")) == nil)
    }

    @Test func earliestStartThenShortestPeriod() {
        // "xy" × 15 = 30 chars: periods 2, 4, 6 … all match from 0; the cycle is 2.
        let loop = RepetitionFinder.firstLoop(in: Array(String(repeating: "xy", count: 15)))
        #expect(loop == RepetitionFinder.Loop(start: 0, period: 2, length: 30))
    }
}
