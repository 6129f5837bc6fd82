import ArgumentParser
import LanguageModels
import ModelZoo
import SeqbenchCore

/// `seqbench models`: every model kind with its options.
struct ModelsCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the model kinds and the options each takes.",
        discussion: """
        Options are given to 'seqbench train KIND' as --kebab-case flags (bool options may be bare).

        EXAMPLE:
          seqbench models
        """
    )

    func execute() throws {
        printOut(ModelZoo.registry.kinds.map { ModelsCommand.describe($0) }.joined(separator: "\n"))
    }

    /// The kind's name, summary and one line per option.
    static func describe(_ kind: any ModelKind.Type) -> String {
        var s = "\(kind.name): \(kind.summary)\n"
        if kind.options.isEmpty {
            s += "  (no options)\n"
        } else {
            for o in kind.options { s += "  \(o.helpLine)\n" }
        }
        return s
    }
}
