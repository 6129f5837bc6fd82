import Foundation
import Corpora
import LanguageModels
import SeqbenchCore

/// The model-file payload of an `NGramModel` (little-endian):
///
///     "NGRM" version:UInt32 settings:JSON order:UInt32 eos:Int64(−1 none) mode:UInt8 sentenceBoundaries:UInt8
///     unigramObserved: count + bytes
///     orderStart, word, suffix, logProb, childStart, logBackoff: count (UInt64) + raw elements
///
/// Arrays are copied in bulk; every count and index is checked on reading.
enum NGramPayload {
    static let magic = Array("NGRM".utf8)
    static let version: UInt32 = 1

    static func encode(_ m: NGramModel) -> Data {
        var d = Data()
        d.append(contentsOf: magic)
        append(&d, version)
        let json = (try? JSONValue.encoder().encode(JSONValue.object(m.settings))) ?? Data("{}".utf8)
        append(&d, UInt64(json.count)); d.append(json)
        append(&d, UInt32(m.trie.order))
        append(&d, Int64(m.trie.endOfSentence.map { Int64($0) } ?? -1))
        d.append(m.trie.mode.rawValue)
        d.append(m.sentenceBoundaries ? 1 : 0)
        appendArray(&d, m.unigramObserved.map { UInt8($0 ? 1 : 0) })
        appendArray(&d, m.trie.orderStart.map { UInt64($0) })
        appendArray(&d, m.trie.wordArray)
        appendArray(&d, m.trie.suffixArray)
        appendArray(&d, m.trie.logProbArray)
        appendArray(&d, m.trie.childStartArray)
        appendArray(&d, m.trie.logBackoffArray)
        return d
    }

    static func append<T: FixedWidthInteger>(_ d: inout Data, _ v: T) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
    static func appendArray<T>(_ d: inout Data, _ a: [T]) {
        append(&d, UInt64(a.count))
        a.withUnsafeBytes { d.append(contentsOf: $0) }
    }

    struct Reader {
        let data: Data
        var offset: Int
        let source: String
        func corrupt(_ what: String) -> SeqbenchError {
            SeqbenchError.data("\(source): n-gram payload is corrupted (\(what)); train or import the model again")
        }
        mutating func bytes(_ n: Int) throws -> Data {
            guard n >= 0, data.endIndex - offset >= n else { throw corrupt("truncated at byte \(offset - data.startIndex)") }
            defer { offset += n }
            return data[offset..<(offset + n)]
        }
        mutating func scalar<T: FixedWidthInteger>(_: T.Type) throws -> T {
            let b = try bytes(MemoryLayout<T>.size)
            var v: T = 0
            _ = withUnsafeMutableBytes(of: &v) { b.copyBytes(to: $0) }
            return T(littleEndian: v)
        }
        mutating func array<T>(_: T.Type) throws -> [T] {
            let n = try scalar(UInt64.self)
            guard n < UInt64(Int.max / 16) else { throw corrupt("array length \(n)") }
            let b = try bytes(Int(n) * MemoryLayout<T>.stride)
            var out = [T](unsafeUninitializedCapacity: Int(n)) { buf, count in
                _ = b.copyBytes(to: UnsafeMutableRawBufferPointer(buf))
                count = Int(n)
            }
            _ = out.withUnsafeMutableBufferPointer { $0.count }
            return out
        }
    }

    static func decode(_ data: Data, vocabulary: Vocabulary, source: String) throws -> NGramModel {
        var r = Reader(data: data, offset: data.startIndex, source: source)
        guard Array(try r.bytes(4)) == magic else { throw r.corrupt("bad magic") }
        let ver = try r.scalar(UInt32.self)
        guard ver == version else { throw SeqbenchError.data("\(source): n-gram payload version \(ver) is not \(version); retrain the model with this seqbench") }
        let jsonLen = try r.scalar(UInt64.self)
        let json = try r.bytes(Int(min(jsonLen, UInt64(Int32.max))))
        guard case .object(let settings)? = try? JSONDecoder().decode(JSONValue.self, from: json) else { throw r.corrupt("settings") }
        let order = Int(try r.scalar(UInt32.self))
        let eosRaw = try r.scalar(Int64.self)
        guard let mode = BackoffMode(rawValue: try r.scalar(UInt8.self)) else { throw r.corrupt("backoff mode") }
        let sb = try r.scalar(UInt8.self) != 0
        let observed = try r.array(UInt8.self).map { $0 != 0 }
        let orderStart = try r.array(UInt64.self).map { Int($0) }
        let word = try r.array(UInt32.self)
        let suffix = try r.array(UInt32.self)
        let logProb = try r.array(Double.self)
        let childStart = try r.array(UInt32.self)
        let logBackoff = try r.array(Double.self)
        let v = vocabulary.count
        // Consistency checks.
        guard order >= 1, orderStart.count == order + 2, orderStart[0] == 0, orderStart[1] == 1,
              orderStart[2] == v + 2, zip(orderStart, orderStart.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw r.corrupt("order table") }
        let n = orderStart[order + 1], nc = orderStart[order]
        guard word.count == n, suffix.count == n, logProb.count == n, childStart.count == nc + 1,
              logBackoff.count == nc, observed.count == v else { throw r.corrupt("array sizes") }
        guard eosRaw >= -1 && eosRaw < Int64(v) else { throw r.corrupt("end-of-sentence id") }
        for i in 1..<n where word[i] > UInt32(v) || Int(suffix[i]) >= i { throw r.corrupt("node \(i)") }
        for i in 0..<nc where childStart[i] > childStart[i + 1] || Int(childStart[i + 1]) > n { throw r.corrupt("child range \(i)") }
        let trie = BackoffTrie(order: order, vocabularySize: v, endOfSentence: eosRaw < 0 ? nil : UInt32(eosRaw), mode: mode,
                               orderStart: orderStart, word: word, suffix: suffix, logProb: logProb,
                               childStart: childStart, logBackoff: logBackoff)
        return NGramModel(vocabulary: vocabulary, trie: trie, sentenceBoundaries: sb, unigramObserved: observed, settings: settings)
    }
}
