/// Calls `body` with `range.lowerBound`, `+ step`, … (each below `range.upperBound`), or with the
/// same values from the last to the first when `reversed`: the order in which every other time
/// step reads its weights (panels, row blocks, unit parts, gates), so that a step starts on what
/// the last one read last, still in L2.
@inline(__always)
func forEach(in range: Range<Int>, by step: Int = 1, reversed: Bool, _ body: (Int) -> Void) {
    guard !range.isEmpty else { return }
    if reversed {
        var i = range.lowerBound + (range.count - 1) / step * step
        while i >= range.lowerBound { body(i); i -= step }
    } else {
        var i = range.lowerBound
        while i < range.upperBound { body(i); i += step }
    }
}
