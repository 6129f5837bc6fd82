import Foundation
import LanguageModels

/// Draws training progress on standard error: a one-line bar redrawn in place when standard error is
/// a terminal, plain lines (at most one per `plainInterval` seconds) otherwise. A progress with a
/// message (a validation, a checkpoint, a resume) is always printed, and on a terminal it stays
/// above the bar instead of being drawn over.
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
            if p.message != nil {
                printNote("\r\u{1B}[2K" + text)
                drewBar = false
            } else {
                printNote("\r\u{1B}[2K" + bar + text, terminator: "")
                drewBar = true
            }
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
