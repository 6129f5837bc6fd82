import Foundation
import Testing
@testable import Corpora
@testable import SeqbenchCore

/// The download path with an injected corpus table (this machine and CI may be offline).
@Suite struct CorpusCacheTests {
    let text = "To be, or not to be\nthat is the question\n"
    var remote: RemoteCorpus {
        RemoteCorpus(name: "tiny", url: "http://127.0.0.1:9/tiny.txt", sha256: SHA256.hex(text), bytes: text.utf8.count, summary: "test")
    }

    func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("seqbench-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    struct Offline: Error, CustomStringConvertible { var description: String { "network unreachable" } }

    @Test func cacheHitNeedsNoNetwork() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = CorpusCache(directory: dir, fetch: { _ in throw Offline() })
        try FileManager.default.createDirectory(at: cache.path(for: remote).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: cache.path(for: remote))
        #expect(try cache.load(remote) == text)
        #expect(cache.path(for: remote).path == dir.path + "/corpora/tiny.txt")
        // Through the catalog and spec parsing with the injected table.
        let spec = try CorpusSpec.parse("tiny", remotes: [remote])
        let c = try CorpusCatalog.load(spec, cacheDirectory: dir, remotes: [remote], fetch: { _ in throw Offline() })
        #expect(c.text == text && c.sha256 == remote.sha256)
    }

    @Test func offlineErrorSaysWhereToPutTheFile() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = CorpusCache(directory: dir, fetch: { _ in throw Offline() })
        let path = dir.path + "/corpora/tiny.txt"
        #expect(throws: SeqbenchError.data("tiny: cannot download http://127.0.0.1:9/tiny.txt (network unreachable); download http://127.0.0.1:9/tiny.txt by hand and put it at \(path) (SHA-256 \(remote.sha256))")) {
            _ = try cache.load(remote)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func realCurlFailsCleanlyWhenUnreachable() throws {
        // Port 9 (discard) on localhost refuses connections at once: curl's own error is reported.
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try CorpusCache(directory: dir).load(remote)
            Issue.record("expected an error")
        } catch let e as SeqbenchError {
            #expect(e.kind == .data)
            #expect(e.message.hasPrefix("tiny: cannot download http://127.0.0.1:9/tiny.txt (curl: "))
            #expect(e.message.hasSuffix("put it at \(dir.path)/corpora/tiny.txt (SHA-256 \(remote.sha256))"))
        }
    }

    @Test func checksumMismatchIsRefusedAndNotCached() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = Data("To be or not\n".utf8)
        let cache = CorpusCache(directory: dir, fetch: { _ in bad })
        // A stale cached file with the wrong bytes is not trusted either.
        try FileManager.default.createDirectory(at: cache.path(for: remote).deletingLastPathComponent(), withIntermediateDirectories: true)
        try bad.write(to: cache.path(for: remote))
        #expect(throws: SeqbenchError.data("tiny: http://127.0.0.1:9/tiny.txt has SHA-256 \(SHA256.hex(bad)), expected \(remote.sha256); download http://127.0.0.1:9/tiny.txt by hand and put it at \(dir.path)/corpora/tiny.txt (SHA-256 \(remote.sha256))")) {
            _ = try cache.load(remote)
        }
        #expect(try Data(contentsOf: cache.path(for: remote)) == bad)  // untouched, not replaced
    }

    @Test func downloadVerifiesAndWritesAtomically() throws {
        // curl itself, on a file:// URL (no network needed), exercises the whole download path.
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("source.txt")
        try Data(text.utf8).write(to: source)
        var r = remote
        r.url = source.absoluteString
        let cache = CorpusCache(directory: dir.appendingPathComponent("cache"))
        #expect(try cache.load(r) == text)
        #expect(try Data(contentsOf: cache.path(for: r)) == Data(text.utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path(for: r).deletingLastPathComponent().path) == ["tiny.txt"])
    }

    @Test func cacheDirectoryFromEnvironment() {
        #expect(CorpusCache.defaultDirectory(environment: ["SEQBENCH_CACHE": "/x/y"]).path == "/x/y")
        #expect(CorpusCache.defaultDirectory(environment: [:]).path.hasSuffix("/.cache/seqbench"))
    }

    @Test func tinyShakespeareIsPinned() {
        let t = RemoteCorpus.known.first { $0.name == "tinyshakespeare" }
        #expect(t?.url == "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt")
        #expect(t?.sha256 == "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed")
        #expect(t?.bytes == 1_115_394)
    }
}
