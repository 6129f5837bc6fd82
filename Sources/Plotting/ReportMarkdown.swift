import Foundation

/// `report.md`: GitHub-flavoured Markdown; pictures linked by paths relative to the results folder.
enum ReportMarkdown {
    /// Escapes Markdown's inline syntax so names print as written.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "{", "}": out += "\\\(ch)"
            case "\n", "\r\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    /// The path of `target` relative to the folder `base` (both made absolute and standardized).
    static func relativePath(from base: URL, to target: URL) -> String {
        let b = base.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let t = target.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var k = 0
        while k < b.count && k < t.count && b[k] == t[k] { k += 1 }
        let parts = Array(repeating: "..", count: b.count - k) + t[k...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    static func render(_ c: ReportContent, results: URL, plots: URL) -> String {
        var md = "# seqbench report: \(escape(c.title))\n\n"
        md += "## Experiment and provenance\n\n| field | value |\n|---|---|\n"
        for (k, v) in c.provenance { md += "| \(escape(k)) | \(escape(v)) |\n" }
        if let config = c.config, !config.isEmpty {
            md += "\n**Config**\n\n" + fenced(config, info: "yaml")
        }
        if !c.corpora.isEmpty {
            md += "\n**Corpora**\n\n"
            for corpus in c.corpora {
                md += "- " + corpus.map { "\(escape($0.0)): \(escape($0.1))" }.joined(separator: "; ") + "\n"
            }
        }
        md += "\n## Summary\n\n"
        if c.tables.isEmpty { md += "summary.csv has no rows to tabulate.\n\n" }
        for t in c.tables {
            md += "### \(escape(t.title))\n\n\(escape(t.note))\n\n"
            md += "| " + t.header.map(escape).joined(separator: " | ") + " |\n"
            md += "|" + t.header.indices.map { $0 < t.textColumns ? "---|" : "--:|" }.joined() + "\n"
            for r in t.rows {
                md += "| " + r.map { $0.best ? "**\(escape($0.text))**" : escape($0.text) }.joined(separator: " | ") + " |\n"
            }
            md += "\n"
        }
        md += "## Plots\n\n"
        if !c.plotsFound {
            md += "No plots in `\(relativePath(from: results, to: plots))`; draw them with `seqbench plot \(results.path)` and run `seqbench report` again.\n\n"
        }
        let rel = relativePath(from: results, to: plots)
        var skipped: [ReportContent.Plot] = []
        for p in c.plots {
            if p.skipped != nil { skipped.append(p); continue }
            if let file = p.png ?? p.svg {
                md += "![\(escape(p.caption))](\(rel)/\(file.lastPathComponent))\n\n*\(escape(p.caption))*\n\n"
            } else {
                md += "- \(escape(p.name)): not drawn yet (\(escape(p.caption)))\n\n"
            }
        }
        if !skipped.isEmpty {
            md += "Not drawn, for lack of data:\n\n"
            for p in skipped { md += "- \(escape(p.name)): \(escape(p.skipped ?? ""))\n" }
            md += "\n"
        }
        md += "## Samples\n\n"
        if c.samples.isEmpty { md += "The results have no samples.jsonl.\n" }
        md += "The first \(Report.excerptLength) characters of the first sample (lowest seed) of each model and temperature. A loop (a cycle repeated at least 3 times back to back) is reported under the excerpt and shown between ⟦ ⟧.\n\n"
        for s in c.samples {
            md += "**\(escape(ReportContent.sampleHeading(s)))** (\(escape(ReportContent.sampleDetails(s))))\n\n"
            var text = s.excerpt
            if let l = s.loop, l.start < text.count {
                let end = min(text.count, l.start + l.length)
                text.insert("⟧", at: end)
                text.insert("⟦", at: l.start)
            }
            let body = String(text) + (s.fullLength > s.excerpt.count ? "…" : "")
            md += fenced(body, info: "text")
            if let l = s.loop { md += "⟳ \(ReportContent.loopNote(l))\n\n" }
        }
        return md
    }

    /// A fenced code block longer than any run of backticks in the text, so the text cannot close it.
    static func fenced(_ body: String, info: String) -> String {
        var longest = 0, run = 0
        for ch in body { run = ch == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let text = body.hasSuffix("\n") ? String(body.dropLast()) : body
        return "\(fence)\(info)\n\(text)\n\(fence)\n\n"
    }
}
