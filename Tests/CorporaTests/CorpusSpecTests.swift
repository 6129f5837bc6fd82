import Foundation
import Testing
@testable import Corpora
@testable import SeqbenchCore

@Suite struct CorpusSpecTests {
    @Test func parsesEveryForm() throws {
        #expect(try CorpusSpec.parse("kjv") == .packaged("kjv"))
        #expect(try CorpusSpec.parse("fortunes") == .packaged("fortunes"))
        #expect(try CorpusSpec.parse("tinyshakespeare") == .url("tinyshakespeare"))
        #expect(try CorpusSpec.parse("data/x.txt") == .file("data/x.txt"))
        #expect(try CorpusSpec.parse("synthetic:markov:order=1,alphabet=3,length=100,seed=2,alpha=1")
                == .synthetic(SyntheticMarkovSpec(order: 1, alphabetSize: 3, length: 100, seed: 2, concentration: 1)))
    }

    @Test func unknownNameSuggests() {
        #expect(throws: SeqbenchError.usage("--corpus: unknown corpus 'kvj' (did you mean 'kjv'?); use one of fortunes, jargon, kjv, tinyshakespeare, synthetic:markov:order=2,alphabet=5,length=200000,seed=7, or a file path")) {
            _ = try CorpusSpec.parse("kvj")
        }
    }

    @Test func codableAsOneString() throws {
        let specs: [CorpusSpec] = [.packaged("kjv"), .url("tinyshakespeare"), .file("a/b.txt"),
                                   .synthetic(SyntheticMarkovSpec(order: 2, alphabetSize: 5, length: 1000, seed: 7))]
        for s in specs {
            let data = try JSONEncoder().encode([s])
            #expect(String(decoding: data, as: UTF8.self) == "[\"\(s.description.replacingOccurrences(of: "/", with: "\\/"))\"]")
            #expect(try JSONDecoder().decode([CorpusSpec].self, from: data) == [s])
        }
    }

    @Test func syntheticCorpusLoadsWithEntropyRate() throws {
        let c = try CorpusCatalog.load(try CorpusSpec.parse("synthetic:markov:order=1,alphabet=3,length=1000,seed=4"))
        #expect(c.text.unicodeScalars.count == 1000)
        #expect(c.sha256 == SHA256.hex(c.text))
        let src = SyntheticMarkovSource(spec: SyntheticMarkovSpec(order: 1, alphabetSize: 3, length: 1000, seed: 4))
        #expect(c.entropyRateNats == src.entropyRateNats)
        #expect(c.name == "synthetic:markov:order=1,alphabet=3,length=1000,seed=4,alpha=0.5")
    }

    @Test func statisticsByHand() {
        // "ab\nжж\nc": 9 bytes (ж is 2 bytes), 7 scalars, 3 lines (last unterminated), distinct a b \n ж c.
        let s = CorpusStatistics(text: "ab\nжж\nc")
        #expect(s == CorpusStatistics(text: "ab\nжж\nc"))
        #expect((s.bytes, s.characters, s.lines, s.distinctCharacters) == (9, 7, 3, 5))
        #expect(CorpusStatistics(text: "x\n").lines == 1)
    }
}
