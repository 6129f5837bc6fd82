import Foundation
@testable import Plotting

/// The hand-made results fixture (Golden/fixture-results: two corpora, one named
/// `synthétique "markov"`, a model named `lstm "big" 2x64_ü`, a NaN in the data, samples with HTML
/// and a greedy loop) and the golden scripts drawn from it.
enum Fixture {
    /// The Golden folder as copied into the test bundle.
    static var golden: URL {
        Bundle.module.url(forResource: "Golden", withExtension: nil)!
    }

    /// The Golden folder in the source tree (where `SEQBENCH_RECORD_GOLDEN=1` writes).
    static func sourceGolden(_ file: String = #filePath) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static var results: URL { golden.appendingPathComponent("fixture-results") }

    /// A fresh copy of the fixture results in a temporary folder (tests write plots and reports).
    static func copyOfResults(_ label: String = #function) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("seqbench-plotting-\(ProcessInfo.processInfo.processIdentifier)-\(label.filter(\.isLetter))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent("results")
        try FileManager.default.copyItem(at: results, to: target)
        return target
    }

    /// Whether golden files are being re-recorded on purpose.
    static var recording: Bool { ProcessInfo.processInfo.environment["SEQBENCH_RECORD_GOLDEN"] == "1" }
}
