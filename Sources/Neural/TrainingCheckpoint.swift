import Foundation
import LanguageModels
import SeqbenchCore

/// Everything a training run needs to continue to exactly the numbers an uninterrupted run gives:
/// weights, optimizer moments and step, the data cursor, the hidden state carried between batches,
/// the dropout generator, the best weights so far and the learning curve. The learning-rate schedule
/// position is the step.
///
/// File: "SQBCKPT3", the fields below little-endian (`ByteWriter`), then the SHA-256 of those bytes.
/// Written atomically (`AtomicFile`), so a crash never leaves half a checkpoint. Version 2
/// ("SQBCKPT2") is the same without `settings`, version 1 ("SQBCKPT1") also without
/// `trainingTokensSHA256`; both are still read.
struct TrainingCheckpoint {
    static let magic = Array("SQBCKPT3".utf8)
    static let magicVersion2 = Array("SQBCKPT2".utf8)
    static let magicVersion1 = Array("SQBCKPT1".utf8)

    /// Identifies the settings that must not change across a resume (network, data layout, seed).
    var fingerprint: String
    /// `tokensSHA256(_:)` of the training ids, so a resume on another text of the same length is
    /// refused; nil in a version-1 checkpoint, which identified its data only by the token count.
    var trainingTokensSHA256: String?
    /// The run's `TrainingConfiguration.resumableSettingsLine` (learning rate and schedule, steps,
    /// clipping, dropout, validation), so that a resume with other values can say what changed; nil
    /// before version 3.
    var settings: String?
    var step: Int
    var position: Int
    var epochsWrapped: Int
    var parameters: [Float]
    var optimizerStep: Int
    var m: [Float]
    var v: [Float]
    var stateH: [Float]
    var stateC: [Float]
    var dropoutRNG: Xoshiro256
    var bestParameters: [Float]
    var bestBitsPerChar: Double
    var bestStep: Int
    var evaluationsWithoutImprovement: Int
    var lossSinceEvaluation: Double
    var stepsSinceEvaluation: Int
    var trainingSeconds: Double
    var wallSeconds: Double
    var curve: [LearningCurvePoint]

    func encode() -> Data {
        var w = ByteWriter()
        w.write(fingerprint)
        w.write(trainingTokensSHA256 ?? "")
        w.write(settings ?? "")
        w.write(step); w.write(position); w.write(epochsWrapped)
        w.writeArray(parameters)
        w.write(optimizerStep); w.writeArray(m); w.writeArray(v)
        w.writeArray(stateH); w.writeArray(stateC)
        let s = dropoutRNG.state
        w.writeArray([s.0, s.1, s.2, s.3])
        w.writeArray(bestParameters); w.write(bestBitsPerChar); w.write(bestStep)
        w.write(evaluationsWithoutImprovement)
        w.write(lossSinceEvaluation); w.write(stepsSinceEvaluation)
        w.write(trainingSeconds); w.write(wallSeconds)
        w.write(curve.count)
        for p in curve {
            w.write(p.step); w.write(p.wallSeconds); w.write(p.trainLoss)
            w.write(p.validBitsPerChar != nil); w.write(p.validBitsPerChar ?? 0)
        }
        var h = SHA256()
        h.update(w.data)
        var out = Data(Self.magic)
        out.append(w.data)
        out.append(contentsOf: h.finalize())
        return out
    }

    static func decode(_ data: Data, source: String) throws -> TrainingCheckpoint {
        let corrupt = SeqbenchError.data("\(source): not a seqbench training checkpoint, or corrupted; delete it or train without --resume")
        guard data.count >= magic.count + 32 else { throw corrupt }
        let fileMagic = Array(data.prefix(magic.count))
        guard fileMagic == magic || fileMagic == magicVersion2 || fileMagic == magicVersion1 else { throw corrupt }
        let body = data.subdata(in: (data.startIndex + magic.count)..<(data.endIndex - 32))
        var h = SHA256()
        h.update(body)
        guard h.finalize() == Array(data.suffix(32)) else { throw corrupt }
        var r = ByteReader(body, source: source)
        let fingerprint = try r.readString()
        let tokensSHA: String? = fileMagic != magicVersion1 ? try r.readString() : nil  // "" is written for nil
        let settings: String? = fileMagic == magic ? try r.readString() : nil
        let step = try r.readInt(), position = try r.readInt(), wraps = try r.readInt()
        let params = try r.readFloats()
        let ostep = try r.readInt()
        let m = try r.readFloats(), v = try r.readFloats()
        let sh = try r.readFloats(), sc = try r.readFloats()
        let s = try r.readArray(UInt64.self)
        guard s.count == 4 else { throw corrupt }
        let best = try r.readFloats()
        let bestBPC = try r.readDouble(), bestStep = try r.readInt()
        let noImprove = try r.readInt()
        let lossSince = try r.readDouble(), stepsSince = try r.readInt()
        let trainSecs = try r.readDouble(), wall = try r.readDouble()
        let n = try r.readInt()
        guard n >= 0 && n < 100_000_000 else { throw corrupt }
        var curve: [LearningCurvePoint] = []
        for _ in 0..<n {
            let st = try r.readInt(), ws = try r.readDouble(), tl = try r.readDouble()
            let has = try r.readBool(), bpc = try r.readDouble()
            curve.append(LearningCurvePoint(step: st, wallSeconds: ws, trainLoss: tl, validBitsPerChar: has ? bpc : nil))
        }
        return TrainingCheckpoint(fingerprint: fingerprint, trainingTokensSHA256: tokensSHA?.isEmpty == false ? tokensSHA : nil,
                                  settings: settings?.isEmpty == false ? settings : nil, step: step, position: position, epochsWrapped: wraps,
                                  parameters: params, optimizerStep: ostep, m: m, v: v, stateH: sh, stateC: sc,
                                  dropoutRNG: Xoshiro256(state: (s[0], s[1], s[2], s[3])), bestParameters: best,
                                  bestBitsPerChar: bestBPC, bestStep: bestStep, evaluationsWithoutImprovement: noImprove,
                                  lossSinceEvaluation: lossSince, stepsSinceEvaluation: stepsSince,
                                  trainingSeconds: trainSecs, wallSeconds: wall, curve: curve)
    }

    /// SHA-256 (hex) of token ids as `ByteWriter.writeArray` writes them (count, then each id as
    /// Int32 little-endian): the same on every machine.
    /// - Complexity: O(n).
    static func tokensSHA256(_ ids: [Int32]) -> String {
        var w = ByteWriter()
        w.writeArray(ids)
        return SHA256.hex(w.data)
    }
}
