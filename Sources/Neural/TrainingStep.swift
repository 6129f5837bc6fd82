import SeqbenchCore

extension NetworkWorkspace {
    /// One optimizer step over a batch of T steps × B rows, as `seqbench train` and the benchmark
    /// both take it: zero the gradients, forward with the loss, backward, clip to the global norm
    /// `clip` (off for `clip <= 0`), then `optimizer`'s update at learning rate `lr`. With two
    /// threads of seqbench's own (`twoThreads`) the elementwise passes (zeroing, scaling,
    /// the update) run in two halves (`PairedWorker.inHalves`), with the same numbers as one
    /// thread's. A non-finite loss is returned before the backward pass: the parameters and the
    /// optimizer are left as they were.
    /// - Parameters:
    ///   - gradients: `count` floats (the parameter layout's count), overwritten.
    ///   - rng: the dropout generator, nil for no dropout.
    /// - Returns: the mean cross-entropy over the T·B targets, in nats.
    public func trainingStep(parameters p: UnsafeMutablePointer<Float>, gradients g: UnsafeMutablePointer<Float>, count: Int,
                             optimizer: Optimizer, inputs: UnsafePointer<Int32>, targets: UnsafePointer<Int32>, steps T: Int,
                             clip: Double, lr: Double, rng: UnsafeMutablePointer<Xoshiro256>? = nil) -> Double {
        let parallel = twoThreads, n = Double(T * batch)
        PairedWorker.shared.inHalves(count: count, parallel: parallel) { r in
            (g + r.lowerBound).update(repeating: 0, count: r.count)
        }
        let loss = forward(parameters: p, inputs: inputs, targets: targets, steps: T, rng: rng) / n
        guard loss.isFinite else { return loss }
        backward(parameters: p, targets: targets, gradients: g, lossScale: 1 / Float(T * batch))
        clipGradientNorm(g, count: count, maxNorm: clip, parallel: parallel)
        optimizer.update(parameters: p, gradients: g, count: count, lr: lr, parallel: parallel)
        return loss
    }
}
