import Foundation

extension TrainingProgress {
    /// One status line: `step 120/1000  loss 1.2345  12.3k tok/s  ETA 1:02  <message>`. The ETA
    /// extrapolates the mean time per step so far: elapsed / step × (total − step).
    public var statusLine: String {
        var parts = ["step \(step)" + (totalSteps.map { "/\($0)" } ?? "")]
        if loss.isFinite { parts.append(String(format: "loss %.4f", loss)) }
        if tokensPerSecond > 0 { parts.append("\(TrainingProgress.rate(tokensPerSecond)) tok/s") }
        if let eta = etaSeconds { parts.append("ETA " + TrainingProgress.duration(eta)) }
        if let message { parts.append(message) }
        return parts.joined(separator: "  ")
    }

    /// Seconds left at the mean pace so far, when the total is known and some steps are done.
    public var etaSeconds: Double? {
        guard let total = totalSteps, step > 0, total > step, elapsedSeconds > 0 else { return nil }
        return elapsedSeconds / Double(step) * Double(total - step)
    }

    /// `950`, `12.3k`, `4.56M`.
    public static func rate(_ x: Double) -> String {
        x >= 1e6 ? String(format: "%.2fM", x / 1e6) : x >= 1e3 ? String(format: "%.1fk", x / 1e3) : String(format: "%.0f", x)
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    public static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }
}
