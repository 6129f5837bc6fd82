import CBLAS

/// Row-major `C = alpha · op(A) · op(B) + beta · C` through OpenBLAS's `cblas_sgemm` (`cblas_sgemv`
/// when `op(A)` is a single row), with
/// `op(A)` (M × K), `op(B)` (K × N), `C` (M × N); `lda`, `ldb`, `ldc` are row strides.
/// - Complexity: 2·M·N·K FLOPs.
@inline(__always)
func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
           a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
           beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        // BLAS leaves C untouched only for beta == 1; honour beta ourselves for the empty product.
        if beta != 1 { for i in 0..<m { for j in 0..<n { c[i * ldc + j] *= beta } } }
        return
    }
    if m == 1 {
        // A row vector times a matrix: OpenBLAS 0.3.21's sgemm packs the whole matrix for M = 1
        // (two thirds of a batch-1 sampling step went to sgemm_incopy), so use the matrix–vector
        // routine, which streams the matrix once. c (1 × n) = a (1 × k) · op(B).
        let incA = blasint(transA ? lda : 1)
        if transB {   // B is (n × k): c = B · aᵀ
            cblas_sgemv(CblasRowMajor, CblasNoTrans, blasint(n), blasint(k), alpha, b, blasint(ldb), a, incA, beta, c, 1)
        } else {      // B is (k × n): c = Bᵀ · aᵀ
            cblas_sgemv(CblasRowMajor, CblasTrans, blasint(k), blasint(n), alpha, b, blasint(ldb), a, incA, beta, c, 1)
        }
        return
    }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
}

/// BLAS threads for every later matrix product (`openblas_set_num_threads`).
public enum BLASThreads {
    public static func set(_ n: Int) {
        precondition(n > 0, "threads must be > 0, got \(n)")
        openblas_set_num_threads(Int32(n))
    }
    public static var current: Int { Int(openblas_get_num_threads()) }
}
