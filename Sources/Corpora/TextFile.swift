import Foundation
import SeqbenchCore

/// Reads text files the way every seqbench command does: the file must exist, be non-empty, contain
/// no NUL byte (binary) and be valid UTF-8; each refusal names the file and what is wrong.
public enum TextFile {
    /// Reads and validates `path`.
    /// - Throws: `SeqbenchError.data` naming the file (and the byte offset of invalid UTF-8).
    public static func read(_ path: String) throws -> String {
        let data = try FileIO.read(path, missing: "no such file; check the path", folder: "is a folder, not a text file; name a file")
        return try decode(data, source: path)
    }

    /// Validates bytes as non-empty UTF-8 text without NUL bytes.
    public static func decode(_ data: Data, source: String) throws -> String {
        guard !data.isEmpty else {
            throw SeqbenchError.data("\(source): the file is empty; give a text file with at least one line")
        }
        if let nul = data.firstIndex(of: 0) {
            throw SeqbenchError.data("\(source): looks binary (NUL byte at offset \(nul - data.startIndex)); give a UTF-8 text file")
        }
        if let bad = firstInvalidUTF8Offset(data) {
            throw SeqbenchError.data("\(source): invalid UTF-8 at byte offset \(bad); convert the file to UTF-8 (for example with iconv)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The offset of the first byte that starts an invalid UTF-8 sequence, or nil when all is valid.
    /// Rejects overlong forms, surrogates and code points above U+10FFFF (RFC 3629).
    public static func firstInvalidUTF8Offset(_ data: Data) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            let b = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                var need = 0
                var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: need = 1
                case 0xE0: need = 2; lo = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: need = 2
                case 0xED: need = 2; hi = 0x9F
                case 0xF0: need = 3; lo = 0x90
                case 0xF1...0xF3: need = 3
                case 0xF4: need = 3; hi = 0x8F
                default: return i
                }
                if i + need >= n { return i }
                for k in 1...need {
                    let d = b[i + k]
                    let l: UInt8 = k == 1 ? lo : 0x80
                    let h: UInt8 = k == 1 ? hi : 0xBF
                    if d < l || d > h { return i }
                }
                i += need + 1
            }
            return nil
        }
    }
}
