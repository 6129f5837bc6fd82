import ArgumentParser
import Foundation
import SeqbenchCore

/// A subcommand whose data errors print as one line ("seqbench: …") with exit code 1 (2 for usage),
/// never as a stack trace. Subcommands implement `execute()` instead of `run()`.
protocol SeqbenchCommand: ParsableCommand {
    func execute() throws
}

extension SeqbenchCommand {
    func run() throws {
        do {
            try execute()
        } catch let e as SeqbenchError {
            printError(e.message)
            throw ExitCode(e.exitCode)
        } catch let e as ValidationError {
            printError(e.message)
            throw ExitCode(2)
        } catch let e as ExitCode {
            throw e
        } catch let e as CleanExit {
            throw e
        } catch {
            // Anything else (an I/O error from the system) still ends in one line and exit code 1.
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}

/// Prints one line to standard error.
func printError(_ message: String) {
    _ = writeAll(2, "seqbench: \(message)\n")
}

/// Prints to standard error without a prefix (progress, notes).
func printNote(_ message: String, terminator: String = "\n") {
    _ = writeAll(2, message + terminator)
}

/// Writes to standard output, unbuffered with respect to other writes. If standard output cannot
/// take it (a full disk, a closed descriptor), says so in one line and exits with code 1: what
/// was printed is incomplete, and the caller must not think otherwise. (`FileHandle.write(_:)`
/// would stop the process with a fatal error instead.)
func printOut(_ text: String) {
    if let failure = writeAll(1, text) {
        printError("cannot write to standard output: \(failure); check the disk or the pipe it goes to")
        exit(1)
    }
}

/// Writes all of `text` to file descriptor `fd`; nil, or why not.
private func writeAll(_ fd: Int32, _ text: String) -> String? {
    Array(text.utf8).withUnsafeBytes { FileIO.writeAll(fd, $0) }
}

/// Whether standard error is a terminal (progress bars are drawn only then).
var standardErrorIsTerminal: Bool { isatty(2) == 1 }

/// A table with left-aligned text columns and right-aligned number columns.
func formatTable(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
    guard let width = rows.map(\.count).max() else { return "" }
    var widths = [Int](repeating: 0, count: width)
    for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
    var out = ""
    for r in rows {
        var line = ""
        for (i, c) in r.enumerated() {
            let pad = String(repeating: " ", count: widths[i] - c.count)
            let cell = rightAligned.contains(i) ? pad + c : c + (i == r.count - 1 ? "" : pad)
            line += (i == 0 ? "" : "  ") + cell
        }
        out += line + "\n"
    }
    return out
}

/// Encodes a value as seqbench JSON (sorted keys, non-finite numbers as strings).
func jsonString<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
    let data = try JSONValue.encoder(pretty: pretty).encode(value)
    return String(decoding: data, as: UTF8.self)
}
