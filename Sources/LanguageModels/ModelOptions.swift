import SeqbenchCore

/// One option a model kind accepts: its name (as in configs, `snake_case`; the CLI spells it
/// `--kebab-case`), a one-line help text, and its default.
public struct ModelOptionSpec: Sendable {
    public enum ValueType: String, Sendable { case int, double, string, bool }
    public var name: String
    public var type: ValueType
    public var defaultValue: JSONValue
    public var help: String
    /// Allowed values for a string option (shown in help and checked).
    public var choices: [String]

    public init(_ name: String, _ type: ValueType, default defaultValue: JSONValue, help: String, choices: [String] = []) {
        self.name = name; self.type = type; self.defaultValue = defaultValue; self.help = help; self.choices = choices
    }
}

/// Option values for training one model, from CLI flags or an experiment config, checked against the
/// kind's `[ModelOptionSpec]`. Getters throw errors that name the option (`field`) and the value.
public struct ModelOptions: Sendable, Equatable, Hashable {
    public var values: [String: JSONValue]
    /// Where the options came from, for error messages (`--order`, `experiments/x.yaml: models[2]` …).
    public var source: String

    /// Where single options came from, where that is more precise than `source` (the line of each
    /// key of an experiment config's model entry); errors about an option name its own.
    public var optionSources: [String: String]

    public init(_ values: [String: JSONValue] = [:], source: String = "options", optionSources: [String: String] = [:]) {
        self.values = values
        self.source = source
        self.optionSources = optionSources
    }

    /// Where option `name` came from: its own source, else the options'.
    public func source(of name: String) -> String { optionSources[name] ?? source }

    /// Refuses names not in `specs`, suggesting the nearest known name for a misspelling.
    public func validate(against specs: [ModelOptionSpec], kind: String) throws {
        let known = Set(specs.map(\.name))
        for key in values.keys.sorted() where !known.contains(key) {
            let hint = nearest(key, in: specs.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
            throw SeqbenchError.usage("\(source(of: key)): unknown option '\(key)' for model kind \(kind)\(hint); known options: \(specs.map(\.name).sorted().joined(separator: ", "))")
        }
        for spec in specs {
            guard let v = values[spec.name] else { continue }
            switch spec.type {
            case .int: _ = try int(spec.name, default: 0)
            case .double: _ = try double(spec.name, default: 0)
            case .bool: _ = try bool(spec.name, default: false)
            case .string:
                let s = try string(spec.name, default: "")
                if !spec.choices.isEmpty && !spec.choices.contains(s) {
                    throw SeqbenchError.usage("\(source(of: spec.name)): option '\(spec.name)' is '\(s)'; use one of \(spec.choices.joined(separator: ", "))")
                }
            }
            _ = v
        }
    }

    public func int(_ name: String, default d: Int, range: ClosedRange<Int>? = nil) throws -> Int {
        guard let v = values[name] else { return d }
        guard let i = v.intValue ?? v.stringValue.flatMap({ Int($0) }) else {
            throw SeqbenchError.usage("\(source(of: name)): option '\(name)' is '\(v)'; give a whole number")
        }
        if let r = range, !r.contains(i) {
            throw SeqbenchError.usage("\(source(of: name)): option '\(name)' is \(i), out of range; give a value in \(r.lowerBound)...\(r.upperBound)")
        }
        return i
    }

    public func double(_ name: String, default d: Double, range: ClosedRange<Double>? = nil) throws -> Double {
        guard let v = values[name] else { return d }
        guard let x = v.doubleValue ?? v.stringValue.flatMap({ Double($0) }), x.isFinite else {
            throw SeqbenchError.usage("\(source(of: name)): option '\(name)' is '\(v)'; give a finite number")
        }
        if let r = range, !r.contains(x) {
            throw SeqbenchError.usage("\(source(of: name)): option '\(name)' is \(formatDouble(x)), out of range; give a value in \(formatDouble(r.lowerBound))...\(formatDouble(r.upperBound))")
        }
        return x
    }

    public func string(_ name: String, default d: String, choices: [String] = []) throws -> String {
        guard let v = values[name] else { return d }
        let s: String
        switch v {
        case .string(let x): s = x
        case .int, .double, .bool: s = v.description
        default: throw SeqbenchError.usage("\(source(of: name)): option '\(name)' is '\(v)'; give a string")
        }
        if !choices.isEmpty && !choices.contains(s) {
            throw SeqbenchError.usage("\(source(of: name)): option '\(name)' is '\(s)'; use one of \(choices.joined(separator: ", "))")
        }
        return s
    }

    public func bool(_ name: String, default d: Bool) throws -> Bool {
        guard let v = values[name] else { return d }
        if let b = v.boolValue { return b }
        if let s = v.stringValue, let b = ["true": true, "false": false, "yes": true, "no": false][s] { return b }
        throw SeqbenchError.usage("\(source(of: name)): option '\(name)' is '\(v)'; give true or false")
    }
}

/// The known name closest to `word` by edit distance, if it is close enough to be a misspelling.
/// (The implementation lives in SeqbenchCore as `EditDistance.nearest(_:in:)`, so that modules below
/// LanguageModels, such as Corpora, can use it too.)
public func nearest(_ word: String, in candidates: [String]) -> String? {
    EditDistance.nearest(word, in: candidates)
}
