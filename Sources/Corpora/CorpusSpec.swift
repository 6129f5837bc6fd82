import Foundation
import SeqbenchCore

/// Which corpus to use, as named on the command line and in experiment configs.
///
/// CLI / config form (also the `Codable` form, a single string):
/// - `kjv`, `jargon`, `fortunes` — packaged with Debian (see `PackagedCorpora`);
/// - `tinyshakespeare` — a pinned download (see `RemoteCorpus`);
/// - `synthetic:markov:order=2,alphabet=5,length=200000,seed=7[,alpha=0.5]` — generated;
/// - anything containing "/" or naming an existing file — a UTF-8 text file (known names win, so
///   a file called `kjv` in the current folder is `./kjv`).
public enum CorpusSpec: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    case packaged(String)
    case synthetic(SyntheticMarkovSpec)
    case url(String)
    case file(String)

    /// Parses the CLI form.
    /// - Parameters:
    ///   - s: the text given.
    ///   - remotes: the known downloadable corpora (injectable for tests).
    ///   - field: where `s` came from, for messages (`--corpus`, `experiments/x.yaml: corpus`).
    /// - Throws: `SeqbenchError.usage` for an unknown name (listing the known ones, with a
    ///   did-you-mean) or a malformed synthetic spec.
    public static func parse(_ s: String, remotes: [RemoteCorpus] = RemoteCorpus.known, field: String = "--corpus") throws -> CorpusSpec {
        let syntheticPrefix = "synthetic:markov:"
        if s.hasPrefix("synthetic:") {
            guard s.hasPrefix(syntheticPrefix) else {
                throw SeqbenchError.usage("\(field): unknown synthetic corpus '\(s)'; write for example \(syntheticPrefix)order=2,alphabet=5,length=200000,seed=7")
            }
            return .synthetic(try SyntheticMarkovSpec.parse(parameters: String(s.dropFirst(syntheticPrefix.count)), field: field))
        }
        if PackagedCorpora.names.contains(s) { return .packaged(s) }
        if remotes.contains(where: { $0.name == s }) { return .url(s) }
        if s.contains("/") || FileManager.default.fileExists(atPath: s) { return .file(s) }
        let names = PackagedCorpora.names + remotes.map(\.name)
        throw SeqbenchError.usage("\(field): unknown corpus '\(s)'\(EditDistance.suggestion(for: s, in: names)); use one of \(names.sorted().joined(separator: ", ")), synthetic:markov:order=2,alphabet=5,length=200000,seed=7, or a file path")
    }

    /// The CLI form (`kjv`, `tinyshakespeare`, `synthetic:markov:…` with every field, or the path).
    public var description: String {
        switch self {
        case .packaged(let n), .url(let n), .file(let n): return n
        case .synthetic(let s): return s.description
        }
    }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        self = try CorpusSpec.parse(s, field: "corpus")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
