import Testing
@testable import Neural

/// `OpenBLASCore`: when seqbench replaces OpenBLAS's choice of kernels, worked out by hand from
/// the flags each kernel family needs.
@Suite struct OpenBLASCoreTests {
    static let avx512: Set<String> = ["sse3", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

    @Test func overridesOnlyWhenOpenBLASChoseNarrowerKernels() {
        // The Emerald Rapids case: Prescott loaded on an AVX-512 CPU.
        #expect(OpenBLASCore.override(core: "Prescott", flags: Self.avx512) == "SkylakeX")
        // Recognised CPUs keep OpenBLAS's choice, whatever its spelling.
        #expect(OpenBLASCore.override(core: "Cooperlake", flags: Self.avx512) == nil)
        #expect(OpenBLASCore.override(core: "SKYLAKEX", flags: Self.avx512) == nil)
        #expect(OpenBLASCore.override(core: "Zen", flags: ["avx", "avx2", "fma"]) == nil)
        // AVX-512 without BW (Knights Landing's subset) is not enough for the SkylakeX kernels.
        #expect(OpenBLASCore.override(core: "Prescott", flags: Self.avx512.subtracting(["avx512bw"])) == "Haswell")
        #expect(OpenBLASCore.override(core: "Nehalem", flags: ["avx"]) == "SandyBridge")
        #expect(OpenBLASCore.override(core: "Prescott", flags: ["sse3"]) == nil)
        #expect(OpenBLASCore.override(core: "Haswell", flags: Self.avx512) == "SkylakeX")
        #expect(OpenBLASCore.override(core: "Prescott", flags: []) == nil)
    }

    @Test func flagsComeFromTheFirstProcessor() {
        let cpuinfo = """
        processor\t: 0
        model name\t: Intel(R) Xeon(R) Processor
        flags\t\t: fpu sse3 avx2 fma avx512f
        bugs\t\t: spectre_v1

        processor\t: 1
        flags\t\t: fpu
        """
        #expect(OpenBLASCore.flags(cpuinfo: cpuinfo) == ["fpu", "sse3", "avx2", "fma", "avx512f"])
        #expect(OpenBLASCore.flags(cpuinfo: "processor : 0\n") == [])
    }
}
