import Foundation
import Corpora
import LanguageModels
import SeqbenchCore

/// Trains a recurrent language model, char-rnn style (Karpathy 2015; the procedure of
/// `bench/pytorch_charlm.py`, step for step):
///
/// - the training ids are cut into B contiguous streams of ⌊n/B⌋ ids; a cursor walks them T at a
///   time (inputs x[t][b] = stream_b[pos + t], targets the next ids); when fewer than T + 1 remain
///   it wraps to 0 and the state is reset;
/// - the final state of a batch starts the next one, detached (truncated BPTT);
/// - loss = mean cross-entropy over the T·B positions; gradients clipped to a global norm; Adam or SGD
///   at the scheduled learning rate;
/// - validation over the whole valid split (cut the same way into streams, state carried across
///   chunks) every `eval_every` steps and at the end: valid bits/char = (mean nats per predicted
///   token) · (valid tokens / valid characters) / ln 2, i.e. the total NLL of the split over its
///   characters; the best weights by valid bits/char are kept and returned;
/// - early stopping after `patience` validations without improvement; a wall-clock budget
///   (`maxSeconds`, checked between steps); checkpoints at every validation and at the end.
public enum RecurrentTrainer {
    /// - Complexity: 6·W FLOPs per training token (W = `NetworkShape.matmulWeights`), plus 2·W per
    ///   validation token.
    public static func train(cell: CellKind, data: TrainingData, options: ModelOptions,
                             environment env: TrainingEnvironment) throws -> (RecurrentLanguageModel, TrainingReport) {
        let cfg = try TrainingConfiguration(options: options, kind: cell.rawValue)
        let kind = cell.rawValue
        BLASThreads.set(max(1, env.threads))
        let shape = NetworkShape(cell: cell, vocabulary: data.vocabulary.count, embedding: cfg.embedding,
                                 hidden: cfg.hidden, layers: cfg.layers)
        let layout = ParameterLayout(shape)
        let T = cfg.seqLen, B = cfg.batch
        let train = data.train
        let streamLength = train.count / B
        guard streamLength >= T + 1 else {
            throw SeqbenchError.usage("\(options.source): the training split has \(train.count) tokens, too few for batch \(B) × (seq_len \(T) + 1); lower --batch or --seq-len, or use more text")
        }
        for (i, t) in train.enumerated() where t < 0 || Int(t) >= shape.vocabulary {
            throw SeqbenchError.data("training data: token id \(t) at position \(i) is outside the vocabulary (size \(shape.vocabulary)); re-encode the text with this vocabulary")
        }
        let fingerprint = "\(kind) V\(shape.vocabulary) E\(shape.embedding) H\(shape.hidden) L\(shape.layers) T\(T) B\(B) n\(train.count) \(cfg.optimizer.rawValue) seed\(env.seed)"
        // The text itself, not only its length: only needed when there is a checkpoint to write or read.
        let tokensSHA = env.checkpointURL == nil ? nil : TrainingCheckpoint.tokensSHA256(train)

        // State (fresh or from the checkpoint).
        let params = FloatBuffer(layout.count)
        let grads = FloatBuffer(layout.count)
        let optimizer = Optimizer(kind: cfg.optimizer, count: layout.count)
        let ws = NetworkWorkspace(shape: shape, maxSteps: T, batch: B)
        ws.dropout = Float(cfg.dropout)
        var dropoutRNG = Xoshiro256.derived(seed: env.seed, label: "neural.dropout")
        var step = 0, position = 0, wraps = 0
        var best: [Float] = [], bestBPC = Double.infinity, bestStep = -1
        var noImprove = 0
        var lossSinceEval = 0.0, stepsSinceEval = 0
        var priorTrainingSeconds = 0.0, priorWall = 0.0
        var curve: [LearningCurvePoint] = []
        var notes: [String: JSONValue] = [:]

        if env.resume, let url = env.checkpointURL, FileManager.default.fileExists(atPath: url.path) {
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw SeqbenchError.data("\(url.path): cannot read the checkpoint (\(error.localizedDescription)); check permissions or train without --resume")
            }
            let c = try TrainingCheckpoint.decode(data, source: url.path)
            guard c.fingerprint == fingerprint else {
                throw SeqbenchError.usage("\(url.path): the checkpoint was made with different settings (\(c.fingerprint)); this run has (\(fingerprint)); use the same model, data, seq-len, batch, optimizer and seed, or another --checkpoint")
            }
            // A version-1 checkpoint has no tokens hash; it is accepted on the settings alone, as before.
            if let saved = c.trainingTokensSHA256, let tokensSHA, saved != tokensSHA {
                throw SeqbenchError.usage("\(url.path): the checkpoint was trained on another text (its training tokens have SHA-256 \(saved.prefix(16))…, this run's \(tokensSHA.prefix(16))…); resume on the same training text and split, or start without --resume (or give another --checkpoint)")
            }
            // Resuming past the last step would return the checkpoint's weights as a shorter run's.
            guard c.step <= cfg.steps else {
                throw SeqbenchError.usage("\(url.path): the checkpoint is at step \(c.step), beyond --steps \(cfg.steps); give --steps \(c.step) or more, or start without --resume")
            }
            params.copy(from: c.parameters)
            optimizer.restore(step: c.optimizerStep, m: c.m, v: c.v)
            ws.stateH.copy(from: c.stateH); ws.stateC.copy(from: c.stateC)
            dropoutRNG = c.dropoutRNG
            step = c.step; position = c.position; wraps = c.epochsWrapped
            best = c.bestParameters; bestBPC = c.bestBitsPerChar; bestStep = c.bestStep
            noImprove = c.evaluationsWithoutImprovement
            lossSinceEval = c.lossSinceEvaluation; stepsSinceEval = c.stepsSinceEvaluation
            priorTrainingSeconds = c.trainingSeconds; priorWall = c.wallSeconds
            curve = c.curve
            notes["resumed_from_step"] = .int(c.step)
            if let saved = c.settings, let change = Self.settingsChange(saved: saved, now: cfg, at: c.step) {
                notes["resumed_with_other_settings"] = .string(change)
                env.progress?(TrainingProgress(step: c.step, totalSteps: nil, loss: .nan, tokensPerSecond: 0, elapsedSeconds: priorWall,
                                               message: "resumed at step \(c.step) with other settings than the run that wrote \(url.lastPathComponent): \(change)"))
            }
        } else {
            var initRNG = Xoshiro256.derived(seed: env.seed, label: "neural.init")
            params.copy(from: layout.initialParameters(using: &initRNG))
        }

        // Validation set-up.
        let validator = try data.valid.flatMap { v -> Validator? in
            try Validator(shape: shape, valid: v, characters: data.validCharacters,
                          batch: cfg.evalBatch > 0 ? cfg.evalBatch : B, seqLen: cfg.evalSeqLen > 0 ? cfg.evalSeqLen : T)
        }
        let schedule = cfg.learningRateSchedule
        let inputs = UnsafeMutablePointer<Int32>.allocate(capacity: T * B)
        let targets = UnsafeMutablePointer<Int32>.allocate(capacity: T * B)
        defer { inputs.deallocate(); targets.deallocate() }

        let start = Date()
        var trainingSeconds = 0.0
        var stepsThisRun = 0
        var lastProgress = -1.0
        var stopReason = "completed \(cfg.steps) steps"
        var lastLoss = Double.nan

        func wall() -> Double { priorWall + Date().timeIntervalSince(start) }
        func tokensPerSecond() -> Double {
            let secs = priorTrainingSeconds + trainingSeconds
            return secs > 0 ? Double(step * T * B) / secs : 0
        }
        func saveCheckpoint() throws {
            guard let url = env.checkpointURL else { return }
            // Never replace a good checkpoint with diverged weights (the next step's loss reports it).
            for i in 0..<layout.count where !params.pointer[i].isFinite { return }
            let c = TrainingCheckpoint(fingerprint: fingerprint, trainingTokensSHA256: tokensSHA, settings: cfg.resumableSettingsLine, step: step, position: position, epochsWrapped: wraps,
                                       parameters: params.array, optimizerStep: optimizer.step, m: optimizer.m.array,
                                       v: optimizer.v.array, stateH: ws.stateH.array, stateC: ws.stateC.array,
                                       dropoutRNG: dropoutRNG, bestParameters: best, bestBitsPerChar: bestBPC, bestStep: bestStep,
                                       evaluationsWithoutImprovement: noImprove, lossSinceEvaluation: lossSinceEval,
                                       stepsSinceEvaluation: stepsSinceEval, trainingSeconds: priorTrainingSeconds + trainingSeconds,
                                       wallSeconds: wall(), curve: curve)
            try AtomicFile.write(c.encode(), to: url)
        }
        /// Records a learning-curve point (validating if there is a valid split); returns false when
        /// early stopping says to stop.
        func evaluate() -> Bool {
            let trainLoss = stepsSinceEval > 0 ? lossSinceEval / Double(stepsSinceEval) : (curve.last?.trainLoss ?? .nan)
            var bpc: Double? = nil
            var keepGoing = true
            if let validator {
                let b = validator.bitsPerCharacter(parameters: params.pointer)
                bpc = b
                if b < bestBPC {
                    bestBPC = b; bestStep = step; best = params.array; noImprove = 0
                } else {
                    noImprove += 1
                    if cfg.patience > 0 && noImprove >= cfg.patience { keepGoing = false }
                }
            }
            curve.append(LearningCurvePoint(step: step, wallSeconds: wall(), trainLoss: trainLoss, validBitsPerChar: bpc))
            lossSinceEval = 0; stepsSinceEval = 0
            let msg = bpc.map { "step \(step): valid \(String(format: "%.4f", $0)) bits/char" + (step == bestStep ? " (best)" : "") }
                ?? "step \(step): train loss \(String(format: "%.4f", trainLoss)) nats"
            env.progress?(TrainingProgress(step: step, totalSteps: cfg.steps, loss: trainLoss, tokensPerSecond: tokensPerSecond(),
                                           elapsedSeconds: wall(), message: msg))
            return keepGoing
        }

        var stoppedEarly = false
        while step < cfg.steps {
            if let budget = env.maxSeconds, Date().timeIntervalSince(start) >= budget {
                stopReason = "time budget of \(formatDouble(budget)) s reached at step \(step)"
                stoppedEarly = true
                break
            }
            let t0 = Date()
            // Batch: B contiguous streams, cursor `position`, wrap (and state reset) at the end.
            if position + T + 1 > streamLength {
                position = 0
                wraps += 1
                ws.resetState()
            }
            train.withUnsafeBufferPointer { tr in
                for t in 0..<T {
                    for b in 0..<B {
                        let at = b * streamLength + position + t
                        inputs[t * B + b] = tr[at]
                        targets[t * B + b] = tr[at + 1]
                    }
                }
            }
            let rate = schedule.rate(at: step)
            let loss = withUnsafeMutablePointer(to: &dropoutRNG) { r in
                ws.trainingStep(parameters: params.pointer, gradients: grads.pointer, count: layout.count, optimizer: optimizer,
                                inputs: inputs, targets: targets, steps: T, clip: cfg.clip, lr: rate, rng: cfg.dropout > 0 ? r : nil)
            }
            guard loss.isFinite else {
                let kept = env.checkpointURL.map { FileManager.default.fileExists(atPath: $0.path) ? "; the last good checkpoint \($0.path) is kept" : "" } ?? ""
                throw SeqbenchError.data("\(kind) training diverged at step \(step + 1): the loss is \(loss)\(kept); lower --lr or set --clip")
            }
            position += T
            step += 1
            stepsThisRun += 1
            lastLoss = loss
            lossSinceEval += loss; stepsSinceEval += 1
            trainingSeconds += Date().timeIntervalSince(t0)

            let now = Date().timeIntervalSince(start)
            if now - lastProgress >= 0.25 || step == cfg.steps {
                lastProgress = now
                env.progress?(TrainingProgress(step: step, totalSteps: cfg.steps, loss: loss, tokensPerSecond: tokensPerSecond(),
                                               elapsedSeconds: wall()))
            }
            if cfg.evalEvery > 0 && step % cfg.evalEvery == 0 && step < cfg.steps {
                let keepGoing = evaluate()
                try saveCheckpoint()
                if !keepGoing {
                    stopReason = "early stopping at step \(step): \(cfg.patience) validations without improvement"
                    stoppedEarly = true
                    break
                }
            } else if cfg.checkpointEvery > 0 && step % cfg.checkpointEvery == 0 && step < cfg.steps, let url = env.checkpointURL {
                try saveCheckpoint()
                env.progress?(TrainingProgress(step: step, totalSteps: cfg.steps, loss: loss, tokensPerSecond: tokensPerSecond(),
                                               elapsedSeconds: wall(), message: "step \(step): checkpoint \(url.lastPathComponent) written"))
            }
        }
        // Final point (unless the last step was just validated).
        if curve.last?.step != step {
            _ = evaluate()
        }
        try saveCheckpoint()
        _ = stoppedEarly

        let useBest = validator != nil && !best.isEmpty
        let model = RecurrentLanguageModel(vocabulary: data.vocabulary, shape: shape, parameters: useBest ? best : params.array,
                                           trainingSettings: cfg.settings.merging(["seed": .int(Int(truncatingIfNeeded: env.seed))]) { a, _ in a })
        notes["stop_reason"] = .string(stopReason)
        notes["parameter_count"] = .int(layout.count)
        notes["epochs_wrapped"] = .int(wraps)
        notes["flops_per_train_token"] = .int(6 * shape.matmulWeights)
        notes["last_step_train_loss_nats"] = .double(lastLoss)
        if cfg.dropout > 0 && shape.layers == 1 {
            // As PyTorch warns for nn.LSTM(num_layers=1, dropout=p): accepted, but it changes nothing.
            notes["dropout_note"] = .string("dropout \(formatDouble(cfg.dropout)) had no effect: it applies between recurrent layers, and there is 1")
        }
        notes["blas_threads"] = .int(BLASThreads.current)
        // Who splits the work over the threads: seqbench itself (OpenBLAS single-threaded) or OpenBLAS.
        notes["threads_split_by"] = .string(BLASThreads.paired ? "seqbench" : "openblas")
        if useBest {
            notes["best_step"] = .int(bestStep)
            notes["best_valid_bits_per_char"] = .double(bestBPC)
        }
        notes["returned_weights"] = .string(useBest ? "best validation" : "last step")
        let report = TrainingReport(wallSeconds: wall(), tokensPerSecond: tokensPerSecond(), steps: step,
                                    learningCurve: curve, notes: notes)
        return (model, report)
    }

    /// What differs between a checkpoint's settings line and this run's settings ("lr 0.002 →
    /// 0.001, clip 5.0 → 1.0"), with the learning rate of the next step under both when it differs;
    /// nil when nothing does. More `steps` count only under a cosine schedule, which spans them:
    /// otherwise training on is what an uninterrupted run of the new length does.
    static func settingsChange(saved: String, now cfg: TrainingConfiguration, at step: Int) -> String? {
        let old = TrainingConfiguration.settings(fromLine: saved)
        let cosine = cfg.schedule == .cosine || old["schedule"] == LearningRateSchedule.Kind.cosine.rawValue
        let changed = cfg.resumableSettings.filter { old[$0.key] != $0.value && ($0.key != "steps" || cosine) }
        guard !changed.isEmpty else { return nil }
        var text = changed.map { "\($0.key) \(old[$0.key] ?? "?") → \($0.value)" }.joined(separator: ", ")
        let rate = cfg.learningRateSchedule.rate(at: step)
        if let before = TrainingConfiguration.schedule(fromSettings: old)?.rate(at: step), before != rate {
            text += "; learning rate at step \(step + 1): \(formatDouble(rate)) (the checkpoint's run: \(formatDouble(before)))"
        }
        return text
    }
}

/// Validation over a whole split, cut into `batch` contiguous streams of ⌊n / batch⌋ ids read in
/// chunks of `seqLen` with the state carried across chunks (no gradient, no dropout).
public final class Validator {
    let valid: [Int32]
    let characters: Int
    let batch: Int
    let seqLen: Int
    let streamLength: Int
    let ws: NetworkWorkspace
    let inputs: UnsafeMutablePointer<Int32>
    let targets: UnsafeMutablePointer<Int32>

    public init?(shape: NetworkShape, valid: [Int32], characters: Int?, batch: Int, seqLen: Int) throws {
        guard valid.count >= 2 else { return nil }
        for (i, t) in valid.enumerated() where t < 0 || Int(t) >= shape.vocabulary {
            throw SeqbenchError.data("validation data: token id \(t) at position \(i) is outside the vocabulary (size \(shape.vocabulary))")
        }
        self.valid = valid
        self.characters = characters ?? valid.count
        self.batch = max(1, min(batch, valid.count / 2))
        self.seqLen = seqLen
        streamLength = valid.count / self.batch
        ws = NetworkWorkspace(shape: shape, maxSteps: seqLen, batch: self.batch)
        inputs = .allocate(capacity: seqLen * self.batch)
        targets = .allocate(capacity: seqLen * self.batch)
    }

    deinit { inputs.deallocate(); targets.deallocate() }

    /// Mean nats per predicted token over the streams, scaled to the split's tokens per character and
    /// converted to bits: (Σ NLL / (B·(slen − 1))) · (tokens / characters) / ln 2.
    /// - Complexity: 2·W FLOPs per token.
    public func bitsPerCharacter(parameters: UnsafePointer<Float>) -> Double {
        ws.resetState()
        var total = 0.0
        var p = 0
        let B = batch, slen = streamLength
        valid.withUnsafeBufferPointer { v in
            while p < slen - 1 {
                let len = min(seqLen, slen - 1 - p)
                for t in 0..<len {
                    for b in 0..<B {
                        inputs[t * B + b] = v[b * slen + p + t]
                        targets[t * B + b] = v[b * slen + p + t + 1]
                    }
                }
                total += ws.forward(parameters: parameters, inputs: inputs, targets: targets, steps: len)
                p += len
            }
        }
        let natsPerToken = total / Double(B * (slen - 1))
        return natsPerToken * Double(valid.count) / Double(characters) / M_LN2
    }
}
