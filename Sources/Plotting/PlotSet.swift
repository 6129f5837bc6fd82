import Foundation
import SeqbenchCore

/// A plot the results call for: either a figure to draw or the reason it cannot be drawn.
public struct PlannedPlot: Sendable, Equatable {
    public var name: String
    public var caption: String
    public var figure: Figure?
    /// One line saying why the plot is not drawn (nil when `figure` is set).
    public var skipReason: String?

    public static func draw(_ f: Figure) -> PlannedPlot {
        PlannedPlot(name: f.name, caption: f.caption, figure: f, skipReason: nil)
    }
    public static func skip(_ name: String, _ caption: String, _ reason: String) -> PlannedPlot {
        PlannedPlot(name: name, caption: caption, figure: nil, skipReason: reason)
    }
}

/// What `drawAll` did for one plot.
public struct PlotOutcome: Sendable, Equatable {
    public var name: String
    public var caption: String
    /// `NAME.gp`, when the plot was drawn.
    public var script: URL?
    /// The pictures written (`NAME.png`, …), in png, svg, pdf order.
    public var files: [URL]
    /// One line saying why the plot was skipped; nil when it was drawn.
    public var skipped: String?
    /// What gnuplot printed on stderr while drawing (e.g. a format this gnuplot cannot draw).
    public var notes: String

    public var isDrawn: Bool { skipped == nil }
}

/// Every plot of a results folder: which ones the results call for, their scripts, their pictures.
public enum PlotSet {
    /// The folder `seqbench plot` and `seqbench report` use when none is given: `RESULTS_DIR/plots`.
    public static func defaultOutput(results: URL) -> URL {
        results.appendingPathComponent("plots", isDirectory: true)
    }

    /// Draws every plot the results allow into `out`: for each, `NAME.gp` (self-contained, runnable
    /// alone) and one picture per format. Plots whose data is missing are skipped with a reason.
    /// - Throws: `SeqbenchError.data` when the results cannot be read, when gnuplot is missing (after
    ///   writing the scripts, so they can be run later; the message says how to install gnuplot), or
    ///   when gnuplot fails on a script (its message and the script's path).
    public static func drawAll(results: URL, out: URL, formats: [PlotFormat]) throws -> [PlotOutcome] {
        try drawAll(results: results, out: out, formats: formats, gnuplot: Gnuplot())
    }

    /// `drawAll` with a chosen gnuplot (tests point it at a missing path).
    public static func drawAll(results: URL, out: URL, formats: [PlotFormat], gnuplot: Gnuplot) throws -> [PlotOutcome] {
        guard !formats.isEmpty else {
            throw SeqbenchError.usage("no plot format given; use --format with png, svg and/or pdf")
        }
        let set = try ResultSet.load(results)
        let planned = plan(set)
        let provenance = provenanceLine(set)
        let formats = PlotFormat.allCases.filter(formats.contains)
        var outcomes: [PlotOutcome] = []
        var scripts: [(Int, URL)] = []
        for p in planned {
            guard let f = p.figure else {
                outcomes.append(PlotOutcome(name: p.name, caption: p.caption, script: nil, files: [], skipped: p.skipReason, notes: ""))
                continue
            }
            let script = out.appendingPathComponent("\(f.name).gp")
            try AtomicFile.write(GnuplotScript.render(f, formats: formats, provenance: provenance), to: script)
            scripts.append((outcomes.count, script))
            outcomes.append(PlotOutcome(name: p.name, caption: p.caption, script: script, files: [], skipped: nil, notes: ""))
        }
        if !scripts.isEmpty {
            do { _ = try gnuplot.resolvedPath() } catch let e as SeqbenchError {
                throw SeqbenchError.data("\(e.message); the results in \(results.path) are intact and the scripts are in \(out.path): draw the pictures later with `seqbench plot \(results.path)`")
            }
        }
        let fm = FileManager.default
        for (k, script) in scripts {
            // Remove stale pictures first, so the files listed are the ones this run drew.
            let stem = script.deletingPathExtension()
            for f in formats { try? fm.removeItem(at: stem.appendingPathExtension(f.fileExtension)) }
            let run = try gnuplot.run(script: script)
            outcomes[k].notes = run.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            outcomes[k].files = formats.map { stem.appendingPathExtension($0.fileExtension) }
                .filter { url in
                    let size = (try? fm.attributesOfItem(atPath: url.path))?[.size] as? Int ?? 0
                    return size > 0   // a format this gnuplot cannot draw leaves no file (and a note)
                }
        }
        return outcomes
    }

    /// Every plot the results call for, in report order; deterministic for given results.
    public static func plan(_ set: ResultSet) -> [PlannedPlot] {
        let index = SummaryIndex(set.summary)
        var out: [PlannedPlot] = []
        out += HeldOutBarsPlot.plan(index, set)
        out += TemperaturePlots.plan(index, set)
        out += QualityDiversityPlot.plan(index, set)
        out += LearningCurvePlot.plan(index, set)
        out += OrderSweepPlot.plan(index, set)
        out += CostQualityPlot.plan(index, set)
        out += ExcessBitsPlot.plan(index, set)
        return out
    }

    /// "experiment NAME · config HASH · commit C" from the manifest (parts that are missing are left out).
    public static func provenanceLine(_ set: ResultSet) -> String {
        var parts: [String] = []
        if let e = set.manifest["experiment"]?.stringValue { parts.append("experiment \(e)") }
        if let h = set.manifest["config_hash"]?.stringValue { parts.append("config \(h.prefix(12))") }
        if let c = set.manifest["git_commit"]?.stringValue { parts.append("commit \(c.prefix(12))") }
        return parts.joined(separator: " · ")
    }
}

/// Helpers shared by the plot builders.
enum PlotText {
    /// A `plot` command split over lines with `\` continuations.
    static func plot(_ clauses: [String], command: String = "plot") -> [String] {
        var lines: [String] = []
        for (k, c) in clauses.enumerated() {
            let head = k == 0 ? "\(command) " : "     "
            lines.append(head + c + (k + 1 < clauses.count ? ", \\" : ""))
        }
        return lines
    }

    /// Legend entries for the families present, in fixed family order.
    static func familyKeyEntries(_ families: [String], style: String) -> [String] {
        var seen: Set<String> = []
        return families.map { FamilyStyle.of($0) }.sorted { FamilyStyle.rank($0.family) < FamilyStyle.rank($1.family) }
            .filter { seen.insert($0.family).inserted }
            .map { "keyentry \(style) lt \($0.linetype) title \(GnuplotText.quote($0.family))" }
    }

    /// The longest label a plot prints (tic labels, key entries, point labels). Longer labels keep
    /// their first 35 characters and end in "…"; the report's tables keep the full label.
    static let maxLabelCharacters = 36

    /// A label as a plot prints it: unchanged up to `maxLabelCharacters` characters, else cut to
    /// `maxLabelCharacters − 1` characters (trailing spaces dropped) followed by "…".
    static func clip(_ label: String, max n: Int = maxLabelCharacters) -> String {
        guard label.count > n else { return label }
        var head = String(label.prefix(n - 1))
        while head.hasSuffix(" ") { head.removeLast() }
        return head + "…"
    }

    /// Plot labels for model names: `clip` of each, except where two names would clip to the same
    /// text (auto labels such as `lstm batch=32 … lr=0.003 …` and `… lr=0.01 …` differ only past
    /// the cut). Such names lose the space-separated words they all share, after the first (the
    /// kind): `lstm lr=0.003`, `lstm lr=0.01`; names still alike get ` (1)`, ` (2)`, … in order.
    /// The report's tables keep the full names.
    /// - Returns: name → label for every name given (duplicates allowed).
    /// - Complexity: O(n · w) for n names of w words.
    static func labels(_ names: [String]) -> [String: String] {
        var unique: [String] = [], seen: Set<String> = []
        for n in names where seen.insert(n).inserted { unique.append(n) }
        var byClip: [String: [String]] = [:]   // looked up, never iterated
        for n in unique { byClip[clip(n), default: []].append(n) }
        var out: [String: String] = [:]
        var handled: Set<String> = []
        for n in unique where !handled.contains(n) {
            let group = byClip[clip(n)]!
            handled.formUnion(group)
            guard group.count > 1 else { out[n] = clip(n); continue }
            let words = group.map { $0.split(separator: " ").map(String.init) }
            var common = Set(words[0].dropFirst())
            for w in words.dropFirst() { common.formIntersection(w.dropFirst()) }
            let short = words.map { w in clip(([w.first ?? ""] + w.dropFirst().filter { !common.contains($0) }).joined(separator: " ")) }
            let distinct = Set(short).count == short.count
            for (k, name) in group.enumerated() {
                out[name] = distinct ? short[k] : clip(name, max: maxLabelCharacters - 5) + " (\(k + 1))"
            }
        }
        return out
    }

    /// Approximate width of one character of the 11-pt cairo font, in pixels (measured on the
    /// PNGs: "ngram o=7 mkn", 13 characters, spans about 118 pixels).
    static let charPixels = 9

    /// Extra canvas width that keeps the plot area of a figure constant when its labels grow: the
    /// default sizes fit labels of `fits` characters; every character beyond that widens the
    /// canvas by `charPixels`. Pass the labels as printed (clipped).
    static func extraWidth(_ labels: [String], fits: Int) -> Int {
        let longest = labels.map(\.count).max() ?? 0
        return max(0, longest - fits) * charPixels
    }

    /// Canvas height for a figure whose key stands right of the plot, one entry per line: at least
    /// `base`, and tall enough for every entry (about 21 pixels each at spacing 1.2, plus 130 for
    /// the title and the x axis), so a long key grows the figure instead of breaking into
    /// columns that squeeze the plot.
    static func heightForKey(entries: Int, base: Int) -> Int {
        max(base, 130 + 21 * entries)
    }

    /// A short number for captions, labels and tables: whole numbers below 10⁹ as integers, others
    /// with 4 significant digits (`%.4g`, POSIX locale).
    static func short(_ d: Double) -> String {
        guard d.isFinite else { return formatDouble(d) }
        if d == d.rounded(), abs(d) < 1e9 { return String(Int(d)) }
        // Lowercase exponent, as C's printf writes it (Foundation on Linux writes "6.042E+06").
        return String(format: "%.4g", locale: Locale(identifier: "en_US_POSIX"), d).replacingOccurrences(of: "E", with: "e")
    }
}
