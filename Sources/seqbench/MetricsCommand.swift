import ArgumentParser
import Corpora
import Foundation
import Metrics
import SeqbenchCore

/// `seqbench metrics SAMPLES.jsonl --tokenizer T [--train FILE] [--json]`: every sample metric of
/// `MetricSet` for a file of generations.
///
/// Token ids come from one `Vocabulary` built over the training text ∪ the samples (not over the
/// training text alone): the metrics compare ids for equality only, and with a training-only
/// vocabulary every unseen unit would become the same `<unk>` id, so two different unseen words would
/// count as a repeat and as a training match. With the union no unit is `<unk>`. For `word`, a sample
/// encodes as KenLM words with `</s>` for each newline it contains (the training text: one `</s>` per
/// line, as the models see it); a sample whose text does not end in a newline gets no final `</s>`,
/// so a generation cut off inside a loop still ends in the loop.
struct MetricsCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Repetition, diversity and copying metrics of generated samples.",
        discussion: """
        SAMPLES.jsonl holds one sample per line: a JSON string ("text") or an object with a "text" \
        string ({"text": "…"}). Blank lines are skipped. With --train, the copying metrics (novelty_4/8/16, \
        longest_copy_mean/max) are computed against that file. Undefined values print as NaN.
        """
    )

    @Argument(help: "A JSONL file of samples: one JSON string or {\"text\": …} object per line.")
    var samples: String

    @Option(help: "How text becomes tokens: char, word or byte.")
    var tokenizer: String

    @Option(help: "The training split (a UTF-8 text file), for novelty and longest copy.")
    var train: String?

    @Flag(help: "Print the results as JSON (sorted keys) instead of a table.")
    var json = false

    func execute() throws {
        guard let kind = TokenizerKind(rawValue: tokenizer) else {
            throw SeqbenchError.usage("--tokenizer '\(tokenizer)' is not a tokenizer; use one of \(TokenizerKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let texts = try SampleFile.read(samples)
        let trainText = try train.map { try TextFile.read($0) }
        // Words need a separator so that units of neighbouring texts do not merge; chars and bytes
        // must not get one, or "\n" would enter the vocabulary when no text has it.
        let vocabulary = Vocabulary(tokenizer: kind,
                                    trainingText: ([trainText ?? ""] + texts).joined(separator: kind == .word ? "\n" : ""))
        let ids = texts.map { text -> [Int32] in
            var ids = vocabulary.encode(text).ids
            // `encode` ends every line, a last line without "\n" too, with `</s>`; a sample gets `</s>`
            // only where its text has a newline, so a text that stops mid-loop still ends in the loop.
            if kind == .word, !text.hasSuffix("\n"), ids.last == vocabulary.endOfSentenceID { ids.removeLast() }
            return ids
        }
        let trainIDs = trainText.map { vocabulary.encode($0).ids }
        let index = trainIDs.map { TrainingIndex(tokens: $0) }
        let results = MetricSet.compute(samples: ids, texts: texts, index: index)
        let sampleTokens = ids.reduce(0) { $0 + $1.count }

        if json {
            var metrics: [String: JSONValue] = [:]
            for r in results { metrics[r.name] = .double(r.value) }
            let object: JSONValue = .object([
                "samples_file": .string(samples),
                "samples": .int(texts.count),
                "sample_tokens": .int(sampleTokens),
                "tokenizer": .string(kind.rawValue),
                "vocabulary_size": .int(vocabulary.count),
                "train_file": train.map { .string($0) } ?? .null,
                "train_tokens": trainIDs.map { .int($0.count) } ?? .null,
                "metrics": .object(metrics),
            ])
            let data = try JSONValue.encoder(pretty: true).encode(object)
            printOut(String(decoding: data, as: UTF8.self) + "\n")
        } else {
            var out = "\(samples): \(texts.count) samples, \(sampleTokens) \(kind.rawValue) tokens"
            if let trainIDs, let train { out += "; training text \(train): \(trainIDs.count) tokens" }
            out += "\n"
            let width = results.map(\.name.count).max() ?? 0
            for r in results {
                out += r.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + formatDouble(r.value) + "\n"
            }
            printOut(out)
        }
    }
}

/// Reads a JSONL file of samples.
enum SampleFile {
    /// The sample texts of `path`, one per non-blank line.
    /// - Throws: `SeqbenchError.data` naming the file and line of the first malformed line, or when the
    ///   file holds no sample.
    static func read(_ path: String) throws -> [String] {
        let content = try TextFile.read(path)
        var texts: [String] = []
        var lineNumber = 0
        for raw in content.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let parsed: Any
            do {
                parsed = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
            } catch {
                throw SeqbenchError.data("\(path):\(lineNumber): not valid JSON (\(preview(line))); write one JSON string or {\"text\": \"…\"} object per line")
            }
            if let s = parsed as? String {
                texts.append(s)
            } else if let o = parsed as? [String: Any], let s = o["text"] as? String {
                texts.append(s)
            } else {
                throw SeqbenchError.data("\(path):\(lineNumber): expected a JSON string or an object with a \"text\" string, got \(preview(line)); write one sample per line")
            }
        }
        guard !texts.isEmpty else {
            throw SeqbenchError.data("\(path): holds no sample (only blank lines); write one JSON string per line")
        }
        return texts
    }

    private static func preview(_ line: Substring) -> String {
        line.count <= 40 ? String(line) : String(line.prefix(40)) + "…"
    }
}
