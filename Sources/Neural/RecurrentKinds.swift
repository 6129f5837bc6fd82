import Foundation
import Corpora
import LanguageModels

/// What the `rnn`, `lstm` and `gru` kinds share: the options, training and decoding; only the cell
/// (and the name and summary) differ.
public protocol RecurrentKind: ModelKind {
    static var cell: CellKind { get }
}

extension RecurrentKind {
    public static var options: [ModelOptionSpec] { TrainingConfiguration.specs }

    /// The last digits change with the BLAS kernels and thread count (summation order).
    public static var isMachineIndependent: Bool { false }

    /// Reads the options as training does (`TrainingConfiguration`), ranges included.
    public static func validate(options: ModelOptions) throws {
        _ = try TrainingConfiguration(options: options, kind: name)
    }

    public static func train(data: TrainingData, options: ModelOptions, environment: TrainingEnvironment) throws -> (any LanguageModel, TrainingReport) {
        try RecurrentTrainer.train(cell: cell, data: data, options: options, environment: environment)
    }

    public static func decode(payload: Data, vocabulary: Vocabulary, source: String) throws -> any LanguageModel {
        try RecurrentLanguageModel.decode(payload: payload, vocabulary: vocabulary, expectedCell: cell, source: source)
    }

    /// `BLASThreads.set`: with 2 on cores with small-matrix kernels, batch-1 sampling splits each
    /// step's products over the two cores (`SingleStreamStepper`), and evaluation its large products
    /// and, from W_hh = 512 KB on, its time loops (`NetworkWorkspace`); the numbers are the same.
    public static func useThreads(_ threads: Int) { BLASThreads.set(threads) }
}

/// `rnn`: Elman RNN with tanh (PyTorch `nn.RNN`).
public enum RNNKind: RecurrentKind {
    public static let name = "rnn"
    public static let summary = "recurrent network with tanh cells (PyTorch nn.RNN), trained with truncated BPTT on OpenBLAS"
    public static let cell = CellKind.rnn
}

/// `lstm`: long short-term memory, gates i, f, g, o (PyTorch `nn.LSTM`).
public enum LSTMKind: RecurrentKind {
    public static let name = "lstm"
    public static let summary = "LSTM network (PyTorch nn.LSTM gates i,f,g,o), trained with truncated BPTT on OpenBLAS"
    public static let cell = CellKind.lstm
}

/// `gru`: gated recurrent unit, gates r, z, n (PyTorch `nn.GRU`).
public enum GRUKind: RecurrentKind {
    public static let name = "gru"
    public static let summary = "GRU network (PyTorch nn.GRU gates r,z,n), trained with truncated BPTT on OpenBLAS"
    public static let cell = CellKind.gru
}
