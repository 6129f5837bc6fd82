import Foundation
import Corpora
import SeqbenchCore

/// The model file format, versioned and checksummed:
///
///     "SQBMODEL"            8 bytes magic
///     format version        UInt32 LE (this build writes and reads up to `currentVersion`)
///     kind                  String (UInt64 LE length + UTF-8)
///     vocabulary            see `Vocabulary.write(to:)`
///     payload               Data (UInt64 LE length + bytes), the model's own encoding
///     SHA-256               32 bytes over everything above
///
/// Files are written to a temporary file and renamed into place.
public enum ModelFile {
    public static let magic = Array("SQBMODEL".utf8)
    public static let currentVersion: UInt32 = 1

    public struct Contents {
        public var kind: String
        public var vocabulary: Vocabulary
        public var payload: Data
    }

    public static func encode(_ model: any LanguageModel) throws -> Data {
        var w = ByteWriter()
        for b in magic { w.write(b) }
        w.write(currentVersion)
        w.write(model.kind)
        model.vocabulary.write(to: &w)
        w.write(try model.encodePayload())
        var data = w.data
        var h = SHA256()
        h.update(data)
        data.append(contentsOf: h.finalize())
        return data
    }

    public static func write(_ model: any LanguageModel, to url: URL) throws {
        try AtomicFile.write(try encode(model), to: url)
    }

    /// Reads and checks a model file.
    /// - Throws: `SeqbenchError.data` for a missing, truncated, corrupted or newer-format file.
    public static func read(_ path: String) throws -> Contents {
        let data = try FileIO.read(path, missing: "no such model file; train one with 'seqbench train'",
                                   folder: "is a folder, not a model file; name a file written by 'seqbench train'")
        return try decode(data, source: path)
    }

    public static func decode(_ data: Data, source: String) throws -> Contents {
        guard data.count >= magic.count + 4 + 32, Array(data.prefix(magic.count)) == magic else {
            throw SeqbenchError.data("\(source): not a seqbench model file (bad magic or too short); give a file written by 'seqbench train'")
        }
        var r = ByteReader(data, source: source)
        for _ in magic { _ = try r.readUInt8() }
        let version = try r.readUInt32()
        guard version <= currentVersion, version >= 1 else {
            throw SeqbenchError.data("\(source): model format version \(version) is newer than this seqbench reads (up to \(currentVersion)); upgrade seqbench or retrain the model")
        }
        let body = data.prefix(data.count - 32)
        var h = SHA256()
        h.update(Data(body))
        guard h.finalize() == Array(data.suffix(32)) else {
            throw SeqbenchError.data("\(source): checksum mismatch; the model file is truncated or corrupted, train or copy it again")
        }
        var rb = ByteReader(Data(body), source: source)
        for _ in 0..<(magic.count + 4) { _ = try rb.readUInt8() }
        let kind = try rb.readString()
        let vocab = try Vocabulary.read(from: &rb)
        let payload = try rb.readData()
        return Contents(kind: kind, vocabulary: vocab, payload: payload)
    }
}

/// Every model kind by name. The CLI and harness receive one (`ModelZoo.registry`) and reach models
/// only through it and `LanguageModel`.
public struct ModelRegistry: @unchecked Sendable {  // holds only metatypes, never mutated
    public let kinds: [any ModelKind.Type]
    /// A short label for a model configuration in tables and plots (`ngram o=5 mkn`, `lstm 2x256`).
    public let labeler: @Sendable (_ kind: String, _ options: ModelOptions) -> String

    public init(_ kinds: [any ModelKind.Type], labeler: (@Sendable (String, ModelOptions) -> String)? = nil) {
        self.kinds = kinds
        self.labeler = labeler ?? { kind, _ in kind }
    }

    /// The value of an option as given, else its kind's default.
    public func value(of option: String, kind: String, in options: ModelOptions) -> JSONValue? {
        options.values[option] ?? (try? self.kind(named: kind))?.options.first { $0.name == option }?.defaultValue
    }

    public var names: [String] { kinds.map { $0.name } }

    /// Threads for every kind's evaluation and sampling from now on (`ModelKind.useThreads`).
    public func useThreads(_ threads: Int) {
        precondition(threads >= 1, "threads must be >= 1, got \(threads)")
        for k in kinds { k.useThreads(threads) }
    }

    public func kind(named name: String, field: String = "model kind") throws -> any ModelKind.Type {
        if let k = kinds.first(where: { $0.name == name }) { return k }
        let hint = nearest(name, in: names).map { " (did you mean '\($0)'?)" } ?? ""
        throw SeqbenchError.usage("\(field): unknown model kind '\(name)'\(hint); use one of \(names.joined(separator: ", "))")
    }

    /// Checks `options` for the kind `name` as its `train` would (`ModelKind.validate(options:)`).
    public func validate(kind name: String, options: ModelOptions) throws {
        try kind(named: name).validate(options: options)
    }

    public func train(kind name: String, data: TrainingData, options: ModelOptions, environment: TrainingEnvironment) throws -> (any LanguageModel, TrainingReport) {
        let k = try kind(named: name)
        try k.validate(options: options)
        return try k.train(data: data, options: options, environment: environment)
    }

    public func load(_ path: String) throws -> any LanguageModel {
        let c = try ModelFile.read(path)
        let k = try kind(named: c.kind, field: "\(path): model kind")
        return try k.decode(payload: c.payload, vocabulary: c.vocabulary, source: path)
    }

    public func decode(_ data: Data, source: String) throws -> any LanguageModel {
        let c = try ModelFile.decode(data, source: source)
        let k = try kind(named: c.kind, field: "\(source): model kind")
        return try k.decode(payload: c.payload, vocabulary: c.vocabulary, source: source)
    }
}
