import Foundation
import Synchronization
import Testing
@testable import Neural

/// `PairedWorker`: each job's two halves run exactly once, whichever thread takes half 1, with
/// jobs short enough that the caller sometimes claims half 1 itself and long gaps that let the
/// worker fall asleep.
@Suite("Paired worker")
struct PairedWorkerTests {
    @Test func bothHalvesRunExactlyOnce() {
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        defer { counts.deallocate() }
        var wrong = 0
        for i in 0..<20_000 {
            counts[0] = 0; counts[1] = 0
            PairedWorker.shared.run(parallel: true) { part in
                counts[part] += 1
                if part == 1 && i % 1000 == 0 { usleep(100) }   // a slow half now and then
            }
            if counts[0] != 1 || counts[1] != 1 { wrong += 1 }
            if i % 5000 == 4999 { usleep(1000) }   // idle long enough for the worker to sleep
        }
        #expect(wrong == 0)
    }

    /// `inHalves` visits every index exactly once, cuts at a multiple of 16, and runs short ranges
    /// (or `parallel: false`) as one range on the caller.
    @Test func inHalvesCoversEachIndexOnce() {
        let minimum = PairedWorker.elementwiseSplitMinimum
        for n in [0, 1, minimum - 1, minimum, minimum + 1, 3 * minimum + 7] {
            for parallel in [false, true] {
                let seen = UnsafeMutablePointer<UInt8>.allocate(capacity: max(n, 1))
                defer { seen.deallocate() }
                seen.initialize(repeating: 0, count: max(n, 1))
                let ranges = UnsafeMutablePointer<Range<Int>>.allocate(capacity: 2)
                defer { ranges.deallocate() }
                ranges.initialize(repeating: 0..<0, count: 2)
                let calls = Atomic<Int>(0)
                PairedWorker.shared.inHalves(count: n, parallel: parallel) { r in
                    ranges[calls.wrappingAdd(1, ordering: .sequentiallyConsistent).oldValue] = r
                    for i in r { seen[i] += 1 }
                }
                #expect((0..<n).allSatisfy { seen[$0] == 1 }, "n \(n), parallel \(parallel)")
                let split = parallel && n >= minimum
                #expect(calls.load(ordering: .sequentiallyConsistent) == (split ? 2 : 1), "n \(n), parallel \(parallel)")
                if split {
                    let cut = ranges[0].lowerBound == 0 ? ranges[0].upperBound : ranges[1].upperBound
                    #expect(cut % 16 == 0 && cut > 0 && cut < n, "n \(n): cut at \(cut)")
                }
            }
        }
    }
}
