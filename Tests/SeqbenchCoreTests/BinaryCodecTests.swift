import Foundation
import Testing
@testable import SeqbenchCore

@Suite struct BinaryCodecTests {
    @Test func roundTrip() throws {
        var w = ByteWriter()
        w.write(UInt8(7)); w.write(UInt32(0xdeadbeef)); w.write(-5); w.write(2.5); w.write(Float(1.25)); w.write(true)
        w.write("héllo"); w.writeArray([1, 2, 3] as [UInt32]); w.writeArray([0.5, -1] as [Double]); w.writeStrings(["a", "", "ж"])
        var r = ByteReader(w.data, source: "mem")
        #expect(try r.readUInt8() == 7)
        #expect(try r.readUInt32() == 0xdeadbeef)
        #expect(try r.readInt() == -5)
        #expect(try r.readDouble() == 2.5)
        #expect(try r.readFloat() == 1.25)
        #expect(try r.readBool())
        #expect(try r.readString() == "héllo")
        #expect(try r.readArray(UInt32.self) == [1, 2, 3])
        #expect(try r.readDoubles() == [0.5, -1])
        #expect(try r.readStrings() == ["a", "", "ж"])
        #expect(r.isAtEnd)
    }

    @Test func littleEndianLayout() {
        var w = ByteWriter()
        w.write(UInt32(0x01020304))
        #expect(Array(w.data) == [4, 3, 2, 1])
    }

    @Test func truncationIsAnErrorNamingTheSource() {
        var w = ByteWriter()
        w.write("hello world")
        // Cut the string's bytes short: the count says 11, only 5 follow.
        var r = ByteReader(w.data.prefix(8 + 5), source: "m.sqb")
        #expect(throws: SeqbenchError.data("m.sqb: the model file is truncated or corrupted (count 11 at offset 8); train or export it again")) {
            _ = try r.readString()
        }
        var r2 = ByteReader(Data([1, 2, 3]), source: "m.sqb")
        #expect(throws: SeqbenchError.data("m.sqb: the model file is truncated or corrupted (wanted 4 bytes at offset 0); train or export it again")) {
            _ = try r2.readUInt32()
        }
        // An absurd array length is refused before allocating.
        var w3 = ByteWriter()
        w3.write(Int.max / 2)
        var r3 = ByteReader(w3.data, source: "m.sqb")
        #expect(throws: SeqbenchError.self) { _ = try r3.readArray(UInt64.self) }
    }
}
