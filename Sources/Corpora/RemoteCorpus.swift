import Foundation
import SeqbenchCore

/// A downloadable corpus pinned by URL, SHA-256 and size. It is fetched once into the cache folder
/// and verified on every load.
public struct RemoteCorpus: Sendable, Equatable {
    public var name: String
    public var url: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    public var bytes: Int
    public var summary: String

    public init(name: String, url: String, sha256: String, bytes: Int, summary: String) {
        self.name = name; self.url = url; self.sha256 = sha256; self.bytes = bytes; self.summary = summary
    }

    /// The corpora seqbench knows by name.
    public static let known: [RemoteCorpus] = [
        RemoteCorpus(
            name: "tinyshakespeare",
            url: "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt",
            sha256: "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
            bytes: 1_115_394,
            summary: "Tiny Shakespeare from char-rnn (Karpathy 2015), 1.1 MB, downloaded once into the cache"
        ),
    ]
}

/// The folder where downloaded corpora are kept, and the download itself.
///
/// A corpus `name` is cached at `<directory>/corpora/<name>.txt`. Loading: if that file exists and
/// its SHA-256 matches, use it; otherwise fetch the URL (by default with `curl`), verify the checksum
/// and write the file atomically. When offline or on a mismatch the error names the URL, the expected
/// checksum and the exact path to put the file by hand.
public struct CorpusCache: Sendable {
    public var directory: URL
    /// Fetches a URL's bytes; throws a message (without the path) on failure.
    public var fetch: @Sendable (String) throws -> Data

    public init(directory: URL = CorpusCache.defaultDirectory(), fetch: @escaping @Sendable (String) throws -> Data = CorpusCache.curl) {
        self.directory = directory
        self.fetch = fetch
    }

    /// `$SEQBENCH_CACHE` when set and non-empty, else `~/.cache/seqbench`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let d = environment["SEQBENCH_CACHE"], !d.isEmpty { return URL(fileURLWithPath: d) }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/seqbench")
    }

    /// Where `corpus` is (or would be) cached.
    public func path(for corpus: RemoteCorpus) -> URL {
        directory.appendingPathComponent("corpora").appendingPathComponent("\(corpus.name).txt")
    }

    /// The verified text of `corpus`, from the cache or downloaded into it.
    /// - Throws: `SeqbenchError.data` naming the URL, the checksum and the cache path.
    public func load(_ corpus: RemoteCorpus) throws -> String {
        let file = path(for: corpus)
        let byHand = "download \(corpus.url) by hand and put it at \(file.path) (SHA-256 \(corpus.sha256))"
        if let data = try? Data(contentsOf: file) {
            if SHA256.hex(data) == corpus.sha256 { return try TextFile.decode(data, source: file.path) }
        }
        let data: Data
        do {
            data = try fetch(corpus.url)
        } catch {
            throw SeqbenchError.data("\(corpus.name): cannot download \(corpus.url) (\(error)); \(byHand)")
        }
        let got = SHA256.hex(data)
        guard got == corpus.sha256 else {
            throw SeqbenchError.data("\(corpus.name): \(corpus.url) has SHA-256 \(got), expected \(corpus.sha256); \(byHand)")
        }
        let text = try TextFile.decode(data, source: corpus.url)
        try AtomicFile.write(data, to: file)
        return text
    }

    /// Downloads with `curl -fsSL` (60 s limit). Errors carry curl's own message.
    public static let curl: @Sendable (String) throws -> Data = { url in
        let out = try ProcessRunner.run("/usr/bin/env", ["curl", "-fsSL", "--max-time", "60", url])
        guard out.status == 0 else {
            let msg = String(decoding: out.standardError, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ProcessRunner.Failure(message: msg.isEmpty ? "curl exit status \(out.status)" : msg)
        }
        return out.standardOutput
    }
}
