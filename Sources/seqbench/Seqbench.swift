import ArgumentParser
import SeqbenchCore

@main
struct Seqbench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seqbench",
        abstract: "Train, evaluate, sample and compare n-gram Markov chains and RNN/LSTM/GRU text generators.",
        version: seqbenchVersion,
        subcommands: [NGramCommand.self]
    )
}
