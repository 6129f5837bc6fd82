/// A zero-initialised Float buffer allocated once and freed with its owner; hot loops take its
/// pointer once (no Array copy-on-write or exclusivity checks inside loops).
///
/// The buffer starts on a 64-byte boundary (`alignment`), a cache line and an AVX-512 register:
/// OpenBLAS's small-matrix kernels read the per-step panels and the batch-1 step's weights in
/// place, and a plain allocation (malloc's 16 bytes; large blocks start 16 bytes into a page)
/// made every one of their 64-byte loads straddle two cache lines.
public final class FloatBuffer {
    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int
    /// The start's alignment in bytes.
    public static let alignment = 64

    public init(_ count: Int) {
        self.count = count
        let n = max(count, 1)
        pointer = UnsafeMutableRawPointer.allocate(byteCount: n * MemoryLayout<Float>.stride, alignment: Self.alignment)
            .bindMemory(to: Float.self, capacity: n)
        pointer.initialize(repeating: 0, count: n)
    }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }

    public func zero() { pointer.update(repeating: 0, count: count) }

    public var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    public func copy(from a: [Float]) {
        precondition(a.count == count, "buffer size \(count), got \(a.count)")
        a.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: count) }
    }
}
