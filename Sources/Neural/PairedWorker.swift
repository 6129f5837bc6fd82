import Foundation
import Synchronization

/// A second thread, kept alive and spinning briefly between jobs, for work split in two fixed halves
/// when seqbench runs on two threads of its own (`BLASThreads.paired`): a training time loop's
/// batch rows (`NetworkWorkspace`), the halves of a large product (`sgemm`), and the batch-1
/// sampling step's matrix–vector products, at a rate where a wake-up of OpenBLAS's thread pool per
/// product would cost more than the product. `run(body)` calls `body(1)` on the worker and
/// `body(0)` on the caller, and returns when both are done. Results never depend on whether the
/// worker took part: when it is busy (another caller holds it, or a call from inside a half) or
/// `parallel` is false, the caller runs both halves itself.
///
/// Hand-over: the caller publishes the job and bumps `posted` (sequentially consistent); whoever
/// moves `claimed` from n − 1 to n runs half 1 of job n: normally the worker, spinning on `posted`,
/// which then stores n into `done`. The caller, having run half 0, waits for `done`; if half 1 is
/// still unclaimed max(50 µs, the caller's own time for half 0) later, the worker is asleep or
/// descheduled (a busy machine), and the caller claims and runs half 1 itself. If the worker was
/// awake, the caller then runs both halves alone for `backoffNanoseconds` (faster than waiting for
/// time slices) before trying the worker again. If the worker has claimed the half, the caller
/// waits for it, sleeping on a semaphore after the same patience.
///
/// The worker sleeps after `idleSpinNanoseconds` without work. A sleeper raises its flag and then re-reads the
/// counter, the other side writes the counter and then reads the flag (all sequentially
/// consistent), so a hand-over is never missed; a spare signal only makes the sleeper look again.
final class PairedWorker: @unchecked Sendable {
    /// The one worker of the process (two cores: one caller, one helper).
    static let shared = PairedWorker()

    // Stored in declaration order, in groups that the 64-byte pads keep on cache lines of their
    // own, so that a hand-over moves only the lines it must between the cores: the caller's own
    // state; what the caller publishes (job, posted; sleeping, read by the caller on each
    // hand-over); what the worker claims; what the worker reports (done; callerSleeping, read by
    // the worker on each hand-over).
    private let held = Atomic<Bool>(false)
    private var started = false
    /// Until when (uptime, ns) jobs run on the caller alone after the worker was late.
    private var backoffUntil: UInt64 = 0
    private let pad0 = CacheLinePad()
    private var job: (any PairedHalves)? = nil
    private let posted = Atomic<Int>(0)
    private let sleeping = Atomic<Bool>(false)
    private let pad1 = CacheLinePad()
    private let claimed = Atomic<Int>(0)
    private let pad2 = CacheLinePad()
    private let done = Atomic<Int>(0)
    private let callerSleeping = Atomic<Bool>(false)
    private let pad3 = CacheLinePad()
    private let wake = DispatchSemaphore(value: 0)
    private let callerWake = DispatchSemaphore(value: 0)
    static let backoffNanoseconds: UInt64 = 2_000_000
    /// How long the worker spins without work before it sleeps: longer than the single-threaded
    /// stretches of a training step (the optimizer, ~1–5 ms), so that the next hand-over does not
    /// pay a wake-up, which on a virtual machine can take tens of microseconds.
    static let idleSpinNanoseconds: UInt64 = 5_000_000

    private init() {}

    /// Runs `body(0)` and `body(1)`, on two threads when the worker is free and `parallel` is true.
    /// The closure is wrapped in an object for the worker to hold (one allocation per call); hot
    /// loops that must not allocate pass a `PairedHalves` instead.
    func run(parallel: Bool, _ body: (Int) -> Void) {
        guard parallel else { body(0); body(1); return }
        withoutActuallyEscaping(body) { b in run(parallel: true, ClosureHalves(b)) }
    }

    /// Runs `halves.runHalf(0)` and `halves.runHalf(1)`, on two threads when the worker is free and
    /// `parallel` is true. Allocates nothing.
    func run(parallel: Bool, _ halves: some PairedHalves) {
        guard parallel, held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            halves.runHalf(0); halves.runHalf(1)
            return
        }
        defer { held.store(false, ordering: .releasing) }
        if backoffUntil != 0 {
            if DispatchTime.now().uptimeNanoseconds < backoffUntil {
                halves.runHalf(0); halves.runHalf(1)
                return
            }
            backoffUntil = 0
        }
        if !started {
            started = true
            let t = Thread { [unowned self] in self.loop() }
            t.name = "seqbench.paired-worker"
            t.start()
        }
        job = halves
        let n = posted.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
        let wasAsleep = sleeping.load(ordering: .sequentiallyConsistent)
        if wasAsleep { wake.signal() }
        let begun = DispatchTime.now().uptimeNanoseconds
        halves.runHalf(0)
        let start = DispatchTime.now().uptimeNanoseconds
        let patience = max(50_000, start - begun)
        var spins = 0
        while done.load(ordering: .acquiring) != n {
            spins += 1
            guard spins & 255 == 0, DispatchTime.now().uptimeNanoseconds - start > patience else { continue }
            if claimed.compareExchange(expected: n - 1, desired: n, ordering: .sequentiallyConsistent).exchanged {
                // The worker has not started: run its half here.
                if !wasAsleep { backoffUntil = DispatchTime.now().uptimeNanoseconds + Self.backoffNanoseconds }
                halves.runHalf(1)
                break
            }
            // The worker is running its half but was descheduled: sleep until it finishes.
            callerSleeping.store(true, ordering: .sequentiallyConsistent)
            if done.load(ordering: .sequentiallyConsistent) != n { callerWake.wait() }
            callerSleeping.store(false, ordering: .sequentiallyConsistent)
        }
        job = nil
    }

    /// Runs `body` over [0, count) in two halves on the two threads when `parallel` and the pass is
    /// big enough to be worth a hand-over (count ≥ 32 and count · `width`, the elements the pass
    /// touches per index, ≥ `elementwiseSplitMinimum`), else once over the whole range. The halves
    /// meet at a multiple of 16, so for floats (or rows of them) each core writes its own cache
    /// lines. For passes whose results do not depend on where the range is cut: elementwise ones
    /// (the optimizer's, zeroing, scaling), row copies, sums per column.
    func inHalves(count n: Int, width: Int = 1, parallel: Bool, _ body: (Range<Int>) -> Void) {
        guard parallel, n >= 32, n * width >= Self.elementwiseSplitMinimum else { body(0..<n); return }
        let half = (n / 2 + 15) & ~15
        run(parallel: true) { part in body(part == 0 ? 0..<half : half..<n) }
    }

    /// Elements below which `inHalves` runs on the caller alone: 64K floats (256 KB, ~5–10 µs of
    /// memory traffic per pass against a hand-over of about a microsecond).
    static let elementwiseSplitMinimum = 1 << 16

    private func loop() {
        var seen = 0
        var idleSince = DispatchTime.now().uptimeNanoseconds
        var spins = 0
        while true {
            let n = posted.load(ordering: .acquiring)
            if n != seen {
                seen = n
                if claimed.compareExchange(expected: n - 1, desired: n, ordering: .sequentiallyConsistent).exchanged {
                    job!.runHalf(1)
                    done.store(n, ordering: .sequentiallyConsistent)
                    if callerSleeping.load(ordering: .sequentiallyConsistent) { callerWake.signal() }
                }
                spins = 0
                idleSince = DispatchTime.now().uptimeNanoseconds
                continue
            }
            spins += 1
            if spins & 1023 == 0, DispatchTime.now().uptimeNanoseconds - idleSince > Self.idleSpinNanoseconds {
                sleeping.store(true, ordering: .sequentiallyConsistent)
                if posted.load(ordering: .sequentiallyConsistent) == seen { wake.wait() }
                sleeping.store(false, ordering: .sequentiallyConsistent)
                spins = 0
                idleSince = DispatchTime.now().uptimeNanoseconds
            }
        }
    }
}

/// Work in two fixed halves that `PairedWorker` hands over as an object: the caller stores what a
/// step needs in the object's own fields and passes the object, so a hand-over allocates nothing.
/// (A closure has to be converted for the worker to hold it, which puts its context on the heap
/// once per call.)
protocol PairedHalves: AnyObject {
    /// Runs half `part` (0 on the caller, 1 on the worker, or both on the caller).
    func runHalf(_ part: Int)
}

/// 64 bytes of nothing, to keep the stored properties around it on different cache lines.
private struct CacheLinePad {
    let bytes: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
}

/// A closure as `PairedHalves`, for `PairedWorker.run(parallel:_:)` with a closure.
private final class ClosureHalves: PairedHalves {
    let body: (Int) -> Void
    init(_ body: @escaping (Int) -> Void) { self.body = body }
    func runHalf(_ part: Int) { body(part) }
}
