import Foundation
import Testing
@testable import SeqbenchCore

@Suite struct SHA256Tests {
    // FIPS 180-4 example vectors (NIST CSRC "Examples with intermediate values", SHA-256).
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func fipsVectors(input: String, digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    @Test func oneMillionA() {
        // FIPS 180-4 long message: one million 'a'.
        #expect(SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesMatchOneShot() {
        // Splitting the input at every offset around the 64-byte block boundary gives the same digest.
        let bytes = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = SHA256.hex(Data(bytes))
        for cut in [0, 1, 55, 56, 63, 64, 65, 119, 128, 199, 200] {
            var h = SHA256()
            h.update(Data(bytes[0..<cut]))
            h.update(bytes[cut...])  // the Sequence path
            #expect(h.finalize().map { String(format: "%02x", $0) }.joined() == whole, "cut at \(cut)")
        }
    }

    @Test func matchesSha256sumOfAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("seqbench-sha-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        let data = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 / 7) })
        try data.write(to: url)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum", url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(String(out.prefix(64)) == SHA256.hex(try Data(contentsOf: url)))
    }
}
