import ArgumentParser
import Foundation
import Plotting
import SeqbenchCore

/// `seqbench plot RESULTS_DIR`: draws every plot the results allow, as `NAME.gp` + pictures.
struct PlotCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw the plots of a results folder with gnuplot (each NAME.gp is kept and redraws its picture alone).",
        discussion: """
        Draws, from whatever the results contain: held-out bits/char by model and corpus, each sample \
        metric against temperature, quality against diversity, learning curves, the n-gram order sweep, \
        cost against quality and excess bits over a synthetic source's entropy rate. A plot whose data \
        is missing is skipped with a note. Needs gnuplot (apt-get install gnuplot-nox); SEQBENCH_GNUPLOT \
        chooses the executable.
        """
    )

    @Argument(help: "The results folder written by `seqbench run`.")
    var results: String

    @Option(name: .long, help: "Folder for the scripts and pictures (default: RESULTS_DIR/plots).")
    var out: String?

    @Option(name: .long, help: "Comma-separated formats: png, svg, pdf.")
    var format: String = "png,svg,pdf"

    func execute() throws {
        // Checked here rather than in validate(): the project's usage errors exit 2 with one line.
        let formats: [PlotFormat]
        switch PlotFormat.parseList(format) {
        case .success(let f): formats = f
        case .failure(let e):
            throw SeqbenchError.usage("--format '\(format)': unknown format '\(e.word)'; give a comma-separated list of png, svg, pdf")
        }
        let resultsURL = URL(fileURLWithPath: results)
        let outURL = out.map { URL(fileURLWithPath: $0) } ?? PlotSet.defaultOutput(results: resultsURL)
        let outcomes = try PlotSet.drawAll(results: resultsURL, out: outURL, formats: formats)
        printOut(PlotCommand.summary(outcomes, out: outURL))
    }

    /// One line per plot: drawn (with its files) or skipped (with the reason), then a count.
    static func summary(_ outcomes: [PlotOutcome], out: URL) -> String {
        var text = ""
        for o in outcomes {
            if let reason = o.skipped {
                text += "skipped \(o.name): \(reason)\n"
            } else {
                text += "drew    \(o.name): \(o.files.map(\.lastPathComponent).joined(separator: " "))\n"
                for note in o.notes.split(separator: "\n") where !note.isEmpty { text += "        note: \(note)\n" }
            }
        }
        let drawn = outcomes.filter(\.isDrawn).count
        text += "\(drawn) plots drawn, \(outcomes.count - drawn) skipped, in \(out.path)\n"
        return text
    }
}
