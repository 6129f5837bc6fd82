import Foundation
import Corpora
import LanguageModels
import Metrics
import SeqbenchCore

/// Trains, evaluates, samples and measures one cell.
struct CellRunner {
    let config: ExperimentConfig
    let registry: ModelRegistry
    let out: URL
    let threads: Int
    let resume: Bool

    var modelsDir: URL { out.appendingPathComponent("models") }

    /// The model for a cell: from the model cache when present, else trained (from its checkpoint
    /// with `resume`) and cached.
    func model(for cell: Cell, corpus: PreparedCorpus, progress: ((TrainingProgress) -> Void)?) throws -> (any LanguageModel, TrainingReport) {
        let modelURL = modelsDir.appendingPathComponent("\(cell.id).model")
        let reportURL = modelsDir.appendingPathComponent("\(cell.id).train.json")
        if FileManager.default.fileExists(atPath: modelURL.path), FileManager.default.fileExists(atPath: reportURL.path),
           let m = try? registry.load(modelURL.path), let r = try? ResultFiles.read(TrainingReport.self, from: reportURL) {
            return (m, r)
        }
        let data = TrainingData(vocabulary: corpus.vocabulary, train: corpus.train, valid: corpus.valid, validCharacters: corpus.validCharacters)
        var seedGenerator = Xoshiro256.derived(seed: cell.seed, label: "train")
        let env = TrainingEnvironment(seed: seedGenerator.next(),
                                      threads: threads, maxSeconds: config.maxSeconds,
                                      checkpointURL: modelsDir.appendingPathComponent("\(cell.id).ckpt"),
                                      resume: resume, progress: progress)
        let (model, report) = try registry.train(kind: cell.kind, data: data, options: cell.options, environment: env)
        try ModelFile.write(model, to: modelURL)
        try ResultFiles.write(report, to: reportURL)
        try? FileManager.default.removeItem(at: modelsDir.appendingPathComponent("\(cell.id).ckpt"))
        return (model, report)
    }

    func run(_ cell: Cell, corpus: PreparedCorpus, reference: (any LanguageModel)?, progress: ((TrainingProgress) -> Void)?) throws -> CellResult {
        let (model, report) = try model(for: cell, corpus: corpus, progress: progress)
        // Training set the threads, but a model from the cache was not trained here.
        registry.useThreads(threads)
        let evaluation = Evaluator.evaluate(model: model, text: corpus.split.test)
        var trainBPC: Double? = nil
        if cell.kind == "ngram" {
            trainBPC = Evaluator.evaluate(model: model, text: corpus.split.train).bitsPerChar
        }
        var temps: [TemperatureResult] = []
        for t in config.sampling.temperatures {
            let options = SamplingOptions(temperature: t, topK: config.sampling.topK, topP: config.sampling.topP)
            var samples: [[Int32]] = []
            for i in 0..<config.sampling.samples {
                var rng = Xoshiro256.derived(seed: cell.seed, label: "sample/\(cell.configID)/\(formatDouble(t))/\(i)")
                let request = Generator.Request(prompt: corpus.promptIDs, length: config.sampling.length, sampling: options)
                samples.append(try Generator.generate(model: model, request: request, using: &rng))
            }
            let texts = samples.map { corpus.vocabulary.decode($0) }
            let metrics = measure(samples: samples, texts: texts, corpus: corpus, reference: reference)
            temps.append(TemperatureResult(temperature: t, metrics: metrics, samples: texts))
        }
        return CellResult(
            id: cell.id, configID: cell.configID, experiment: config.name, configHash: config.hash,
            corpus: cell.corpusName, corpusSHA256: corpus.sha256, tokenizer: corpus.entry.tokenizer.rawValue,
            entropyRateBitsPerChar: corpus.entropyRateBitsPerChar, family: cell.kind, model: cell.label,
            options: cell.options.values, order: cell.order, seed: cell.seed, parameters: model.parameterCount, evaluation: evaluation,
            trainBitsPerChar: trainBPC, training: report, peakRSSBytes: peakResidentBytes(),
            temperatures: temps, seqbenchVersion: seqbenchVersion)
    }

    /// Every sample metric, plus `sample_bits_per_char` under the reference model.
    func measure(samples: [[Int32]], texts: [String], corpus: PreparedCorpus, reference: (any LanguageModel)?) -> [String: Double] {
        var metrics: [String: Double] = [:]
        for (name, value) in MetricSet.compute(samples: samples, texts: texts, index: config.copying ? corpus.index : nil) {
            metrics[name] = value
        }
        if let ref = reference {
            metrics["sample_bits_per_char"] = Self.bitsPerChar(of: samples, texts: texts, under: ref)
        }
        return metrics
    }

    /// Pooled bits per character of texts under a model, each scored from a fresh context.
    static func bitsPerChar(of samples: [[Int32]], texts: [String], under model: any LanguageModel) -> Double {
        var nll = 0.0
        var chars = 0
        for (ids, text) in zip(samples, texts) {
            nll -= model.logProbabilities(of: ids, context: model.makeContext()).reduce(0, +)
            chars += text.unicodeScalars.count
        }
        return chars > 0 ? nll / (Double(chars) * M_LN2) : .nan
    }
}
