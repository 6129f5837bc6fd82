import Foundation
import LanguageModels
import SeqbenchCore

/// Training settings of a recurrent model kind, read from `ModelOptions` (the option specs below are
/// the CLI's `--kebab-case` flags and the experiment configs' keys).
public struct TrainingConfiguration: Sendable, Equatable {
    public var layers = 1
    public var embedding = 64
    public var hidden = 128
    public var seqLen = 64
    public var batch = 32
    public var steps = 1000
    public var lr = 2e-3
    public var optimizer = OptimizerKind.adam
    public var clip = 5.0
    public var dropout = 0.0
    public var schedule = LearningRateSchedule.Kind.constant
    public var stepSize = 1000
    public var gamma = 0.5
    public var warmup = 0
    public var minLR = 0.0
    public var evalEvery = 0
    public var patience = 0
    public var evalBatch = 0
    public var evalSeqLen = 0
    public var checkpointEvery = 0

    public init() {}

    public static let specs: [ModelOptionSpec] = [
        ModelOptionSpec("layers", .int, default: .int(1), help: "recurrent layers"),
        ModelOptionSpec("embedding", .int, default: .int(64), help: "embedding size E"),
        ModelOptionSpec("hidden", .int, default: .int(128), help: "hidden size H"),
        ModelOptionSpec("seq_len", .int, default: .int(64), help: "truncated-BPTT length T (time steps per batch)"),
        ModelOptionSpec("batch", .int, default: .int(32), help: "parallel contiguous streams B"),
        ModelOptionSpec("steps", .int, default: .int(1000), help: "training steps (batches)"),
        ModelOptionSpec("lr", .double, default: .double(2e-3), help: "learning rate"),
        ModelOptionSpec("optimizer", .string, default: .string("adam"), help: "optimizer (Adam: β 0.9/0.999, ε 1e-8)", choices: OptimizerKind.allCases.map(\.rawValue)),
        ModelOptionSpec("clip", .double, default: .double(5), help: "clip gradients to this global norm (0 = off)"),
        ModelOptionSpec("dropout", .double, default: .double(0), help: "dropout between recurrent layers, in [0, 1)"),
        ModelOptionSpec("schedule", .string, default: .string("constant"), help: "learning-rate schedule", choices: LearningRateSchedule.Kind.allCases.map(\.rawValue)),
        ModelOptionSpec("step_size", .int, default: .int(1000), help: "step schedule: multiply the rate by gamma every this many steps"),
        ModelOptionSpec("gamma", .double, default: .double(0.5), help: "step schedule: decay factor"),
        ModelOptionSpec("warmup", .int, default: .int(0), help: "linear warm-up steps (0 = none)"),
        ModelOptionSpec("min_lr", .double, default: .double(0), help: "cosine schedule: final learning rate"),
        ModelOptionSpec("eval_every", .int, default: .int(0), help: "validate every this many steps (0 = only at the end)"),
        ModelOptionSpec("patience", .int, default: .int(0), help: "stop after this many validations without improvement (0 = off)"),
        ModelOptionSpec("eval_batch", .int, default: .int(0), help: "validation streams (0 = batch)"),
        ModelOptionSpec("eval_seq_len", .int, default: .int(0), help: "validation chunk length (0 = seq_len)"),
        ModelOptionSpec("checkpoint_every", .int, default: .int(0), help: "also write the checkpoint every this many steps (0 = at validations and the end)"),
    ]

    /// Reads and range-checks every option; errors name the option and the value.
    public init(options o: ModelOptions, kind: String) throws {
        try o.validate(against: Self.specs, kind: kind)
        layers = try o.int("layers", default: layers, range: 1...64)
        embedding = try o.int("embedding", default: embedding, range: 1...65536)
        hidden = try o.int("hidden", default: hidden, range: 1...65536)
        seqLen = try o.int("seq_len", default: seqLen, range: 1...100_000)
        batch = try o.int("batch", default: batch, range: 1...100_000)
        steps = try o.int("steps", default: steps, range: 0...1_000_000_000)
        lr = try o.double("lr", default: lr, range: 0...Double.greatestFiniteMagnitude)
        optimizer = OptimizerKind(rawValue: try o.string("optimizer", default: "adam", choices: OptimizerKind.allCases.map(\.rawValue)))!
        clip = try o.double("clip", default: clip, range: 0...1e12)
        dropout = try o.double("dropout", default: dropout, range: 0...0.999)
        schedule = LearningRateSchedule.Kind(rawValue: try o.string("schedule", default: "constant", choices: LearningRateSchedule.Kind.allCases.map(\.rawValue)))!
        stepSize = try o.int("step_size", default: stepSize, range: 1...1_000_000_000)
        gamma = try o.double("gamma", default: gamma, range: 0...1e6)
        warmup = try o.int("warmup", default: warmup, range: 0...1_000_000_000)
        minLR = try o.double("min_lr", default: minLR, range: 0...1e6)
        evalEvery = try o.int("eval_every", default: evalEvery, range: 0...1_000_000_000)
        patience = try o.int("patience", default: patience, range: 0...1_000_000)
        evalBatch = try o.int("eval_batch", default: evalBatch, range: 0...100_000)
        evalSeqLen = try o.int("eval_seq_len", default: evalSeqLen, range: 0...100_000)
        checkpointEvery = try o.int("checkpoint_every", default: checkpointEvery, range: 0...1_000_000_000)
    }

    public var learningRateSchedule: LearningRateSchedule {
        LearningRateSchedule(kind: schedule, lr: lr, totalSteps: steps, stepSize: stepSize, gamma: gamma, warmup: warmup, minLR: minLR)
    }

    /// The settings that shape the numbers but may change across a `--resume` (the checkpoint's
    /// fingerprint holds the others), as "key=value" pairs in key order: a checkpoint records them,
    /// so that a resume with other values says what changed.
    public var resumableSettings: [(key: String, value: String)] {
        [("clip", "\(clip)"), ("dropout", "\(dropout)"), ("eval_batch", "\(evalBatch)"), ("eval_every", "\(evalEvery)"),
         ("eval_seq_len", "\(evalSeqLen)"), ("gamma", "\(gamma)"), ("lr", "\(lr)"), ("min_lr", "\(minLR)"),
         ("patience", "\(patience)"), ("schedule", schedule.rawValue), ("step_size", "\(stepSize)"), ("steps", "\(steps)"),
         ("warmup", "\(warmup)")]
    }

    /// `resumableSettings` as one line ("clip=5.0 dropout=0.0 …").
    public var resumableSettingsLine: String { resumableSettings.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }

    /// A `resumableSettingsLine` back as key → value.
    static func settings(fromLine line: String) -> [String: String] {
        var d: [String: String] = [:]
        for pair in line.split(separator: " ") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { d[kv[0]] = kv[1] }
        }
        return d
    }

    /// The learning-rate schedule that settings read by `settings(fromLine:)` describe (nil if they do not).
    static func schedule(fromSettings d: [String: String]) -> LearningRateSchedule? {
        guard let kind = d["schedule"].flatMap(LearningRateSchedule.Kind.init(rawValue:)), let lr = d["lr"].flatMap(Double.init),
              let steps = d["steps"].flatMap(Int.init), let stepSize = d["step_size"].flatMap(Int.init), stepSize > 0,
              let gamma = d["gamma"].flatMap(Double.init), let warmup = d["warmup"].flatMap(Int.init),
              let minLR = d["min_lr"].flatMap(Double.init) else { return nil }
        return LearningRateSchedule(kind: kind, lr: lr, totalSteps: steps, stepSize: stepSize, gamma: gamma, warmup: warmup, minLR: minLR)
    }

    /// Settings recorded in the model file and reports.
    public var settings: [String: JSONValue] {
        ["seq_len": .int(seqLen), "batch": .int(batch), "steps": .int(steps), "lr": .double(lr),
         "optimizer": .string(optimizer.rawValue), "clip": .double(clip), "dropout": .double(dropout),
         "schedule": .string(schedule.rawValue)]
    }
}
