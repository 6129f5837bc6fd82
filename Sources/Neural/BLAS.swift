import CBLAS

/// Row-major `C = alpha · op(A) · op(B) + beta · C` through OpenBLAS's `cblas_sgemm` (`cblas_sgemv`
/// when `op(A)` is a single row), with
/// `op(A)` (M × K), `op(B)` (K × N), `C` (M × N); `lda`, `ldb`, `ldc` are row strides.
///
/// With two threads on a core where seqbench splits work itself (`BLASThreads.paired`), a large
/// product is cut in two along its larger side (rows of C, or columns) and the halves run on
/// `PairedWorker`, each one single-threaded OpenBLAS call (`split` defaults to that mode; tests
/// pass it explicitly).
/// - Complexity: 2·M·N·K FLOPs.
@inline(__always)
func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
           a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
           beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, split: Bool = BLASThreads.paired) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        // BLAS leaves C untouched only for beta == 1; honour beta ourselves for the empty product.
        if beta != 1 { for i in 0..<m { for j in 0..<n { c[i * ldc + j] *= beta } } }
        return
    }
    if split && BLASSplit.worthSplitting(m: m, n: n, k: k) {
        // Halves along the larger of M and N (for M = 1: N, the rows of the matrix–vector product).
        let alongRows = m >= n && m > 1
        let whole = alongRows ? m : n, half = (whole + 1) / 2
        PairedWorker.shared.run(parallel: true) { part in
            let lo = part == 0 ? 0 : half, count = part == 0 ? half : whole - half
            if alongRows {
                sgemm(transA: transA, transB: transB, m: count, n: n, k: k, alpha: alpha,
                      a: transA ? a + lo : a + lo * lda, lda: lda, b: b, ldb: ldb, beta: beta, c: c + lo * ldc, ldc: ldc, split: false)
            } else {
                sgemm(transA: transA, transB: transB, m: m, n: count, k: k, alpha: alpha, a: a, lda: lda,
                      b: transB ? b + lo * ldb : b + lo, ldb: ldb, beta: beta, c: c + lo, ldc: ldc, split: false)
            }
        }
        return
    }
    if m == 1 {
        // A row vector times a matrix: OpenBLAS 0.3.21's general sgemm packs the whole matrix for
        // M = 1 (two thirds of a batch-1 sampling step went to sgemm_incopy), so use a form that
        // reads the matrix in place (`matrixVector`, or sgemv). c (1 × n) = a (1 × k) · op(B).
        let incA = blasint(transA ? lda : 1)
        if transB && !transA {   // B is (n × k), a contiguous: c = B · aᵀ
            matrixVector(b, rows: n, cols: k, ld: ldb, x: a, alpha: alpha, beta: beta, into: c)
        } else if transB {
            cblas_sgemv(CblasRowMajor, CblasNoTrans, blasint(n), blasint(k), alpha, b, blasint(ldb), a, incA, beta, c, 1)
        } else {      // B is (k × n): c = Bᵀ · aᵀ
            cblas_sgemv(CblasRowMajor, CblasTrans, blasint(k), blasint(n), alpha, b, blasint(ldb), a, incA, beta, c, 1)
        }
        return
    }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
}

/// When `sgemm` splits a product over the two threads.
enum BLASSplit {
    /// A hand-over to the spinning worker costs about a microsecond: split products of at least
    /// 2 MFLOP (~20 µs on one core), and matrix–vector products over at least 128K matrix entries
    /// (512 KB, ~8 µs of memory traffic), the batch-1 sampling step's recurrent and output products.
    static func worthSplitting(m: Int, n: Int, k: Int) -> Bool {
        m == 1 ? n >= 2 && n * k >= 131_072 : 2 * m * n * k >= 2_000_000
    }
}

/// Threads for every later matrix product.
///
/// On cores where the per-step products run in small-kernel blocks (`StepProduct.blocked`), two
/// threads are seqbench's own (`paired`): OpenBLAS runs single-threaded, the time loops split the
/// batch rows and `sgemm` splits large products over `PairedWorker`. OpenBLAS's own pool would
/// otherwise keep a thread spinning (`sched_yield`, up to 2²⁸ cycles after each call) on one of
/// the two cores while both halves of a time loop run. Other thread counts, and other cores, set
/// OpenBLAS's threads (`openblas_set_num_threads`).
public enum BLASThreads {
    nonisolated(unsafe) private static var requested = Int(openblas_get_num_threads())
    /// Whether two threads are seqbench's own (see the type's documentation).
    nonisolated(unsafe) private(set) static var paired = false

    public static func set(_ n: Int) {
        precondition(n > 0, "threads must be > 0, got \(n)")
        requested = n
        paired = n == 2 && StepProduct.blocked
        openblas_set_num_threads(Int32(paired ? 1 : n))
    }
    /// The threads asked for (OpenBLAS's own count while none was set).
    public static var current: Int { requested }
}
