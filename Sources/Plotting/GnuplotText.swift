import Foundation
import SeqbenchCore

/// Text and numbers as gnuplot reads them.
public enum GnuplotText {
    /// A gnuplot string literal in single quotes: inside them gnuplot treats backslashes literally and
    /// reads `''` as one quote, so doubling quotes is the only escape needed. Line breaks and other
    /// control characters (which would end the command) become spaces. Labels are drawn `noenhanced`,
    /// so `_`, `^`, `{` and `@` print as themselves.
    public static func quote(_ s: String) -> String {
        var out = "'"
        for u in s.unicodeScalars {
            if u == "'" { out += "''" }
            else if u.value < 0x20 || u.value == 0x7F { out += " " }
            else { out.unicodeScalars.append(u) }
        }
        return out + "'"
    }

    /// A number for a datablock or a command: shortest round-trip decimal (locale-independent, full
    /// precision), or `NaN` for a non-finite value (the scripts say `set datafile missing 'NaN'`).
    public static func number(_ d: Double) -> String {
        d.isFinite ? formatDouble(d) : "NaN"
    }

    /// A file-name-safe form of a name: ASCII letters, digits, `-` and `_` kept (letters lowercased),
    /// runs of anything else become one `-`. When that changed the name, the first 8 hex digits of the
    /// name's SHA-256 are appended, so distinct names never share a slug.
    public static func slug(_ s: String) -> String {
        var out = ""
        var lastDash = false
        for u in s.unicodeScalars {
            if (u >= "a" && u <= "z") || (u >= "0" && u <= "9") || u == "_" || u == "-" {
                out.unicodeScalars.append(u); lastDash = false
            } else if u >= "A" && u <= "Z" {
                out.unicodeScalars.append(Unicode.Scalar(u.value + 32)!); lastDash = false
            } else if !lastDash {
                out += "-"; lastDash = true
            }
        }
        while out.hasPrefix("-") { out.removeFirst() }
        while out.hasSuffix("-") { out.removeLast() }
        if out != s || out.isEmpty {
            out += (out.isEmpty ? "" : "-") + String(SHA256.hex(Data(s.utf8)).prefix(8))
        }
        return out
    }
}
