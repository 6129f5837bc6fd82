import Foundation
import Testing
@testable import SeqbenchCore

@Suite struct AtomicFileTests {
    func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("seqbench-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    @Test func writesAndLeavesNoTemporaryFile() throws {
        let d = try tempDir()
        defer { try? FileManager.default.removeItem(at: d) }
        let f = d.appendingPathComponent("sub/out.txt")
        try AtomicFile.write("first", to: f)
        try AtomicFile.write("second", to: f)
        #expect(try String(contentsOf: f, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.deletingLastPathComponent().path) == ["out.txt"])
    }

    @Test func failureLeavesNothing() throws {
        let d = try tempDir()
        defer { try? FileManager.default.removeItem(at: d) }
        // The destination is an existing non-empty folder: rename(2) fails, the temp file is removed.
        let target = d.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inner"), withIntermediateDirectories: true)
        #expect(throws: SeqbenchError.self) { try AtomicFile.write("x", to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: d.path) == ["taken"])
    }
}
