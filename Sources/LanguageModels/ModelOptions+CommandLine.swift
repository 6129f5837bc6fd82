import Foundation
import SeqbenchCore

extension ModelOptionSpec {
    /// The option as the CLI spells it: `--` + the name with "_" replaced by "-" (`--hidden-size`).
    public var flag: String { "--" + name.replacingOccurrences(of: "_", with: "-") }

    /// One help line: `--order <int>  (default 3)  n-gram order …  [choices: a, b]`.
    public var helpLine: String {
        let value = type == .bool ? "[<bool>]" : "<\(type.rawValue)>"
        let choiceText = choices.isEmpty ? "" : " (one of \(choices.joined(separator: ", ")))"
        return "\(flag) \(value)  \(help)\(choiceText) [default: \(defaultValue)]"
    }
}

extension ModelOptions {
    /// Parses a model kind's own flags from the command line (`--order 5 --smoothing
    /// modified-kneser-ney --observed`), checked against `specs`.
    ///
    /// Accepted forms: `--name value`, `--name=value`; a bool option may be given bare (`--flag`
    /// means true) or with a value (`--flag false`). Names are `--kebab-case`; the stored keys are the
    /// specs' `snake_case` names. Values are typed by the spec (int, double, string, bool).
    /// - Parameters:
    ///   - arguments: the flags the CLI did not recognise itself, in order.
    ///   - kind: the model kind, for messages.
    /// - Throws: `SeqbenchError.usage` for an unknown flag (with a did-you-mean), a missing value, a
    ///   value of the wrong type, a value not among the choices, or a flag given twice.
    public static func parseCommandLine(_ arguments: [String], specs: [ModelOptionSpec], kind: String) throws -> ModelOptions {
        let source = "train \(kind)"
        let flags = specs.map(\.flag)
        let listHint = "see 'seqbench models' or 'seqbench train \(kind) --list-options'"
        var values: [String: JSONValue] = [:]
        var i = 0
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            guard arg.hasPrefix("--"), arg.count > 2 else {
                throw SeqbenchError.usage("\(source): unexpected argument '\(arg)'; model options are --name value pairs (\(listHint))")
            }
            var name = arg
            var inlineValue: String? = nil
            if let eq = arg.firstIndex(of: "=") {
                name = String(arg[..<eq])
                inlineValue = String(arg[arg.index(after: eq)...])
            }
            guard let spec = specs.first(where: { $0.flag == name }) else {
                let known = flags.isEmpty ? "model kind \(kind) takes no options" : "its options are \(flags.joined(separator: ", "))"
                throw SeqbenchError.usage("\(source): unknown option '\(name)'\(EditDistance.suggestion(for: name, in: flags)); \(known)")
            }
            guard values[spec.name] == nil else {
                throw SeqbenchError.usage("\(source): option \(name) is given twice; give it once")
            }
            let text: String
            if let v = inlineValue {
                text = v
            } else if spec.type == .bool {
                if i < arguments.count, ["true", "false"].contains(arguments[i]) { text = arguments[i]; i += 1 } else { text = "true" }
            } else {
                guard i < arguments.count else {
                    throw SeqbenchError.usage("\(source): option \(name) needs \(spec.type == .int ? "an" : "a") \(spec.type.rawValue) value; write for example \(name) \(spec.defaultValue)")
                }
                text = arguments[i]
                i += 1
            }
            switch spec.type {
            case .int:
                guard let x = Int(text) else { throw SeqbenchError.usage("\(source): option \(name) is '\(text)'; give a whole number") }
                values[spec.name] = .int(x)
            case .double:
                guard let x = Double(text), x.isFinite else { throw SeqbenchError.usage("\(source): option \(name) is '\(text)'; give a finite number") }
                values[spec.name] = .double(x)
            case .bool:
                guard let b = ["true": true, "false": false][text] else { throw SeqbenchError.usage("\(source): option \(name) is '\(text)'; give true or false") }
                values[spec.name] = .bool(b)
            case .string:
                if !spec.choices.isEmpty && !spec.choices.contains(text) {
                    throw SeqbenchError.usage("\(source): option \(name) is '\(text)'\(EditDistance.suggestion(for: text, in: spec.choices)); use one of \(spec.choices.joined(separator: ", "))")
                }
                values[spec.name] = .string(text)
            }
        }
        let options = ModelOptions(values, source: source)
        try options.validate(against: specs, kind: kind)
        return options
    }
}
