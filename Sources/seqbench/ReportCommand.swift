import ArgumentParser
import Foundation
import Plotting
import SeqbenchCore

/// `seqbench report RESULTS_DIR`: writes report.md and a self-contained report.html into the results.
struct ReportCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write report.md and a self-contained report.html (plots inlined) into a results folder.",
        discussion: "Draw the plots first with `seqbench plot RESULTS_DIR`; the report includes whatever pictures it finds."
    )

    @Argument(help: "The results folder written by `seqbench run`.")
    var results: String

    @Option(name: .long, help: "Folder holding the plots (default: RESULTS_DIR/plots).")
    var plots: String?

    func execute() throws {
        let resultsURL = URL(fileURLWithPath: results)
        let plotsURL = plots.map { URL(fileURLWithPath: $0) } ?? PlotSet.defaultOutput(results: resultsURL)
        try Report.write(results: resultsURL, plots: plotsURL)
        printOut("wrote \(resultsURL.appendingPathComponent("report.md").path)\nwrote \(resultsURL.appendingPathComponent("report.html").path)\n")
    }
}
