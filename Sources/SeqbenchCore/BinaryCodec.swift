import Foundation

/// Little-endian binary writer for model files. Pair with `ByteReader`.
public struct ByteWriter: Sendable {
    public private(set) var data = Data()

    public init() {}

    public mutating func write(_ v: UInt8) { data.append(v) }
    public mutating func write(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    public mutating func write(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    public mutating func write(_ v: Int) { write(UInt64(bitPattern: Int64(v))) }
    public mutating func write(_ v: Double) { write(v.bitPattern) }
    public mutating func write(_ v: Float) { write(v.bitPattern) }
    public mutating func write(_ v: Bool) { write(UInt8(v ? 1 : 0)) }
    public mutating func write(_ s: String) {
        let bytes = Array(s.utf8)
        write(bytes.count)
        data.append(contentsOf: bytes)
    }
    public mutating func write(_ bytes: Data) {
        write(bytes.count)
        data.append(bytes)
    }
    /// Writes a count followed by the raw little-endian elements (Float, Double, Int32, UInt32, UInt64 …).
    public mutating func writeArray<T: FixedWidthInteger>(_ a: [T]) {
        write(a.count)
        a.withUnsafeBufferPointer { buf in
            for v in buf { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        }
    }
    public mutating func writeArray(_ a: [Float]) { writeArray(a.map { $0.bitPattern }) }
    public mutating func writeArray(_ a: [Double]) { writeArray(a.map { $0.bitPattern }) }
    public mutating func writeStrings(_ a: [String]) {
        write(a.count)
        for s in a { write(s) }
    }
}

/// Little-endian binary reader; every read checks bounds and throws a `SeqbenchError` naming `source`.
public struct ByteReader {
    public let data: Data
    public private(set) var offset: Int
    public let source: String

    public init(_ data: Data, source: String) {
        self.data = data
        self.offset = data.startIndex
        self.source = source
    }

    public var isAtEnd: Bool { offset >= data.endIndex }

    private mutating func take(_ n: Int) throws -> Data {
        guard n >= 0, data.endIndex - offset >= n else {
            throw SeqbenchError.data("\(source): the model file is truncated or corrupted (wanted \(n) bytes at offset \(offset - data.startIndex)); train or export it again")
        }
        let d = data[offset..<(offset + n)]
        offset += n
        return d
    }

    private mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let d = try take(MemoryLayout<T>.size)
        var v: T = 0
        withUnsafeMutableBytes(of: &v) { $0.copyBytes(from: d) }
        return T(littleEndian: v)
    }

    public mutating func readUInt8() throws -> UInt8 { try fixed(UInt8.self) }
    public mutating func readUInt32() throws -> UInt32 { try fixed(UInt32.self) }
    public mutating func readUInt64() throws -> UInt64 { try fixed(UInt64.self) }
    public mutating func readInt() throws -> Int { Int(Int64(bitPattern: try fixed(UInt64.self))) }
    public mutating func readDouble() throws -> Double { Double(bitPattern: try fixed(UInt64.self)) }
    public mutating func readFloat() throws -> Float { Float(bitPattern: try fixed(UInt32.self)) }
    public mutating func readBool() throws -> Bool { try readUInt8() != 0 }
    public mutating func readCount() throws -> Int {
        let n = try readInt()
        guard n >= 0, n <= data.endIndex - offset else {
            throw SeqbenchError.data("\(source): the model file is truncated or corrupted (count \(n) at offset \(offset - data.startIndex)); train or export it again")
        }
        return n
    }
    public mutating func readString() throws -> String {
        let n = try readCount()
        guard let s = String(data: try take(n), encoding: .utf8) else {
            throw SeqbenchError.data("\(source): the model file is corrupted (a string is not UTF-8); train or export it again")
        }
        return s
    }
    public mutating func readData() throws -> Data { Data(try take(try readCount())) }
    public mutating func readArray<T: FixedWidthInteger>(_: T.Type) throws -> [T] {
        let n = try readInt()
        let size = MemoryLayout<T>.size
        guard n >= 0, n <= (data.endIndex - offset) / size else {
            throw SeqbenchError.data("\(source): the model file is truncated or corrupted (array of \(n) at offset \(offset - data.startIndex)); train or export it again")
        }
        let d = try take(n * size)
        var out = [T](repeating: 0, count: n)
        out.withUnsafeMutableBytes { $0.copyBytes(from: d) }
        return out.map { T(littleEndian: $0) }
    }
    public mutating func readFloats() throws -> [Float] { try readArray(UInt32.self).map { Float(bitPattern: $0) } }
    public mutating func readDoubles() throws -> [Double] { try readArray(UInt64.self).map { Double(bitPattern: $0) } }
    public mutating func readStrings() throws -> [String] {
        let n = try readCount()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try readString()) }
        return out
    }
}
