import LanguageModels
import Markov
import Neural
import SeqbenchCore

/// Every model kind seqbench knows. The CLI and harness receive this registry and reach models only
/// through it and the `LanguageModel` protocol.
public enum ModelZoo {
    public static let registry = ModelRegistry([
        UnigramKind.self,
        NGramKind.self,
        InfiniGramKind.self,
        RNNKind.self,
        LSTMKind.self,
        GRUKind.self,
    ], labeler: label)

    /// Short labels for tables and plots: `ngram o=5 mkn`, `ngram o=3 add-0.5 lines`, `lstm 2x256`.
    @Sendable static func label(kind: String, options: ModelOptions) -> String {
        let r = registryWithoutLabels
        func v(_ name: String) -> JSONValue? { r.value(of: name, kind: kind, in: options) }
        switch kind {
        case NGramKind.name:
            let order = v("order")?.intValue.map(String.init) ?? "?"
            var smoothing = v("smoothing")?.stringValue ?? "?"
            switch smoothing {
            case "modified-kneser-ney": smoothing = "mkn"
            case "kneser-ney": smoothing = "kn"
            case "witten-bell": smoothing = "wb"
            case "add-k":
                let k = v("k")?.doubleValue ?? 1
                smoothing = k == 1 ? "add-1" : "add-\(formatDouble(k))"
            default: break
            }
            return "ngram o=\(order) \(smoothing)" + (v("sentence_boundaries")?.boolValue == true ? " lines" : "")
        case InfiniGramKind.name:
            let c = v("max_context")?.intValue ?? 0
            return c == 0 ? "infinigram" : "infinigram c<=\(c)"
        case RNNKind.name, LSTMKind.name, GRUKind.name:
            let layers = v("layers")?.intValue.map(String.init) ?? "?"
            let hidden = v("hidden")?.intValue.map(String.init) ?? "?"
            return "\(kind) \(layers)x\(hidden)"
        default:
            return kind
        }
    }

    private static let registryWithoutLabels = ModelRegistry([UnigramKind.self, NGramKind.self, InfiniGramKind.self, RNNKind.self, LSTMKind.self, GRUKind.self])
}
