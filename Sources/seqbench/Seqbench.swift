import ArgumentParser
import Foundation
import Neural
import SeqbenchCore

@main
struct Seqbench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seqbench",
        abstract: "Train, evaluate, sample and compare n-gram Markov chains and RNN/LSTM/GRU text generators.",
        discussion: """
        EXAMPLES:
          seqbench corpus show kjv
          seqbench train unigram --tokenizer char --corpus kjv --out kjv.unigram
          seqbench eval kjv.unigram --corpus kjv
          seqbench sample kjv.unigram --length 200 --temperature 0.8 --seed 1
        """,
        version: seqbenchVersion,
        subcommands: [CorpusCommand.self, TrainCommand.self, EvalCommand.self, SampleCommand.self, ModelsCommand.self,
                      NGramCommand.self, RunCommand.self, MergeCommand.self, MetricsCommand.self, PlotCommand.self,
                      ReportCommand.self, CheckCommand.self, BaselineCommand.self, BLASCommand.self]
    )

    /// Runs the command line. ArgumentParser's own usage errors (missing or malformed arguments)
    /// print one line and exit with code 2, like seqbench's own usage errors; data errors exit 1.
    static func main() {
        OpenBLASCore.restartWithWiderKernelsIfNeeded()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode || error is CleanExit {
                exit(withError: error)
            }
            if code == .validationFailure {
                let message = Seqbench.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid usage"
                printError("\(message); see '\(helpCommand(for: CommandLine.arguments.dropFirst()))'")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// `seqbench [subcommand …] --help` for the deepest subcommand named at the start of `arguments`.
    static func helpCommand(for arguments: ArraySlice<String>) -> String {
        var path = ["seqbench"]
        var command: any ParsableCommand.Type = Seqbench.self
        for a in arguments {
            guard let sub = command.configuration.subcommands.first(where: { $0._commandName == a }) else { break }
            path.append(a)
            command = sub
        }
        return (path + ["--help"]).joined(separator: " ")
    }
}
