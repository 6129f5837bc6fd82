import CZlib

extension TextMetrics {
    /// Compression ratio (Shaib et al. 2024, "Standardizing the Measurement of Text Diversity",
    /// arXiv 2403.00553): the UTF-8 size of the texts, concatenated without a separator, over their
    /// zlib size at level 9,
    ///
    ///     CR = |b| / |compress2(b, level 9)|,   b = UTF-8(texts[0] + texts[1] + …)
    ///
    /// identical to Python's `len(b) / len(zlib.compress(b, 9))` (zlib format: 2-byte header and
    /// Adler-32 trailer, 32 KiB DEFLATE window). Higher means more redundant. The 6 bytes of framing
    /// weigh on very short texts, and repeats farther apart than 32 KiB are not seen.
    /// - Returns: a value > 0; NaN when the texts have no bytes.
    /// - Complexity: O(B), B = total bytes.
    public static func compressionRatio(_ texts: [String]) -> Double {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count })
        for t in texts { bytes.append(contentsOf: t.utf8) }
        guard !bytes.isEmpty else { return .nan }
        let compressed = zlibCompressedSize(bytes, level: 9)
        return Double(bytes.count) / Double(compressed)
    }

    /// Size of `compress2(bytes, level)`.
    static func zlibCompressedSize(_ bytes: [UInt8], level: Int32) -> Int {
        var destLen = compressBound(uLong(bytes.count))
        var dest = [UInt8](repeating: 0, count: Int(destLen))
        let status = bytes.withUnsafeBufferPointer { src in
            dest.withUnsafeMutableBufferPointer { dst in
                compress2(dst.baseAddress, &destLen, src.baseAddress, uLong(src.count), level)
            }
        }
        // compressBound guarantees room, so only memory exhaustion can fail here.
        precondition(status == Z_OK, "zlib compress2 failed with status \(status)")
        return Int(destLen)
    }
}
