import ArgumentParser
import Corpora
import Foundation
import LanguageModels
import ModelZoo
import SeqbenchCore

/// `seqbench sample MODEL …`: text from any model through the shared sampler.
struct SampleCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Generate text from a model (temperature, top-k, top-p, prompt; seeded).",
        discussion: """
        Temperature T draws from p^(1/T) renormalised; T = 0 (or --greedy) takes the most \
        probable token, ties to the lowest id. --top-k keeps the k most probable tokens, --top-p \
        the smallest set whose mass reaches p (after temperature). Sample i uses seed + i, so \
        '--count 1 --seed S' repeats any sample. The output is the prompt followed by the \
        generated text; with --json, one JSON object per line: \
        {"index","seed","temperature","text","tokens"} (tokens = generated tokens).

        EXAMPLES:
          seqbench sample model.sqb --length 300 --temperature 0.8 --seed 7
          seqbench sample model.sqb --prompt "And God said" --top-p 0.9 --count 3 --json
        """
    )

    @Argument(help: ArgumentHelp("A model file written by 'seqbench train'.", valueName: "model"))
    var model: String

    @Option(parsing: .unconditional, help: "Tokens to generate per sample.")
    var length: Int = 200

    @Option(parsing: .unconditional, help: "Number of samples.")
    var count: Int = 1

    @Option(parsing: .unconditional, help: "Seed of the first sample (sample i uses seed + i).")
    var seed: UInt64 = 1

    /// Optional (default 1) so that `--greedy` with an explicit other temperature can be refused.
    @Option(parsing: .unconditional, help: "Temperature T ≥ 0 (0 = greedy). (default: 1)")
    var temperature: Double?

    @Flag(help: "Take the most probable token (same as --temperature 0).")
    var greedy = false

    @Option(name: .customLong("top-k"), parsing: .unconditional, help: ArgumentHelp("Keep only the k most probable tokens.", valueName: "k"))
    var topK: Int?

    @Option(name: .customLong("top-p"), parsing: .unconditional, help: ArgumentHelp("Keep the smallest set of tokens whose probability reaches p.", valueName: "p"))
    var topP: Double?

    @Option(parsing: .unconditional, help: "Text to prime the model with (its units must be in the vocabulary).")
    var prompt: String = ""

    @Flag(name: .customLong("allow-unk"), help: "Map prompt units outside the vocabulary to <unk> instead of refusing.")
    var allowUnk = false

    @Flag(name: .customLong("observed-only"), help: "Count-based models: draw only successors seen in training.")
    var observedOnly = false

    @Flag(help: "Print JSON Lines instead of text.")
    var json = false

    @Option(parsing: .unconditional, help: "Threads for neural models (2: both cores, as in training; the numbers do not change).")
    var threads: Int = 1

    func execute() throws {
        guard length >= 1 && length <= Self.maxLength else {
            throw SeqbenchError.usage("--length \(length) is out of range; give a whole number from 1 to \(Self.maxLength) (for more text, draw several samples with --count)")
        }
        guard count >= 1 else { throw SeqbenchError.usage("--count \(count) is out of range; give a whole number >= 1") }
        guard threads >= 1 else { throw SeqbenchError.usage("--threads \(threads) is out of range; give a whole number >= 1") }
        ModelZoo.registry.useThreads(threads)
        if greedy, let t = temperature, t != 0 {
            throw SeqbenchError.usage("--greedy and --temperature \(formatDouble(t)) conflict (--greedy is --temperature 0); give one of them")
        }
        let sampling = SamplingOptions(temperature: greedy ? 0 : temperature ?? 1, topK: topK, topP: topP)
        try sampling.validate()
        let m = try ModelZoo.registry.load(model)
        let promptIDs = try Generator.encodePrompt(prompt, vocabulary: m.vocabulary, allowUnknown: allowUnk)
        // Each sample is printed as soon as it is drawn.
        try Generator.samples(model: m, prompt: promptIDs, length: length, count: count, seed: seed,
                              sampling: sampling, observedOnly: observedOnly) { s in
            if json {
                printOut(try jsonString(s, pretty: false) + "\n")
            } else {
                printOut((count > 1 ? "=== sample \(s.index) (seed \(s.seed)) ===\n" : "") + s.text + (s.text.hasSuffix("\n") ? "" : "\n"))
            }
        }
    }

    /// The longest sample `--length` allows: 10M tokens (40 MB of ids, and the text, in memory).
    static let maxLength = 10_000_000
}
