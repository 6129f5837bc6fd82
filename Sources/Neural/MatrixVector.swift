import CBLAS

/// `y (rows) = alpha · W x + beta · y`, W row-major (rows × cols, row stride `ld`), x contiguous:
/// one single-threaded OpenBLAS call, the product of every batch-1 step.
///
/// OpenBLAS 0.3.21 offers more than one call for it. `cblas_sgemv` streams W through its `sgemv_t`
/// kernel. `cblas_sgemm` with M = 1 and W transposed becomes, once CBLAS has swapped the operands,
/// a column-major TN product of W's rows by x, which on the cores with small-matrix kernels
/// (`StepProduct.blocked`) goes to `sgemm_small_kernel_tn` when the permit allows (rows·cols ≤
/// 100³, rows ≤ 1200, cols ≥ 32) and reads W in place, four rows at a time. So on those cores the
/// rows go in blocks inside that permit (outside it sgemm would pack all of W on every call);
/// elsewhere, and for cols < 32, it is sgemv.
///
/// Measured with a C loop of the sampling step on this machine's Cooper Lake core (two threads,
/// 5 interleaved runs, medians, `Benchmarks/README.md`): 37.2K against 32.4K tokens/s (sgemv) for
/// a 2 × 512 RNN, 15.1K against 13.6K for a 2 × 512 GRU. The NN form (`sgemm` with N = 1) is 2–4%
/// faster still, but its kernel mallocs a copy of x on every call, and the batch-1 step allocates
/// nothing (`SingleStreamStepperTests`).
///
/// Every form is OpenBLAS's; they differ only in the order of each row's sum, and each row's sum is
/// the same whichever block holds the row. `reversed` runs the small-kernel form's row blocks
/// from the last (`SingleStreamStepper` does on every other step, so that a step starts on the
/// weights still in L2); sgemv ignores it.
/// - Parameter smallKernel: whether the sgemm form may be used (default: this machine's choice;
///   tests run both).
/// - Complexity: 2·rows·cols FLOPs.
@inline(__always)
func matrixVector(_ w: UnsafePointer<Float>, rows: Int, cols: Int, ld: Int, x: UnsafePointer<Float>,
                  alpha: Float = 1, beta: Float, into y: UnsafeMutablePointer<Float>,
                  smallKernel: Bool = StepProduct.blocked, reversed: Bool = false) {
    if rows == 0 { return }
    if cols == 0 {
        // BLAS leaves y untouched only for beta == 1; honour beta ourselves for the empty product.
        if beta != 1 { for r in 0..<rows { y[r] *= beta } }
        return
    }
    guard smallKernel && cols >= 32 && cols <= StepProduct.smallKernelLimit else {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, blasint(rows), blasint(cols), alpha, w, blasint(ld), x, 1, beta, y, 1)
        return
    }
    let block = matrixVectorBlock(cols: cols)
    func rowBlock(_ r: Int) {
        let n = min(block, rows - r)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, 1, blasint(n), blasint(cols),
                    alpha, x, blasint(cols), w + r * ld, blasint(ld), beta, y + r, blasint(n))
    }
    forEach(in: 0..<rows, by: block, reversed: reversed, rowBlock)
}

/// The rows per call of `matrixVector`'s small-kernel form: within the kernel's permit, and about
/// 512 KB of W (at least 64 rows), a multiple of 16, so that a reversed pass turns back at a
/// granularity well below a core's L2.
@inline(__always)
func matrixVectorBlock(cols: Int) -> Int {
    let permit = min(matrixVectorRowBlock, StepProduct.smallKernelLimit / cols)
    let b = min(permit, max(64, matrixVectorBlockFloats / cols))
    return b >= 16 ? b & ~15 : b
}

/// About 512 KB of floats: the weight block one small-kernel call of `matrixVector` reads.
let matrixVectorBlockFloats = 1 << 17

/// The largest row block `matrixVector` gives OpenBLAS's TN small kernel (its permit: M·N ≤ 1200).
let matrixVectorRowBlock = 1200
