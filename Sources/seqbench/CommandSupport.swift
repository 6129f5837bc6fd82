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
        }
    }
}

/// Prints one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("seqbench: \(message)\n".utf8))
}

/// Prints to standard error without a prefix (progress, notes).
func printNote(_ message: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((message + terminator).utf8))
}

/// Writes to standard output, unbuffered with respect to other writes.
func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
