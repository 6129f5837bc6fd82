/// Places point labels so they do not cover each other or other points: for each point in turn it
/// tries four spots (right-above, right-below, left-above, left-below) and takes the first whose
/// estimated box is clear of the labels placed so far and of every marker, or else the one that
/// overlaps least. Boxes are estimated in pixels from the text length (the real size depends on the
/// font, so this is a heuristic that removes the common collisions, not a guarantee).
struct LabelPlacer {
    struct Placement: Equatable {
        /// Offset from the point, in pixels (x right, y up).
        var dx: Double
        var dy: Double
        /// Text is left-aligned when true (label to the right of the point).
        var leftAligned: Bool
    }

    /// Approximate glyph size at 8 pt in the cairo terminals.
    static let charWidth = 6.2, charHeight = 11.0
    static let markerRadius = 7.0

    /// - Parameters:
    ///   - points: positions in pixels.
    ///   - texts: one label per point.
    ///   - bounds: the plot area `(width, height)` in the same pixels, when known: a label's part
    ///     outside it counts as overlap, so a long label near the right edge turns to the left
    ///     instead of running into the key.
    /// - Complexity: O(n²).
    static func place(points: [(x: Double, y: Double)], texts: [String], bounds: (width: Double, height: Double)? = nil) -> [Placement] {
        typealias Box = (x0: Double, y0: Double, x1: Double, y1: Double)
        func overlap(_ a: Box, _ b: Box) -> Double {
            max(0, min(a.x1, b.x1) - max(a.x0, b.x0)) * max(0, min(a.y1, b.y1) - max(a.y0, b.y0))
        }
        let candidates = [Placement(dx: 9, dy: 6, leftAligned: true), Placement(dx: 9, dy: -16, leftAligned: true),
                          Placement(dx: -9, dy: 6, leftAligned: false), Placement(dx: -9, dy: -16, leftAligned: false)]
        let markers: [Box] = points.map { ($0.x - markerRadius, $0.y - markerRadius, $0.x + markerRadius, $0.y + markerRadius) }
        var placed: [Box] = []
        var out: [Placement] = []
        for (p, text) in zip(points, texts) {
            let w = Double(text.count) * charWidth
            var best = candidates[0], bestCost = Double.infinity, bestBox: Box = (0, 0, 0, 0)
            for c in candidates {
                let x0 = c.leftAligned ? p.x + c.dx : p.x + c.dx - w
                let y0 = p.y + c.dy
                let box: Box = (x0, y0, x0 + w, y0 + charHeight)
                var cost = placed.reduce(0) { $0 + overlap($1, box) } + markers.reduce(0) { $0 + overlap($1, box) }
                if let b = bounds {
                    let area = (box.x1 - box.x0) * (box.y1 - box.y0)
                    cost += area - overlap(box, (0, 0, b.width, b.height))
                }
                if cost < bestCost { best = c; bestCost = cost; bestBox = box }
                if cost == 0 { break }
            }
            placed.append(bestBox)
            out.append(best)
        }
        return out
    }
}
