import ArgumentParser
import Corpora
import Foundation
import LanguageModels
import ModelZoo
import SeqbenchCore

/// `seqbench eval MODEL --test FILE [--json]`.
struct EvalCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a model on held-out text: bits per char, perplexity, OOV and zero-probability counts.",
        discussion: """
        Units: NLL is in nats; bits_per_char = NLL / (characters · ln 2) with characters = \
        Unicode scalars of the test text (newlines included); perplexity = exp(NLL / tokens). \
        Tokens counted: char — every scalar; byte — every UTF-8 byte; word — every word plus one \
        </s> per line. With --corpus the test split is scored.

        JSON fields: tokens, characters, oov_tokens, zero_probability_tokens, nll_nats, \
        cross_entropy_nats, bits_per_token, bits_per_char, perplexity, perplexity_excluding_oov, \
        vocabulary_size, model, tokenizer, tokens_counted.

        EXAMPLES:
          seqbench eval model.sqb --test test.txt
          seqbench eval kjv-word.sqb --corpus kjv --json
        """
    )

    @Argument(help: ArgumentHelp("A model file written by 'seqbench train'.", valueName: "model"))
    var model: String

    @Option(help: ArgumentHelp("The test text (UTF-8).", valueName: "file"))
    var test: String?

    @OptionGroup var corpusOptions: CorpusOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(parsing: .unconditional, help: "Threads for neural models (2: both cores, as in training; the numbers do not change).")
    var threads: Int = 1

    func execute() throws {
        let text: String
        if test != nil && corpusOptions.corpus != nil {
            throw SeqbenchError.usage("eval: give --test FILE or --corpus NAME, not both")
        }
        guard threads >= 1 else { throw SeqbenchError.usage("--threads \(threads) is out of range; give a whole number >= 1") }
        ModelZoo.registry.useThreads(threads)
        if let c = try corpusOptions.loadSplit() {
            text = c.split.test
        } else {
            guard let test else { throw SeqbenchError.usage("eval: no test text; give --test FILE or --corpus NAME") }
            text = try TextFile.read(test)
        }
        let m = try ModelZoo.registry.load(model)
        let r = Evaluator.evaluate(model: m, text: text)
        if json {
            printOut(try jsonString(r) + "\n")
            return
        }
        func f(_ x: Double) -> String { x.isFinite ? String(format: "%.6f", x) : formatDouble(x) }
        let rows: [[String]] = [
            ["model", m.descriptor.description], ["tokenizer", r.tokenizer],
            ["vocabulary size", String(r.vocabularySize)],
            ["tokens", String(r.tokens)], ["characters", String(r.characters)],
            ["oov tokens", String(r.oovTokens)], ["zero-probability tokens", String(r.zeroProbabilityTokens)],
            ["nll (nats)", f(r.nllNats)], ["cross-entropy (nats/token)", f(r.crossEntropyNats)],
            ["bits/token", f(r.bitsPerToken)], ["bits/char", f(r.bitsPerChar)],
            ["perplexity", f(r.perplexity)], ["perplexity excluding oov", f(r.perplexityExcludingOOV)],
        ]
        printOut(formatTable(rows))
    }
}
