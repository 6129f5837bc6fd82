/// The fixed look of each model family, the same in every plot: a colour from the Okabe–Ito
/// colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design") and a gnuplot point type.
///
/// Families own gnuplot linetypes 1…7 (scripts `set linetype` them), so a
/// plot can colour bars with `lc variable` from a linetype column and still match the legend.
public struct FamilyStyle: Sendable, Equatable {
    public var family: String
    /// `#RRGGBB`.
    public var color: String
    /// gnuplot point type (7 filled circle, 5 filled square, 9 filled triangle, 11 filled
    /// down-triangle, 13 filled diamond, 3 star, 15 filled pentagon).
    public var pointType: Int
    /// The gnuplot linetype number reserved for this family.
    public var linetype: Int

    /// Every family in fixed order; the last entry styles families the harness may add later.
    public static let all: [FamilyStyle] = [
        FamilyStyle(family: "unigram", color: "#7F7F7F", pointType: 13, linetype: 5), // grey
        FamilyStyle(family: "ngram", color: "#0072B2", pointType: 7, linetype: 1),    // blue
        FamilyStyle(family: "rnn", color: "#E69F00", pointType: 5, linetype: 2),      // orange
        FamilyStyle(family: "lstm", color: "#009E73", pointType: 9, linetype: 3),     // bluish green
        FamilyStyle(family: "gru", color: "#CC79A7", pointType: 11, linetype: 4),     // reddish purple
        FamilyStyle(family: "human", color: "#000000", pointType: 3, linetype: 6),    // black
        FamilyStyle(family: "other", color: "#D55E00", pointType: 15, linetype: 7),   // vermillion
    ]

    /// The style of a family (case-insensitive); unknown families share the "other" style.
    public static func of(_ family: String) -> FamilyStyle {
        let f = family.lowercased()
        return all.first { $0.family == f } ?? all[all.count - 1]
    }

    /// The position of a family in the fixed order (for sorting models: the unigram baseline first,
    /// then n-grams, the networks, human text last).
    public static func rank(_ family: String) -> Int {
        all.firstIndex(of: of(family))!
    }

    /// `set linetype` commands for every family (solid lines, width 2).
    public static var linetypeCommands: [String] {
        all.map { "set linetype \($0.linetype) lc rgb '\($0.color)' lw 2 pt \($0.pointType) ps 1.3 dt 1" }
    }

    /// The k-th of n shades of the family colour (0 ≤ k < n, n ≥ 2): k = 0 is the colour mixed
    /// half-way to white, k = n − 1 the colour mixed 35 % towards black, linearly in between
    /// (per sRGB channel: c' = c + t·(255 − c) for t ≥ 0, c' = c·(1 + t) for t < 0, with
    /// t = 0.5 − 0.85·k/(n − 1)). The middle shades stay close to the family colour.
    /// - Returns: `#RRGGBB`.
    public func shade(_ k: Int, of n: Int) -> String {
        precondition(n >= 2 && k >= 0 && k < n, "shade needs 0 <= k < n and n >= 2, got k=\(k) n=\(n)")
        let t = 0.5 - 0.85 * Double(k) / Double(n - 1)
        let hex = Array(color.dropFirst())
        var out = "#"
        for c in 0..<3 {
            let v = Double(Int(String(hex[2 * c ... 2 * c + 1]), radix: 16)!)
            let w = t >= 0 ? v + t * (255 - v) : v * (1 + t)
            let byte = min(255, max(0, Int(w.rounded())))
            out += String(byte, radix: 16, uppercase: true).count == 1 ? "0" + String(byte, radix: 16, uppercase: true) : String(byte, radix: 16, uppercase: true)
        }
        return out
    }
}
