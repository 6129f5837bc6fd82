import Foundation
import Testing
import Corpora
import LanguageModels
import SeqbenchCore
@testable import Neural

@Suite("Recurrent language model")
struct RecurrentLanguageModelTests {
    /// A randomly initialised model (PyTorch's init scheme from our generator) over a char vocabulary.
    static func model(_ cell: CellKind, layers: Int = 2, seed: UInt64 = 1) -> RecurrentLanguageModel {
        let vocab = Vocabulary(tokenizer: .char, trainingText: "abcdefgh ij\nklm")
        let shape = NetworkShape(cell: cell, vocabulary: vocab.count, embedding: 5, hidden: 9, layers: layers)
        var rng = Xoshiro256(seed: seed)
        return RecurrentLanguageModel(vocabulary: vocab, shape: shape, parameters: ParameterLayout(shape).initialParameters(using: &rng))
    }

    static func tokens(_ n: Int, vocabulary v: Int, seed: UInt64) -> [Int32] {
        var rng = Xoshiro256(seed: seed)
        return (0..<n).map { _ in Int32(rng.nextInt(below: v)) }
    }

    /// The chunked fast path (256 tokens per GEMM chunk) against the token-by-token context, over
    /// 600 tokens (three chunks, the last partial). Both use float32 networks; the fast path takes
    /// ln p in float32, the slow one in Double from float32 logits: 1e-5 absolute on ln p ≈ −3.
    @Test(arguments: CellKind.allCases)
    func chunkedEvaluationEqualsStepByStep(cell: CellKind) {
        let m = Self.model(cell)
        let toks = Self.tokens(600, vocabulary: m.vocabulary.count, seed: 3)
        let fast = m.logProbabilities(of: toks, context: m.makeContext())
        let ctx = m.makeContext()
        var slow: [Double] = []
        for t in toks { slow.append(ctx.logProbability(of: t)); ctx.observe(t) }
        #expect(maxAbsDiff(fast, slow) < 1e-5)
        // The context moved past every token either way: the next distributions agree too.
        let fctx = m.makeContext()
        _ = m.logProbabilities(of: toks, context: fctx)
        var a = [Double](repeating: 0, count: m.vocabulary.count), b = a
        fctx.logProbabilities(into: &a)
        ctx.logProbabilities(into: &b)
        #expect(maxAbsDiff(a, b) < 1e-5)
    }

    /// The streaming context against the naive reference network at batch 1: the reference, fed
    /// "\n" followed by the tokens from zero states, gives at row t the logits that predict token t.
    @Test(arguments: CellKind.allCases)
    func contextMatchesReference(cell: CellKind) {
        let m = Self.model(cell)
        let toks = Self.tokens(12, vocabulary: m.vocabulary.count, seed: 9)
        let nl = m.vocabulary.endOfSentenceID!
        let inputs = [nl] + toks.dropLast()
        let L = m.shape.layers, H = m.shape.hidden
        let r = ReferenceNetwork.run(shape: m.shape, parameters: m.parameters.map(Double.init), inputs: inputs, targets: toks,
                                     steps: toks.count, batch: 1, h0: [Double](repeating: 0, count: L * H),
                                     c0: [Double](repeating: 0, count: L * H), computeGradients: false)
        let V = m.vocabulary.count
        var expected: [Double] = []
        for t in 0..<toks.count {
            let row = Array(r.logits[(t * V)..<((t + 1) * V)])
            let mx = row.max()!
            let lse = mx + log(row.map { exp($0 - mx) }.reduce(0, +))
            expected.append(row[Int(toks[t])] - lse)
        }
        let got = m.logProbabilities(of: toks, context: m.makeContext())
        // float32 network vs Double reference, values ≈ −2.5: 2e-5.
        #expect(maxAbsDiff(got, expected) < 2e-5)
    }

    /// Probabilities of the next token sum to 1 (the log-softmax is taken in Double: 1e-12).
    @Test func distributionIsNormalised() {
        let m = Self.model(.lstm)
        let ctx = m.makeContext()
        var lp = [Double](repeating: 0, count: m.vocabulary.count)
        for t in Self.tokens(5, vocabulary: m.vocabulary.count, seed: 1) {
            ctx.observe(t)
            ctx.logProbabilities(into: &lp)
            #expect(abs(lp.map(exp).reduce(0, +) - 1) < 1e-12)
        }
    }

    /// Payload round trip through the registry's model file: same kind, sizes, weights and numbers.
    @Test(arguments: CellKind.allCases)
    func modelFileRoundTrip(cell: CellKind) throws {
        let m = Self.model(cell)
        let data = try ModelFile.encode(m)
        let registry = ModelRegistry([RNNKind.self, LSTMKind.self, GRUKind.self])
        let back = try #require(try registry.decode(data, source: "test") as? RecurrentLanguageModel)
        #expect(back.kind == cell.rawValue)
        #expect(back.shape == m.shape)
        #expect(back.parameters == m.parameters)
        // A payload for another cell is refused.
        let other: any ModelKind.Type = cell == .rnn ? LSTMKind.self : RNNKind.self
        #expect(throws: SeqbenchError.self) { _ = try other.decode(payload: try m.encodePayload(), vocabulary: m.vocabulary, source: "x") }
        // A truncated payload is refused.
        let p = try m.encodePayload()
        #expect(throws: SeqbenchError.self) { _ = try RNNKind.decode(payload: p.prefix(p.count - 3), vocabulary: m.vocabulary, source: "x") }
    }

    /// Sampling through the foundation's generator: the same seed gives the same text; greedy
    /// decoding from a model that memorised "abcdefgh\n" continues the pattern from a prompt.
    @Test func samplingAndGreedyContinuation() throws {
        let text = String(repeating: "abcdefgh\n", count: 12)
        let data = trainingData(text)
        let o: [String: JSONValue] = ["hidden": .int(16), "embedding": .int(6), "seq_len": .int(9), "batch": .int(2),
                                      "steps": .int(150), "lr": .double(0.02)]
        let (m, _) = try RecurrentTrainer.train(cell: .gru, data: data, options: ModelOptions(o), environment: TrainingEnvironment(seed: 4))
        let prompt = m.vocabulary.encode("cde").ids
        var rng = Xoshiro256(seed: 1)
        let greedy = try Generator.generate(model: m, request: .init(prompt: prompt, length: 12, sampling: SamplingOptions(temperature: 0)), using: &rng)
        #expect(m.vocabulary.decode(greedy) == "fgh\nabcdefgh")
        var r1 = Xoshiro256(seed: 7), r2 = Xoshiro256(seed: 7)
        let s1 = try Generator.generate(model: m, request: .init(length: 30, sampling: SamplingOptions(temperature: 1.5, topK: 4)), using: &r1)
        let s2 = try Generator.generate(model: m, request: .init(length: 30, sampling: SamplingOptions(temperature: 1.5, topK: 4)), using: &r2)
        #expect(s1 == s2 && s1.count == 30)
    }

    /// Hyperparameters name the sizes and the parameter count (2 layers, E 5, H 9, LSTM; V = 15
    /// characters + `<unk>` = 16): emb 16·5 + L0 4·9·(5+9) + 2·36 + L1 4·9·(9+9) + 2·36 + out 16·9 + 16
    /// = 80 + 576 + 720 + 160 = 1536.
    @Test func parameterCountByHand() {
        let m = Self.model(.lstm)
        #expect(m.vocabulary.count == 16)
        #expect(m.parameterCount == 1536)
        #expect(m.hyperparameters["parameters"] == .int(1536))
    }
}

@Suite("Learning-rate schedule")
struct LearningRateScheduleTests {
    @Test func valuesByHand() {
        let c = LearningRateSchedule(kind: .constant, lr: 0.1, totalSteps: 10)
        #expect(c.rate(at: 0) == 0.1 && c.rate(at: 9) == 0.1)
        // step: 0.1 · 0.5^⌊s/3⌋ → s = 2: 0.1, s = 3: 0.05, s = 7: 0.025.
        let s = LearningRateSchedule(kind: .step, lr: 0.1, totalSteps: 10, stepSize: 3, gamma: 0.5)
        #expect(s.rate(at: 2) == 0.1 && s.rate(at: 3) == 0.05 && s.rate(at: 7) == 0.025)
        // cosine from 0.1 to 0.0: s = 0 → 0.1, s = 5 of 10 → 0.05, s = 10 → 0.
        let k = LearningRateSchedule(kind: .cosine, lr: 0.1, totalSteps: 10)
        #expect(k.rate(at: 0) == 0.1 && abs(k.rate(at: 5) - 0.05) < 1e-15 && abs(k.rate(at: 10)) < 1e-15)
        // warm-up over 4 steps: (s + 1)/4 of the rate.
        let w = LearningRateSchedule(kind: .constant, lr: 0.2, totalSteps: 10, warmup: 4)
        #expect(w.rate(at: 0) == 0.05 && w.rate(at: 3) == 0.2 && w.rate(at: 4) == 0.2)
    }
}
