/// A zero-initialised Float buffer allocated once and freed with its owner; hot loops take its
/// pointer once (no Array copy-on-write or exclusivity checks inside loops).
public final class FloatBuffer {
    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int

    public init(_ count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }

    public func zero() { pointer.update(repeating: 0, count: count) }

    public var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    public func copy(from a: [Float]) {
        precondition(a.count == count, "buffer size \(count), got \(a.count)")
        a.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: count) }
    }
}
