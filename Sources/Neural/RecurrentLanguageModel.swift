import Foundation
import Corpora
import LanguageModels
import SeqbenchCore

/// A trained `Embedding → L × {RNN, LSTM, GRU} → Linear → softmax` language model.
///
/// Scoring is streaming: a context starts from zero states having read the vocabulary's
/// end-of-sentence unit ("\n" for char/byte, `</s>` for words) — char-rnn's convention that a text
/// begins as if after a line break — and carries its state through the whole text.
public final class RecurrentLanguageModel: LanguageModel {
    public let vocabulary: Vocabulary
    public let shape: NetworkShape
    public let layout: ParameterLayout
    /// The flat parameters (`ParameterLayout` order); stable storage for BLAS.
    let storage: FloatBuffer
    /// Training settings recorded for reports (seq_len, optimizer, …).
    public let trainingSettings: [String: JSONValue]
    /// The batch-1 step's copy of the weights, by part, with layer 0's per-id table when the
    /// vocabulary is small (`StepWeights`, `SingleStreamStepper`).
    let stepWeights: StepWeights

    /// Tokens scored per chunk by `logProbabilities(of:context:)`: one input-projection GEMM per chunk.
    public static let evaluationChunk = 256

    public var kind: String { shape.cell.rawValue }
    public var parameterCount: Int { layout.count }
    public var parameters: [Float] { storage.array }
    public var hyperparameters: [String: JSONValue] {
        var h = trainingSettings
        h["layers"] = .int(shape.layers)
        h["embedding"] = .int(shape.embedding)
        h["hidden"] = .int(shape.hidden)
        h["parameters"] = .int(layout.count)
        return h
    }

    public init(vocabulary: Vocabulary, shape: NetworkShape, parameters: [Float], trainingSettings: [String: JSONValue] = [:]) {
        precondition(shape.vocabulary == vocabulary.count, "network vocabulary \(shape.vocabulary) ≠ \(vocabulary.count)")
        self.vocabulary = vocabulary
        self.shape = shape
        layout = ParameterLayout(shape)
        precondition(parameters.count == layout.count, "expected \(layout.count) parameters, got \(parameters.count)")
        storage = FloatBuffer(layout.count)
        storage.copy(from: parameters)
        self.trainingSettings = trainingSettings
        stepWeights = StepWeights(shape: shape, parameters: storage.pointer)
    }

    public func makeContext() -> any ModelContext { RecurrentContext(model: self) }

    /// Scores `tokens` in chunks of `evaluationChunk`: per chunk one GEMM for the input projections of
    /// every layer, one recurrent product per token, one GEMM for the output layer. Same numbers as the
    /// token-by-token loop up to float32 rounding of the log-softmax.
    /// - Complexity: 2·W FLOPs per token.
    public func logProbabilities(of tokens: [Int32], context: any ModelContext) -> [Double] {
        guard let ctx = context as? RecurrentContext, ctx.model === self else {
            var out: [Double] = []
            for t in tokens { out.append(context.logProbability(of: t)); context.observe(t) }
            return out
        }
        var out = [Double](repeating: 0, count: tokens.count)
        let ws = ctx.chunkWorkspace
        tokens.withUnsafeBufferPointer { tp in
            out.withUnsafeMutableBufferPointer { op in
                var at = 0
                while at < tokens.count {
                    let k = min(Self.evaluationChunk, tokens.count - at)
                    ws.stateH.pointer.update(from: ctx.stateH.pointer, count: ws.stateH.count)
                    ws.stateC.pointer.update(from: ctx.stateC.pointer, count: ws.stateC.count)
                    ws.forward(parameters: storage.pointer, inputs: tp.baseAddress! + at, targets: tp.baseAddress! + at,
                               steps: k, shifted: true, rowLogProbabilities: op.baseAddress! + at)
                    ctx.stateH.pointer.update(from: ws.stateH.pointer, count: ws.stateH.count)
                    ctx.stateC.pointer.update(from: ws.stateC.pointer, count: ws.stateC.count)
                    at += k
                }
            }
        }
        ctx.valid = false
        ctx.logitsFresh = false
        return out
    }

    // MARK: Payload

    static let payloadVersion: UInt32 = 1

    /// Payload: version, cell, V, E, H, L, training settings (JSON), parameters (Float LE).
    public func encodePayload() throws -> Data {
        var w = ByteWriter()
        w.write(Self.payloadVersion)
        w.write(shape.cell.rawValue)
        w.write(shape.vocabulary); w.write(shape.embedding); w.write(shape.hidden); w.write(shape.layers)
        w.write(try JSONValue.encoder(pretty: false).encode(JSONValue.object(trainingSettings)))
        w.writeArray(storage.array)
        return w.data
    }

    public static func decode(payload: Data, vocabulary: Vocabulary, expectedCell: CellKind, source: String) throws -> RecurrentLanguageModel {
        var r = ByteReader(payload, source: source)
        let version = try r.readUInt32()
        guard version <= payloadVersion else {
            throw SeqbenchError.data("\(source): neural payload version \(version) is newer than this build reads (\(payloadVersion)); upgrade seqbench")
        }
        let cellName = try r.readString()
        guard let cell = CellKind(rawValue: cellName), cell == expectedCell else {
            throw SeqbenchError.data("\(source): the payload holds a '\(cellName)' network, not \(expectedCell.rawValue); the model file is corrupted")
        }
        let v = try r.readInt(), e = try r.readInt(), h = try r.readInt(), l = try r.readInt()
        guard v == vocabulary.count, e > 0, h > 0, l > 0, e < 1 << 20, h < 1 << 20, l < 1 << 10 else {
            throw SeqbenchError.data("\(source): network sizes (vocabulary \(v), embedding \(e), hidden \(h), layers \(l)) are invalid or do not match the vocabulary (\(vocabulary.count)); the model file is corrupted")
        }
        let settingsData = try r.readData()
        let settings = (try? JSONValue.decoder().decode(JSONValue.self, from: settingsData))?.objectValue ?? [:]
        let params = try r.readFloats()
        let shape = NetworkShape(cell: cell, vocabulary: v, embedding: e, hidden: h, layers: l)
        guard params.count == ParameterLayout(shape).count else {
            throw SeqbenchError.data("\(source): \(params.count) parameters stored, the network needs \(ParameterLayout(shape).count); the model file is corrupted")
        }
        return RecurrentLanguageModel(vocabulary: vocabulary, shape: shape, parameters: params, trainingSettings: settings)
    }
}

/// A batch-1 streaming state. `observe` runs one time step (no output layer) through
/// `SingleStreamStepper`; the log-probabilities of the next token are computed once, on demand,
/// into a buffer allocated with the context, so that sampling allocates nothing per step.
final class RecurrentContext: ModelContext {
    let model: RecurrentLanguageModel
    /// The current state (L × H each), shared with the chunked evaluation path.
    let stateH: FloatBuffer, stateC: FloatBuffer
    /// Moves the state one token.
    let stepper: SingleStreamStepper
    /// Chunked evaluation workspace, created on first use.
    lazy var chunkWorkspace = NetworkWorkspace(shape: model.shape, maxSteps: RecurrentLanguageModel.evaluationChunk, batch: 1)
    let logProbs: UnsafeMutablePointer<Double>
    let logits: FloatBuffer
    var valid = false
    /// Whether `logits` holds the output of the last `observe` (the chunked path moves the state
    /// without it).
    var logitsFresh = false

    init(model: RecurrentLanguageModel) {
        self.model = model
        stateH = FloatBuffer(model.shape.layers * model.shape.hidden)
        stateC = FloatBuffer(model.shape.layers * model.shape.hidden)
        stepper = SingleStreamStepper(shape: model.shape, parameters: model.storage.pointer,
                                      weights: model.stepWeights, parallel: BLASThreads.paired)
        logProbs = .allocate(capacity: model.shape.vocabulary)
        logProbs.initialize(repeating: 0, count: model.shape.vocabulary)
        logits = FloatBuffer(model.shape.vocabulary)
        if let start = model.vocabulary.endOfSentenceID { observe(start) }
    }

    deinit {
        logProbs.deallocate()
    }

    func observe(_ t: Int32) {
        stepper.step(token: Int(t), stateH: stateH.pointer, stateC: stateC.pointer, logits: logits.pointer)
        logitsFresh = true
        valid = false
    }

    /// logits = W_out h_top + b_out (already there after `observe`), then ln softmax in Double.
    private func ensure() {
        if valid { return }
        let s = model.shape
        if !logitsFresh {
            stepper.logits(stateH: stateH.pointer, into: logits.pointer)
            logitsFresh = true
        }
        let V = s.vocabulary, row = logits.pointer
        var mf = -Float.infinity
        for v in 0..<V { mf = max(mf, row[v]) }
        let m = Double(mf)
        var z = 0.0
        for v in 0..<V { z += exp(Double(row[v]) - m) }
        let lse = m + log(z)
        for v in 0..<V { logProbs[v] = Double(row[v]) - lse }
        valid = true
    }

    func logProbability(of t: Int32) -> Double {
        ensure()
        return logProbs[Int(t)]
    }

    func logProbabilities(into out: inout [Double]) {
        precondition(out.count == model.shape.vocabulary, "output buffer must have one slot per vocabulary id")
        ensure()
        out.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: logProbs, count: model.shape.vocabulary) }
    }
}
