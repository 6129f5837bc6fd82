import Foundation
import Testing
@testable import Corpora
@testable import LanguageModels
@testable import SeqbenchCore

@Suite struct ModelFileTests {
    func modelData() throws -> Data {
        let v = Vocabulary(tokenizer: .char, trainingText: "abcab\n")
        return try ModelFile.encode(UnigramModel(vocabulary: v, training: v.encode("abcab\n").ids))
    }
    let registry = ModelRegistry([UnigramKind.self])

    @Test func roundTrip() throws {
        let m = try registry.decode(try modelData(), source: "m.sqb") as! UnigramModel
        #expect(m.counts == [0, 1, 2, 2, 1])  // <unk>, "\n", a, b, c
    }

    @Test func truncatedCorruptedNewer() throws {
        let data = try modelData()
        #expect(throws: SeqbenchError.data("m.sqb: checksum mismatch; the model file is truncated or corrupted, train or copy it again")) {
            _ = try registry.decode(data.prefix(data.count - 5), source: "m.sqb")
        }
        var flipped = data
        flipped[20] ^= 0xFF
        #expect(throws: SeqbenchError.data("m.sqb: checksum mismatch; the model file is truncated or corrupted, train or copy it again")) {
            _ = try registry.decode(flipped, source: "m.sqb")
        }
        var newer = data
        newer[8] = 2  // the version word follows the 8-byte magic
        #expect(throws: SeqbenchError.data("m.sqb: model format version 2 is newer than this seqbench reads (up to 1); upgrade seqbench or retrain the model")) {
            _ = try registry.decode(newer, source: "m.sqb")
        }
        #expect(throws: SeqbenchError.data("m.sqb: not a seqbench model file (bad magic or too short); give a file written by 'seqbench train'")) {
            _ = try registry.decode(Data("hello".utf8), source: "m.sqb")
        }
    }
}
