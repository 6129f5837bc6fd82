import ArgumentParser
import Corpora
import Foundation
import SeqbenchCore

/// `--corpus NAME [--split a,b,c]`: a named corpus, split, as an alternative to text files.
struct CorpusOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A corpus instead of files: kjv, jargon, fortunes, tinyshakespeare, synthetic:markov:order=2,alphabet=5,length=200000,seed=7, or a file path (split into train/valid/test).", valueName: "name"))
    var corpus: String?

    @Option(help: ArgumentHelp("Train,valid,test fractions for --corpus (contiguous, cut on line boundaries).", valueName: "a,b,c"))
    var split: String = SplitFractions.standard.description

    /// Loads and splits `--corpus`, or nil when it was not given.
    func loadSplit() throws -> (corpus: Corpus, split: CorpusSplit)? {
        guard let name = corpus else { return nil }
        let fractions = try SplitFractions.parse(split)
        let c = try CorpusCatalog.load(try CorpusSpec.parse(name))
        return (c, try c.split(fractions))
    }
}

/// Parses `--tokenizer`, suggesting the nearest name for a misspelling.
func parseTokenizer(_ s: String) throws -> TokenizerKind {
    if let t = TokenizerKind(rawValue: s) { return t }
    let names = TokenizerKind.allCases.map(\.rawValue)
    throw SeqbenchError.usage("--tokenizer: unknown tokenizer '\(s)'\(EditDistance.suggestion(for: s, in: names)); use one of \(names.joined(separator: ", "))")
}
