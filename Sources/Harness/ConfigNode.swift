import Foundation
import SeqbenchCore
import Yams
import LanguageModels

/// A YAML node with the line it came from, so that every config error can name file, line and key.
struct ConfigNode {
    enum Value {
        case scalar(JSONValue)
        case sequence([ConfigNode])
        case mapping([(key: String, keyLine: Int, value: ConfigNode)])
    }
    var value: Value
    var line: Int
    /// A scalar's text as written (YAML reads plain `yes`, `no`, `2024` as a boolean or a number).
    var raw: String? = nil

    /// Parses YAML text; a syntax error names the file and line.
    static func parse(_ text: String, file: String) throws -> ConfigNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw SeqbenchError.data("\(file): not valid YAML (\(yamlErrorSummary(e))); fix the syntax")
        } catch {
            throw SeqbenchError.data("\(file): not valid YAML (\(error)); fix the syntax")
        }
        guard let node else {
            throw SeqbenchError.data("\(file): the experiment file is empty; see experiments/quickstart.yaml for an example")
        }
        return try convert(node, file: file)
    }

    private static func yamlErrorSummary(_ e: YamlError) -> String {
        switch e {
        case let .scanner(_, problem, mark, _): return "line \(mark.line): \(problem)"
        case let .parser(_, problem, mark, _): return "line \(mark.line): \(problem)"
        default: return String(describing: e).split(separator: "\n").first.map(String.init) ?? "syntax error"
        }
    }

    private static func convert(_ node: Node, file: String) throws -> ConfigNode {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let s):
            return ConfigNode(value: .scalar(scalarValue(s, node: node)), line: line, raw: s.string)
        case .sequence(let seq):
            return ConfigNode(value: .sequence(try seq.map { try convert($0, file: file) }), line: line)
        case .mapping(let map):
            var pairs: [(key: String, keyLine: Int, value: ConfigNode)] = []
            var seen = Set<String>()
            for (k, v) in map {
                guard let key = k.string else {
                    throw SeqbenchError.data("\(file):\(k.mark?.line ?? line): a key must be a plain string")
                }
                guard seen.insert(key).inserted else {
                    throw SeqbenchError.data("\(file):\(k.mark?.line ?? line): key '\(key)' appears twice; keep one")
                }
                pairs.append((key, k.mark?.line ?? line, try convert(v, file: file)))
            }
            return ConfigNode(value: .mapping(pairs), line: line)
        case .alias:
            throw SeqbenchError.data("\(file):\(line): YAML aliases are not supported in experiment files; write the value out")
        }
    }

    private static func scalarValue(_ s: Node.Scalar, node: Node) -> JSONValue {
        if s.style == .plain {
            if node.null != nil { return .null }
            if let b = node.bool { return .bool(b) }
            if let i = node.int { return .int(i) }
            if let d = node.float { return .double(d) }
        }
        return .string(s.string)
    }

    var mapping: [(key: String, keyLine: Int, value: ConfigNode)]? {
        if case .mapping(let m) = value { return m } else { return nil }
    }
    var sequence: [ConfigNode]? {
        if case .sequence(let s) = value { return s } else { return nil }
    }
    /// A scalar as text, for fields that take text (names, labels): a string as it is, and a plain
    /// scalar that YAML read as a boolean or a number as written (`label: no` means the text "no").
    var text: String? {
        guard case .scalar(let v) = value else { return nil }
        switch v {
        case .string(let t): return t
        case .bool, .int, .double: return raw
        default: return nil
        }
    }
    var scalar: JSONValue? {
        if case .scalar(let v) = value { return v } else { return nil }
    }

    /// The node as a JSON value (mappings as objects, sequences as arrays).
    var json: JSONValue {
        switch value {
        case .scalar(let v): return v
        case .sequence(let s): return .array(s.map(\.json))
        case .mapping(let m): return .object(Dictionary(uniqueKeysWithValues: m.map { ($0.key, $0.value.json) }))
        }
    }
}

/// Reads one mapping's keys, refusing unknown ones with a did-you-mean suggestion.
struct ConfigMapping {
    let file: String
    let path: String
    let node: ConfigNode
    let pairs: [(key: String, keyLine: Int, value: ConfigNode)]

    init(_ node: ConfigNode, file: String, path: String, allowed: [String]) throws {
        guard let m = node.mapping else {
            throw SeqbenchError.data("\(file):\(node.line): \(path) must be a mapping of keys to values")
        }
        for p in m where !allowed.contains(p.key) {
            let hint = nearest(p.key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            throw SeqbenchError.data("\(file):\(p.keyLine): unknown key '\(p.key)' in \(path)\(hint); known keys: \(allowed.joined(separator: ", "))")
        }
        self.file = file; self.path = path; self.node = node; self.pairs = m
    }

    subscript(_ key: String) -> ConfigNode? { pairs.first { $0.key == key }?.value }

    func line(of key: String) -> Int { pairs.first { $0.key == key }?.keyLine ?? node.line }

    func fail(_ key: String, _ message: String) -> SeqbenchError {
        SeqbenchError.data("\(file):\(line(of: key)): \(path).\(key) \(message)")
    }

    func required(_ key: String) throws -> ConfigNode {
        guard let v = self[key] else {
            throw SeqbenchError.data("\(file):\(node.line): \(path) needs the key '\(key)'")
        }
        return v
    }

    func string(_ key: String) throws -> String? {
        guard let v = self[key] else { return nil }
        guard let str = v.text else { throw fail(key, "must be a string, got \(v.json)") }
        return str
    }

    func int(_ key: String, range: ClosedRange<Int>) throws -> Int? {
        guard let v = self[key] else { return nil }
        guard let i = v.scalar?.intValue, v.scalar?.boolValue == nil else { throw fail(key, "must be a whole number, got \(v.json)") }
        guard range.contains(i) else { throw fail(key, "is \(i), out of range; give a value in \(range.lowerBound)...\(range.upperBound)") }
        return i
    }

    func double(_ key: String, range: ClosedRange<Double>) throws -> Double? {
        guard let v = self[key] else { return nil }
        guard let d = v.scalar?.doubleValue, v.scalar?.boolValue == nil else { throw fail(key, "must be a number, got \(v.json)") }
        guard range.contains(d) else { throw fail(key, "is \(formatDouble(d)), out of range; give a value in \(formatDouble(range.lowerBound))...\(formatDouble(range.upperBound))") }
        return d
    }

    func bool(_ key: String) throws -> Bool? {
        guard let v = self[key] else { return nil }
        guard let b = v.scalar?.boolValue else { throw fail(key, "must be true or false, got \(v.json)") }
        return b
    }

    /// A scalar or a list of scalars, as a list.
    func list(_ key: String) throws -> [ConfigNode]? {
        guard let v = self[key] else { return nil }
        if let s = v.sequence {
            guard !s.isEmpty else { throw fail(key, "is an empty list; give at least one value") }
            return s
        }
        return [v]
    }
}
