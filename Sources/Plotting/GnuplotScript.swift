import SeqbenchCore

/// Wraps a `Figure` into a self-contained, runnable gnuplot script (gnuplot ≥ 5.0): data in
/// datablocks, then a loop over the output formats that picks a terminal (cairo when
/// `GPVAL_TERMINALS` lists it, else gnuplot's own), sets the output file and draws the body.
///
/// Run it from the folder it sits in: `gnuplot NAME.gp` redraws `NAME.png` / `.svg` / `.pdf`;
/// `gnuplot -e "formats='svg'" NAME.gp` draws other formats. The text depends only on its inputs
/// (no dates, no paths), so it is golden-tested byte for byte.
public enum GnuplotScript {
    /// Font for every terminal (resolved by fontconfig for the cairo terminals).
    static let font = "Sans,11"

    /// The script text.
    /// - Parameters:
    ///   - figure: what to draw.
    ///   - formats: the default value of the script's `formats` variable.
    ///   - provenance: one line naming the experiment, config hash and commit (a header comment and
    ///     a footnote on the figure), or empty.
    public static func render(_ figure: Figure, formats: [PlotFormat], provenance: String) -> String {
        let name = figure.name
        let w = figure.width, h = figure.height
        // PDF pages at 120 px per inch: a 1000-pixel figure is 8.33 in wide, so 11-pt text stays
        // readable when the page is scaled to a text column.
        let inches = { (px: Int) in GnuplotText.number((Double(px) / 120 * 100).rounded() / 100) }
        var s = ""
        s += "# \(name).gp: \(singleLine(figure.caption))\n"
        s += "# Written by seqbench \(seqbenchVersion) from \(figure.sources.joined(separator: ", "))"
        s += provenance.isEmpty ? ".\n" : "; \(singleLine(provenance)).\n"
        s += "# Redraw from this folder: gnuplot \(name).gp\n"
        s += "# Other formats:           gnuplot -e \"formats='svg pdf'\" \(name).gp\n"
        s += "set encoding utf8\n"
        s += "if (!exists(\"formats\")) formats = \(GnuplotText.quote(formats.map(\.fileExtension).joined(separator: " ")))\n"
        s += "\n"
        for d in figure.datablocks { s += d.text + "\n" }
        s += "# The terminals to choose from; tests pretend to lack cairo with -e \"seqbench_terminals=' svg png '\".\n"
        s += "if (!exists(\"seqbench_terminals\")) seqbench_terminals = ' '.GPVAL_TERMINALS.' '\n"
        s += "do for [seqbench_i = 1:words(formats)] {\n"
        s += "    seqbench_format = word(formats, seqbench_i)\n"
        s += "    seqbench_ok = 1\n"
        s += "    if (seqbench_format eq 'png') {\n"
        s += "        if (strstrt(seqbench_terminals, ' pngcairo ') > 0) {\n"
        s += "            set terminal pngcairo noenhanced size \(w),\(h) font '\(font)'\n"
        s += "        } else {\n"
        s += "            if (strstrt(seqbench_terminals, ' png ') > 0) {\n"
        s += "                set terminal png noenhanced size \(w),\(h)\n"
        s += "            } else {\n"
        s += "                seqbench_ok = 0\n"
        s += "            }\n"
        s += "        }\n"
        s += "    } else {\n"
        s += "        if (seqbench_format eq 'svg') {\n"
        s += "            set terminal svg noenhanced size \(w),\(h) dynamic font '\(font)' background '#ffffff'\n"
        s += "        } else {\n"
        s += "            if (seqbench_format eq 'pdf') {\n"
        s += "                if (strstrt(seqbench_terminals, ' pdfcairo ') > 0) {\n"
        s += "                    set terminal pdfcairo noenhanced size \(inches(w))in,\(inches(h))in font '\(font)'\n"
        s += "                } else {\n"
        s += "                    if (strstrt(seqbench_terminals, ' pdf ') > 0) {\n"
        s += "                        set terminal pdf noenhanced size \(inches(w))in,\(inches(h))in\n"
        s += "                    } else {\n"
        s += "                        seqbench_ok = 0\n"
        s += "                    }\n"
        s += "                }\n"
        s += "            } else {\n"
        s += "                seqbench_ok = 0\n"
        s += "            }\n"
        s += "        }\n"
        s += "    }\n"
        s += "    if (!seqbench_ok) {\n"
        s += "        print sprintf('\(name).gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)\n"
        s += "    } else {\n"
        s += "        set output '\(name).'.seqbench_format\n"
        s += "        reset\n"
        s += "        set encoding utf8\n"
        s += "        set datafile missing 'NaN'\n"
        for c in FamilyStyle.linetypeCommands { s += "        \(c)\n" }
        s += "        set border lw 1\n"
        s += "        set grid lc rgb '#dddddd' lw 1\n"
        if !provenance.isEmpty {
            s += "        set label 999 \(GnuplotText.quote(provenance)) at screen 0.005, screen 1 left offset 0,-0.7 font ',8' tc rgb '#888888'\n"
        }
        for line in figure.body { s += line.isEmpty ? "\n" : "        \(line)\n" }
        s += "        unset output\n"
        s += "    }\n"
        s += "}\n"
        return s
    }

    static func singleLine(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
    }
}
