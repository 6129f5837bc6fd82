import Foundation
import Corpora
import LanguageModels
import SeqbenchCore

/// ARPA back-off language model files (Paul & Baker 1992; the format SRILM and KenLM read and write).
///
///     \data\
///     ngram 1=<count>
///     …
///     \1-grams:
///     <log10 p>\t<w>\t<log10 b>
///     …
///     \end\
///
/// We write every n-gram of the model with log10 p (as min(0, ·), like lmplz) and, below the highest
/// order, log10 b (0 when the n-gram is not a context). Values are the shortest decimal that reads back
/// as the same Double, so export → import scores identically up to the ln ↔ log10 conversion (≤ 1e-15
/// relative). Only models in chain backoff form (Kneser-Ney, modified Kneser-Ney, Witten-Bell, imported
/// ARPA) can be written: add-k backs off to a uniform distribution and mle to nothing, which the ARPA
/// rule cannot express.
public enum ARPA {
    static let ln10 = M_LN10

    // MARK: writing

    /// The ARPA text of `model`.
    /// - Throws: `SeqbenchError.usage` for models not in chain backoff form or byte models.
    /// - Complexity: O(n-grams · N).
    public static func write(_ model: NGramModel) throws -> Data {
        let trie = model.trie
        guard trie.mode == .chain else {
            throw SeqbenchError.usage("ARPA export needs a model in backoff form (kneser-ney, modified-kneser-ney, witten-bell or an imported ARPA); this model uses \(model.settings["smoothing"]?.description ?? "another smoothing"), whose unseen mass the ARPA backoff rule cannot express")
        }
        guard model.vocabulary.tokenizer != .byte else {
            throw SeqbenchError.usage("ARPA export supports word and char models; this is a byte model")
        }
        let map = ARPATokenMap(vocabulary: model.vocabulary, sentenceBoundaries: model.sentenceBoundaries)
        let spellings = (0...Int(trie.bos)).map { map.spell(UInt32($0), vocabulary: model.vocabulary) }
        let n = trie.order
        var out = "\n\\data\\\n"
        var counts: [Int] = []
        for k in 1...n {
            var c = 0
            for node in trie.orderStart[k]..<trie.orderStart[k + 1] where !trie.logProb(ofNode: UInt32(node)).isNaN { c += 1 }
            counts.append(c)
            out += "ngram \(k)=\(c)\n"
        }
        var data = Data(out.utf8)
        var tokens: [UInt32] = []
        for k in 1...n {
            var chunk = "\n\\\(k)-grams:\n"
            for node in trie.orderStart[k]..<trie.orderStart[k + 1] {
                let lp = trie.logProb(ofNode: UInt32(node))
                if lp.isNaN { continue }
                tokens = trie.tokens(of: UInt32(node))
                chunk += number(min(0, lp / ln10))
                for t in tokens { chunk += "\t"; chunk += spellings[Int(t)] }
                if k < n {
                    let b = trie.logBackoff(ofNode: UInt32(node))
                    chunk += "\t"; chunk += number(b / ln10)
                }
                chunk += "\n"
                if chunk.utf8.count > 1 << 20 { data.append(contentsOf: chunk.utf8); chunk = "" }
            }
            data.append(contentsOf: chunk.utf8)
        }
        data.append(contentsOf: "\n\\end\\\n".utf8)
        return data
    }

    static func number(_ x: Double) -> String {
        if x == -.infinity || x < -99 { return "-99" }
        if x == 0 { return "0" }
        return "\(x)"
    }

    // MARK: reading

    /// Reads an ARPA file (KenLM's, SRILM's or ours) into a model that scores as KenLM's `query` does.
    ///
    /// The vocabulary is the unigrams minus `<s>`, `<unk>` (and, for words, `</s>`, which is id 1). A
    /// missing `<unk>` gets log10 p = −100, as KenLM substitutes. Contexts or suffixes missing from a
    /// pruned file are added as blank nodes (no probability, backoff 1), which changes no score.
    /// - Parameters:
    ///   - tokenizer: `.word` or `.char` (one character per token, see `ARPATokenMap`).
    /// - Throws: `SeqbenchError.data` naming the file and line for malformed input.
    public static func read(_ data: Data, tokenizer: TokenizerKind, source: String) throws -> NGramModel {
        guard tokenizer != .byte else { throw SeqbenchError.usage("--tokenizer byte: ARPA import supports word and char") }
        var lines = LineReader(data: data)
        func fail(_ line: Int, _ what: String) -> SeqbenchError {
            SeqbenchError.data("\(source):\(line): \(what)")
        }
        // Header.
        var declared: [Int] = []
        var sawData = false
        while let (no, line) = lines.next() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if !sawData {
                if t == "\\data\\" { sawData = true }
                continue
            }
            if t.isEmpty { if declared.isEmpty { continue } else { break } }
            guard t.hasPrefix("ngram "), let eq = t.firstIndex(of: "="),
                  let k = Int(t[t.index(t.startIndex, offsetBy: 6)..<eq].trimmingCharacters(in: .whitespaces)),
                  let c = Int(t[t.index(after: eq)...].trimmingCharacters(in: .whitespaces)), c >= 0 else {
                throw fail(no, "expected 'ngram N=COUNT' in the \\data\\ header, found '\(t.prefix(60))'; fix the header")
            }
            guard k == declared.count + 1 else { throw fail(no, "ngram \(k) is out of sequence (expected ngram \(declared.count + 1)=…)") }
            declared.append(c)
        }
        guard sawData else { throw SeqbenchError.data("\(source): no \\data\\ line; this is not an ARPA file") }
        guard !declared.isEmpty else { throw SeqbenchError.data("\(source): the \\data\\ header declares no n-gram counts; fix the header") }
        let order = declared.count
        // Sections: raw tokens as strings for unigrams, then ids for higher orders.
        var tables: [RowTable] = []
        var unigramTokens: [String] = []
        var unigramValues: [(Double, Double)] = []
        var index: [String: UInt32] = [:]
        var map: ARPATokenMap? = nil
        var vocabulary: Vocabulary? = nil
        for k in 1...order {
            // Find the section header.
            var header: (Int, String)? = nil
            while let (no, line) = lines.next() {
                let t = line.trimmingCharacters(in: .whitespaces)
                if t.isEmpty { continue }
                header = (no, t); break
            }
            guard let (hno, h) = header else { throw SeqbenchError.data("\(source): file ends before the \\\(k)-grams: section; the file is truncated") }
            guard h == "\\\(k)-grams:" else { throw fail(hno, "expected '\\\(k)-grams:', found '\(h.prefix(60))'") }
            var table = RowTable(order: k)
            var read = 0
            while read < declared[k - 1] {
                guard let (no, line) = lines.next() else {
                    throw SeqbenchError.data("\(source): file ends inside the \\\(k)-grams: section after \(read) of \(declared[k - 1]) n-grams; the file is truncated")
                }
                let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
                if fields.isEmpty { throw fail(no, "blank line after \(read) of \(declared[k - 1]) \(k)-grams; the count in \\data\\ does not match the section") }
                guard fields.count == k + 1 || (fields.count == k + 2 && k < order) else {
                    throw fail(no, "a \(k)-gram line needs log10 p, \(k) token(s)\(k < order ? " and an optional backoff" : ""); found \(fields.count) fields")
                }
                guard let lp = Double(fields[0]), lp.isFinite, lp <= 0 else {
                    throw fail(no, "log10 probability '\(fields[0])' is not a number <= 0")
                }
                var bo = 0.0
                if fields.count == k + 2 {
                    guard let b = Double(fields[k + 1]), b.isFinite else { throw fail(no, "backoff '\(fields[k + 1])' is not a number") }
                    bo = b
                }
                if k == 1 {
                    unigramTokens.append(String(fields[1]))
                    unigramValues.append((lp, bo))
                } else {
                    for f in fields[1...k] {
                        guard let id = index[String(f)] else { throw fail(no, "token '\(f)' is not a unigram of this file") }
                        table.tokens.append(id)
                    }
                    table.logProb.append(lp <= -99 ? -.infinity : lp * ln10)
                    table.logBackoff.append(bo * ln10)
                }
                read += 1
            }
            if k == 1 {
                // Build the vocabulary from the unigrams.
                let specials: Set<String> = ["<s>", "<unk>", "</s>"]
                var seen = Set<String>()
                for (i, t) in unigramTokens.enumerated() where !seen.insert(t).inserted {
                    _ = i
                    throw SeqbenchError.data("\(source): unigram '\(t)' appears twice; fix the file")
                }
                switch tokenizer {
                case .word:
                    let words = unigramTokens.filter { !specials.contains($0) }
                        .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                    vocabulary = Vocabulary(words: words)
                    let m = ARPATokenMap(vocabulary: vocabulary!, sentenceBoundaries: true)
                    map = m
                default:
                    let m = ARPATokenMap(readingCharTokens: Set(unigramTokens))
                    map = m
                    var units: [UInt32] = []
                    for t in unigramTokens where t != "<s>" && t != "<unk>" {
                        guard let u = m.character(of: t) else {
                            throw SeqbenchError.data("\(source): unigram '\(t)' is not one character; import it with --tokenizer word")
                        }
                        units.append(u)
                    }
                    vocabulary = Vocabulary(tokenizer: .char, units: Array(Set(units)).sorted())
                }
                let vocab = vocabulary!
                let v = vocab.count
                for t in unigramTokens {
                    if t == "<s>" { index[t] = UInt32(v); continue }
                    if t == "<unk>" { index[t] = 0; continue }
                    if tokenizer == .word { index[t] = UInt32(vocab.id(of: t)!) } else {
                        let u = map!.character(of: t)!
                        index[t] = UInt32(vocab.id(of: String(Character(Unicode.Scalar(u)!)))!)
                    }
                }
                // Order 1 lists every id 0 ... v (<s> = v).
                table.tokens = (0...UInt32(v)).map { $0 }
                table.logProb = [Double](repeating: .nan, count: v + 1)
                table.logBackoff = [Double](repeating: 0, count: v + 1)
                for (t, (lp, bo)) in zip(unigramTokens, unigramValues) {
                    let id = Int(index[t]!)
                    table.logProb[id] = lp <= -99 ? -.infinity : lp * ln10
                    table.logBackoff[id] = bo * ln10
                }
                if table.logProb[0].isNaN { table.logProb[0] = -100 * ln10 }  // KenLM: missing <unk>
                if table.logProb[v].isNaN { table.logProb[v] = 0 }
            }
            tables.append(table)
        }
        // \end\
        var sawEnd = false
        while let (no, line) = lines.next() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { continue }
            guard t == "\\end\\" else { throw fail(no, "expected '\\end\\' after the \\\(order)-grams: section, found '\(t.prefix(60))'") }
            sawEnd = true; break
        }
        guard sawEnd else { throw SeqbenchError.data("\(source): no \\end\\ line; the file is truncated") }
        let vocab = vocabulary!
        let sb = tokenizer == .word ? true : map!.sentenceBoundaries
        let eos: UInt32? = sb ? vocab.endOfSentenceID.map { UInt32($0) } : nil
        let observed = (0..<vocab.count).map { $0 != 0 && !tables[0].logProb[$0].isNaN && tables[0].logProb[$0] > -.infinity }
        let trie = try buildTrie(tables: tables, vocabularySize: vocab.count, endOfSentence: eos, source: source)
        let settings: [String: JSONValue] = ["order": .int(order), "smoothing": .string("arpa"), "sentence_boundaries": .bool(sb),
                                             "source": .string(URL(fileURLWithPath: source).lastPathComponent)]
        return NGramModel(vocabulary: vocab, trie: trie, sentenceBoundaries: sb, unigramObserved: observed, settings: settings)
    }

    /// One order's rows: `order` tokens each, flat.
    struct RowTable {
        let order: Int
        var tokens: [UInt32] = []
        var logProb: [Double] = []
        var logBackoff: [Double] = []
        init(order: Int) { self.order = order }
        var count: Int { logProb.count }

        func less(_ a: Int, _ b: Int) -> Bool {
            for j in 0..<order {
                let x = tokens[a * order + j], y = tokens[b * order + j]
                if x != y { return x < y }
            }
            return false
        }

        /// Sorts rows lexicographically; rejects duplicates.
        mutating func sort(source: String) throws {
            let idx = (0..<count).sorted { less($0, $1) }
            var t: [UInt32] = [], p: [Double] = [], b: [Double] = []
            t.reserveCapacity(tokens.count)
            for (n, i) in idx.enumerated() {
                if n > 0 && !less(idx[n - 1], i) {
                    throw SeqbenchError.data("\(source): a \(order)-gram appears twice; fix the file")
                }
                t.append(contentsOf: tokens[(i * order)..<((i + 1) * order)]); p.append(logProb[i]); b.append(logBackoff[i])
            }
            tokens = t; logProb = p; logBackoff = b
        }

        /// Index of the row equal to `key` (binary search on sorted rows).
        func find(_ key: ArraySlice<UInt32>) -> Int? {
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) >> 1
                var cmp = 0
                for (j, x) in key.enumerated() {
                    let y = tokens[mid * order + j]
                    if y != x { cmp = y < x ? -1 : 1; break }
                }
                if cmp < 0 { lo = mid + 1 } else if cmp > 0 { hi = mid } else { return mid }
            }
            return nil
        }
    }

    /// Closes the tables under prefixes and suffixes (blank rows) and builds the trie.
    static func buildTrie(tables tIn: [RowTable], vocabularySize v: Int, endOfSentence: UInt32?, source: String) throws -> BackoffTrie {
        var tables = tIn
        let n = tables.count
        for k in stride(from: n, through: 2, by: -1) {
            try tables[k - 1].sort(source: source)
            try tables[k - 2].sort(source: k - 2 == 0 ? source : source)
            var missing = RowTable(order: k - 1)
            let t = tables[k - 1]
            for i in 0..<t.count {
                let row = t.tokens[(i * k)..<((i + 1) * k)]
                for part in [row.dropLast(), row.dropFirst()] where tables[k - 2].find(part) == nil {
                    missing.tokens.append(contentsOf: part); missing.logProb.append(.nan); missing.logBackoff.append(0)
                }
            }
            if missing.count > 0 {
                guard k - 1 >= 2 else { throw SeqbenchError.data("\(source): an n-gram uses a token missing from the unigrams; fix the file") }
                // Deduplicate the blanks, then merge.
                let idx = (0..<missing.count).sorted { missing.less($0, $1) }
                var last: Int? = nil
                for i in idx {
                    if let l = last, !missing.less(l, i) { continue }
                    tables[k - 2].tokens.append(contentsOf: missing.tokens[(i * (k - 1))..<((i + 1) * (k - 1))])
                    tables[k - 2].logProb.append(.nan); tables[k - 2].logBackoff.append(0)
                    last = i
                }
                try tables[k - 2].sort(source: source)
            }
        }
        var words: [[UInt32]] = [], parents: [[UInt32]] = [], suffixes: [[UInt32]] = []
        var logProbs: [[Double]] = [], logBackoffs: [[Double]] = []
        for k in 1...n {
            let t = tables[k - 1]
            var w = [UInt32](repeating: 0, count: t.count), p = w, s = w
            for i in 0..<t.count {
                let row = t.tokens[(i * k)..<((i + 1) * k)]
                w[i] = row.last!
                if k >= 2 {
                    p[i] = UInt32(tables[k - 2].find(row.dropLast())!)
                    s[i] = UInt32(tables[k - 2].find(row.dropFirst())!)
                }
            }
            words.append(w); parents.append(p); suffixes.append(s); logProbs.append(t.logProb)
            if k < n { logBackoffs.append(t.logBackoff) }
        }
        return BackoffTrie(order: n, vocabularySize: v, endOfSentence: endOfSentence, mode: .chain,
                           words: words, parents: parents, suffixes: suffixes, logProbs: logProbs, logBackoffs: logBackoffs)
    }

    /// Lines of a byte buffer (LF or CRLF), numbered from 1.
    struct LineReader {
        let data: Data
        var offset: Int
        var number = 0
        init(data: Data) { self.data = data; offset = data.startIndex }
        mutating func next() -> (Int, String)? {
            guard offset < data.endIndex else { return nil }
            var end = offset
            while end < data.endIndex && data[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > offset && data[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let s = String(decoding: data[offset..<lineEnd], as: UTF8.self)
            offset = end + 1
            number += 1
            return (number, s)
        }
    }
}
