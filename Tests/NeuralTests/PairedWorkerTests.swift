import Foundation
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
}
