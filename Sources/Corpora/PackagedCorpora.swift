import CZlib
import Foundation
import SeqbenchCore

/// Corpora that come with Debian packages, read in one fixed, documented way so that the text (and
/// its SHA-256) is the same on every machine with the same package version.
public enum PackagedCorpora {
    public static let names = ["fortunes", "jargon", "kjv"]

    /// One line per packaged corpus, for `seqbench corpus list`.
    public static func summary(of name: String) -> String {
        switch name {
        case "kjv": return "King James Bible, one verse per line, from Debian bible-kjv (`bible -f`), 4.4 MB"
        case "jargon": return "the Jargon File 4.4.7 as plain text, from Debian jargon-text, 1.7 MB"
        case "fortunes": return "the fortune cookie files of Debian fortunes and fortunes-min, 2.6 MB"
        default: return ""
        }
    }

    /// The Debian package that provides `name`.
    public static func package(of name: String) -> String {
        switch name {
        case "kjv": return "bible-kjv"
        case "jargon": return "jargon-text"
        default: return "fortunes"
        }
    }

    /// Loads a packaged corpus.
    /// - Throws: `SeqbenchError.data` saying which package to install when it is missing.
    public static func load(_ name: String) throws -> (text: String, source: String) {
        switch name {
        case "kjv": return try kjv()
        case "jargon": return try jargon()
        case "fortunes": return try fortunes()
        default:
            throw SeqbenchError.usage("unknown packaged corpus '\(name)'\(EditDistance.suggestion(for: name, in: names)); use one of \(names.joined(separator: ", "))")
        }
    }

    static func missing(_ name: String, _ what: String) -> SeqbenchError {
        .data("\(name): \(what) is missing; install the Debian package with 'apt-get install \(package(of: name))' (or run scripts/bootstrap)")
    }

    /// The whole King James Bible as the `bible` program of Debian's bible-kjv prints it with
    /// pretty-printing off:
    ///
    ///     /usr/bin/bible -f -p /usr/lib Gen1:1-Rev22:21  < /dev/null
    ///
    /// `-f` turns pretty-printing off: one verse per line, each preceded by its reference, e.g.
    /// `Ge1:1 In the beginning God created the heaven and the earth.`; no line wrapping (so the
    /// output does not depend on COLUMNS). `-p /usr/lib` fixes the data file to the package's
    /// `/usr/lib/bible.data` (by default `bible` looks in the current folder first). With
    /// bible-kjv 4.x this is 31,102 lines, 4,404,412 bytes, ASCII.
    public static func kjv() throws -> (text: String, source: String) {
        let program = "/usr/bin/bible"
        guard FileManager.default.isExecutableFile(atPath: program),
              FileManager.default.fileExists(atPath: "/usr/lib/bible.data") else {
            throw missing("kjv", "\(program) or /usr/lib/bible.data")
        }
        let args = ["-f", "-p", "/usr/lib", "Gen1:1-Rev22:21"]
        let out = try ProcessRunner.run(program, args)
        guard out.status == 0, !out.standardOutput.isEmpty else {
            let msg = String(decoding: out.standardError, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw SeqbenchError.data("kjv: '\(program) \(args.joined(separator: " "))' failed (exit status \(out.status)\(msg.isEmpty ? "" : ": " + msg)); reinstall it with 'apt-get install --reinstall bible-kjv'")
        }
        let command = "\(program) \(args.joined(separator: " "))"
        return (try TextFile.decode(out.standardOutput, source: command), command)
    }

    /// The Jargon File as Debian's jargon-text ships it: `/usr/share/doc/jargon-text/jargon.txt.gz`,
    /// gunzipped (zlib's gzread), bytes unchanged.
    public static func jargon() throws -> (text: String, source: String) {
        let path = "/usr/share/doc/jargon-text/jargon.txt.gz"
        guard FileManager.default.fileExists(atPath: path) else { throw missing("jargon", path) }
        let data = try gunzip(path)
        return (try TextFile.decode(data, source: path), "gunzip of \(path)")
    }

    /// The fortune cookie files: every regular file that the Debian packages `fortunes` and its
    /// dependency `fortunes-min` install directly in `/usr/share/games/fortunes` (per their dpkg file
    /// lists in /var/lib/dpkg/info), except the `.dat` index files and the `.u8` symlinks; read
    /// verbatim (the "%" lines that separate cookies kept) and concatenated in ascending byte order of
    /// file name. Files other packages put in that folder are not included, so the text depends only
    /// on these two packages' versions.
    public static func fortunes() throws -> (text: String, source: String) {
        let folder = "/usr/share/games/fortunes/"
        var paths = Set<String>()
        for pkg in ["fortunes", "fortunes-min"] {
            let list = "/var/lib/dpkg/info/\(pkg).list"
            guard let text = try? String(contentsOfFile: list, encoding: .utf8) else {
                throw missing("fortunes", "the \(pkg) package (\(list))")
            }
            for line in text.split(separator: "\n") where line.hasPrefix(folder) {
                let name = line.dropFirst(folder.count)
                if name.isEmpty || name.contains("/") || name.hasSuffix(".dat") { continue }
                paths.insert(String(line))
            }
        }
        var files: [String] = []
        for p in paths {
            // Regular files only (lstat: the .u8 names are symlinks to the plain files).
            guard let attrs = try? FileManager.default.attributesOfItem(atPath: p),
                  attrs[.type] as? FileAttributeType == .typeRegular else { continue }
            files.append(p)
        }
        files.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard !files.isEmpty else { throw missing("fortunes", "every file of \(folder)") }
        var data = Data()
        for f in files {
            guard let d = FileManager.default.contents(atPath: f) else {
                throw SeqbenchError.data("fortunes: \(f) cannot be read; check its permissions or reinstall with 'apt-get install --reinstall fortunes'")
            }
            data.append(d)
        }
        return (try TextFile.decode(data, source: folder), "\(files.count) files of \(folder) from the fortunes and fortunes-min packages, in name order")
    }

    /// Decompresses a gzip file with zlib.
    static func gunzip(_ path: String) throws -> Data {
        guard let f = gzopen(path, "rb") else {
            throw SeqbenchError.data("\(path): cannot be opened; check its permissions")
        }
        defer { gzclose(f) }
        var out = Data()
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { gzread(f, $0.baseAddress, UInt32($0.count)) }
            if n < 0 {
                throw SeqbenchError.data("\(path): is corrupted (zlib error while decompressing); reinstall its package")
            }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<Int(n)])
        }
        return out
    }
}
