import ArgumentParser
import Foundation
import Corpora
import LanguageModels
import Markov
import ModelZoo
import SeqbenchCore

/// `seqbench ngram …`: n-gram specifics (ARPA files, a build/score/sample benchmark). Training,
/// evaluation and sampling of n-gram models go through the generic `train`/`eval`/`sample`.
struct NGramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ngram",
        abstract: "n-gram models: ARPA export and import, and a build/score/sample benchmark.",
        subcommands: [ExportARPA.self, ImportARPA.self, Score.self, Bench.self]
    )

    static func loadNGram(_ path: String) throws -> NGramModel {
        let m = try ModelZoo.registry.load(path)
        guard let n = m as? NGramModel else {
            throw SeqbenchError.usage("\(path): a \(m.kind) model, not an n-gram model; give a model trained with 'seqbench train ngram'")
        }
        return n
    }
}

extension NGramCommand {
    struct ExportARPA: SeqbenchCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-arpa",
            abstract: "Write an n-gram model as an ARPA file (loads in KenLM and SRILM).",
            discussion: "Character models spell the newline </s> (with --sentence-boundaries) or ↵, and the space _ (␣ when the vocabulary holds _)."
        )
        @Argument(help: "The n-gram model file.") var model: String
        @Option(name: .long, help: "The ARPA file to write.") var out: String

        func execute() throws {
            let m = try NGramCommand.loadNGram(model)
            let data = try ARPA.write(m)
            do { try AtomicFile.write(data, to: URL(fileURLWithPath: out)) } catch let e as SeqbenchError { throw e } catch {
                throw SeqbenchError.data("\(out): cannot be written (\(error.localizedDescription)); check the directory exists and is writable")
            }
        }
    }

    struct ImportARPA: SeqbenchCommand {
        enum Tok: String, ExpressibleByArgument, CaseIterable { case word, char }
        static let configuration = CommandConfiguration(
            commandName: "import-arpa",
            abstract: "Read an ARPA file (KenLM, SRILM or ours) into a model that scores as KenLM's query does."
        )
        @Argument(help: "The ARPA file.") var file: String
        @Option(name: .long, help: "The model file to write.") var out: String
        @Option(name: .long, help: "How the ARPA tokens map to text: word, or char (one character per token).") var tokenizer: Tok = .word

        func execute() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw SeqbenchError.data("\(file): no such file or not readable; give the path of an ARPA file")
            }
            let m = try ARPA.read(data, tokenizer: tokenizer == .word ? .word : .char, source: file)
            do { try ModelFile.write(m, to: URL(fileURLWithPath: out)) } catch let e as SeqbenchError { throw e } catch {
                throw SeqbenchError.data("\(out): cannot be written (\(error.localizedDescription)); check the directory exists and is writable")
            }
        }
    }

    /// Scores a text with an n-gram model file; prints the eval JSON plus scoring speed.
    struct Score: SeqbenchCommand {
        static let configuration = CommandConfiguration(
            commandName: "score",
            abstract: "Score a text with an n-gram model (the eval JSON fields plus tokens/s)."
        )
        @Argument(help: "The n-gram model file.") var model: String
        @Option(name: .long, help: "The text to score.") var test: String

        func execute() throws {
            let m = try NGramCommand.loadNGram(model)
            let text = try TextFile.read(test)
            let ids = m.vocabulary.encode(text).ids
            let t0 = Date()
            let lps = m.logProbabilities(of: ids, context: m.makeContext())
            let secs = Date().timeIntervalSince(t0)
            let r = Evaluator.summarize(ids: ids, logProbabilities: lps, characters: text.unicodeScalars.count, model: m)
            var o = try JSONDecoder().decode([String: JSONValue].self, from: JSONValue.encoder().encode(r))
            o["score_seconds"] = .double(secs)
            o["score_tokens_per_second"] = .double(Double(ids.count) / max(secs, 1e-9))
            printOut(String(decoding: try JSONValue.encoder().encode(JSONValue.object(o)), as: UTF8.self) + "\n")
        }
    }

    /// Builds a model, scores a test text and samples, timing each step (release builds only measure
    /// anything meaningful). Prints one JSON object.
    struct Bench: SeqbenchCommand {
        enum Tok: String, ExpressibleByArgument, CaseIterable { case word, char }
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Build an n-gram model on --train, score --test, sample; print timings and the eval result as JSON."
        )
        @Option(name: .long, help: "Training text.") var train: String
        @Option(name: .long, help: "Test text.") var test: String
        @Option(name: .long, parsing: .unconditional, help: "Order N.") var order: Int = 5
        @Option(name: .long, help: "Smoothing: \(Smoothing.allCases.map(\.rawValue).joined(separator: ", ")).") var smoothing: String = "modified-kneser-ney"
        @Option(name: .long, help: "word or char.") var tokenizer: Tok = .word
        @Flag(name: .long, help: "char: a line is a sentence (KenLM's view).") var sentenceBoundaries = false
        @Option(name: .long, parsing: .unconditional, help: "Tokens to sample.") var sample: Int = 1_000_000
        @Option(name: .long, parsing: .unconditional, help: "Sampling temperature (0 = greedy).") var temperature: Double = 1
        @Option(name: .long, parsing: .unconditional, help: "Sample from the k most probable tokens.") var topK: Int?
        @Option(name: .long, parsing: .unconditional, help: "Sample from the smallest set with mass >= p.") var topP: Double?
        @Option(name: .long, parsing: .unconditional, help: "Also time the shared full-distribution route (Sampler over all |V| log-probabilities) on this many tokens, for the speed-up ratio.") var dense: Int?
        @Flag(name: .long, help: "Sample only observed successors.") var observedOnly = false
        @Flag(name: .long, help: "Also time the exact chain sampler (temperature 1; ChainSampler) next to the shared Generator route.") var chainSampler = false
        @Option(name: .long, parsing: .unconditional, help: "Tokens for the chain sampler (default: --sample).") var chainSample: Int?
        @Option(name: .long, help: "Also write the model here.") var out: String?
        @Option(name: .long, help: "Also write the model as ARPA here.") var arpa: String?

        func execute() throws {
            guard let s = Smoothing(rawValue: smoothing) else {
                throw SeqbenchError.usage("--smoothing '\(smoothing)' is unknown; use one of \(Smoothing.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard (1...NGramKind.maxOrder).contains(order) else {
                throw SeqbenchError.usage("--order \(order) is out of range; give a whole number from 1 to \(NGramKind.maxOrder)")
            }
            for (flag, value, low) in [("--sample", sample, 0), ("--dense", dense ?? 1, 1), ("--chain-sample", chainSample ?? 0, 0)]
            where value < low || value > SampleCommand.maxLength {
                throw SeqbenchError.usage("\(flag) \(value) is out of range; give a whole number from \(low) to \(SampleCommand.maxLength)")
            }
            let trainText = try TextFile.read(train)
            let testText = try TextFile.read(test)
            let kind: TokenizerKind = tokenizer == .word ? .word : .char
            var t0 = Date()
            let vocab = Vocabulary(tokenizer: kind, trainingText: trainText)
            let ids = vocab.encode(trainText).ids
            let encodeSeconds = Date().timeIntervalSince(t0)
            t0 = Date()
            let (model, notes) = try NGramKind.build(vocabulary: vocab, train: ids, order: order, smoothing: s,
                                                     sentenceBoundaries: sentenceBoundaries)
            let buildSeconds = Date().timeIntervalSince(t0)
            if let o = out { try ModelFile.write(model, to: URL(fileURLWithPath: o)) }
            if let a = arpa { try AtomicFile.write(try ARPA.write(model), to: URL(fileURLWithPath: a)) }
            let testIDs = vocab.encode(testText).ids
            t0 = Date()
            let lps = model.logProbabilities(of: testIDs, context: model.makeContext())
            let scoreSeconds = Date().timeIntervalSince(t0)
            let result = Evaluator.summarize(ids: testIDs, logProbabilities: lps, characters: testText.unicodeScalars.count, model: model)
            let options = SamplingOptions(temperature: temperature, topK: topK, topP: topP)
            try options.validate()
            var rng = Xoshiro256(seed: 1)
            t0 = Date()
            let gen = try Generator.generate(model: model, request: .init(length: sample, sampling: options, observedOnly: observedOnly), using: &rng)
            let sampleSeconds = Date().timeIntervalSince(t0)
            var denseRoute: [String: JSONValue] = [:]
            if let n = dense {
                // The shared route every model has: all |V| log-probabilities, then `Sampler`.
                var rng3 = Xoshiro256(seed: 1)
                t0 = Date()
                let drawn = try Generator.generate(model: model, request: .init(length: n, sampling: options, observedOnly: observedOnly,
                                                                               allowDirect: false), using: &rng3).count
                let secs = Date().timeIntervalSince(t0)
                denseRoute = ["tokens": .int(drawn), "tokens_per_second": .double(Double(drawn) / max(secs, 1e-9))]
            }
            var chain: [String: JSONValue] = [:]
            if chainSampler {
                var rng2 = Xoshiro256(seed: 1)
                t0 = Date()
                let cs = ChainSampler(model: model)
                let setup = Date().timeIntervalSince(t0)
                t0 = Date()
                let g2 = cs.generate(length: chainSample ?? sample, observedOnly: observedOnly, using: &rng2)
                let secs = Date().timeIntervalSince(t0)
                chain = ["setup_seconds": .double(setup), "tokens": .int(g2.count),
                         "tokens_per_second": .double(Double(g2.count) / max(secs, 1e-9))]
            }
            let o: [String: JSONValue] = [
                "encode_seconds": .double(encodeSeconds),
                "build_seconds": .double(buildSeconds),
                "train_tokens": .int(ids.count),
                "score_seconds": .double(scoreSeconds),
                "score_tokens_per_second": .double(Double(testIDs.count) / max(scoreSeconds, 1e-9)),
                "sample_tokens": .int(gen.count),
                "sample_seconds": .double(sampleSeconds),
                "sample_tokens_per_second": .double(Double(gen.count) / max(sampleSeconds, 1e-9)),
                "ngrams": .int(model.parameterCount),
                "chain_sampler": .object(chain),
                "dense_route": .object(denseRoute),
                "sampling": .object(["temperature": .double(temperature), "top_k": topK.map { .int($0) } ?? .null,
                                     "top_p": topP.map { .double($0) } ?? .null, "observed_only": .bool(observedOnly)]),
                "notes": .object(notes),
                "eval": try JSONDecoder().decode(JSONValue.self, from: JSONValue.encoder().encode(result)),
            ]
            printOut(String(decoding: try JSONValue.encoder().encode(JSONValue.object(o)), as: UTF8.self) + "\n")
        }
    }
}
