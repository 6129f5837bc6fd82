import Foundation
import Testing
@testable import Harness
import ModelZoo
import LanguageModels
import Corpora
import SeqbenchCore

/// A model kind for config tests only: two options, no training.
enum FakeKind: ModelKind {
    static let name = "fake"
    static let summary = "test kind"
    static let isMachineIndependent = true
    static let options: [ModelOptionSpec] = [
        ModelOptionSpec("order", .int, default: .int(3), help: "order"),
        ModelOptionSpec("smoothing", .string, default: .string("a"), help: "smoothing", choices: ["a", "b", "c"]),
    ]
    static func train(data: TrainingData, options: ModelOptions, environment: TrainingEnvironment) throws -> (any LanguageModel, TrainingReport) {
        (UnigramModel(vocabulary: data.vocabulary, training: data.train), TrainingReport(wallSeconds: 0, tokensPerSecond: 0))
    }
    static func decode(payload: Data, vocabulary: Vocabulary, source: String) throws -> any LanguageModel {
        try UnigramKind.decode(payload: payload, vocabulary: vocabulary, source: source)
    }
}

let testRegistry = ModelRegistry([UnigramKind.self, FakeKind.self])

func parse(_ yaml: String) throws -> ExperimentConfig {
    try ExperimentConfig.parse(yaml, file: "x.yaml", registry: testRegistry)
}

/// The message of the error `body` throws, or nil.
func errorMessage(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch let e as SeqbenchError { return e.message } catch { return "\(error)" }
}

@Suite struct ExperimentConfigTests {
    static let base = """
    name: t
    seeds: [1, 2]
    corpora:
      - corpus: some/file.txt
        tokenizer: word
    models:
      - kind: fake
        order: [2, 3, 5]
        smoothing: [a, b]
      - kind: unigram
    sampling:
      temperatures: [greedy, 0.5, 1]
      samples: 4
      length: 30
    """

    @Test func gridExpandsListValuedFields() throws {
        let c = try parse(Self.base)
        #expect(c.models[0].grid.count == 6)  // 3 orders × 2 smoothings
        #expect(c.models[1].grid.count == 1)
        #expect(c.sampling.temperatures == [0, 0.5, 1])
        let cells = c.cells(corpusNames: ["f"], corpusHashes: ["00"])
        // (6 + 1) configurations × 2 seeds, in grid order: first listed key varies slowest, seed fastest.
        #expect(cells.count == 14)
        #expect(cells.map(\.label).prefix(4) == ["fake order=2 smoothing=a", "fake order=2 smoothing=a", "fake order=2 smoothing=b", "fake order=2 smoothing=b"])
        #expect(cells.map(\.seed).prefix(4) == [1, 2, 1, 2])
        #expect(Set(cells.map(\.id)).count == 14)
        #expect(Set(cells.map(\.configID)).count == 7)
        #expect(cells[0].configID == cells[1].configID)
    }

    @Test func cellIDsAreStableAndCanonical() throws {
        let a = try parse(Self.base).cells(corpusNames: ["f"], corpusHashes: ["00"])
        // Reordering keys in the file and reformatting must not change ids.
        let reordered = """
        seeds: [1,2]
        name: t
        models:
          - smoothing: [a, b]
            order: [2, 3, 5]
            kind: fake
          - {kind: unigram}
        corpora:
          - {tokenizer: word, corpus: some/file.txt}
        sampling: {samples: 4, length: 30, temperatures: [greedy, 0.5, 1]}
        """
        let b = try parse(reordered).cells(corpusNames: ["f"], corpusHashes: ["00"])
        #expect(Set(a.map(\.id)) == Set(b.map(\.id)))
        // The id is the SHA-256 of this canonical JSON (sorted keys, compact); written out by hand so
        // that any change of canonical form, which would orphan every cached result, fails here.
        let canonical = #"{"corpus":{"corpus":"some/file.txt","corpus_sha256":"00","split":[0.9,0.05,0.05],"tokenizer":"word"},"kind":"fake","options":{"order":2,"smoothing":"a"},"sampling":{"copying":true,"length":30,"prompt":"","samples":4,"temperatures":[0,0.5,1]},"seed":1,"version":"\#(seqbenchVersion)"}"#
        #expect(a[0].id == String(SHA256.hex(canonical).prefix(16)))
        // Another corpus hash, another id.
        let c = try parse(Self.base).cells(corpusNames: ["f"], corpusHashes: ["01"])
        #expect(c[0].id != a[0].id)
    }

    @Test(arguments: [
        ("modles:", "x.yaml:6: unknown key 'modles' in experiment (did you mean 'models'?)"),
        ("    ordr: 3", "x.yaml:8: unknown option 'ordr' for model kind fake in models[0] (did you mean 'order'?)"),
        ("  - kind: lstmm", "x.yaml:7: models[0].kind: unknown model kind 'lstmm'"),
        ("  samples: 0", "x.yaml:13: sampling.samples is 0, out of range"),
        ("  length: many", "x.yaml:14: sampling.length must be a whole number"),
        ("    tokenizer: words", "x.yaml:5: corpora[0].tokenizer is 'words'; use one of char, word, byte"),
        ("    smoothing: z", "option 'smoothing' is 'z'; use one of a, b, c"),
    ])
    func configErrorsNameFileLineAndKey(replacement: String, expected: String) throws {
        // Replace the line that starts the same way (or insert a top-level key before `models:`).
        var lines = Self.base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let key = replacement.split(separator: ":")[0]
        if let i = lines.firstIndex(where: { $0.split(separator: ":").first == key }) {
            lines[i] = replacement
        } else if replacement == "modles:" {
            lines[5] = "modles:"
        } else {
            lines.insert(replacement, at: 7)
        }
        let yaml = lines.joined(separator: "\n")
        let message = errorMessage { _ = try parse(yaml) }
        #expect(message?.contains(expected) == true, "got: \(message ?? "no error")\n\(yaml)")
    }

    @Test func checkNamesOnlyMetricsThatModelRowsHold() throws {
        // A misspelt metric would be dropped by `seqbench baseline` and go ungated: refused, on its line.
        let typo = Self.base + "\ncheck: {bits_per_chr: {}, distinct_2: {}}\n"
        let line = Self.base.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        let message = errorMessage { _ = try parse(typo) }
        #expect(message == "x.yaml:\(line): unknown metric 'bits_per_chr' in check (did you mean 'bits_per_char'?); known metrics: \(Summary.modelMetrics.joined(separator: ", "))")
        // Every known name is accepted.
        let all = Self.base + "\ncheck:\n" + Summary.modelMetrics.map { "  \($0): {}\n" }.joined()
        #expect(Set(try parse(all).check.keys) == Set(Summary.modelMetrics))
    }

    /// Option values are checked as training reads them when the config is loaded (before any cell
    /// runs), for every grid point and for the reference model, naming the line of the option's key
    /// (13: the line the bad value replaces; 9: `order: 0`; 6: the inline reference).
    static let threeModels = """
    name: t
    corpora: [some/file.txt]
    sampling: {temperatures: [1], samples: 1}
    metrics:
      copying: false
      reference: {kind: ngram, order: 3}
    models:
      - kind: ngram
        order: 2
      - kind: unigram
      - kind: lstm
        steps: 5
        hidden: 8
    """

    @Test(arguments: [
        ("    hidden: 8", "    dropout: [0.1, 1.5]", "x.yaml:13: models[2]: option 'dropout' is 1.5, out of range"),
        ("    hidden: 8", "    hidden: -1", "x.yaml:13: models[2]: option 'hidden' is -1, out of range"),
        ("    hidden: 8", "    lr: -1", "x.yaml:13: models[2]: option 'lr' is -1.0, out of range"),
        ("    order: 2", "    order: 0", "x.yaml:9: models[0]: option 'order' is 0, out of range"),
        ("  reference: {kind: ngram, order: 3}", "  reference: {kind: ngram, order: 65}", "x.yaml:6: metrics.reference: option 'order' is 65, out of range"),
        ("  reference: {kind: ngram, order: 3}", "  reference: {kind: ngram, discount_fallback: 'a,b'}", "x.yaml:6: metrics.reference: option 'discount_fallback' is 'a,b'"),
    ])
    func optionValuesAreCheckedWhenLoaded(good: String, bad: String, expected: String) throws {
        #expect(try ExperimentConfig.parse(Self.threeModels, file: "x.yaml", registry: ModelZoo.registry).models.count == 3)
        let yaml = Self.threeModels.replacingOccurrences(of: good, with: bad)
        #expect(yaml != Self.threeModels)
        let message = errorMessage { _ = try ExperimentConfig.parse(yaml, file: "x.yaml", registry: ModelZoo.registry) }
        #expect(message?.hasPrefix(expected) == true, "got: \(message ?? "no error")\n\(yaml)")
    }

    /// Text fields mean the text as written, even where YAML reads it as a boolean or a number:
    /// `name: yes`, `label: no`, `label: 2024`. A label that is not a scalar is refused on its line.
    @Test func textFieldsKeepYAMLsBooleansAndNumbersAsWritten() throws {
        let yaml = "name: yes\ncorpora: [some/file.txt]\nmodels:\n  - kind: unigram\n    label: no\n  - kind: unigram\n    label: 2024\n"
        let c = try parse(yaml)
        #expect(c.name == "yes")
        #expect(c.models.map(\.label) == ["no", "2024"])
        let listLabel = yaml.replacingOccurrences(of: "label: 2024", with: "label: [a, b]")
        #expect(errorMessage { _ = try parse(listLabel) } == "x.yaml:7: models[1].label must be a string, got [a, b]; give one label per model entry")
    }

    @Test func missingSectionsAndSyntax() {
        #expect(errorMessage { _ = try parse("name: t\nmodels: [{kind: unigram}]\n") }?.contains("needs 'corpora'") == true)
        #expect(errorMessage { _ = try parse("name: t\ncorpora: [kjv]\nmodels: [{kind: unigram}\n") }?.hasPrefix("x.yaml: not valid YAML (line") == true)
        #expect(errorMessage { _ = try parse("name: t\nname: u\n") }?.contains("duplicated key(s): 'name'") == true)
        #expect(errorMessage { _ = try parse("name: a/b\ncorpora: [kjv]\nmodels: [{kind: unigram}]\n") }?.contains("may hold only letters") == true)
    }
}
