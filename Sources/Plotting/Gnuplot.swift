import Foundation
import SeqbenchCore

/// Runs gnuplot on a script file as a batch process (`gnuplot NAME.gp` in the script's folder, stdin
/// closed, stderr collected), and turns a failure into an error that quotes gnuplot and names the script.
///
/// The executable is, in order: the `executable` given to `init`, the `SEQBENCH_GNUPLOT` environment
/// variable, or `gnuplot` found on `PATH`. A value containing `/` is a path; otherwise it is looked up on `PATH`.
public struct Gnuplot: Sendable {
    /// What was asked for: a path or a command name.
    public var executable: String
    /// The `PATH` searched for a bare command name.
    public var searchPath: String

    public init(executable: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let e = executable, !e.isEmpty { self.executable = e }
        else if let e = environment["SEQBENCH_GNUPLOT"], !e.isEmpty { self.executable = e }
        else { self.executable = "gnuplot" }
        self.searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    }

    /// How to get gnuplot, for error messages.
    public static let installHint = "install it with `apt-get install gnuplot-nox` (macOS: `brew install gnuplot`) or set SEQBENCH_GNUPLOT to its path"

    /// The executable's absolute path.
    /// - Throws: `SeqbenchError.data` saying where it looked and how to install gnuplot.
    public func resolvedPath() throws -> String {
        let fm = FileManager.default
        if executable.contains("/") {
            if fm.isExecutableFile(atPath: executable) { return executable }
            throw SeqbenchError.data("gnuplot not found at \(executable); \(Self.installHint)")
        }
        for dir in searchPath.split(separator: ":") where !dir.isEmpty {
            let candidate = String(dir) + "/" + executable
            if fm.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw SeqbenchError.data("gnuplot not found ('\(executable)' is not on PATH); \(Self.installHint)")
    }

    /// What gnuplot said on stderr for a run that succeeded (notes and warnings; often empty).
    public struct Run: Sendable, Equatable {
        public var stderr: String
    }

    /// Runs `gnuplot SCRIPT` with the script's folder as the working directory (scripts write their
    /// outputs next to themselves).
    /// - Throws: `SeqbenchError.data` when gnuplot is missing, cannot start, or exits non-zero; the
    ///   message holds gnuplot's error text and the script's path.
    public func run(script: URL) throws -> Run {
        let path = try resolvedPath()
        let result = try Self.execute(path, arguments: [script.lastPathComponent],
                                      directory: script.deletingLastPathComponent())
        if result.status != 0 {
            let said = Self.oneLine(result.stderr)
            throw SeqbenchError.data("gnuplot failed on \(script.path) (exit \(result.status)): \(said.isEmpty ? "no message" : said); the script is kept there to inspect and rerun with `gnuplot \(script.lastPathComponent)`")
        }
        return Run(stderr: result.stderr)
    }

    /// The terminals this gnuplot has (`GPVAL_TERMINALS`), sorted.
    public func terminals() throws -> [String] {
        let path = try resolvedPath()
        let r = try Self.execute(path, arguments: ["-e", "print GPVAL_TERMINALS"], directory: nil)
        guard r.status == 0 else {
            throw SeqbenchError.data("\(path) -e 'print GPVAL_TERMINALS' failed (exit \(r.status)): \(Self.oneLine(r.stderr)); \(Self.installHint)")
        }
        return r.stderr.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init).sorted()
    }

    /// Collapses gnuplot's multi-line message (the offending line, a caret, then `"file" line N: …`)
    /// into one line, at most 600 characters.
    static func oneLine(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "^" }
        let joined = lines.joined(separator: " | ")
        return joined.count > 600 ? String(joined.prefix(600)) + "…" : joined
    }

    /// Runs a process with stdin and stdout on /dev/null, reading stderr to its end before waiting
    /// (one pipe only, so it cannot deadlock on a full pipe buffer).
    static func execute(_ path: String, arguments: [String], directory: URL?) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = directory }
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        p.standardError = err
        do { try p.run() } catch {
            throw SeqbenchError.data("cannot start \(path) (\(error.localizedDescription)); \(installHint)")
        }
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
