import Foundation

/// An output format of a plot, with the gnuplot terminal that draws it.
///
/// Cairo terminals (anti-aliased, UTF-8 text through Pango) are used when `GPVAL_TERMINALS` lists
/// them; otherwise the script falls back to gnuplot's own `png` (libgd) or `pdf` terminal, and if
/// gnuplot has neither it prints a note and draws the other formats.
public enum PlotFormat: String, CaseIterable, Sendable, Comparable {
    case png, svg, pdf

    /// The file extension, also the word used in a script's `formats` list.
    public var fileExtension: String { rawValue }

    public static func < (a: PlotFormat, b: PlotFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Parses a comma-separated list such as `png,svg,pdf` (case, order and duplicates ignored; the
    /// result is in the fixed order png, svg, pdf), or fails with the first unknown word.
    public static func parseList(_ text: String) -> Result<[PlotFormat], PlotFormatListError> {
        var set: Set<PlotFormat> = []
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            let w = word.trimmingCharacters(in: .whitespaces).lowercased()
            guard let f = PlotFormat(rawValue: w) else { return .failure(PlotFormatListError(word: String(word))) }
            set.insert(f)
        }
        return .success(allCases.filter(set.contains))
    }
}

/// An unknown word in a `--format` list.
public struct PlotFormatListError: Error, Sendable {
    public var word: String
}
