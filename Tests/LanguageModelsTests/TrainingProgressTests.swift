import Testing
@testable import LanguageModels

@Suite struct TrainingProgressTests {
    @Test func statusLine() {
        // 100 of 1000 steps in 10 s: 0.1 s per step, 900 steps left → 90 s = 1:30.
        let p = TrainingProgress(step: 100, totalSteps: 1000, loss: 1.23456, tokensPerSecond: 12_345, elapsedSeconds: 10)
        #expect(p.statusLine == "step 100/1000  loss 1.2346  12.3k tok/s  ETA 1:30")
        #expect(p.etaSeconds == 90)
        let q = TrainingProgress(step: 7, totalSteps: nil, loss: .nan, tokensPerSecond: 0, elapsedSeconds: 1, message: "counting 3-grams")
        #expect(q.statusLine == "step 7  counting 3-grams")
        #expect(q.etaSeconds == nil)
    }

    @Test func units() {
        #expect(TrainingProgress.rate(950) == "950" && TrainingProgress.rate(4_560_000) == "4.56M")
        #expect(TrainingProgress.duration(59.6) == "1:00" && TrainingProgress.duration(3725) == "1:02:05")
    }
}
