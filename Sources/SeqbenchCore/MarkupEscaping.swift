/// Escaping for XML and HTML text and attribute values (JUnit reports, report.html).
public enum MarkupEscaping {
    /// Replaces `& < > " '` by entities (`&#39;` for the apostrophe, valid in XML and HTML) and C0
    /// control characters other than tab, line feed and carriage return by a space, since XML 1.0
    /// cannot carry them at all.
    /// - Complexity: O(n).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 { out += " " } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
