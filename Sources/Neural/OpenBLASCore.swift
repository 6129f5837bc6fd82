import CBLAS
import Foundation

/// Which kernels OpenBLAS runs on this CPU, and the correction when its detection falls short.
///
/// Debian's OpenBLAS (0.3.21, built with DYNAMIC_ARCH) picks its kernels once, when the library
/// loads, from tables of the CPUs it knows. A CPU newer than the library is not in them: on an
/// Intel Xeon of family 6 model 207 (Emerald Rapids, one of the machines seqbench runs on) it
/// falls back to its Prescott kernels (SSE3), and sgemm on two cores runs at 42 GFLOP/s instead
/// of the 313 its AVX-512 (SkylakeX) kernels reach on the same machine. The environment variable
/// `OPENBLAS_CORETYPE` names the kernels to load instead; since it is read only at load, a
/// process that finds the fallback sets it and starts itself again (`restartWithWiderKernelsIfNeeded`).
///
/// Kernel families are ranked by the widest vector instructions they use (`tier`); the CPU's own
/// rank comes from its instruction-set flags (`/proc/cpuinfo`). The override is the family of the
/// CPU's rank, and only when OpenBLAS's choice ranks lower: a CPU that OpenBLAS recognises (the
/// AMD EPYC machines here load Cooper Lake kernels) keeps OpenBLAS's choice.
public enum OpenBLASCore {
    /// OpenBLAS's kernel family in this process (`openblas_get_corename`), as OpenBLAS spells it.
    public static let name: String = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    /// OpenBLAS's build description (`openblas_get_config`): version, options and kernel family.
    public static let config: String = openblas_get_config().map { String(cString: $0) } ?? "unknown"

    /// Whether the per-step products run in OpenBLAS's small-matrix kernels (`StepProduct`).
    public static var hasSmallKernels: Bool { StepProduct.blocked }

    /// The environment variable that records the family OpenBLAS chose before the restart.
    public static let detectedVariable = "SEQBENCH_OPENBLAS_DETECTED"

    /// Vector width rank of an OpenBLAS kernel family (case-insensitive): 3 AVX-512, 2 AVX2,
    /// 1 AVX, 0 older or unknown.
    public static func tier(ofCore core: String) -> Int {
        switch core.lowercased() {
        case "skylakex", "cooperlake", "sapphirerapids": 3
        case "haswell", "zen", "excavator": 2
        case "sandybridge", "bulldozer", "piledriver", "steamroller": 1
        default: 0
        }
    }

    /// What each rank means, for people: `widthNames[tier]`.
    public static let widthNames = ["older than AVX", "AVX", "AVX2", "AVX-512"]

    /// Vector width rank of a CPU from its flags: 3 when it has the AVX-512 subsets OpenBLAS's
    /// SkylakeX kernels use (F, CD, BW, DQ, VL), 2 with AVX2 and FMA, 1 with AVX.
    public static func tier(ofFlags flags: Set<String>) -> Int {
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) { return 3 }
        if flags.contains("avx2") && flags.contains("fma") { return 2 }
        return flags.contains("avx") ? 1 : 0
    }

    /// The `OPENBLAS_CORETYPE` to load instead of `core` on a CPU with `flags`, or nil to keep it.
    public static func override(core: String, flags: Set<String>) -> String? {
        let cpu = tier(ofFlags: flags)
        guard cpu > tier(ofCore: core) else { return nil }
        return [1: "SandyBridge", 2: "Haswell", 3: "SkylakeX"][cpu]
    }

    /// The flags of the first processor in `/proc/cpuinfo`'s text (empty if it has none).
    public static func flags(cpuinfo: String) -> Set<String> {
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }

    /// This CPU's flags (empty where `/proc/cpuinfo` does not exist).
    public static func cpuFlags() -> Set<String> {
        (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)).map(flags(cpuinfo:)) ?? []
    }

    /// If `OPENBLAS_CORETYPE` is unset and OpenBLAS loaded narrower kernels than this CPU runs,
    /// sets it (and `SEQBENCH_OPENBLAS_DETECTED` to OpenBLAS's choice) and replaces the process
    /// with a new run of the same executable and arguments. Returns if nothing needs changing or
    /// the restart fails (then with a one-line warning on standard error naming the variable to set).
    /// Call it first thing in `main`, before any other work.
    public static func restartWithWiderKernelsIfNeeded() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              let better = override(core: name, flags: cpuFlags()) else { return }
        setenv("OPENBLAS_CORETYPE", better, 1)
        setenv(detectedVariable, name, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data(
            "warning: OpenBLAS chose its \(name) kernels for this CPU and seqbench could not restart with \(better) (\(reason)); run with OPENBLAS_CORETYPE=\(better) set for full speed\n".utf8))
    }
}
