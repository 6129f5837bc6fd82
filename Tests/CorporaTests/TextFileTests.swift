import Foundation
import Testing
@testable import Corpora
@testable import SeqbenchCore

@Suite struct TextFileTests {
    @Test func refusals() throws {
        #expect(throws: SeqbenchError.data("x: the file is empty; give a text file with at least one line")) {
            _ = try TextFile.decode(Data(), source: "x")
        }
        #expect(throws: SeqbenchError.data("x: looks binary (NUL byte at offset 2); give a UTF-8 text file")) {
            _ = try TextFile.decode(Data([0x61, 0x62, 0x00]), source: "x")
        }
        // "ab" then a lone continuation byte at offset 2.
        #expect(throws: SeqbenchError.data("x: invalid UTF-8 at byte offset 2; convert the file to UTF-8 (for example with iconv)")) {
            _ = try TextFile.decode(Data([0x61, 0x62, 0x80, 0x63]), source: "x")
        }
        #expect(throws: SeqbenchError.data("/nonexistent/f.txt: no such file; check the path")) {
            _ = try TextFile.read("/nonexistent/f.txt")
        }
    }

    @Test(arguments: [
        ([0xC0, 0x80], 0),             // overlong NUL
        ([0x61, 0xED, 0xA0, 0x80], 1), // UTF-16 surrogate D800
        ([0xF4, 0x90, 0x80, 0x80], 0), // above U+10FFFF
        ([0x61, 0xE2, 0x82], 1),       // truncated sequence at the end
    ] as [([UInt8], Int)])
    func invalidUTF8Offsets(bytes: [UInt8], offset: Int) {
        #expect(TextFile.firstInvalidUTF8Offset(Data(bytes)) == offset)
    }

    @Test func validUTF8AcrossScripts() {
        let s = "Latin é, Кириллица, العربية, देवनागरी, ਗੁਰਮੁਖੀ, 漢字, e\u{301}, 👩‍👩‍👧\n"
        #expect(TextFile.firstInvalidUTF8Offset(Data(s.utf8)) == nil)
    }
}
