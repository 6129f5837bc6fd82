import Foundation
import Testing
import Corpora
import LanguageModels
import SeqbenchCore
@testable import Markov

@Suite struct ARPATests {
    static let text = NormalizationTests.text

    @Test(arguments: [(TokenizerKind.word, true, 3), (.word, true, 5), (.char, true, 4), (.char, false, 4)])
    func exportThenImportScoresIdentically(tokenizer: TokenizerKind, sb: Bool, order: Int) throws {
        for s in [Smoothing.modifiedKneserNey, .wittenBell] {
            let m = try makeModel(Self.text + "the_end  x\tq\n", tokenizer: tokenizer, order: order, smoothing: s, sentenceBoundaries: sb)
            let data = try ARPA.write(m)
            let back = try ARPA.read(data, tokenizer: tokenizer, source: "test.arpa")
            #expect(back.vocabulary == m.vocabulary)
            #expect(back.sentenceBoundaries == m.sentenceBoundaries)
            let probe = "the cat sat on a log\nthe_end zebra\n\nq x the\n"
            let a = scores(m, probe), b = scores(back, probe)
            #expect(a.count == b.count)
            // Written as shortest round-trip Doubles in log10: only the ln ↔ log10 conversion differs.
            for (x, y) in zip(a, b) { #expect(close(x, y, 1e-13), "\(x) vs \(y)") }
        }
    }

    /// A hand-written order-2 ARPA file (log10 values):
    ///   p(a) = -0.5, b(a) = -0.25; p(b) = -0.6; p(</s>) = -0.7; p(<unk>) = -2; <s>: b = -0.1
    ///   p(b | a) = -0.2, p(a | <s>) = -0.3
    /// "a b": p(a|<s>) = -0.3; p(b|a) = -0.2; p(</s>|b) = -0.7 (b has no backoff entry → 0).
    /// "b a": p(b|<s>) = b(<s>) + p(b) = -0.1 - 0.6; p(a|b) = -0.5; p(</s>|a) = b(a) + p(</s>) = -0.25 - 0.7.
    /// "z": <unk> after <s> = -0.1 - 2; then </s> from the empty context = -0.7.
    @Test func handWrittenFileScoresAsComputedByHand() throws {
        let m = try ARPA.read(Data(handARPA.utf8), tokenizer: .word, source: "hand.arpa")
        let l10 = M_LN10
        let expect: [Double] = [-0.3, -0.2, -0.7, -0.7, -0.5, -0.95, -2.1, -0.7]
        let got = scores(m, "a b\nb a\nz\n")
        #expect(got.count == expect.count)
        for (g, e) in zip(got, expect) { #expect(close(g, e * l10, 1e-12), "\(g) vs \(e * l10)") }
    }

    @Test func malformedFilesGiveLineNumbers() throws {
        func message(_ s: String) -> String {
            do { _ = try ARPA.read(Data(s.utf8), tokenizer: .word, source: "bad.arpa"); return "" } catch let e as SeqbenchError { return e.message } catch { return "\(error)" }
        }
        #expect(message("hello\n").contains("no \\data\\"))
        #expect(message("\\data\\\nngram 1=x\n").hasPrefix("bad.arpa:2:"))
        #expect(message("\\data\\\nngram 1=1\n\n\\1-grams:\n-0.5\n\\end\\\n").hasPrefix("bad.arpa:5:"))
        #expect(message("\\data\\\nngram 1=1\n\n\\1-grams:\nfoo\ta\n\\end\\\n").hasPrefix("bad.arpa:5:"))
        #expect(message("\\data\\\nngram 1=1\nngram 2=1\n\n\\1-grams:\n-1\ta\n\n\\2-grams:\n-1\ta b\n\\end\\\n").hasPrefix("bad.arpa:9:"))
        #expect(message("\\data\\\nngram 1=2\n\n\\1-grams:\n-1\ta\n").contains("truncated"))
        #expect(message("\\data\\\nngram 1=1\n\n\\1-grams:\n-1\ta\n\n\\2-grams:\n").hasPrefix("bad.arpa:7:"))
    }

    @Test func addKCannotBeExported() throws {
        let m = try makeModel(Self.text, order: 2, smoothing: .addK)
        #expect(throws: SeqbenchError.self) { try ARPA.write(m) }
    }
}
