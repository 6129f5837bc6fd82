import CBLAS

/// The per-step recurrent product `C (m × n) += A (m × k) · R (k × n)`, R packed once into column
/// panels and multiplied through `cblas_sgemm` in blocks that OpenBLAS answers with its
/// small-matrix kernel.
///
/// A recurrent step multiplies a few batch rows by the whole recurrent weight matrix (B = 32 rows
/// against 2048 × 512 for a 512-unit LSTM). OpenBLAS's general path copies ("packs") the weight
/// matrix into its own layout on every call, and for 32 rows that copy costs as much as a third of
/// the product; the matrix changes only once per optimizer step, but OpenBLAS has no pre-packed
/// GEMM. Its small-matrix kernels (builds with SMALL_MATRIX_OPT, as Debian's 0.3.21, for the
/// SkylakeX, Cooper Lake and Sapphire Rapids cores) read their operands in place; `interface/gemm.c`
/// takes them when `gemm_small_kernel_permit` allows, for this form (column-major NN once CBLAS
/// has swapped the operands) when M·N·K ≤ 100³.
///
/// So seqbench packs R itself, once per pass and layer (`pack`): panels of `panelWidth` columns,
/// each a contiguous (k × width) block. A call multiplies at most `rowBlock` rows by one panel's
/// rows [p, p + depth) (at most 64 × 16 × 976, inside the permit): the NN kernel's 64 × 4 tile
/// walks the panel in order, from L2 (each panel row on whole cache lines: `FloatBuffer` starts on
/// one), with no buffer and no lock, single-threaded, so callers may
/// run blocks on two threads at once. In a C loop over lstm large's calls on this kind of machine
/// (Xeon model 207, SkylakeX kernels, two threads with 16 rows each) the backward product ran at
/// 125–210 GFLOP/s against 95–150 for the column-major TN blocks over the unpacked matrix that
/// seqbench used before, and the forward product at 145–200 against 125–190; the NN form over
/// the unpacked W_hhᵀ managed 80–110 (its 8 KB row stride puts a block's rows in a few cache
/// sets). End to end, Neural's documentation.
///
/// (The Intel machines here run the SkylakeX kernels that `OpenBLASCore` selects; OpenBLAS
/// itself would load Prescott's, which have no small-matrix kernel.)
///
/// On other cores (`blocked == false`) callers make one `sgemm` call over the unpacked matrix.
/// Either way every multiplication is OpenBLAS's; the blocks only change the order in which the
/// k-sums are added, so results differ from one call by float rounding, and are the same on every
/// run.
enum StepProduct {
    /// Cores whose OpenBLAS build has SGEMM small-matrix kernels for x86-64.
    static let coresWithSmallKernels: Set<String> = ["skylakex", "cooperlake", "sapphirerapids"]
    /// OpenBLAS's core for this process (`openblas_get_corename`), lowercased.
    static let core: String = OpenBLASCore.name.lowercased()
    /// Whether the per-step products run in packed small-kernel blocks on this machine.
    static let blocked: Bool = coresWithSmallKernels.contains(core)
    /// OpenBLAS's bound on M·N·K for its small-matrix kernel.
    static let smallKernelLimit = 1_000_000
    /// Columns per panel: the NN kernel's widest tile (64 rows of its column-major M).
    static let panelWidth = 64
    /// Rows per call.
    static let rowBlock = 16

    /// The depth of a call's k-block: the same for every call of a product, and a function of k
    /// alone, so a row's sums come out the same whatever m is (rows split over two threads give
    /// the numbers one thread gives).
    static func depth(k: Int) -> Int {
        let kMax = smallKernelLimit / (panelWidth * rowBlock)
        let parts = max(1, (k + kMax - 1) / kMax)
        return (k + parts - 1) / parts
    }

    /// The last columns that go through a zero-padded panel of 16: the 1 to 8 columns past a
    /// multiple of 16, when k ≥ 32. OpenBLAS's NN kernel runs such a tail through a dot-product
    /// path that sums a column's products in an order that depends on how many rows share the
    /// call (measured: `rowsIndependentOfTheirCall` fails with them; so does its TN kernel for
    /// tails that are not a multiple of 4), and that path mallocs on every call. A 16-wide panel
    /// takes the kernel's 16-row tile instead. Otherwise 0.
    static func tailColumns(n: Int, k: Int) -> Int {
        let t = n % 16
        return t >= 1 && t <= 8 && k >= 32 ? t : 0
    }

    /// The floats `pack` writes for R (k × n).
    static func packedCount(k: Int, n: Int) -> Int {
        let t = tailColumns(n: n, k: k)
        return k * (n - t + (t > 0 ? 16 : 0))
    }

    /// Packs R (k × n), element (p, j) at `r[p · rowStride + j · columnStride]`, into `panels`
    /// (`packedCount` floats): panel j₀ (columns [j₀, j₀ + w), w ≤ 64) is the row-major (k × w)
    /// block at `panels + j₀ · k`. With t = `tailColumns` > 0 the last t columns are a (k × 16)
    /// panel at `panels + (n − t) · k` whose other 16 − t columns are zero. `W_hhᵀ` (forward) is
    /// `rowStride` 1, `columnStride` H over W_hh; `W_hh` (backward) is `rowStride` H,
    /// `columnStride` 1.
    /// - Complexity: O(k · n).
    static func pack(k: Int, n: Int, _ r: UnsafePointer<Float>, rowStride: Int, columnStride: Int,
                     into panels: UnsafeMutablePointer<Float>) {
        let t = tailColumns(n: n, k: k), body = n - t
        var j0 = 0
        while j0 < n {
            let w = j0 < body ? min(panelWidth, body - j0) : t, stride = j0 < body ? w : 16, dst = panels + j0 * k
            for p in 0..<k {
                let src = r + p * rowStride + j0 * columnStride, row = dst + p * stride
                for j in 0..<w { row[j] = src[j * columnStride] }
                for j in w..<stride { row[j] = 0 }
            }
            j0 += w
        }
    }

    /// `C += A · R`: A (m × k, row stride lda), R packed by `pack(k:n:…)`, C (m × n, row stride ldc).
    /// Tail columns are summed in a 16-wide scratch on the stack and then added to C.
    ///
    /// `reversed` takes the panels from the last to the first (the time loops do on every other
    /// step): a step then starts on the panels the step before ended on, which are still in the
    /// core's L2 when R is somewhat larger than it (lstm large's 4 MB W_hh, or a core's 2 MB half
    /// of it). Each column's sums are the same either way; only the order of the calls changes.
    /// - Complexity: 2·m·n·k FLOPs.
    @inline(__always)
    static func accumulate(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, panels: UnsafePointer<Float>,
                           c: UnsafeMutablePointer<Float>, ldc: Int, reversed: Bool = false) {
        guard m > 0, k > 0 else { return }
        let kb = depth(k: k), t = tailColumns(n: n, k: k), body = n - t
        /// Rows [i, i + rows) of C's columns [j₀, j₀ + w) += A · the panel (row stride `width`).
        func blocks(_ i: Int, _ rows: Int, _ panel: UnsafePointer<Float>, width: Int, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
            var p = 0
            while p < k {
                let d = min(kb, k - p)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(rows), blasint(width), blasint(d), 1,
                            a + i * lda + p, blasint(lda), panel + p * width, blasint(width), 1, c, blasint(ldc))
                p += d
            }
        }
        /// Panel j₀ (columns [j₀, j₀ + w)) for every row block.
        func panel(_ j0: Int) {
            let w = min(panelWidth, body - j0), panel = panels + j0 * k
            var i = 0
            while i < m {
                let rows = min(rowBlock, m - i)
                blocks(i, rows, panel, width: w, c + i * ldc + j0, ldc: ldc)
                i += rows
            }
        }
        /// The tail panel (t > 0), summed in a 16-wide scratch and added to C's last t columns.
        func tail() {
            guard t > 0 else { return }
            withUnsafeTemporaryAllocation(of: Float.self, capacity: rowBlock * 16) { scratch in
                let s = scratch.baseAddress!
                var i = 0
                while i < m {
                    let rows = min(rowBlock, m - i)
                    s.initialize(repeating: 0, count: rows * 16)
                    blocks(i, rows, panels + body * k, width: 16, s, ldc: 16)
                    for r in 0..<rows {
                        let cr = c + (i + r) * ldc + body, sr = s + r * 16
                        for j in 0..<t { cr[j] += sr[j] }
                    }
                    i += rows
                }
            }
        }
        if reversed { tail() }
        forEach(in: 0..<body, by: panelWidth, reversed: reversed, panel)
        if !reversed { tail() }
    }
}
