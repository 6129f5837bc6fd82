import Foundation
import SeqbenchCore

/// `report.html`: one self-contained file (inline CSS, pictures as base64 data URIs, no scripts, no
/// links to the network).
enum ReportHTML {
    /// Escapes text for HTML element content and attribute values.
    static func escape(_ s: String) -> String { MarkupEscaping.escape(s) }

    static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
    table{border-collapse:collapse;margin:1em 0;font-size:0.88em}
    th,td{border:1px solid #ccc;padding:0.25em 0.55em;vertical-align:top}
    th{background:#f3f3f3;text-align:left}
    td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    td.best{font-weight:bold;background:#e6f4ea}
    figure{margin:1.5em 0}
    figure img{max-width:100%;border:1px solid #eee}
    figcaption{font-style:italic;color:#444}
    pre.config{background:#f7f7f7;padding:0.6em;font-size:0.85em;overflow-x:auto}
    pre.sample{white-space:pre-wrap;word-break:break-word;background:#f7f7f7;padding:0.6em;border-left:3px solid #ccc}
    mark.loop{background:#ffe08a}
    .note{color:#555}
    """

    static func render(_ c: ReportContent) -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<title>seqbench report: \(escape(c.title))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n"
        h += "<h1>seqbench report: \(escape(c.title))</h1>\n"
        h += "<h2>Experiment and provenance</h2>\n<table>\n<tr><th>field</th><th>value</th></tr>\n"
        for (k, v) in c.provenance { h += "<tr><td>\(escape(k))</td><td>\(escape(v))</td></tr>\n" }
        h += "</table>\n"
        if let config = c.config, !config.isEmpty {
            h += "<h3>Config</h3>\n<pre class=\"config\">\(escape(config))</pre>\n"
        }
        if !c.corpora.isEmpty {
            h += "<h3>Corpora</h3>\n<ul>\n"
            for corpus in c.corpora {
                h += "<li>" + corpus.map { "<b>\(escape($0.0))</b>: \(escape($0.1))" }.joined(separator: "; ") + "</li>\n"
            }
            h += "</ul>\n"
        }
        h += "<h2>Summary</h2>\n"
        for t in c.tables {
            h += "<h3>\(escape(t.title))</h3>\n<p class=\"note\">\(escape(t.note))</p>\n<table>\n<tr>"
            h += t.header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
            let textColumns = t.textColumns
            for r in t.rows {
                h += "<tr>" + r.enumerated().map { j, cell in
                    let cls = (j >= textColumns ? ["num"] : []) + (cell.best ? ["best"] : [])
                    return "<td\(cls.isEmpty ? "" : " class=\"\(cls.joined(separator: " "))\"")>\(escape(cell.text))</td>"
                }.joined() + "</tr>\n"
            }
            h += "</table>\n"
        }
        h += "<h2>Plots</h2>\n"
        if !c.plotsFound { h += "<p class=\"note\">No plots found: draw them with <code>seqbench plot RESULTS_DIR</code> and run <code>seqbench report</code> again.</p>\n" }
        var skipped: [ReportContent.Plot] = []
        for p in c.plots {
            if p.skipped != nil { skipped.append(p); continue }
            if let uri = dataURI(p) {
                h += "<figure id=\"\(escape(p.name))\">\n<img src=\"\(uri)\" alt=\"\(escape(p.caption))\">\n<figcaption>\(escape(p.caption))</figcaption>\n</figure>\n"
            } else {
                h += "<p class=\"note\">\(escape(p.name)): not drawn yet (\(escape(p.caption)))</p>\n"
            }
        }
        if !skipped.isEmpty {
            h += "<p>Not drawn, for lack of data:</p>\n<ul>\n"
            for p in skipped { h += "<li>\(escape(p.name)): \(escape(p.skipped ?? ""))</li>\n" }
            h += "</ul>\n"
        }
        h += "<h2>Samples</h2>\n"
        if c.samples.isEmpty { h += "<p class=\"note\">The results have no samples.jsonl.</p>\n" }
        else { h += "<p class=\"note\">The first \(Report.excerptLength) characters of the first sample (lowest seed) of each model and temperature; a detected loop (a cycle repeated at least 3 times back to back) is highlighted.</p>\n" }
        for s in c.samples {
            h += "<h4>\(escape(ReportContent.sampleHeading(s)))</h4>\n"
            h += "<p class=\"note\">\(escape(ReportContent.sampleDetails(s)))</p>\n"
            var body = ""
            let text = s.excerpt
            if let l = s.loop, l.start < text.count {
                let end = min(text.count, l.start + l.length)
                body = escape(String(text[..<l.start])) + "<mark class=\"loop\" title=\"\(escape(ReportContent.loopNote(l)))\">"
                    + escape(String(text[l.start..<end])) + "</mark>" + escape(String(text[end...]))
            } else {
                body = escape(String(text))
            }
            if s.fullLength > s.excerpt.count { body += "…" }
            h += "<pre class=\"sample\">\(body)</pre>\n"
            if let l = s.loop { h += "<p class=\"note\">⟳ \(escape(ReportContent.loopNote(l)))</p>\n" }
        }
        h += "</body>\n</html>\n"
        return h
    }

    /// The plot's PNG (else SVG) as a base64 data URI.
    static func dataURI(_ p: ReportContent.Plot) -> String? {
        if let png = p.png, let d = try? Data(contentsOf: png) { return "data:image/png;base64," + d.base64EncodedString() }
        if let svg = p.svg, let d = try? Data(contentsOf: svg) { return "data:image/svg+xml;base64," + d.base64EncodedString() }
        return nil
    }
}
