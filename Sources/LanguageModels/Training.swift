import Foundation
import Corpora
import SeqbenchCore

/// What a model is trained on: token ids of the training split (and the validation split, for models
/// that validate), with the vocabulary they were encoded with.
public struct TrainingData {
    public var vocabulary: Vocabulary
    public var train: [Int32]
    public var valid: [Int32]?
    /// Characters (Unicode scalars) of the validation text, so validation can report bits per char.
    public var validCharacters: Int?

    public init(vocabulary: Vocabulary, train: [Int32], valid: [Int32]? = nil, validCharacters: Int? = nil) {
        self.vocabulary = vocabulary; self.train = train; self.valid = valid; self.validCharacters = validCharacters
    }
}

/// One point of a learning curve.
public struct LearningCurvePoint: Codable, Sendable, Equatable {
    public var step: Int
    public var wallSeconds: Double
    public var trainLoss: Double
    public var validBitsPerChar: Double?

    public init(step: Int, wallSeconds: Double, trainLoss: Double, validBitsPerChar: Double?) {
        self.step = step; self.wallSeconds = wallSeconds; self.trainLoss = trainLoss; self.validBitsPerChar = validBitsPerChar
    }

    enum CodingKeys: String, CodingKey {
        case step, wallSeconds = "wall_seconds", trainLoss = "train_loss_nats", validBitsPerChar = "valid_bits_per_char"
    }
}

/// Progress events a trainer reports; the CLI draws a progress bar, the harness a status line.
public struct TrainingProgress: Sendable {
    public var step: Int
    public var totalSteps: Int?
    public var loss: Double
    public var tokensPerSecond: Double
    public var elapsedSeconds: Double
    public var message: String?

    public init(step: Int, totalSteps: Int?, loss: Double, tokensPerSecond: Double, elapsedSeconds: Double, message: String? = nil) {
        self.step = step; self.totalSteps = totalSteps; self.loss = loss
        self.tokensPerSecond = tokensPerSecond; self.elapsedSeconds = elapsedSeconds; self.message = message
    }
}

/// Where and how training runs: seed, threads, budget, checkpoints, progress.
public struct TrainingEnvironment {
    public var seed: UInt64
    /// BLAS threads for neural models (ignored by count-based ones).
    public var threads: Int
    /// Stop after this many wall-clock seconds (equal-budget comparisons), if set.
    public var maxSeconds: Double?
    /// A checkpoint file kept up to date during training (neural models), if set.
    public var checkpointURL: URL?
    /// Continue from `checkpointURL` when it exists.
    public var resume: Bool
    public var progress: ((TrainingProgress) -> Void)?

    public init(seed: UInt64 = 1, threads: Int = 1, maxSeconds: Double? = nil, checkpointURL: URL? = nil,
                resume: Bool = false, progress: ((TrainingProgress) -> Void)? = nil) {
        self.seed = seed; self.threads = threads; self.maxSeconds = maxSeconds
        self.checkpointURL = checkpointURL; self.resume = resume; self.progress = progress
    }
}

/// What training produced besides the model.
public struct TrainingReport: Codable, Sendable {
    public var wallSeconds: Double
    public var tokensPerSecond: Double
    public var steps: Int?
    public var learningCurve: [LearningCurvePoint]
    /// Extra facts (n-gram counts per order, discounts, stop reason …).
    public var notes: [String: JSONValue]

    public init(wallSeconds: Double, tokensPerSecond: Double, steps: Int? = nil, learningCurve: [LearningCurvePoint] = [], notes: [String: JSONValue] = [:]) {
        self.wallSeconds = wallSeconds; self.tokensPerSecond = tokensPerSecond; self.steps = steps
        self.learningCurve = learningCurve; self.notes = notes
    }
}

/// A model kind: how to train one from options and how to read one from a model file.
/// `ModelZoo` lists every kind; the harness receives that list and knows nothing else.
public protocol ModelKind {
    /// The name on the command line and in configs.
    static var name: String { get }
    /// One line for `--help`.
    static var summary: String { get }
    static var options: [ModelOptionSpec] { get }
    /// Checks `options` as `train` reads them (names, types and values, ranges included) without
    /// training, so that a bad value is refused before any work: `seqbench run` checks every cell of
    /// an experiment when it loads the config, not when the run reaches that cell.
    static func validate(options: ModelOptions) throws
    static func train(data: TrainingData, options: ModelOptions, environment: TrainingEnvironment) throws -> (any LanguageModel, TrainingReport)
    static func decode(payload: Data, vocabulary: Vocabulary, source: String) throws -> any LanguageModel
    /// Whether this kind's numbers are the same on every machine and thread count: counts and table
    /// look-ups, no floating-point sums whose order BLAS or the thread count chooses. CI baselines hold
    /// such kinds to 1e-6 relative and the others to 2% (`Tolerance.defaultFor(kind:)`). No default,
    /// so that a new kind says which it is rather than being gated loosely by omission.
    static var isMachineIndependent: Bool { get }
    /// The threads this kind's models compute with from now on, in evaluation and sampling (training
    /// takes `TrainingEnvironment.threads`). A model's numbers must not depend on it.
    static func useThreads(_ threads: Int)
}

extension ModelKind {
    /// Kinds whose options have no ranges or rules beyond their specs need only the specs' check.
    public static func validate(options: ModelOptions) throws {
        try options.validate(against: Self.options, kind: name)
    }

    /// Single-threaded kinds have nothing to set.
    public static func useThreads(_ threads: Int) {}
}
