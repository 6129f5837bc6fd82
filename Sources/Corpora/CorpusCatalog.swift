import Foundation
import SeqbenchCore

/// Every corpus seqbench knows by name, and the one way to load any `CorpusSpec`.
public enum CorpusCatalog {
    /// A corpus known by name.
    public struct Entry: Sendable, Equatable {
        public enum Origin: String, Sendable { case packaged, download }
        public var name: String
        public var origin: Origin
        public var summary: String
    }

    /// Known named corpora, sorted by name (packaged and downloadable).
    public static func known(remotes: [RemoteCorpus] = RemoteCorpus.known) -> [Entry] {
        let packaged = PackagedCorpora.names.map { Entry(name: $0, origin: .packaged, summary: PackagedCorpora.summary(of: $0)) }
        let remote = remotes.map { Entry(name: $0.name, origin: .download, summary: $0.summary) }
        return (packaged + remote).sorted { $0.name < $1.name }
    }

    /// Known named corpora (the default table).
    public static var known: [Entry] { known() }

    /// Loads the text of `spec`, validated as non-empty UTF-8 without NUL bytes.
    /// - Parameters:
    ///   - cacheDirectory: where downloads are cached (default `$SEQBENCH_CACHE` or `~/.cache/seqbench`).
    ///   - remotes: the downloadable corpora (injectable for tests).
    ///   - fetch: how to download (injectable for tests; default `curl`).
    /// - Throws: `SeqbenchError` naming the corpus or file and what to do.
    public static func load(_ spec: CorpusSpec, cacheDirectory: URL? = nil,
                            remotes: [RemoteCorpus] = RemoteCorpus.known,
                            fetch: (@Sendable (String) throws -> Data)? = nil) throws -> Corpus {
        switch spec {
        case .packaged(let name):
            let (text, source) = try PackagedCorpora.load(name)
            return Corpus(name: name, spec: spec, text: text, source: source)
        case .url(let name):
            guard let r = remotes.first(where: { $0.name == name }) else {
                let names = remotes.map(\.name)
                throw SeqbenchError.usage("unknown downloadable corpus '\(name)'\(EditDistance.suggestion(for: name, in: names)); use one of \(names.joined(separator: ", "))")
            }
            var cache = CorpusCache(directory: cacheDirectory ?? CorpusCache.defaultDirectory())
            if let fetch { cache.fetch = fetch }
            let text = try cache.load(r)
            return Corpus(name: name, spec: spec, text: text, source: "\(r.url) (cached at \(cache.path(for: r).path))")
        case .synthetic(let s):
            try s.validate(field: spec.description)
            let source = SyntheticMarkovSource(spec: s)
            return Corpus(name: spec.description, spec: spec, text: source.generate(),
                          source: "random order-\(s.order) Markov source over \(s.alphabetSize) symbols", entropyRateNats: source.entropyRateNats)
        case .file(let path):
            return Corpus(name: path, spec: spec, text: try TextFile.read(path), source: "file \(path)")
        }
    }
}
