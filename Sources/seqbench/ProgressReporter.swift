import Foundation
import LanguageModels

/// Draws training progress on standard error: a one-line bar redrawn in place when standard error is
/// a terminal, plain lines (at most one per `plainInterval` seconds) otherwise.
final class ProgressReporter: @unchecked Sendable {  // called from the training thread only
    private let terminal: Bool
    private let plainInterval: Double
    private var lastPlain = -Double.infinity
    private var drewBar = false

    init(terminal: Bool, plainInterval: Double = 5) {
        self.terminal = terminal
        self.plainInterval = plainInterval
    }

    func report(_ p: TrainingProgress) {
        var parts = ["step \(p.step)" + (p.totalSteps.map { "/\($0)" } ?? "")]
        if p.loss.isFinite { parts.append(String(format: "loss %.4f", p.loss)) }
        if p.tokensPerSecond > 0 { parts.append("\(ProgressReporter.rate(p.tokensPerSecond)) tok/s") }
        if let total = p.totalSteps, p.step > 0, total > p.step, p.elapsedSeconds > 0 {
            parts.append("ETA " + ProgressReporter.duration(p.elapsedSeconds / Double(p.step) * Double(total - p.step)))
        }
        if let m = p.message { parts.append(m) }
        let text = parts.joined(separator: "  ")
        if terminal {
            var bar = ""
            if let total = p.totalSteps, total > 0 {
                let width = 24
                let filled = min(width, Int(Double(width) * Double(p.step) / Double(total)))
                bar = "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled) + "] "
            }
            printNote("\r\u{1B}[2K" + bar + text, terminator: "")
            drewBar = true
        } else if p.elapsedSeconds - lastPlain >= plainInterval || p.message != nil {
            lastPlain = p.elapsedSeconds
            printNote(text)
        }
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        if drewBar { printNote("") ; drewBar = false }
    }

    static func rate(_ x: Double) -> String {
        x >= 1e6 ? String(format: "%.2fM", x / 1e6) : x >= 1e3 ? String(format: "%.1fk", x / 1e3) : String(format: "%.0f", x)
    }

    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }
}
