import Foundation
import SeqbenchCore

/// Compares a results folder against a baseline, metric by metric.
///
/// For baseline value b, new value x and direction "lower is better", the change is worse when x > b.
/// It counts when |x − b| exceeds the tolerance: `absolute`, `relative` × |b|, or (with `interval`)
/// x outside [ci_low, ci_high] of the baseline's across-seed interval. A counted worsening is a
/// regression; a counted betterment is an improvement (which fails too with `strict`, so that
/// baselines are updated on purpose).
public enum Check {
    public enum Verdict: String, Sendable { case ok, regressed, improved }

    public struct Line: Sendable {
        public var entry: Baseline.Entry
        public var now: Double
        public var verdict: Verdict
        /// The cell's configuration (or seqbench version) differs from the baseline's.
        public var configChanged: Bool = false
        /// Zero when the values are equal, infinities included (∞ − ∞ would be NaN).
        public var change: Double { now == entry.value ? 0 : now - entry.value }
        public var relativeChange: Double { now == entry.value ? 0 : entry.value != 0 ? (now - entry.value) / abs(entry.value) : .nan }
    }

    public struct Report: Sendable {
        public var lines: [Line]
        public var strict: Bool
        public var regressions: Int { lines.filter { $0.verdict == .regressed }.count }
        public var improvements: Int { lines.filter { $0.verdict == .improved }.count }
        public var failed: Bool { regressions > 0 || (strict && improvements > 0) }
        /// 0 when nothing regressed (nor improved with strict), 1 otherwise.
        public var exitCode: Int32 { failed ? 1 : 0 }
    }

    /// Runs the comparison. Unusable input (a baseline for another experiment, a corpus whose hash
    /// changed, missing cells or seeds, a results folder without a manifest or with unreadable cell files)
    /// throws `SeqbenchError.usage` (exit code 2).
    public static func run(resultsDir: URL, baseline: Baseline, baselinePath: String, strict: Bool) throws -> Report {
        let manifest = try unusable { try Baseline.readManifest(resultsDir) }
        let experiment = manifest["experiment"]?.stringValue ?? ""
        guard experiment == baseline.experiment else {
            throw SeqbenchError.usage("\(baselinePath): baseline is for experiment '\(baseline.experiment)', the results in \(resultsDir.path) are of '\(experiment)'; give the matching baseline")
        }
        let (cells, humans) = try unusable { try Summary.loadCells(in: resultsDir) }
        try SeedCoverage.requireEverySeed(cells: cells, manifest: manifest, resultsDir: resultsDir)
        var hashes: [String: String] = [:]
        for c in cells { hashes[c.corpus] = c.corpusSHA256 }
        for (name, sha) in baseline.corpora.sorted(by: { $0.key < $1.key }) {
            guard let now = hashes[name] else {
                throw SeqbenchError.usage("\(resultsDir.path): no results for corpus '\(name)' named by \(baselinePath); run the whole experiment")
            }
            guard now == sha else {
                throw SeqbenchError.usage("\(resultsDir.path): corpus '\(name)' has SHA-256 \(now.prefix(12))…, the baseline's is \(sha.prefix(12))…; the data changed — regenerate the baseline on purpose with 'seqbench baseline'")
            }
        }
        let rows = Summary.rows(cells: cells, humans: humans)
        var lines: [Line] = []
        for e in baseline.entries {
            // Matched by what a reader sees (corpus, model label, temperature, metric), so that a change
            // of the model's configuration under the same label is checked too, not just a code change.
            guard let r = rows.first(where: { $0.corpus == e.corpus && $0.model == e.model && $0.metric == e.metric && $0.temperature == e.temperature }) else {
                throw SeqbenchError.usage("\(resultsDir.path): missing cell for \(e.name); the experiment changed or the run is incomplete — finish it, or regenerate the baseline with 'seqbench baseline'")
            }
            // Every seed of the results is there (above); a count that still differs means the
            // experiment's seeds changed since the baseline, and means over other seeds are not comparable.
            guard r.n == e.n else {
                throw SeqbenchError.usage("\(resultsDir.path): \(e.name) is a mean over \(r.n) seed(s), the baseline's over \(e.n); the experiment's seeds changed — regenerate the baseline on purpose with 'seqbench baseline'")
            }
            lines.append(Line(entry: e, now: r.mean, verdict: verdict(e, now: r.mean), configChanged: r.configID != e.configID))
        }
        return Report(lines: lines, strict: strict)
    }

    /// `body`'s result, its data errors rethrown as usage errors: results `check` cannot read are
    /// unusable input (exit code 2), which CI must tell apart from a regression (exit code 1).
    static func unusable<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as SeqbenchError { throw SeqbenchError.usage(e.message) }
    }

    static func verdict(_ e: Baseline.Entry, now x: Double) -> Verdict {
        let b = e.value
        if x == b || (x.isNaN && b.isNaN) { return .ok }
        if !x.isFinite || !b.isFinite {
            // Infinity or NaN appearing or disappearing is always a change.
            let worse: Bool
            switch e.direction {
            case .lower: worse = x.isNaN || x > b
            case .higher: worse = x.isNaN || x < b
            case .either: worse = true
            }
            return worse ? .regressed : .improved
        }
        let d = x - b
        var exceeds = false
        let t = e.tolerance
        var limits: [Double] = []
        if let a = t.absolute { limits.append(a) }
        if let r = t.relative { limits.append(r * abs(b)) }
        if t.interval == true {
            exceeds = x < e.ciLow || x > e.ciHigh
            if !limits.isEmpty { exceeds = exceeds && abs(d) > limits.max()! }
        } else {
            exceeds = abs(d) > (limits.max() ?? 0)
        }
        guard exceeds else { return .ok }
        switch e.direction {
        case .lower: return d > 0 ? .regressed : .improved
        case .higher: return d < 0 ? .regressed : .improved
        case .either: return .regressed
        }
    }

    /// The table printed by `seqbench check`.
    public static func table(_ report: Report) -> String {
        var rows: [[String]] = [["metric", "baseline", "now", "change", "tolerance", "verdict"]]
        for l in report.lines {
            let change = l.relativeChange.isFinite ? String(format: "%+.4f%%", l.relativeChange * 100) : formatDouble(l.change)
            let verdict: String
            switch l.verdict {
            case .ok: verdict = "ok"
            case .regressed: verdict = "REGRESSED"
            case .improved: verdict = report.strict ? "IMPROVED (strict)" : "improved"
            }
            rows.append([l.entry.name, fmt(l.entry.value), fmt(l.now), change, l.entry.tolerance.text, verdict + (l.configChanged ? " (config changed)" : "")])
        }
        let widths = (0..<rows[0].count).map { i in rows.map { $0[i].count }.max() ?? 0 }
        var s = rows.map { r in r.enumerated().map { i, f in f.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
        s += "\n\(report.lines.count) metric(s): \(report.regressions) regressed, \(report.improvements) improved, \(report.lines.count - report.regressions - report.improvements) ok\n"
        return s
    }

    static func fmt(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : formatDouble(x) }

    /// JUnit XML: one test case per metric, a failure element per regression (and per improvement with strict).
    public static func junit(_ report: Report, suite: String) -> String {
        let esc = MarkupEscaping.escape
        let failures = report.lines.filter { $0.verdict == .regressed || (report.strict && $0.verdict == .improved) }.count
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x += "<testsuites name=\"seqbench check\" tests=\"\(report.lines.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        x += "  <testsuite name=\"\(esc(suite))\" tests=\"\(report.lines.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for l in report.lines {
            let name = esc(l.entry.name)
            let fails = l.verdict == .regressed || (report.strict && l.verdict == .improved)
            if fails {
                let msg = "\(l.verdict.rawValue): baseline \(fmt(l.entry.value)), now \(fmt(l.now)), tolerance \(l.entry.tolerance.text), \(l.entry.direction.rawValue) is better"
                x += "    <testcase classname=\"\(esc(suite))\" name=\"\(name)\">\n      <failure message=\"\(esc(msg))\" type=\"\(l.verdict.rawValue)\"/>\n    </testcase>\n"
            } else {
                x += "    <testcase classname=\"\(esc(suite))\" name=\"\(name)\"/>\n"
            }
        }
        x += "  </testsuite>\n</testsuites>\n"
        return x
    }

    /// A Markdown summary for a pull-request comment.
    public static func markdown(_ report: Report, suite: String) -> String {
        let icon = report.failed ? "❌" : "✅"
        var s = "### \(icon) seqbench check: \(suite)\n\n"
        s += "\(report.regressions) regressed, \(report.improvements) improved, \(report.lines.count - report.regressions - report.improvements) unchanged within tolerance.\n\n"
        s += "| metric | baseline | now | change | tolerance | verdict |\n|---|---:|---:|---:|---|---|\n"
        for l in report.lines {
            let change = l.relativeChange.isFinite ? String(format: "%+.3f%%", l.relativeChange * 100) : formatDouble(l.change)
            let name = l.entry.name.replacingOccurrences(of: "|", with: "\\|")
            s += "| \(name) | \(fmt(l.entry.value)) | \(fmt(l.now)) | \(change) | \(l.entry.tolerance.text) | \(l.verdict == .ok ? "ok" : "**\(l.verdict.rawValue)**") |\n"
        }
        return s
    }
}
