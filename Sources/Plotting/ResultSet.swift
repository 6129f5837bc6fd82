import Foundation
import SeqbenchCore

/// One row of `summary.csv` (long format: one metric of one model on one corpus, at one temperature
/// or none), aggregated over seeds.
public struct SummaryRow: Sendable, Equatable {
    public var corpus: String
    /// ngram, rnn, lstm, gru, unigram, human (held-out human text: the reference row), or another name.
    public var family: String
    /// A label unique within a corpus; any text.
    public var model: String
    public var configID: String
    /// The n-gram order, when the model has one.
    public var order: Int?
    /// nil for held-out, cost and human rows; 0 for greedy decoding.
    public var temperature: Double?
    public var metric: String
    /// Number of seeds.
    public var n: Int?
    public var mean: Double
    public var std: Double
    public var ciLow: Double
    public var ciHigh: Double

    public init(corpus: String, family: String, model: String, configID: String = "", order: Int? = nil,
                temperature: Double? = nil, metric: String, n: Int? = 1, mean: Double, std: Double = .nan,
                ciLow: Double? = nil, ciHigh: Double? = nil) {
        self.corpus = corpus; self.family = family; self.model = model; self.configID = configID
        self.order = order; self.temperature = temperature; self.metric = metric; self.n = n
        self.mean = mean; self.std = std; self.ciLow = ciLow ?? mean; self.ciHigh = ciHigh ?? mean
    }
}

/// One row of `curves.csv`: a validation point of one seed of one neural model.
public struct CurvePoint: Sendable, Equatable {
    public var corpus: String
    public var family: String
    public var model: String
    public var configID: String
    public var seed: String
    public var step: Double
    public var wallSeconds: Double
    public var trainLossNats: Double
    public var validBitsPerChar: Double
}

/// The tables of a results folder written by `seqbench run` (see the README of the harness):
/// `manifest.json`, `summary.csv`, `curves.csv`. Each is optional here; a plot that needs a missing
/// table is skipped with a note.
public struct ResultSet: Sendable {
    public var directory: URL
    /// The manifest's top-level object (empty when the file is missing).
    public var manifest: [String: JSONValue]
    public var summary: [SummaryRow]
    public var curves: [CurvePoint]
    /// Which of the three files were present.
    public var hasManifest: Bool, hasSummary: Bool, hasCurves: Bool

    public init(directory: URL, manifest: [String: JSONValue] = [:], summary: [SummaryRow] = [],
                curves: [CurvePoint] = [], hasManifest: Bool = true, hasSummary: Bool = true, hasCurves: Bool = true) {
        self.directory = directory; self.manifest = manifest; self.summary = summary; self.curves = curves
        self.hasManifest = hasManifest; self.hasSummary = hasSummary; self.hasCurves = hasCurves
    }

    /// The experiment's name from the manifest, else the folder's name.
    public var experiment: String {
        manifest["experiment"]?.stringValue ?? directory.standardizedFileURL.lastPathComponent
    }

    /// Entropy rates (bits per char) of synthetic corpora, by corpus name, from the manifest.
    public var entropyRates: [String: Double] {
        var out: [String: Double] = [:]
        for c in manifest["corpora"]?.arrayValue ?? [] {
            if let name = c["name"]?.stringValue, let h = c["entropy_rate_bits_per_char"]?.doubleValue { out[name] = h }
        }
        return out
    }

    /// Reads a results folder.
    /// - Throws: `SeqbenchError.data` when the folder does not exist, holds none of the tables, or a
    ///   table is malformed (the message names the file, the line and the field).
    public static func load(_ directory: URL) throws -> ResultSet {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw SeqbenchError.data("\(directory.path): no such results folder; give the folder `seqbench run --out` wrote")
        }
        let manifestURL = directory.appendingPathComponent("manifest.json")
        let summaryURL = directory.appendingPathComponent("summary.csv")
        let curvesURL = directory.appendingPathComponent("curves.csv")
        let hasManifest = fm.fileExists(atPath: manifestURL.path)
        let hasSummary = fm.fileExists(atPath: summaryURL.path)
        let hasCurves = fm.fileExists(atPath: curvesURL.path)
        guard hasSummary || hasCurves else {
            throw SeqbenchError.data("\(directory.path): not a results folder (no summary.csv or curves.csv); run `seqbench run CONFIG --out \(directory.path)` first")
        }
        var manifest: [String: JSONValue] = [:]
        if hasManifest {
            do {
                let data = try Data(contentsOf: manifestURL)
                guard let object = try JSONValue.decoder().decode(JSONValue.self, from: data).objectValue else {
                    throw SeqbenchError.data("\(manifestURL.path): the top level is not a JSON object; regenerate it with `seqbench run`")
                }
                manifest = object
            } catch let e as SeqbenchError { throw e } catch {
                throw SeqbenchError.data("\(manifestURL.path): not valid JSON (\(error.localizedDescription)); regenerate it with `seqbench run`")
            }
        }
        let summary = hasSummary ? try readSummary(CSVTable.read(summaryURL)) : []
        let curves = hasCurves ? try readCurves(CSVTable.read(curvesURL)) : []
        return ResultSet(directory: directory, manifest: manifest, summary: summary, curves: curves,
                         hasManifest: hasManifest, hasSummary: hasSummary, hasCurves: hasCurves)
    }

    /// Typed rows of `summary.csv`. Columns are found by name; `corpus`, `family`, `model`, `metric`
    /// and `mean` are required, the others may be absent (then empty).
    public static func readSummary(_ t: CSVTable) throws -> [SummaryRow] {
        let corpus = try t.requireColumn("corpus"), family = try t.requireColumn("family")
        let model = try t.requireColumn("model"), metric = try t.requireColumn("metric")
        let mean = try t.requireColumn("mean")
        let config = t.column("config_id"), order = t.column("order"), temperature = t.column("temperature")
        let n = t.column("n"), std = t.column("std"), lo = t.column("ci_low"), hi = t.column("ci_high")
        var out: [SummaryRow] = []
        out.reserveCapacity(t.rows.count)
        for (k, r) in t.rows.enumerated() {
            let line = t.lineNumbers[k]
            func num(_ c: Int?) throws -> Double? {
                guard let c else { return nil }
                return try ResultNumber.parse(r[c], source: t.source, line: line, field: t.header[c])
            }
            let m = try num(mean) ?? .nan
            let ord = try num(order)
            out.append(SummaryRow(
                corpus: r[corpus], family: r[family], model: r[model], configID: config.map { r[$0] } ?? "",
                order: ord.flatMap { $0.isFinite ? Int($0) : nil }, temperature: try num(temperature),
                metric: r[metric], n: try num(n).flatMap { $0.isFinite ? Int($0) : nil }, mean: m,
                std: try num(std) ?? .nan, ciLow: try num(lo) ?? m, ciHigh: try num(hi) ?? m))
        }
        return out
    }

    /// Typed rows of `curves.csv`; `corpus`, `model`, `step` and `valid_bits_per_char` are required.
    public static func readCurves(_ t: CSVTable) throws -> [CurvePoint] {
        let corpus = try t.requireColumn("corpus"), model = try t.requireColumn("model")
        let step = try t.requireColumn("step"), valid = try t.requireColumn("valid_bits_per_char")
        let family = t.column("family"), config = t.column("config_id"), seed = t.column("seed")
        let wall = t.column("wall_seconds"), loss = t.column("train_loss_nats")
        var out: [CurvePoint] = []
        for (k, r) in t.rows.enumerated() {
            func num(_ c: Int?) throws -> Double {
                guard let c else { return .nan }
                return try ResultNumber.parse(r[c], source: t.source, line: t.lineNumbers[k], field: t.header[c]) ?? .nan
            }
            out.append(CurvePoint(corpus: r[corpus], family: family.map { r[$0] } ?? "", model: r[model],
                                  configID: config.map { r[$0] } ?? "", seed: seed.map { r[$0] } ?? "",
                                  step: try num(step), wallSeconds: try num(wall),
                                  trainLossNats: try num(loss), validBitsPerChar: try num(valid)))
        }
        return out
    }
}

/// Numbers in result tables: decimal, or "NaN", "Infinity", "-Infinity"; empty means absent.
public enum ResultNumber {
    /// - Returns: nil for an empty field.
    /// - Throws: `SeqbenchError.data` naming the file, line, column and value.
    public static func parse(_ text: String, source: String, line: Int, field: String) throws -> Double? {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.isEmpty { return nil }
        switch s.lowercased() {
        case "nan": return .nan
        case "infinity", "inf", "+infinity", "+inf": return .infinity
        case "-infinity", "-inf": return -.infinity
        default: break
        }
        guard let d = Double(s) else {
            throw SeqbenchError.data("\(source):\(line): field '\(field)' is '\(text)', not a number; numbers are decimal, NaN or Infinity")
        }
        return d
    }
}
