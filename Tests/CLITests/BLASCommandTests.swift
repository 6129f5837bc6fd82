import Foundation
import Testing

/// `seqbench blas`: with OPENBLAS_CORETYPE unset, the binary runs OpenBLAS kernels as wide as the
/// CPU's instruction set (restarting itself where OpenBLAS falls back to narrower ones); a value
/// set by the user is kept.
@Suite struct BLASCommandTests {
    static let widths = ["older than AVX", "AVX", "AVX2", "AVX-512"]

    /// The width named on the line that starts with `prefix`.
    func width(_ out: String, _ prefix: String) -> Int? {
        guard let line = out.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        return Self.widths.indices.last { line.contains("(\(Self.widths[$0]))") || line == "\(prefix)\(Self.widths[$0])" }
    }

    @Test func kernelsAreAsWideAsTheCPU() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["blas"], in: dir, environment: ["OPENBLAS_CORETYPE": nil, "SEQBENCH_OPENBLAS_DETECTED": nil])
        #expect(r.status == 0 && r.stderr == "", "\(r)")
        let kernels = try #require(width(r.stdout, "kernels: "), "\(r)"), cpu = try #require(width(r.stdout, "cpu: "), "\(r)")
        #expect(kernels == cpu, "\(r)")
    }

    @Test func userSetCoretypeIsKept() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["blas"], in: dir, environment: ["OPENBLAS_CORETYPE": "Prescott", "SEQBENCH_OPENBLAS_DETECTED": nil])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("kernels: Prescott (older than AVX)\n"), "\(r)")
        #expect(r.stdout.contains("OPENBLAS_CORETYPE=Prescott: set in the environment\n"), "\(r)")
        #expect(r.stdout.contains("small-matrix kernels for the per-step products: no\n"), "\(r)")
        let value = try CLI.run(["blas", "--coretype"], in: dir, environment: ["OPENBLAS_CORETYPE": "Prescott"])
        #expect(value == CLI.Result(status: 0, stdout: "Prescott\n", stderr: ""))
    }
}
