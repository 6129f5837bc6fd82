import Testing
@testable import Corpora
@testable import SeqbenchCore

@Suite struct CorpusSplitTests {
    @Test func equalLinesByHand() throws {
        // 10 lines of 3 bytes = 30 bytes. Train ends at the first line end ≥ ⌊0.6·30⌋ = 18, i.e. after
        // line 6; valid at the first line end ≥ ⌊0.8·30⌋ = 24, after line 8; test is lines 9–10.
        let text = "aa\nbb\ncc\ndd\nee\nff\ngg\nhh\nii\njj\n"
        let s = try CorpusSplit(text: text, fractions: SplitFractions(train: 0.6, valid: 0.2, test: 0.2), source: "t")
        #expect(s.train == "aa\nbb\ncc\ndd\nee\nff\n")
        #expect(s.valid == "gg\nhh\n")
        #expect(s.test == "ii\njj\n")
        #expect((s.trainEndLine, s.validEndLine, s.lineCount) == (6, 8, 10))
        #expect((s.validStartByte, s.testStartByte) == (18, 24))
        #expect(s.train + s.valid + s.test == text)
    }

    @Test func unequalLinesByHand() throws {
        // Line ends at bytes 2, 13, 15, 17. ⌊0.5·17⌋ = 8 → train ends at 13 (2 lines);
        // ⌊0.75·17⌋ = 12 → also 13, so valid takes the next line at least; test the last.
        let text = "a\nbbbbbbbbbb\nc\nd"
        let s = try CorpusSplit(text: text, fractions: SplitFractions(train: 0.5, valid: 0.25, test: 0.25), source: "t")
        #expect(s.train == "a\nbbbbbbbbbb\n")
        #expect(s.valid == "c\n")
        #expect(s.test == "d")
        #expect(s.lineCount == 4)
    }

    @Test func tooSmall() {
        // Line ends 2, 4; ⌊0.9·4⌋ = 3 → train takes both lines, nothing is left.
        #expect(throws: SeqbenchError.data("tiny.txt: too small to split (2 line(s), 4 bytes) into train/valid/test 0.9/0.05/0.05; give a corpus with more lines")) {
            _ = try CorpusSplit(text: "a\nb\n", source: "tiny.txt")
        }
        #expect(throws: SeqbenchError.self) { _ = try CorpusSplit(text: "", source: "empty") }
    }

    @Test func recordHasBoundariesAndHashes() throws {
        let text = "aa\nbb\ncc\ndd\nee\nff\ngg\nhh\nii\njj\n"
        let s = try CorpusSplit(text: text, fractions: SplitFractions(train: 0.6, valid: 0.2, test: 0.2), source: "t")
        let r = s.record(corpusName: "t", corpusSHA256: SHA256.hex(text))
        #expect(r.parts.map(\.name) == ["train", "valid", "test"])
        #expect(r.parts.map(\.startByte) == [0, 18, 24])
        #expect(r.parts.map(\.endByte) == [18, 24, 30])
        #expect(r.parts.map(\.endLine) == [6, 8, 10])
        #expect(r.parts[1].sha256 == SHA256.hex("gg\nhh\n"))
    }

    @Test func fractionsParse() throws {
        #expect(try SplitFractions.parse("0.8,0.1,0.1") == SplitFractions(train: 0.8, valid: 0.1, test: 0.1))
        #expect(throws: SeqbenchError.usage("--split '0.9,0.1' is not three numbers; write train,valid,test fractions such as 0.9,0.05,0.05")) {
            _ = try SplitFractions.parse("0.9,0.1")
        }
        #expect(throws: SeqbenchError.usage("--split 1.5,0,0: train fraction 1.5 is out of range; give a number between 0 and 1 (exclusive)")) {
            _ = try SplitFractions.parse("1.5,0,0")
        }
        #expect(throws: SeqbenchError.self) { _ = try SplitFractions.parse("0.5,0.2,0.2") }  // sums to 0.9
    }
}
