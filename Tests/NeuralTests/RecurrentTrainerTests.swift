import Foundation
import Testing
import Corpora
import LanguageModels
import SeqbenchCore
@testable import Neural

func trainingData(_ text: String, valid: String? = nil) -> TrainingData {
    let vocab = Vocabulary(tokenizer: .char, trainingText: text + (valid ?? ""))
    return TrainingData(vocabulary: vocab, train: vocab.encode(text).ids, valid: valid.map { vocab.encode($0).ids },
                        validCharacters: valid.map { $0.unicodeScalars.count })
}

/// The message of the error `body` throws, or nil.
func errorMessage(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch let e as SeqbenchError { return e.message } catch { return "\(error)" }
}

func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("seqbench-neural-tests-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
}

@Suite("Recurrent trainer", .serialized)
struct RecurrentTrainerTests {
    static let pangram = String(repeating: "the quick brown fox jumps over the lazy dog\n", count: 6)

    /// Dropout with one layer is accepted (as PyTorch accepts it) but changes nothing: the same
    /// numbers as without it, and the report says so; with two layers it is applied, with no note.
    @Test func dropoutWithOneLayerIsNoted() throws {
        let data = trainingData(Self.pangram)
        func run(layers: Int, dropout: Double) throws -> TrainingReport {
            let opts = ModelOptions(["layers": .int(layers), "embedding": .int(4), "hidden": .int(8), "seq_len": .int(10),
                                     "batch": .int(2), "steps": .int(3), "dropout": .double(dropout)])
            return try RecurrentTrainer.train(cell: .gru, data: data, options: opts, environment: TrainingEnvironment(seed: 5)).1
        }
        let with = try run(layers: 1, dropout: 0.5), without = try run(layers: 1, dropout: 0)
        #expect(with.notes["last_step_train_loss_nats"] == without.notes["last_step_train_loss_nats"])
        #expect(with.notes["dropout_note"]?.stringValue == "dropout 0.5 had no effect: it applies between recurrent layers, and there is 1")
        #expect(without.notes["dropout_note"] == nil)
        #expect(try run(layers: 2, dropout: 0.5).notes["dropout_note"] == nil)
    }

    /// Training on a tiny corpus drives the training loss near zero: the text is 44 distinct positions
    /// repeated, so a network that remembers where it is predicts every character (the uniform
    /// model's loss is ln 28 ≈ 3.3 nats; the bigram statistics alone leave ≈ 0.3 nats).
    @Test(arguments: CellKind.allCases)
    func overfitsTinyCorpus(cell: CellKind) throws {
        let data = trainingData(Self.pangram)
        let opts = ModelOptions(["layers": .int(1), "embedding": .int(8), "hidden": .int(32), "seq_len": .int(22),
                                 "batch": .int(2), "steps": .int(200), "lr": .double(0.01), "eval_every": .int(50)])
        let (model, report) = try RecurrentTrainer.train(cell: cell, data: data, options: opts, environment: TrainingEnvironment(seed: 3))
        let last = try #require(report.learningCurve.last)
        #expect(last.trainLoss < 0.05, "\(cell): final train loss \(last.trainLoss)")
        #expect(report.learningCurve.first!.trainLoss > 10 * last.trainLoss)
        #expect(report.steps == 200)
        #expect(model.kind == cell.rawValue)
        // The trained model, scoring the training text with its streaming context, agrees.
        let text = String(Self.pangram.prefix(132))
        let r = Evaluator.evaluate(model: model, text: text)
        #expect(r.crossEntropyNats < 0.1, "\(cell): streaming cross-entropy \(r.crossEntropyNats)")
    }

    /// Same seed, one thread: bit-identical losses and weights; another seed differs.
    @Test func sameSeedIsBitIdentical() throws {
        let data = trainingData(Self.pangram)
        let opts = ModelOptions(["layers": .int(2), "embedding": .int(6), "hidden": .int(10), "seq_len": .int(8), "batch": .int(3),
                                 "steps": .int(12), "eval_every": .int(3), "dropout": .double(0.2)])
        let env = TrainingEnvironment(seed: 42, threads: 1)
        let (m1, r1) = try RecurrentTrainer.train(cell: .lstm, data: data, options: opts, environment: env)
        let (m2, r2) = try RecurrentTrainer.train(cell: .lstm, data: data, options: opts, environment: env)
        let (m3, _) = try RecurrentTrainer.train(cell: .lstm, data: data, options: opts, environment: TrainingEnvironment(seed: 43, threads: 1))
        #expect(r1.learningCurve.map(\.trainLoss) == r2.learningCurve.map(\.trainLoss))
        #expect(m1.parameters == m2.parameters)
        #expect(m1.parameters != m3.parameters)
    }

    /// Interrupt after 5 of 11 steps (a checkpoint), resume: the weights, the curve's losses and
    /// validation numbers equal an uninterrupted run's, bit for bit (dropout on, 2 layers, step
    /// schedule with warm-up, the data wraps around during the run, validation every 5 steps).
    @Test(arguments: [CellKind.gru, .lstm])
    func resumeEqualsUninterruptedRun(cell: CellKind) throws {
        let data = trainingData(Self.pangram, valid: "the lazy dog jumps over the quick brown fox\n")
        var o: [String: JSONValue] = ["layers": .int(2), "embedding": .int(6), "hidden": .int(10), "seq_len": .int(10),
                                      "batch": .int(4), "steps": .int(11), "eval_every": .int(5), "dropout": .double(0.3),
                                      "schedule": .string("step"), "step_size": .int(3), "gamma": .double(0.7), "warmup": .int(2)]
        let full = temporaryURL("full-\(cell).ckpt"), part = temporaryURL("part-\(cell).ckpt")
        defer { try? FileManager.default.removeItem(at: full); try? FileManager.default.removeItem(at: part) }
        let (mA, rA) = try RecurrentTrainer.train(cell: cell, data: data, options: ModelOptions(o),
                                                  environment: TrainingEnvironment(seed: 5, threads: 1, checkpointURL: full))
        // The interrupted run: the same settings but 5 steps (its last validation and checkpoint are at
        // step 5, as in the full run), then a resume to 11.
        o["steps"] = .int(5)
        let (_, rPart) = try RecurrentTrainer.train(cell: cell, data: data, options: ModelOptions(o),
                                                    environment: TrainingEnvironment(seed: 5, threads: 1, checkpointURL: part))
        #expect(rPart.learningCurve.map(\.step) == [5])
        o["steps"] = .int(11)
        let resumed = TrainingEnvironment(seed: 5, threads: 1, checkpointURL: part, resume: true)
        let (mB, rB) = try RecurrentTrainer.train(cell: cell, data: data, options: ModelOptions(o), environment: resumed)
        #expect(rB.notes["resumed_from_step"] == .int(5))
        // More steps under a step schedule is what the uninterrupted run did: nothing to report.
        #expect(rB.notes["resumed_with_other_settings"] == nil)
        #expect(mA.parameters == mB.parameters)
        #expect(rA.learningCurve.map(\.trainLoss) == rB.learningCurve.map(\.trainLoss))
        #expect(rA.learningCurve.map(\.validBitsPerChar) == rB.learningCurve.map(\.validBitsPerChar))
        #expect(rA.learningCurve.map(\.step) == [5, 10, 11])
    }

    /// `checkpoint_every` without validation: the checkpoint written at step 4 of a 7-step run
    /// (copied aside when its progress message arrives), resumed, ends where the uninterrupted run ends.
    @Test func checkpointEveryWithoutValidation() throws {
        let data = trainingData(Self.pangram)
        let o: [String: JSONValue] = ["hidden": .int(8), "embedding": .int(4), "seq_len": .int(6), "batch": .int(3),
                                      "steps": .int(7), "checkpoint_every": .int(4), "dropout": .double(0.1), "layers": .int(2)]
        let a = temporaryURL("every-a.ckpt"), b = temporaryURL("every-b.ckpt")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        var env = TrainingEnvironment(seed: 9, checkpointURL: a)
        env.progress = { p in
            if p.message?.contains("checkpoint") == true && p.step == 4 { try? FileManager.default.copyItem(at: a, to: b) }
        }
        let (mA, rA) = try RecurrentTrainer.train(cell: .lstm, data: data, options: ModelOptions(o), environment: env)
        #expect(try TrainingCheckpoint.decode(Data(contentsOf: b), source: "b").step == 4)
        let (mB, rB) = try RecurrentTrainer.train(cell: .lstm, data: data, options: ModelOptions(o),
                                                  environment: TrainingEnvironment(seed: 9, checkpointURL: b, resume: true))
        #expect(rB.notes["resumed_from_step"] == .int(4))
        #expect(mA.parameters == mB.parameters)
        #expect(rA.learningCurve.map(\.trainLoss) == rB.learningCurve.map(\.trainLoss))
    }

    /// A resume with different settings is refused with a message naming both.
    @Test func resumeWithOtherSettingsIsRefused() throws {
        let data = trainingData(Self.pangram)
        let url = temporaryURL("other.ckpt")
        defer { try? FileManager.default.removeItem(at: url) }
        let o: [String: JSONValue] = ["hidden": .int(6), "embedding": .int(4), "seq_len": .int(5), "batch": .int(2), "steps": .int(2)]
        _ = try RecurrentTrainer.train(cell: .rnn, data: data, options: ModelOptions(o), environment: TrainingEnvironment(seed: 1, checkpointURL: url))
        var o2 = o
        o2["hidden"] = .int(7)
        #expect(throws: SeqbenchError.self) {
            _ = try RecurrentTrainer.train(cell: .rnn, data: data, options: ModelOptions(o2),
                                           environment: TrainingEnvironment(seed: 1, checkpointURL: url, resume: true))
        }
    }

    /// A checkpoint beyond the run's last step is refused (its weights would be returned as a shorter
    /// run's); one exactly at the last step is fine.
    @Test func resumePastTheLastStepIsRefused() throws {
        let data = trainingData(Self.pangram)
        let url = temporaryURL("past.ckpt")
        defer { try? FileManager.default.removeItem(at: url) }
        var o: [String: JSONValue] = ["hidden": .int(6), "embedding": .int(4), "seq_len": .int(5), "batch": .int(2), "steps": .int(4)]
        _ = try RecurrentTrainer.train(cell: .gru, data: data, options: ModelOptions(o), environment: TrainingEnvironment(seed: 1, checkpointURL: url))
        o["steps"] = .int(3)
        let message = errorMessage {
            _ = try RecurrentTrainer.train(cell: .gru, data: data, options: ModelOptions(o),
                                           environment: TrainingEnvironment(seed: 1, checkpointURL: url, resume: true))
        }
        #expect(message == "\(url.path): the checkpoint is at step 4, beyond --steps 3; give --steps 4 or more, or start without --resume")
        o["steps"] = .int(4)
        let (_, r) = try RecurrentTrainer.train(cell: .gru, data: data, options: ModelOptions(o),
                                                environment: TrainingEnvironment(seed: 1, checkpointURL: url, resume: true))
        #expect(r.steps == 4 && r.notes["resumed_from_step"] == .int(4))
    }

    /// A resume with other settings than the run that wrote the checkpoint says what changed and,
    /// for a cosine schedule whose span (`steps`) moved, the learning rate of the next step under
    /// both (by hand: 0.01 · (1 + cos(π · 4/8)) / 2 = 0.005 now, 0 at the end of the 4-step run's
    /// schedule); a resume with the run's own settings says nothing, and so do more steps under a
    /// schedule that does not span them (`resumeEqualsUninterruptedRun`).
    @Test func resumeWithOtherSettingsSaysWhatChanged() throws {
        let data = trainingData(Self.pangram)
        let url = temporaryURL("settings.ckpt")
        defer { try? FileManager.default.removeItem(at: url) }
        var o: [String: JSONValue] = ["hidden": .int(6), "embedding": .int(4), "seq_len": .int(5), "batch": .int(2), "steps": .int(4),
                                      "schedule": .string("cosine"), "lr": .double(0.01)]
        _ = try RecurrentTrainer.train(cell: .gru, data: data, options: ModelOptions(o), environment: TrainingEnvironment(seed: 1, checkpointURL: url))
        o["steps"] = .int(8)
        var messages: [String] = []
        var env = TrainingEnvironment(seed: 1, checkpointURL: url, resume: true)
        env.progress = { p in if let m = p.message { messages.append(m) } }
        let (_, r) = try RecurrentTrainer.train(cell: .gru, data: data, options: ModelOptions(o), environment: env)
        let change = "steps 4 → 8; learning rate at step 5: 0.005 (the checkpoint's run: 0.0)"
        #expect(r.notes["resumed_with_other_settings"] == .string(change))
        #expect(messages.first == "resumed at step 4 with other settings than the run that wrote \(url.lastPathComponent): \(change)")
        // The checkpoint now holds the 8-step run: resumed with its own settings, nothing to say.
        let (_, same) = try RecurrentTrainer.train(cell: .gru, data: data, options: ModelOptions(o),
                                                   environment: TrainingEnvironment(seed: 1, checkpointURL: url, resume: true))
        #expect(same.notes["resumed_from_step"] == .int(8))
        #expect(same.notes["resumed_with_other_settings"] == nil)
    }

    /// A resume on another text with the same vocabulary and token count (the pangram read backwards)
    /// is refused; version-1 and version-2 checkpoints, which have no settings line (and version 1
    /// no tokens hash), are still accepted.
    @Test func resumeOnAnotherTextIsRefused() throws {
        let other = String(Self.pangram.reversed())
        let data = trainingData(Self.pangram)
        let shuffled = TrainingData(vocabulary: data.vocabulary, train: data.vocabulary.encode(other).ids)
        #expect(shuffled.train.count == data.train.count && shuffled.train != data.train)
        let url = temporaryURL("text.ckpt"), old = temporaryURL("text-v1.ckpt"), v2 = temporaryURL("text-v2.ckpt")
        defer { for u in [url, old, v2] { try? FileManager.default.removeItem(at: u) } }
        var o: [String: JSONValue] = ["hidden": .int(6), "embedding": .int(4), "seq_len": .int(5), "batch": .int(2), "steps": .int(3)]
        _ = try RecurrentTrainer.train(cell: .rnn, data: data, options: ModelOptions(o), environment: TrainingEnvironment(seed: 1, checkpointURL: url))
        let saved = try Data(contentsOf: url)
        o["steps"] = .int(5)
        let message = errorMessage {
            _ = try RecurrentTrainer.train(cell: .rnn, data: shuffled, options: ModelOptions(o),
                                           environment: TrainingEnvironment(seed: 1, checkpointURL: url, resume: true))
        }
        #expect(message?.hasPrefix("\(url.path): the checkpoint was trained on another text (its training tokens have SHA-256 ") == true, "\(message ?? "no error")")
        #expect(message?.hasSuffix("resume on the same training text and split, or start without --resume (or give another --checkpoint)") == true)

        // Older versions, written by hand from this (version-3) body: "SQBCKPT2" without the
        // settings line (a string after the tokens hash), "SQBCKPT1" also without the tokens hash (a
        // string after the settings fingerprint), each followed by the SHA-256 of its body.
        let body = saved.dropFirst(8).dropLast(32)
        let decoded = try TrainingCheckpoint.decode(saved, source: "saved")
        var fingerprint = ByteWriter(), hash = ByteWriter(), settings = ByteWriter()
        fingerprint.write(decoded.fingerprint)
        hash.write(TrainingCheckpoint.tokensSHA256(data.train))
        settings.write(try #require(decoded.settings))
        let f = fingerprint.data.count, h = hash.data.count, st = settings.data.count
        #expect(body.dropFirst(f).prefix(h) == hash.data)
        #expect(body.dropFirst(f + h).prefix(st) == settings.data)
        for (magic, kept, file) in [("SQBCKPT2", Data(body.prefix(f + h)), v2), ("SQBCKPT1", Data(body.prefix(f)), old)] {
            let older = kept + Data(body.dropFirst(f + h + st))
            var sha = SHA256()
            sha.update(older)
            try (Data(magic.utf8) + older + Data(sha.finalize())).write(to: file)
        }
        let c2 = try TrainingCheckpoint.decode(Data(contentsOf: v2), source: "v2")
        #expect(c2.trainingTokensSHA256 == TrainingCheckpoint.tokensSHA256(data.train) && c2.settings == nil)
        let c1 = try TrainingCheckpoint.decode(Data(contentsOf: old), source: "old")
        #expect(c1.trainingTokensSHA256 == nil && c1.settings == nil && c1.parameters == decoded.parameters)
        let (_, r) = try RecurrentTrainer.train(cell: .rnn, data: shuffled, options: ModelOptions(o),
                                                environment: TrainingEnvironment(seed: 1, checkpointURL: old, resume: true))
        #expect(r.notes["resumed_from_step"] == .int(3) && r.steps == 5)
        let (_, r2) = try RecurrentTrainer.train(cell: .rnn, data: data, options: ModelOptions(o),
                                                 environment: TrainingEnvironment(seed: 1, checkpointURL: v2, resume: true))
        #expect(r2.notes["resumed_from_step"] == .int(3) && r2.steps == 5 && r2.notes["resumed_with_other_settings"] == nil)
    }

    /// A diverging run stops with a message naming the step and what to do, and keeps the checkpoint.
    @Test func nonFiniteLossStops() throws {
        let data = trainingData(Self.pangram)
        let url = temporaryURL("nan.ckpt")
        defer { try? FileManager.default.removeItem(at: url) }
        let o: [String: JSONValue] = ["hidden": .int(6), "embedding": .int(4), "seq_len": .int(5), "batch": .int(2), "steps": .int(50),
                                      "optimizer": .string("sgd"), "lr": .double(1e30), "clip": .double(0), "eval_every": .int(1)]
        do {
            _ = try RecurrentTrainer.train(cell: .rnn, data: data, options: ModelOptions(o), environment: TrainingEnvironment(seed: 1, checkpointURL: url))
            Issue.record("training with lr 1e30 should diverge")
        } catch let e as SeqbenchError {
            #expect(e.message.contains("diverged at step"))
            #expect(e.message.contains("lower --lr"))
            #expect(e.message.contains("last good checkpoint"))
            // The checkpoint on disk is the last one written before the divergence: finite weights.
            let c = try TrainingCheckpoint.decode(try Data(contentsOf: url), source: url.path)
            #expect(c.parameters.allSatisfy { $0.isFinite })
            #expect(c.step >= 1)
        }
    }

    /// Early stopping: with lr 0 nothing improves after the first validation, so patience 2 stops at
    /// the third validation.
    @Test func earlyStopping() throws {
        let data = trainingData(Self.pangram, valid: "the dog\n")
        let o: [String: JSONValue] = ["hidden": .int(6), "embedding": .int(4), "seq_len": .int(5), "batch": .int(2), "steps": .int(100),
                                      "lr": .double(0), "eval_every": .int(2), "patience": .int(2)]
        let (_, r) = try RecurrentTrainer.train(cell: .gru, data: data, options: ModelOptions(o), environment: TrainingEnvironment(seed: 1))
        #expect(r.steps == 6)
        #expect(r.learningCurve.map(\.step) == [2, 4, 6])
        #expect(r.notes["best_step"] == .int(2))
        #expect(r.notes["stop_reason"]?.stringValue?.hasPrefix("early stopping") == true)
    }

    /// Validation bits/char equal an independent computation through the model's streaming context:
    /// with one stream and a split that starts with "\n", the validator reads valid[0] = "\n" first,
    /// exactly the state a fresh context starts from, then predicts valid[1...].
    @Test func validationMatchesStreamingEvaluation() throws {
        let valid = "\nthe lazy dog jumps\nover the fox\n"
        let data = trainingData(Self.pangram, valid: valid)
        let o: [String: JSONValue] = ["hidden": .int(12), "embedding": .int(5), "seq_len": .int(7), "batch": .int(2), "steps": .int(20),
                                      "eval_batch": .int(1), "eval_seq_len": .int(4), "layers": .int(2)]
        let (m, r) = try RecurrentTrainer.train(cell: .lstm, data: data, options: ModelOptions(o), environment: TrainingEnvironment(seed: 2))
        let ids = data.valid!
        let lps = m.logProbabilities(of: Array(ids.dropFirst()), context: m.makeContext())
        let nll = -lps.reduce(0, +)
        // Validator: (nll / (n − 1)) · n / characters / ln 2 with n = characters here.
        let expected = nll / Double(ids.count - 1) * Double(ids.count) / Double(valid.unicodeScalars.count) / M_LN2
        let got = try #require(r.learningCurve.last?.validBitsPerChar)
        // Float32 arithmetic on both sides, different chunking: 1e-5 relative.
        #expect(abs(got - expected) < 1e-5 * expected)
    }

    /// A wall-clock budget stops training between steps, still validates and says why it stopped.
    @Test func timeBudgetStopsBetweenSteps() throws {
        let data = trainingData(Self.pangram, valid: "the dog\n")
        let o: [String: JSONValue] = ["hidden": .int(6), "embedding": .int(4), "seq_len": .int(5), "batch": .int(2), "steps": .int(1_000_000)]
        let (_, r) = try RecurrentTrainer.train(cell: .rnn, data: data, options: ModelOptions(o),
                                                environment: TrainingEnvironment(seed: 1, maxSeconds: 0.2))
        #expect(r.steps! < 1_000_000)
        #expect(r.notes["stop_reason"]?.stringValue?.hasPrefix("time budget") == true)
        #expect(r.learningCurve.last?.validBitsPerChar != nil)
        #expect(r.learningCurve.last?.step == r.steps)
    }

    /// Options: unknown names and bad values are refused naming the option.
    @Test func badOptionsAreRefused() {
        let data = trainingData(Self.pangram)
        #expect(throws: SeqbenchError.self) {
            _ = try RecurrentTrainer.train(cell: .rnn, data: data, options: ModelOptions(["hiden": .int(4)]), environment: TrainingEnvironment())
        }
        #expect(throws: SeqbenchError.self) {
            _ = try RecurrentTrainer.train(cell: .rnn, data: data, options: ModelOptions(["optimizer": .string("rmsprop")]), environment: TrainingEnvironment())
        }
        // Too little text for batch × (seq_len + 1).
        #expect(throws: SeqbenchError.self) {
            _ = try RecurrentTrainer.train(cell: .rnn, data: data, options: ModelOptions(["batch": .int(200), "seq_len": .int(64)]), environment: TrainingEnvironment())
        }
    }
}
