import Foundation

/// Learning rate as a function of the step (0-based, the step about to be taken):
///
///     warm-up (s < w):  lr · (s + 1) / w
///     constant:         lr
///     step:             lr · γ^⌊s / step_size⌋                       (torch's StepLR)
///     cosine:           lr_min + (lr − lr_min) · (1 + cos(π · s / S)) / 2   (Loshchilov & Hutter 2017, no restarts)
///
/// with S the total steps. The position is the step itself, so a checkpoint's step restores it.
public struct LearningRateSchedule: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, CaseIterable, Codable { case constant, step, cosine }
    public var kind: Kind
    public var lr: Double
    public var totalSteps: Int
    public var stepSize: Int
    public var gamma: Double
    public var warmup: Int
    public var minLR: Double

    public init(kind: Kind, lr: Double, totalSteps: Int, stepSize: Int = 1000, gamma: Double = 0.5, warmup: Int = 0, minLR: Double = 0) {
        precondition(stepSize > 0, "step_size must be > 0, got \(stepSize)")
        self.kind = kind; self.lr = lr; self.totalSteps = totalSteps; self.stepSize = stepSize
        self.gamma = gamma; self.warmup = warmup; self.minLR = minLR
    }

    /// - Complexity: O(1).
    public func rate(at s: Int) -> Double {
        var r: Double
        switch kind {
        case .constant: r = lr
        case .step: r = lr * pow(gamma, Double(s / stepSize))
        case .cosine:
            let frac = totalSteps > 0 ? min(1, Double(s) / Double(totalSteps)) : 0
            r = minLR + (lr - minLR) * (1 + cos(Double.pi * frac)) / 2
        }
        if s < warmup { r *= Double(s + 1) / Double(warmup) }
        return r
    }
}
