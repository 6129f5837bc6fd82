import ArgumentParser
import Corpora
import Foundation
import LanguageModels
import ModelZoo
import SeqbenchCore

/// `seqbench train KIND …`: trains any model kind of `ModelZoo.registry` and writes a model file.
struct TrainCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model of any kind and write it to a model file.",
        discussion: """
        KIND is a model kind (see 'seqbench models'). Options of the kind itself follow as \
        --kebab-case flags, e.g. --order 5 --smoothing modified-kneser-ney or --hidden 128; list \
        them with 'seqbench train KIND --list-options'. The vocabulary is built from the training \
        text only. The model file is written atomically, only when training succeeded.

        EXAMPLES:
          seqbench train unigram --train train.txt --valid valid.txt --out m.sqb
          seqbench train unigram --tokenizer word --corpus kjv --out kjv-word.sqb
        """
    )

    @Argument(help: ArgumentHelp("The model kind.", valueName: "kind"))
    var kind: String

    @Option(help: ArgumentHelp("How text becomes tokens: char, word or byte.", valueName: "tokenizer"))
    var tokenizer: String = "char"

    @Option(help: ArgumentHelp("The training text (UTF-8).", valueName: "file"))
    var train: String?

    @Option(help: ArgumentHelp("Validation text (UTF-8); with --corpus, defaults to its valid split.", valueName: "file"))
    var valid: String?

    @OptionGroup var corpusOptions: CorpusOptions

    @Option(help: ArgumentHelp("The model file to write.", valueName: "file"))
    var out: String?

    @Option(parsing: .unconditional, help: "Seed for every random choice of training.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Threads for neural models (with 2, seqbench splits the work itself on OpenBLAS cores with small-matrix kernels; README).")
    var threads: Int = 1

    @Option(name: .customLong("max-seconds"), parsing: .unconditional, help: ArgumentHelp("Stop training after this many wall-clock seconds.", valueName: "seconds"))
    var maxSeconds: Double?

    @Option(help: ArgumentHelp("A checkpoint file kept up to date during training (neural models).", valueName: "file"))
    var checkpoint: String?

    @Flag(help: "Continue from --checkpoint when it exists.")
    var resume = false

    @Flag(name: .customLong("list-options"), help: "Print the options of KIND and exit.")
    var listOptions = false

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Options of the model kind (--kebab-case value).", valueName: "kind-options"))
    var kindArguments: [String] = []

    func execute() throws {
        let registry = ModelZoo.registry
        let modelKind = try registry.kind(named: kind, field: "train")
        if listOptions {
            printOut(ModelsCommand.describe(modelKind))
            return
        }
        let options = try ModelOptions.parseCommandLine(kindArguments, specs: modelKind.options, kind: kind)
        // Values too, before a corpus is loaded: an out-of-range value should not wait for the text.
        try modelKind.validate(options: options)
        let tokenizerKind = try parseTokenizer(tokenizer)
        guard let out else { throw SeqbenchError.usage("train: --out is missing; give the model file to write, e.g. --out model.sqb") }
        guard threads >= 1 else { throw SeqbenchError.usage("--threads \(threads) is out of range; give a whole number >= 1") }
        if let s = maxSeconds, !(s > 0 && s.isFinite) {
            throw SeqbenchError.usage("--max-seconds \(formatDouble(s)) is out of range; give a number of seconds > 0")
        }
        if resume && checkpoint == nil { throw SeqbenchError.usage("--resume needs --checkpoint FILE; give the checkpoint to continue from") }

        // Validation options with nothing to validate on would only record the training loss.
        let asked = modelKind.options.filter { ["eval_every", "patience"].contains($0.name) && (options.values[$0.name]?.intValue ?? 0) > 0 }
        let askedFlags = asked.map { "\($0.flag) \(options.values[$0.name]!)" }.joined(separator: " and ")
        let askedVerb = asked.count == 1 ? "needs" : "need", askedPronoun = asked.count == 1 ? "it" : "them"
        if valid == nil && corpusOptions.corpus == nil && !asked.isEmpty {
            throw SeqbenchError.usage("train \(kind): \(askedFlags) \(askedVerb) validation text, and there is none; give --valid FILE or --corpus NAME (its valid split), or leave \(askedPronoun) out")
        }

        // The texts: files, or the corpus's splits.
        var trainText: String
        var validText: String? = nil
        var description: String
        if train != nil && corpusOptions.corpus != nil {
            throw SeqbenchError.usage("train: give --train FILE or --corpus NAME, not both")
        }
        if let c = try corpusOptions.loadSplit() {
            trainText = c.split.train
            validText = c.split.valid
            description = "\(c.corpus.name) (SHA-256 \(c.corpus.sha256)) split \(c.split.fractions.description)"
        } else {
            guard let train else { throw SeqbenchError.usage("train: no training text; give --train FILE or --corpus NAME") }
            trainText = try TextFile.read(train)
            description = train
        }
        if let valid { validText = try TextFile.read(valid) }

        let data = TrainingData(tokenizer: tokenizerKind, trainText: trainText, validText: validText)
        // Validation predicts each token from the ones before it: one token predicts nothing.
        if let v = data.valid, v.count < 2, !asked.isEmpty {
            let source = valid ?? "the valid split of \(corpusOptions.corpus ?? "the corpus")"
            throw SeqbenchError.usage("train \(kind): \(askedFlags) \(askedVerb) at least 2 validation tokens, and \(source) has \(v.count) (tokenizer \(tokenizerKind.rawValue)); give a longer validation text, or leave \(askedPronoun) out")
        }
        let vocabulary = data.vocabulary
        trainText = ""
        let reporter = ProgressReporter(terminal: standardErrorIsTerminal)
        let environment = TrainingEnvironment(seed: seed, threads: threads, maxSeconds: maxSeconds,
                                              checkpointURL: checkpoint.map { URL(fileURLWithPath: $0) }, resume: resume,
                                              progress: { reporter.report($0) })
        let (model, report) = try registry.train(kind: kind, data: data, options: options, environment: environment)
        reporter.finish()
        try ModelFile.write(model, to: URL(fileURLWithPath: out))

        var rows: [[String]] = [
            ["model", kind], ["file", out], ["training text", description],
            ["tokenizer", tokenizerKind.rawValue], ["vocabulary", String(vocabulary.count)],
            ["training tokens", String(data.train.count)], ["parameters", String(model.parameterCount)],
            ["wall seconds", String(format: "%.3f", report.wallSeconds)],
            ["tokens/s", TrainingProgress.rate(report.tokensPerSecond)],
        ]
        if let s = report.steps { rows.append(["steps", String(s)]) }
        if let last = report.learningCurve.last {
            rows.append(["train loss, mean of the last curve interval (nats)", String(format: "%.4f", last.trainLoss)])
            if let v = last.validBitsPerChar { rows.append(["final valid bits/char (curve)", String(format: "%.4f", v)]) }
        }
        for key in report.notes.keys.sorted() { rows.append([key, report.notes[key]!.description]) }
        if let vt = validText {
            let r = Evaluator.evaluate(model: model, text: vt)
            rows.append(["valid bits/char", String(format: "%.4f", r.bitsPerChar)])
            rows.append(["valid perplexity", String(format: "%.4f", r.perplexity)])
        }
        printOut(formatTable(rows))
    }
}
