import CBLAS

/// The per-step recurrent product `C (m × n) += A (m × k) · Bᵀ`, B row-major (n × k), through
/// `cblas_sgemm` in blocks that OpenBLAS answers with its small-matrix kernel.
///
/// A recurrent step multiplies a few batch rows by the whole recurrent weight matrix (B = 32 rows
/// against 2048 × 512 for a 512-unit LSTM). OpenBLAS's general path copies ("packs") the weight
/// matrix into its own layout on every call, and for 32 rows that copy costs as much as a third of
/// the product; the matrix changes only once per optimizer step, but OpenBLAS has no pre-packed
/// GEMM. Its small-matrix kernels (builds with SMALL_MATRIX_OPT, as Debian's 0.3.21, for the
/// SkylakeX, Cooper Lake and Sapphire Rapids cores) read B in place; `interface/gemm.c` takes
/// them when `gemm_small_kernel_permit` allows: M·N·K ≤ 100³, and for this form (column-major TN
/// once CBLAS has swapped the operands) M·N ≤ 1200 and K ≥ 32. Blocks of at most 32 rows ×
/// 32 columns × ⌈k / parts⌉ stay inside those bounds, so each block goes to that kernel,
/// single-threaded, with no buffer and no lock. On this machine's Cooper Lake core (measured with
/// a C loop over the same calls) that is 90–105 GFLOP/s against 60–75 for the same product in one
/// call, and 21–28 for 16 rows in one call. Callers may therefore run blocks on two threads at once.
///
/// (The Intel machines here run the SkylakeX kernels that `OpenBLASCore` selects; OpenBLAS
/// itself would load Prescott's, which have no small-matrix kernel.)
///
/// On other cores (`blocked == false`) one `sgemm` call does the whole product. Either way every
/// multiplication is OpenBLAS's; the blocks only change the order in which the k-sums are added,
/// so results differ from one call by float rounding, and are the same on every run.
enum StepProduct {
    /// Cores whose OpenBLAS build has SGEMM small-matrix kernels for x86-64.
    static let coresWithSmallKernels: Set<String> = ["skylakex", "cooperlake", "sapphirerapids"]
    /// OpenBLAS's core for this process (`openblas_get_corename`), lowercased.
    static let core: String = OpenBLASCore.name.lowercased()
    /// Whether `accumulate` splits products into small-kernel blocks on this machine.
    static let blocked: Bool = coresWithSmallKernels.contains(core)
    /// OpenBLAS's bound on M·N·K for its small-matrix kernel.
    static let smallKernelLimit = 1_000_000
    static let rowBlock = 32, columnBlock = 32

    /// `C += A · Bᵀ`: A (m × k, row stride lda), B (n × k, row stride ldb), C (m × n, row stride ldc).
    /// `blocked` (default: this machine's choice) selects blocks or one call (tests run both).
    /// - Complexity: 2·m·n·k FLOPs.
    @inline(__always)
    static func accumulate(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                           c: UnsafeMutablePointer<Float>, ldc: Int, blocked: Bool = StepProduct.blocked) {
        guard blocked, m > 1, k > 0 else {
            sgemm(transA: false, transB: true, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, beta: 1, c: c, ldc: ldc)
            return
        }
        // The k-blocks depend on k alone, so a row's sums come out the same whatever m is: rows
        // split over two threads give the numbers one thread gives.
        let mb = min(m, rowBlock), nb = min(n, columnBlock)
        let kMax = smallKernelLimit / (rowBlock * columnBlock)
        let parts = (k + kMax - 1) / kMax
        let kb = (k + parts - 1) / parts
        var i = 0
        while i < m {
            let rows = min(mb, m - i)
            var j = 0
            while j < n {
                let cols = min(nb, n - j)
                var p = 0
                while p < k {
                    let depth = min(kb, k - p)
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, blasint(rows), blasint(cols), blasint(depth), 1,
                                a + i * lda + p, blasint(lda), b + j * ldb + p, blasint(ldb), 1, c + i * ldc + j, blasint(ldc))
                    p += depth
                }
                j += cols
            }
            i += rows
        }
    }

    /// `dst (cols × rows) = srcᵀ`, src (rows × cols) row-major: the backward pass's `W_hhᵀ`, so
    /// that `dh = dA · W_hh` is the same `A · Bᵀ` form.
    /// - Complexity: O(rows · cols), in 32 × 32 tiles.
    static func transpose(_ src: UnsafePointer<Float>, rows: Int, cols: Int, into dst: UnsafeMutablePointer<Float>) {
        let tile = 32
        var r0 = 0
        while r0 < rows {
            var c0 = 0
            while c0 < cols {
                for r in r0..<min(r0 + tile, rows) {
                    for c in c0..<min(c0 + tile, cols) { dst[c * rows + r] = src[r * cols + c] }
                }
                c0 += tile
            }
            r0 += tile
        }
    }
}
