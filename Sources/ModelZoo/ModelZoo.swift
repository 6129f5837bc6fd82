import LanguageModels
import Markov
import Neural

/// Every model kind seqbench knows. The CLI and harness receive this registry and reach models only
/// through it and the `LanguageModel` protocol.
public enum ModelZoo {
    public static let registry = ModelRegistry([
        UnigramKind.self,
        NGramKind.self,
        RNNKind.self,
        LSTMKind.self,
        GRUKind.self,
    ])
}
