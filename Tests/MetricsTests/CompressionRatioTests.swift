import Testing
@testable import Metrics

/// Reference values from Python 3.11 with zlib 1.2.13 (the same library version this machine links):
///
///     import zlib
///     b = "".join(texts).encode("utf-8")
///     print(len(b), len(zlib.compress(b, 9)), len(b) / len(zlib.compress(b, 9)))
///
/// The sizes are integers, so the ratios must match exactly. A different zlib release may compress a
/// few bytes differently; these inputs are small and were checked on 1.2.13.
@Suite("compression ratio")
struct CompressionRatioTests {
    @Test(arguments: [
        (["abcabcabc"], 9, 13, 0.6923076923076923),
        (["The quick brown fox jumps over the lazy dog.\n", "Pack my box with five dozen liquor jugs.\n"], 86, 83, 1.036144578313253),
        ([String(repeating: "a", count: 1000)], 1000, 17, 58.8235294117647),
        (["héllo wörld — ", "ünïcödé ✓"], 33, 44, 0.75),
    ])
    func againstPythonZlib(texts: [String], bytes: Int, compressed: Int, ratio: Double) {
        let b = Array(texts.joined().utf8)
        #expect(b.count == bytes)
        #expect(TextMetrics.zlibCompressedSize(b, level: 9) == compressed)
        #expect(TextMetrics.compressionRatio(texts) == ratio)
    }

    @Test func noBytesIsNaN() {
        #expect(TextMetrics.compressionRatio([]).isNaN)
        #expect(TextMetrics.compressionRatio(["", ""]).isNaN)
    }

    @Test func concatenatesWithoutSeparator() {
        #expect(TextMetrics.compressionRatio(["abc", "abcabc"]) == TextMetrics.compressionRatio(["abcabcabc"]))
    }
}
