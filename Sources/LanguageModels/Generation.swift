import Foundation
import Corpora
import SeqbenchCore

/// Prompts and numbered, seeded samples: what `seqbench sample` and the harness both call, so every
/// model is sampled the same way.
extension Generator {
    /// Encodes a priming text for generation.
    ///
    /// `char`/`byte`: every unit; `word`: the words, with `</s>` only after lines the prompt ends
    /// (a prompt "the cat" primes the middle of a line; "the cat\n" ends it).
    /// - Parameter allowUnknown: map units outside the vocabulary to `<unk>` instead of refusing.
    /// - Throws: `SeqbenchError.usage` naming the units that are not in the vocabulary.
    public static func encodePrompt(_ prompt: String, vocabulary: Vocabulary, allowUnknown: Bool, field: String = "--prompt") throws -> [Int32] {
        if prompt.isEmpty { return [] }
        let unknown = vocabulary.unknownUnits(in: prompt)
        if !unknown.isEmpty && !allowUnknown {
            let shown = unknown.prefix(10).map { "'\(printable($0))'" }.joined(separator: ", ") + (unknown.count > 10 ? ", …" : "")
            throw SeqbenchError.usage("\(field): \(unknown.count) unit(s) not in the model's \(vocabulary.tokenizer.rawValue) vocabulary: \(shown); remove them or pass --allow-unk to map them to \(Vocabulary.unknownToken)")
        }
        var ids = vocabulary.encode(prompt).ids
        if vocabulary.tokenizer == .word, !prompt.hasSuffix("\n"), ids.last == 1 { ids.removeLast() }
        return ids
    }

    /// A unit as shown in messages: control characters escaped (`\n`, `\t`, `U+0007`).
    static func printable(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F { out += String(format: "U+%04X", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// One generated sample.
    public struct Sample: Codable, Sendable, Equatable {
        /// 0-based position in the batch.
        public var index: Int
        /// The seed this sample was drawn with: `seed + index`, so `--count 1 --seed <this>` repeats it.
        public var seed: UInt64
        public var temperature: Double
        /// The prompt and the continuation, decoded together.
        public var text: String
        /// Generated tokens (the prompt not included).
        public var tokens: Int
    }

    /// Draws `count` samples. Sample i uses `Xoshiro256(seed: seed &+ i)` from a fresh context primed
    /// with `prompt`, so samples are independent of `count` and reproducible one by one.
    /// - Complexity: count × length model steps.
    public static func samples(model: any LanguageModel, prompt: [Int32], length: Int, count: Int, seed: UInt64,
                               sampling: SamplingOptions, observedOnly: Bool = false) throws -> [Sample] {
        var out: [Sample] = []
        try samples(model: model, prompt: prompt, length: length, count: count, seed: seed, sampling: sampling,
                    observedOnly: observedOnly) { out.append($0) }
        return out
    }

    /// The same samples handed to `body` one at a time, as each is drawn (the CLI prints them so).
    public static func samples(model: any LanguageModel, prompt: [Int32], length: Int, count: Int, seed: UInt64,
                               sampling: SamplingOptions, observedOnly: Bool = false, each body: (Sample) throws -> Void) throws {
        precondition(length >= 0 && count >= 0, "length and count must be >= 0")
        try sampling.validate()
        for i in 0..<count {
            let s = seed &+ UInt64(i)
            var rng = Xoshiro256(seed: s)
            let ids = try generate(model: model, request: Request(prompt: prompt, length: length, sampling: sampling, observedOnly: observedOnly), using: &rng)
            try body(Sample(index: i, seed: s, temperature: sampling.temperature,
                            text: model.vocabulary.decode(prompt + ids), tokens: ids.count))
        }
    }
}
