/// Errors that reach a user: each one names the file, the line or field, and the value, and says what
/// to do. The CLI prints `description` on one line and exits with `exitCode`.
public struct SeqbenchError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Bad command-line usage (exit code 2).
        case usage
        /// Bad or missing data: files, corpora, configs, model files (exit code 1).
        case data
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind = .data, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func usage(_ message: String) -> SeqbenchError { SeqbenchError(.usage, message) }
    public static func data(_ message: String) -> SeqbenchError { SeqbenchError(.data, message) }

    public var description: String { message }
    public var exitCode: Int32 { kind == .usage ? 2 : 1 }
}
