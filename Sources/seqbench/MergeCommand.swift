import ArgumentParser
import Foundation
import Harness
import Plotting
import SeqbenchCore

struct MergeCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the results folders of shards of one experiment and summarise them.",
        discussion: """
        Refuses folders of different experiments (config hash). The merged summary equals the \
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

/// Draws the plots and writes the report of a results folder at the end of `run` or `merge`.
/// gnuplot missing or failing is reported on one line; the results stay intact and
/// `seqbench plot` / `seqbench report` can be run later.
func drawPlotsAndReport(results: URL, formats: String) throws {
    guard case .success(let list) = PlotFormat.parseList(formats), !list.isEmpty else {
        throw SeqbenchError.usage("--format '\(formats)': give a comma-separated list of png, svg, pdf")
    }
    let plots = PlotSet.defaultOutput(results: results)
    do {
        let outcomes = try PlotSet.drawAll(results: results, out: plots, formats: list)
        printNote(PlotCommand.summary(outcomes, out: plots), terminator: "")
        try Report.write(results: results, plots: plots)
        printNote("report: \(results.appendingPathComponent("report.html").path)")
    } catch let e as SeqbenchError {
        printError("\(e.message) (the results are complete; draw the plots later with 'seqbench plot \(results.path)')")
        throw ExitCode(e.exitCode)
    }
}
