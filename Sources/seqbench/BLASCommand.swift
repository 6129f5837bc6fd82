import ArgumentParser
import Foundation
import Neural
import SeqbenchCore

/// `seqbench blas`: the OpenBLAS kernels this process runs, and why.
struct BLASCommand: SeqbenchCommand {
    static let configuration = CommandConfiguration(
        commandName: "blas",
        abstract: "Show which OpenBLAS kernels seqbench runs on this CPU.",
        discussion: """
        OpenBLAS picks its kernels when it loads. Where it does not know the CPU and falls back to \
        narrower kernels than the CPU runs, seqbench sets OPENBLAS_CORETYPE and restarts itself; \
        a value you set yourself is kept. '--coretype' prints the value in effect (empty if none).

        EXAMPLES:
          seqbench blas
          OPENBLAS_CORETYPE="$(seqbench blas --coretype)" swift test
        """
    )

    @Flag(help: "Print only the OPENBLAS_CORETYPE in effect (empty when OpenBLAS's own choice stands).")
    var coretype = false

    func execute() throws {
        let env = ProcessInfo.processInfo.environment
        if coretype {
            printOut((env["OPENBLAS_CORETYPE"] ?? "") + "\n")
            return
        }
        let flags = OpenBLASCore.cpuFlags()
        let widths = OpenBLASCore.widthNames
        var lines = [
            "OpenBLAS: \(OpenBLASCore.config)",
            "kernels: \(OpenBLASCore.name) (\(widths[OpenBLASCore.tier(ofCore: OpenBLASCore.name)]))",
            "cpu: \(widths[OpenBLASCore.tier(ofFlags: flags)])",
        ]
        if let detected = env[OpenBLASCore.detectedVariable], let set = env["OPENBLAS_CORETYPE"] {
            lines.append("OPENBLAS_CORETYPE=\(set): set by seqbench, OpenBLAS chose \(detected) for this CPU")
        } else if let set = env["OPENBLAS_CORETYPE"] {
            lines.append("OPENBLAS_CORETYPE=\(set): set in the environment")
        } else {
            lines.append("OPENBLAS_CORETYPE: unset, OpenBLAS's own choice")
        }
        lines.append("small-matrix kernels for the per-step products: \(OpenBLASCore.hasSmallKernels ? "yes" : "no")")
        printOut(lines.joined(separator: "\n") + "\n")
    }
}
