import Testing
@testable import LanguageModels
@testable import SeqbenchCore

@Suite struct ModelOptionsCommandLineTests {
    let specs = [
        ModelOptionSpec("order", .int, default: .int(3), help: "n-gram order"),
        ModelOptionSpec("smoothing", .string, default: .string("modified-kneser-ney"), help: "smoothing", choices: ["modified-kneser-ney", "add-k"]),
        ModelOptionSpec("learning_rate", .double, default: .double(0.002), help: "step size"),
        ModelOptionSpec("observed", .bool, default: .bool(false), help: "observed only"),
    ]

    @Test func parsesEveryForm() throws {
        let o = try ModelOptions.parseCommandLine(["--order", "5", "--learning-rate=0.01", "--observed", "--smoothing", "add-k"], specs: specs, kind: "ngram")
        #expect(o.values == ["order": .int(5), "learning_rate": .double(0.01), "observed": .bool(true), "smoothing": .string("add-k")])
        let o2 = try ModelOptions.parseCommandLine(["--observed", "false", "--order", "-1"], specs: specs, kind: "ngram")
        #expect(o2.values == ["observed": .bool(false), "order": .int(-1)])
        #expect(specs[2].flag == "--learning-rate")
    }

    @Test func refusals() {
        #expect(throws: SeqbenchError.usage("train ngram: unknown option '--ordr' (did you mean '--order'?); its options are --order, --smoothing, --learning-rate, --observed")) {
            _ = try ModelOptions.parseCommandLine(["--ordr", "5"], specs: specs, kind: "ngram")
        }
        #expect(throws: SeqbenchError.usage("train ngram: option --order is 'five'; give a whole number")) {
            _ = try ModelOptions.parseCommandLine(["--order", "five"], specs: specs, kind: "ngram")
        }
        #expect(throws: SeqbenchError.usage("train ngram: option --order needs an int value; write for example --order 3")) {
            _ = try ModelOptions.parseCommandLine(["--order"], specs: specs, kind: "ngram")
        }
        #expect(throws: SeqbenchError.usage("train ngram: option --smoothing is 'add-j' (did you mean 'add-k'?); use one of modified-kneser-ney, add-k")) {
            _ = try ModelOptions.parseCommandLine(["--smoothing", "add-j"], specs: specs, kind: "ngram")
        }
        #expect(throws: SeqbenchError.usage("train ngram: option --order is given twice; give it once")) {
            _ = try ModelOptions.parseCommandLine(["--order", "2", "--order", "3"], specs: specs, kind: "ngram")
        }
        #expect(throws: SeqbenchError.usage("train unigram: unknown option '--order'; model kind unigram takes no options")) {
            _ = try ModelOptions.parseCommandLine(["--order", "2"], specs: [], kind: "unigram")
        }
    }
}
