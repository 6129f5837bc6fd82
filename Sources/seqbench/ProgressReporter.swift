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
        let text = p.statusLine
        if terminal {
            var bar = ""
            if let total = p.totalSteps, total > 0 {
                let width = 24
                let filled = max(0, min(width, Int(Double(width) * Double(p.step) / Double(total))))
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
        if drewBar { printNote(""); drewBar = false }
    }
}
