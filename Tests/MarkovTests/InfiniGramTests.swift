import Foundation
import Testing
import Corpora
import LanguageModels
import SeqbenchCore
@testable import Markov

/// The ∞-gram against hand counts and against a brute-force twin that scans the training text.
@Suite struct InfiniGramTests {
    /// p(w | h) by scanning: the longest suffix s of h (at most `cap` tokens, 0 = no cap) followed by
    /// some token somewhere in `text`, then c(s w) / c(s ·).
    static func naive(_ text: [Int32], history h: [Int32], next w: Int32, cap: Int) -> Double {
        var k = cap == 0 ? h.count : min(h.count, cap)
        while true {
            let s = Array(h[(h.count - k)...])
            var total = 0, hits = 0
            for p in 0..<text.count where p + s.count < text.count && Array(text[p..<(p + s.count)]) == s {
                total += 1
                if text[p + s.count] == w { hits += 1 }
            }
            if total > 0 { return hits == 0 ? -.infinity : log(Double(hits) / Double(total)) }
            k -= 1
        }
    }

    static func model(_ text: String, cap: Int = 0) -> InfiniGramModel {
        let v = Vocabulary(tokenizer: .char, trainingText: text)
        return InfiniGramModel(vocabulary: v, training: v.encode(text).ids, maxContext: cap)
    }

    /// Training "abracadabra" (11 tokens), by hand:
    /// - empty context: p(a) = 5/11 (every position continues the empty context);
    /// - after "a": a occurs at 0, 3, 5, 7, 10; position 10 ends the text, so c(a ·) = 4 with
    ///   successors b (0, 7), c (3), d (5): p(b) = 2/4, p(c) = 1/4, p(d) = 1/4, p(r) = 0;
    /// - after "abra": "abra" at 0 (then c) and 7 (ends the text): p(c) = 1;
    /// - after "abrac" then "c": "cc" never occurs, "c" at 4 (then a): p(a | …cc) = 1, p(d) = 0.
    @Test func handCounts() throws {
        let m = Self.model("abracadabra")
        let v = m.vocabulary
        func id(_ c: String) -> Int32 { v.id(of: c)! }
        let ctx = m.makeContext()
        #expect(close(ctx.logProbability(of: id("a")), log(5.0 / 11), 1e-15))
        ctx.observe(id("a"))
        #expect(close(ctx.logProbability(of: id("b")), log(0.5), 1e-15))
        #expect(close(ctx.logProbability(of: id("c")), log(0.25), 1e-15))
        #expect(close(ctx.logProbability(of: id("d")), log(0.25), 1e-15))
        #expect(ctx.logProbability(of: id("r")) == -.infinity)
        for c in ["b", "r", "a"] { ctx.observe(id(c)) }
        #expect(ctx.logProbability(of: id("c")) == 0)
        ctx.observe(id("c")); ctx.observe(id("c"))
        #expect(ctx.logProbability(of: id("a")) == 0)
        #expect(ctx.logProbability(of: id("d")) == -.infinity)
        // max_context 1: after "abra" only "a" counts, as after "a" above.
        let one = Self.model("abracadabra", cap: 1).makeContext()
        for c in ["a", "b", "r", "a"] { one.observe(id(c)) }
        #expect(close(one.logProbability(of: id("c")), log(0.25), 1e-15))
    }

    /// Random texts with repeats (so long contexts match) and random histories: every token's
    /// probability equals the brute-force count exactly, for caps 0, 1, 2 and 5; the distribution
    /// sums to 1 over the vocabulary and agrees with the per-token query.
    @Test(arguments: [0, 1, 2, 5])
    func matchesBruteForce(cap: Int) throws {
        var rng = Xoshiro256(seed: UInt64(17 + cap))
        for trial in 0..<6 {
            let alphabet = Array("abc d")
            var chars: [Character] = []
            while chars.count < 300 {
                if chars.count > 20 && rng.nextInt(below: 3) == 0 {  // copy an earlier passage
                    let start = rng.nextInt(below: chars.count - 10), len = 3 + rng.nextInt(below: 12)
                    chars += chars[start..<min(start + len, chars.count)]
                } else {
                    chars.append(alphabet[rng.nextInt(below: alphabet.count)])
                }
            }
            let text = String(chars)
            let m = Self.model(text, cap: cap)
            let ids = m.vocabulary.encode(text).ids
            // Histories: a copied passage followed by random tokens, so contexts grow and shrink.
            let start = rng.nextInt(below: ids.count - 40)
            var test = Array(ids[start..<(start + 25)])
            for _ in 0..<40 { test.append(ids[rng.nextInt(below: ids.count)]) }
            let ctx = m.makeContext()
            var lp = [Double](repeating: 0, count: m.vocabulary.count)
            for (i, w) in test.enumerated() {
                let want = Self.naive(ids, history: Array(test[..<i]), next: w, cap: cap)
                let got = ctx.logProbability(of: w)
                #expect(got == want, "trial \(trial) step \(i): \(got) vs \(want)")
                ctx.logProbabilities(into: &lp)
                let sum = lp.reduce(0.0) { $0 + exp($1) }
                #expect(abs(sum - 1) < 1e-12, "trial \(trial) step \(i): sum \(sum)")
                #expect(lp[Int(w)] == got)
                ctx.observe(w)
            }
            // Scoring through the model's batch call gives the same numbers.
            let batch = m.logProbabilities(of: test, context: m.makeContext())
            #expect(batch == test.indices.map { Self.naive(ids, history: Array(test[..<$0]), next: test[$0], cap: cap) })
        }
    }

    /// Draws at T = 1 (a uniform position among the continuing suffixes) follow the counts: total
    /// variation below 0.02 over 30 000 draws in three contexts; `Generator` takes this route.
    @Test func drawsFollowTheCounts() throws {
        let text = "the cat sat on the mat and the cat ran\n"
        let m = Self.model(text)
        let ids = m.vocabulary.encode(text).ids
        for prefix in [0, 4, 6] {
            let ctx = m.makeContext() as! InfiniGramContext
            for t in ids[..<prefix] { ctx.observe(t) }
            var lp = [Double](repeating: 0, count: m.vocabulary.count)
            ctx.logProbabilities(into: &lp)
            var counts = [Int](repeating: 0, count: lp.count)
            var rng = Xoshiro256(seed: UInt64(prefix))
            for _ in 0..<30_000 { counts[Int(ctx.drawNext(options: .init(), using: &rng)!)] += 1 }
            var tv = 0.0
            for w in counts.indices { tv += abs(Double(counts[w]) / 30_000 - exp(lp[w])) }
            #expect(tv / 2 < 0.02, "prefix \(prefix): TV \(tv / 2)")
        }
        var a = Xoshiro256(seed: 4), b = Xoshiro256(seed: 4)
        let viaGenerator = try Generator.generate(model: m, request: .init(length: 100, sampling: .init()), using: &a)
        let ctx = m.makeContext() as! InfiniGramContext
        var direct: [Int32] = []
        for _ in 0..<100 { let t = ctx.drawNext(options: .init(), using: &b)!; direct.append(t); ctx.observe(t) }
        #expect(viaGenerator == direct)
        // Unbounded context copies the training text once the context is unique.
        #expect(m.vocabulary.decode(viaGenerator).split(separator: "\n").allSatisfy { text.contains($0) })
    }

    /// The model file round trip scores identically; an inconsistent index is refused with the file
    /// named.
    @Test func modelFileRoundTrip() throws {
        let m = Self.model("abracadabra and cadabra", cap: 3)
        let back = try InfiniGramKind.decode(payload: try m.encodePayload(), vocabulary: m.vocabulary, source: "m.sqb") as! InfiniGramModel
        #expect(back.text == m.text && back.suffixArray == m.suffixArray && back.maxContext == 3)
        var w = ByteWriter()
        w.write(0)
        w.writeArray([UInt32(1), 2])
        w.writeArray([UInt32(0)])
        #expect(throws: SeqbenchError.self) { try InfiniGramKind.decode(payload: w.data, vocabulary: m.vocabulary, source: "bad.sqb") }
        do { _ = try InfiniGramKind.decode(payload: w.data, vocabulary: m.vocabulary, source: "bad.sqb") } catch let e as SeqbenchError {
            #expect(e.message.hasPrefix("bad.sqb: the ∞-gram index is inconsistent"))
        }
    }

    /// A long unbounded generation (copies run into the end of the text, the context shrinks, the
    /// history is trimmed past 4096 tokens): after every token the context is the longest suffix of
    /// everything generated that has a continuation — that suffix has one, one token more has none.
    @Test func longGenerationKeepsTheLongestContext() throws {
        var rng = Xoshiro256(seed: 11)
        let text = String((0..<120).map { _ in Array("abcde")[rng.nextInt(below: 5)] })
        let m = Self.model(text)
        let ids = m.vocabulary.encode(text).ids
        func continues(_ s: ArraySlice<Int32>) -> Bool {
            let k = s.count
            if k == 0 { return true }
            for p in 0..<(ids.count - k) where ids[p..<(p + k)].elementsEqual(s) { return true }
            return false
        }
        let ctx = m.makeContext() as! InfiniGramContext
        var all: [Int32] = []
        for step in 0..<5000 {
            let t = ctx.drawNext(options: .init(), using: &rng)!
            ctx.observe(t)
            all.append(t)
            let L = ctx.length
            #expect(L <= all.count && continues(all[(all.count - L)...]), "step \(step): length \(L)")
            if L < all.count { #expect(!continues(all[(all.count - L - 1)...]), "step \(step): length \(L) is not the longest") }
        }
        #expect(ctx.history.count < 5000)  // trimmed
    }
}
