import CBLAS

/// Row-major `C = alpha · op(A) · op(B) + beta · C` through OpenBLAS's `cblas_sgemm`, with
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
